// Compute: on a node with pod CIDR X, flannel's bridge plugin gives cni0 the first address and
// host-local IPAM hands Pods the next ones in order.
import {readEndpoint} from '../../../quiz/normalize.js';
import {indexedIP} from '../../../sim/net/cidr.js';
import {check, readAnswerFile, shown} from '../../checks.js';
import type {Check, TaskTemplate, TaskWorld} from '../../types.js';
import {courseDir, TASK_VERSION} from '../common.js';

function addressCheck(world: TaskWorld, file: string, requirement: string, expected: string): Check {
	const answer = readAnswerFile(world, 'controlplane', file, requirement);
	if ('check' in answer) return answer.check;
	const read = readEndpoint(`${answer.text.trim().replace(/\/\d+$/, '')}:1`);
	return check(requirement, read.ok && read.value.ip === expected, `${file} holds ${shown(answer.text)}`);
}

export const firstPodIP: TaskTemplate = {
	id: 'first-pod-ip',
	group: 'compute',
	title: 'The bridge address and the first Pod IPs of a new node',
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const second = random.pick([244, 200, 32, 16, 128]);
		const mask = random.pick([24, 24, 25, 26, 23]);
		const index = 3 + random.int(60);
		const cidr = `10.${second}.${(index * 2 ** Math.max(0, 24 - mask)) % 256}.${mask > 24 ? (random.int(2 ** (mask - 24)) * 2 ** (32 - mask)) : 0}/${mask}`;
		const nth = 1 + random.int(3);
		const ordinal = ['first', 'second', 'third'][nth - 1]!;
		const bridge = indexedIP(cidr, 1);
		const pod = indexedIP(cidr, 1 + nth);
		const bridgeFile = `${dir}/cni0`;
		const podFile = `${dir}/pod-ip`;
		return {
			text: `A new node joins a flannel cluster and gets the pod CIDR ${cidr}. No Pod has run on it yet. Write the address cni0 will get to ${bridgeFile}, and the IP the ${ordinal} Pod scheduled there will get to ${podFile}, both on controlplane.`,
			hint: "The bridge plugin takes the first usable address of the node's range as the gateway (cni0); host-local IPAM then gives out the next ones in order.",
			solution: [`mkdir -p ${dir}`, `ipcalc ${cidr}`, `echo ${bridge} > ${bridgeFile}`, `echo ${pod} > ${podFile}`],
			check(world) {
				return [addressCheck(world, bridgeFile, `${bridgeFile} holds cni0's address (${bridge})`, bridge), addressCheck(world, podFile, `${podFile} holds the ${ordinal} Pod's IP (${pod})`, pod)];
			},
		};
	},
};
