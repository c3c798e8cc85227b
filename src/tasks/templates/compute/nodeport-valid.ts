// Compute: would kube-apiserver accept a nodePort? (--service-node-port-range, 30000-32767 by
// default, unless the task's cluster was set up with another.)
import {readBoolean} from '../../../quiz/normalize.js';
import {answerCheck} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, TASK_VERSION} from '../common.js';

export const nodePortValid: TaskTemplate = {
	id: 'nodeport-valid',
	group: 'compute',
	title: 'Is a nodePort inside the node port range?',
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const ranges: [number, number][] = [
			[30000, 32767],
			[30000, 32767],
			[20000, 22767],
			[30000, 40000],
			[8000, 9000],
		];
		const [low, high] = random.pick(ranges);
		const flag = low === 30000 && high === 32767 ? 'kube-apiserver runs with the default --service-node-port-range' : `kube-apiserver runs with --service-node-port-range=${low}-${high}`;
		const port = random.pick([low, high, high + 1, low - 1, low + random.int(high - low), high + 1 + random.int(1000), 80]);
		const valid = port >= low && port <= high;
		const file = `${dir}/${random.pick(['valid', 'nodeport-ok.txt', 'answer'])}`;
		return {
			text: `${flag}. Would a Service asking for nodePort ${port} be accepted? Write yes or no to ${file} on controlplane.`,
			hint: 'The range is inclusive at both ends; the default is 30000-32767.',
			solution: [`mkdir -p ${dir}`, `echo ${valid ? 'yes' : 'no'} > ${file}`],
			check(world) {
				return [answerCheck(world, 'controlplane', file, `${file} says whether nodePort ${port} is accepted in ${low}-${high} (${valid ? 'yes' : 'no'})`, (t) => readBoolean(t, 'accepted'), (v) => v === valid)];
			},
		};
	},
};
