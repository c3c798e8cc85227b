// Inspect: which Pods on a node have an address from the pod network, and which share the node's
// own (hostNetwork: kube-proxy, flannel, the control plane's static Pods).
import {readCount} from '../../../quiz/normalize.js';
import {cidrContains} from '../../../sim/net/cidr.js';
import {answerCheck} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, NODES, TASK_VERSION} from '../common.js';

export const podsOnPodNetwork: TaskTemplate = {
	id: 'pods-on-pod-network',
	group: 'inspect',
	title: 'Count the Pods on a node that use the pod network',
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const node = random.pick(NODES);
		const podFile = `${dir}/${random.pick(['pod-network-pods', 'count-pod-ips', 'cni-pods'])}`;
		const hostFile = `${dir}/${random.pick(['host-network-pods', 'count-node-ips', 'hostnet-pods'])}`;
		return {
			text: `On ${node}, count the Pods (all namespaces) whose IP comes from the pod network, and those that use the node's own IP (host network). Write the first number to ${podFile} and the second to ${hostFile}, both on controlplane.`,
			hint: '`kubectl get pods -A -o wide --field-selector spec.nodeName=NODE`: compare each IP with the node\'s INTERNAL-IP.',
			solution: [
				`mkdir -p ${dir}`,
				`kubectl get pods -A -o wide --field-selector spec.nodeName=${node} --no-headers | grep -c ' 10\\.244\\.' > ${podFile}`,
				`kubectl get pods -A -o wide --field-selector spec.nodeName=${node} --no-headers | grep -vc ' 10\\.244\\.' > ${hostFile}`,
			],
			check(world) {
				const podNetwork = world.cluster.clusterCIDR ?? '10.244.0.0/16';
				const pods = world.cluster.pods().filter((p) => p.spec.nodeName === node && p.status.podIP);
				const onPodNetwork = pods.filter((p) => cidrContains(podNetwork, p.status.podIP!)).length;
				const onHost = pods.length - onPodNetwork;
				return [
					answerCheck(world, 'controlplane', podFile, `${podFile} holds how many Pods on ${node} have a pod-network IP (${onPodNetwork})`, readCount, (n) => n === onPodNetwork),
					answerCheck(world, 'controlplane', hostFile, `${hostFile} holds how many Pods on ${node} use the node's IP (${onHost})`, readCount, (n) => n === onHost),
				];
			},
		};
	},
};
