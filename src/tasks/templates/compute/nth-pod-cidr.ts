// Compute: kube-controller-manager's range allocator cuts --cluster-cidr into blocks of
// --node-cidr-mask-size and gives each node the next free one: which block does the Nth node get,
// and how many nodes can get one at all?
import {readCount, readRange} from '../../../quiz/normalize.js';
import {formatIPv4} from '../../../sim/net/ipv4.js';
import {answerCheck} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, TASK_VERSION} from '../common.js';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

export const nthPodCIDR: TaskTemplate = {
	id: 'nth-pod-cidr',
	group: 'compute',
	title: "The pod CIDR of the Nth node, and how many nodes fit",
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const clusterPrefix = random.pick([16, 16, 14, 17, 18]);
		const second = random.pick([244, 200, 32, 64, 128]);
		const clusterCIDR = `10.${second}.0.0/${clusterPrefix}`;
		const mask = clusterPrefix + 6 + random.int(4);
		const n = 1 + random.int(ORDINALS.length);
		const blockSize = 2 ** (32 - mask);
		const first = 10 * 2 ** 24 + second * 2 ** 16 + (n - 1) * blockSize;
		const last = first + blockSize - 1;
		const nodes = 2 ** (mask - clusterPrefix);
		const cidrFile = `${dir}/node-cidr.txt`;
		const countFile = `${dir}/max-nodes.txt`;
		return {
			text: `kube-controller-manager runs with --cluster-cidr=${clusterCIDR} and --node-cidr-mask-size=${mask}. Nodes get their pod CIDR in the order they join, lowest block first, none released. Write the pod CIDR of the ${ORDINALS[n - 1]} node to ${cidrFile}, and how many nodes can get a pod CIDR to ${countFile}, both on controlplane.`,
			hint: `Each node gets a /${mask}, i.e. ${blockSize} addresses; the blocks follow one another from ${clusterCIDR.split('/')[0]}.`,
			solution: [`mkdir -p ${dir}`, `echo ${formatIPv4(first)}/${mask} > ${cidrFile}`, `echo $((2**(${mask}-${clusterPrefix}))) > ${countFile}`],
			check(world) {
				return [
					answerCheck(world, 'controlplane', cidrFile, `${cidrFile} holds the ${ORDINALS[n - 1]} node's pod CIDR`, readRange, (v) => v.first === first && v.last === last),
					answerCheck(world, 'controlplane', countFile, `${countFile} holds how many nodes get a /${mask} from ${clusterCIDR}`, readCount, (c) => c === nodes),
				];
			},
		};
	},
};
