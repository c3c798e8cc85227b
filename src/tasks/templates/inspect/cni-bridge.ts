// Inspect: the bridge flannel's CNI config has the bridge plugin create on each node (cni0): its
// address is the first of the node's pod CIDR, and every Pod there uses it as default gateway.
import {readEndpoint} from '../../../quiz/normalize.js';
import {indexedIP} from '../../../sim/net/cidr.js';
import {check, failed, readAnswerFile, shown} from '../../checks.js';
import type {Check, TaskTemplate} from '../../types.js';
import {courseDir, TASK_VERSION, WORKER_NODES} from '../common.js';

export const cniBridge: TaskTemplate = {
	id: 'cni-bridge',
	group: 'inspect',
	title: "The CNI bridge on a node and its Pods' gateway",
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const node = random.pick(WORKER_NODES);
		const nameFile = `${dir}/bridge`;
		const ipFile = `${dir}/${random.pick(['gateway', 'bridge-ip', 'gw.txt'])}`;
		return {
			text: `On ${node}, the CNI plugin created a bridge that the node's Pods are attached to. Write the bridge interface's name to ${nameFile}, and its IPv4 address (the default gateway of ${node}'s Pods, without prefix length) to ${ipFile}, both on controlplane.`,
			hint: "`ip link` / `ip addr` on the node; flannel's CNI config delegates to the bridge plugin, whose bridge holds the first address of the node's pod CIDR.",
			solution: [`mkdir -p ${dir}`, `ssh ${node} ip -br link`, `echo cni0 > ${nameFile}`, `ssh ${node} ip addr show cni0 | grep -o 'inet [0-9.]*' | cut -d' ' -f2 > ${ipFile}`],
			check(world) {
				const podCIDR = world.cluster.api.peekOne('Node', node)?.spec.podCIDR;
				const checks: Check[] = [];
				const nameRequirement = `${nameFile} names ${node}'s CNI bridge (cni0)`;
				const name = readAnswerFile(world, 'controlplane', nameFile, nameRequirement);
				checks.push('check' in name ? name.check : check(nameRequirement, name.text.trim() === 'cni0', `${nameFile} holds ${shown(name.text)}`));
				const ipRequirement = `${ipFile} holds the bridge's address`;
				if (!podCIDR) return [...checks, failed(ipRequirement, `${node} has no pod CIDR`)];
				const gateway = indexedIP(podCIDR, 1);
				const ip = readAnswerFile(world, 'controlplane', ipFile, `${ipRequirement} (${gateway})`);
				if ('check' in ip) return [...checks, ip.check];
				const read = readEndpoint(`${ip.text.trim()}:1`);
				checks.push(check(`${ipRequirement} (${gateway})`, read.ok && read.value.ip === gateway, `${ipFile} holds ${shown(ip.text)}`));
				return checks;
			},
		};
	},
};
