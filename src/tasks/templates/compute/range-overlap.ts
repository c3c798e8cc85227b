// Compute: a new service range must not overlap the pod network (nor the nodes'): does it?
import {readBoolean} from '../../../quiz/normalize.js';
import {cidrsOverlap, formatCIDR, parseCIDR} from '../../../sim/net/cidr.js';
import {answerCheck} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, TASK_VERSION} from '../common.js';

export const rangeOverlap: TaskTemplate = {
	id: 'range-overlap',
	group: 'compute',
	title: 'Does a proposed service range overlap the pod network?',
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const pods = random.pick(['10.244.0.0/16', '10.32.0.0/12', '192.168.0.0/16', '172.16.0.0/12', '10.0.0.0/14']);
		const second = random.pick([0, 2, 16, 32, 40, 47, 48, 96, 100, 240, 244, 245]);
		const prefix = random.pick([12, 14, 16, 18, 20]);
		const base = random.pick(['10', '172', '192']);
		const services = formatCIDR(parseCIDR(base === '10' ? `10.${second}.0.0/${prefix}` : base === '172' ? `172.${16 + (second % 16)}.0.0/${prefix}` : `192.168.${second}.0/${Math.max(prefix, 16)}`));
		const overlap = cidrsOverlap(pods, services);
		const file = `${dir}/${random.pick(['overlap', 'overlap.txt', 'conflict'])}`;
		return {
			text: `The pod network is ${pods}. Someone proposes --service-cluster-ip-range=${services}. Do the two ranges overlap? Write yes or no to ${file} on controlplane.`,
			hint: "Write both as first–last address (ipcalc helps); they overlap when one starts before the other ends.",
			solution: [`mkdir -p ${dir}`, `ipcalc ${pods}`, `ipcalc ${services}`, `echo ${overlap ? 'yes' : 'no'} > ${file}`],
			check(world) {
				return [answerCheck(world, 'controlplane', file, `${file} says whether ${services} overlaps ${pods} (${overlap ? 'yes' : 'no'})`, (t) => readBoolean(t, 'overlap'), (v) => v === overlap)];
			},
		};
	},
};
