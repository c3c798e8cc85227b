// Inspect: the cluster's pod network (kube-controller-manager's --cluster-cidr, the range the
// node pod CIDRs are cut from).
import {readRange} from '../../../quiz/normalize.js';
import {answerCheck, failed} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, TASK_VERSION} from '../common.js';

export const podRange: TaskTemplate = {
	id: 'pod-range',
	group: 'inspect',
	title: "Write the cluster's pod network range to a file",
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const file = `${dir}/${random.pick(['pod-cidr.txt', 'pod-network', 'cluster-cidr'])}`;
		return {
			text: `Find the IP range the cluster's Pods get their addresses from (the whole pod network, not one node's share) and write it to ${file} on controlplane.`,
			hint: "kube-controller-manager cuts each node's pod CIDR from its --cluster-cidr (static Pod manifest in /etc/kubernetes/manifests); flannel's net-conf.json says the same.",
			solution: [`mkdir -p ${dir}`, `grep -o 'cluster-cidr=[^ ]*' /etc/kubernetes/manifests/kube-controller-manager.yaml | cut -d= -f2 > ${file}`],
			check(world) {
				const range = world.cluster.clusterCIDR;
				const expected = range === undefined ? undefined : readRange(range);
				const requirement = `${file} holds the pod network (${range ?? 'none'})`;
				if (!expected?.ok) return [failed(requirement, 'the cluster has no pod network')];
				return [answerCheck(world, 'controlplane', file, requirement, readRange, (v) => v.first === expected.value.first && v.last === expected.value.last)];
			},
		};
	},
};
