// Inspect: the mode kube-proxy runs in. kubeadm's ConfigMap says `mode: ""`, which means
// iptables on Linux: the Pod's log ("Using iptables Proxier") is where it is plain.
import {failed, readAnswerFile, check, shown} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, NODES, TASK_VERSION} from '../common.js';

const MODES = ['iptables', 'ipvs', 'nftables', 'kernelspace'];

export const proxyMode: TaskTemplate = {
	id: 'proxy-mode',
	group: 'inspect',
	title: 'Write the mode kube-proxy runs in',
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const node = random.pick(NODES);
		const file = `${dir}/${random.pick(['proxy-mode', 'kube-proxy-mode.txt', 'mode.txt'])}`;
		return {
			text: `Find out which proxy mode kube-proxy uses on ${node} and write it (one word, e.g. ipvs) to ${file} on controlplane.`,
			hint: 'An empty `mode` in the kube-proxy ConfigMap means the default; the kube-proxy Pod\'s log says which proxier it started.',
			solution: [
				`mkdir -p ${dir}`,
				`kubectl -n kube-system logs $(kubectl -n kube-system get pods -l k8s-app=kube-proxy --field-selector spec.nodeName=${node} -o name) | grep -o 'Using [a-z]* Proxier' | cut -d' ' -f2 > ${file}`,
			],
			check(world) {
				const requirement = `${file} names the proxy mode of kube-proxy on ${node}`;
				const proxy = world.cluster.kubeProxy(node);
				if (!proxy) return [failed(requirement, `${node} runs no kube-proxy`)];
				// The engine's kube-proxy is the iptables proxier (the only mode it models, kubeadm's default on Linux).
				const mode = 'iptables';
				const answer = readAnswerFile(world, 'controlplane', file, requirement);
				if ('check' in answer) return [answer.check];
				const named = MODES.filter((m) => new RegExp(`\\b${m}\\b`, 'i').test(answer.text));
				return [check(`${requirement} (${mode})`, named.length === 1 && named[0] === mode, `${file} holds ${shown(answer.text)}${named.length === 0 ? ', which names no proxy mode' : ''}`)];
			},
		};
	},
};
