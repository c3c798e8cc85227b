// Inspect: the network the nodes' InternalIPs are in (their eth0's prefix), which neither the pod
// nor the service range may overlap.
import {readRange} from '../../../quiz/normalize.js';
import {shellClusterPlan} from '../../../sim/scenarios/shell-cluster.js';
import {answerCheck} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, NODES, TASK_VERSION} from '../common.js';

export const nodeNetwork: TaskTemplate = {
	id: 'node-network',
	group: 'inspect',
	title: 'The network range the nodes are in',
	version: TASK_VERSION,
	generate({random, seed}) {
		const dir = courseDir(random);
		const node = random.pick(NODES);
		const file = `${dir}/${random.pick(['node-network', 'nodes-cidr.txt', 'host-range'])}`;
		// The nodes' network is the host model's (eth0's address and prefix): fixed when the cluster is built.
		const network = shellClusterPlan(seed).nodeNetwork;
		const expected = readRange(network);
		return {
			text: `${node} and the other nodes share one network. Write that network's range (CIDR, or first and last address) to ${file} on controlplane.`,
			hint: '`kubectl get nodes -o wide` shows the INTERNAL-IPs; `ip addr show eth0` on a node shows the prefix length.',
			solution: [`mkdir -p ${dir}`, `ssh ${node} ip addr show eth0 | grep -o 'inet [0-9./]*' | cut -d' ' -f2 > /tmp/addr`, `ipcalc $(cat /tmp/addr) | grep -o 'Network: *[0-9./]*' | grep -o '[0-9./]*$' > ${file}`],
			check(world) {
				return [answerCheck(world, 'controlplane', file, `${file} holds the nodes' network (${network})`, readRange, (v) => expected.ok && v.first === expected.value.first && v.last === expected.value.last)];
			},
		};
	},
};
