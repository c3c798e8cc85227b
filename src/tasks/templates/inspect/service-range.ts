// Inspect: the cluster's Service IP range (kube-apiserver's --service-cluster-ip-range).
import {readRange} from '../../../quiz/normalize.js';
import {answerCheck} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, TASK_VERSION} from '../common.js';

export const serviceRange: TaskTemplate = {
	id: 'service-range',
	group: 'inspect',
	title: "Write the cluster's Service IP range to a file",
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const file = `${dir}/${random.pick(['service-cidr.txt', 'service-range.txt', 'svc-ip-range'])}`;
		return {
			text: `Find the IP range from which this cluster's Services get their ClusterIPs, and write it to ${file} on controlplane (as a CIDR, or as the first and last address).`,
			hint: 'The API server allocates ClusterIPs: look for --service-cluster-ip-range in its static Pod manifest in /etc/kubernetes/manifests (or in `ps aux | grep kube-apiserver`).',
			solution: [`mkdir -p ${dir}`, `grep -o 'service-cluster-ip-range=[^ ]*' /etc/kubernetes/manifests/kube-apiserver.yaml | cut -d= -f2 > ${file}`],
			check(world) {
				const range = world.cluster.serviceClusterIPRange;
				const expected = readRange(range);
				return [
					answerCheck(world, 'controlplane', file, `${file} holds the Service IP range (${range})`, readRange, (v) => expected.ok && v.first === expected.value.first && v.last === expected.value.last),
				];
			},
		};
	},
};
