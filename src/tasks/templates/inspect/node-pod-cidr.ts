// Inspect: the pod CIDR kube-controller-manager gave a node (its Pods' IPs come from it).
import {readRange} from '../../../quiz/normalize.js';
import {answerCheck, failed} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, NODES, TASK_VERSION} from '../common.js';

export const nodePodCIDR: TaskTemplate = {
	id: 'node-pod-cidr',
	group: 'inspect',
	title: "Write a node's pod CIDR to a file",
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const node = random.pick(NODES);
		const file = `${dir}/${node}-pod-cidr`;
		return {
			text: `Pods on ${node} get their IPs from the node's own pod CIDR. Write that CIDR to ${file} on controlplane.`,
			hint: 'The node controller writes it into the Node object: spec.podCIDR.',
			solution: [`mkdir -p ${dir}`, `kubectl get node ${node} -o jsonpath='{.spec.podCIDR}' > ${file}`],
			check(world) {
				const podCIDR = world.cluster.api.peekOne('Node', node)?.spec.podCIDR;
				const requirement = `${file} holds ${node}'s pod CIDR${podCIDR ? ` (${podCIDR})` : ''}`;
				const expected = podCIDR ? readRange(podCIDR) : undefined;
				if (!expected?.ok) return [failed(requirement, `${node} has no pod CIDR`)];
				return [answerCheck(world, 'controlplane', file, requirement, readRange, (v) => v.first === expected.value.first && v.last === expected.value.last)];
			},
		};
	},
};
