// Inspect: the nameserver a node's kubelet writes into its Pods' resolv.conf (clusterDNS in
// /var/lib/kubelet/config.yaml), which must be the kube-dns Service's IP.
import {readEndpoint} from '../../../quiz/normalize.js';
import {check, failed, readAnswerFile, shown} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, NODES, TASK_VERSION} from '../common.js';

const KUBELET_CONFIG = '/var/lib/kubelet/config.yaml';

export const kubeletDNS: TaskTemplate = {
	id: 'kubelet-dns',
	group: 'inspect',
	title: "The nameserver a node's kubelet gives its Pods",
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const node = random.pick(NODES);
		const file = `${dir}/${random.pick(['cluster-dns', 'nameserver.txt', 'kubelet-dns'])}`;
		return {
			text: `Pods on ${node} get their nameserver from the kubelet's configuration on that node. Write the address it configures to ${file} on controlplane.`,
			hint: `The kubelet's config file is ${KUBELET_CONFIG} on each node: clusterDNS.`,
			solution: [`mkdir -p ${dir}`, `ssh ${node} grep -A1 clusterDNS ${KUBELET_CONFIG} | grep -o '[0-9.]*' > ${file}`],
			check(world) {
				const config = world.fs(node).read(KUBELET_CONFIG);
				const dns = /clusterDNS:\s*\n\s*-\s*([0-9.]+)/.exec(config ?? '')?.[1];
				const requirement = `${file} holds ${node}'s kubelet clusterDNS${dns ? ` (${dns})` : ''}`;
				if (!dns) return [failed(requirement, `${KUBELET_CONFIG} on ${node} names no clusterDNS`)];
				const answer = readAnswerFile(world, 'controlplane', file, requirement);
				if ('check' in answer) return [answer.check];
				const read = readEndpoint(`${answer.text.trim()}:53`);
				return [check(requirement, read.ok && read.value.ip === dns, `${file} holds ${shown(answer.text)}`)];
			},
		};
	},
};
