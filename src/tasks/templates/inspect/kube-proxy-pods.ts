// Inspect: kube-proxy runs as a DaemonSet, one Pod per node: which one is on a node, and how many.
import {readCount} from '../../../quiz/normalize.js';
import {answerCheck, check, readAnswerFile, shown} from '../../checks.js';
import type {TaskTemplate, TaskWorld} from '../../types.js';
import {courseDir, NODES, TASK_VERSION} from '../common.js';

function proxyPods(world: TaskWorld) {
	return world.cluster.api.peek('Pod').filter((p) => p.metadata.namespace === 'kube-system' && p.metadata.labels?.['k8s-app'] === 'kube-proxy');
}

export const kubeProxyPods: TaskTemplate = {
	id: 'kube-proxy-pods',
	group: 'inspect',
	title: 'Find the kube-proxy Pod on a node and count them all',
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const node = random.pick(NODES);
		const nameFile = `${dir}/${random.pick(['proxy-pod.txt', 'pod-name', 'kube-proxy-pod', `${node}-proxy`])}`;
		const countFile = `${dir}/${random.pick(['proxy-count.txt', 'count', 'pods-total', 'number-of-proxies'])}`;
		return {
			text: `Write the name of the kube-proxy Pod that runs on ${node} to ${nameFile}, and the number of kube-proxy Pods in the cluster to ${countFile} (both on controlplane).`,
			hint: 'kube-proxy runs in kube-system with the label k8s-app=kube-proxy; `-o wide` shows the node of each Pod.',
			solution: [
				`mkdir -p ${dir}`,
				`kubectl -n kube-system get pods -l k8s-app=kube-proxy --field-selector spec.nodeName=${node} -o jsonpath='{.items[0].metadata.name}' > ${nameFile}`,
				`kubectl -n kube-system get pods -l k8s-app=kube-proxy --no-headers | wc -l > ${countFile}`,
			],
			check(world) {
				const pods = proxyPods(world);
				const onNode = pods.filter((p) => p.spec.nodeName === node).map((p) => p.metadata.name);
				const nameRequirement = `${nameFile} holds the name of the kube-proxy Pod on ${node}`;
				const file = readAnswerFile(world, 'controlplane', nameFile, nameRequirement);
				const named = 'check' in file ? file.check : check(nameRequirement, onNode.includes(file.text.trim().replace(/^pods?\//, '')), `${nameFile} holds ${shown(file.text)}; the kube-proxy Pod on ${node} is ${onNode.join(', ') || 'missing'}`);
				return [named, answerCheck(world, 'controlplane', countFile, `${countFile} holds the number of kube-proxy Pods (${pods.length})`, readCount, (n) => n === pods.length)];
			},
		};
	},
};
