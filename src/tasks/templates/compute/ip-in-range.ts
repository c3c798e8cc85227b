// Compute: is an address inside a service range? (kube-apiserver refuses a ClusterIP outside it.)
import {readBoolean} from '../../../quiz/normalize.js';
import {cidrContains, cidrLast, formatCIDR, parseCIDR} from '../../../sim/net/cidr.js';
import {formatIPv4} from '../../../sim/net/ipv4.js';
import {answerCheck} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, TASK_VERSION} from '../common.js';

export const ipInRange: TaskTemplate = {
	id: 'ip-in-range',
	group: 'compute',
	title: 'Is an address inside the service range?',
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const prefix = 12 + random.int(9);
		const cidr = formatCIDR(parseCIDR(`10.${random.int(256)}.${random.int(256)}.0/${prefix}`));
		const parsed = parseCIDR(cidr);
		const first = Number(parsed.network);
		const last = Number(cidrLast(parsed));
		// Just inside or just outside an edge, where a slip in the arithmetic shows.
		const candidates = [last, last + 1, first - 1, first + 1, last - 255, last + 256];
		const ip = formatIPv4(random.pick(candidates.filter((n) => n >= 0 && n < 2 ** 32)));
		const inside = cidrContains(cidr, ip);
		const file = `${dir}/${random.pick(['answer', 'in-range.txt', 'inside'])}`;
		return {
			text: `The cluster runs with --service-cluster-ip-range=${cidr}. Is the address ${ip} inside that range? Write yes or no to ${file} on controlplane.`,
			hint: `Work out the range's last address: a /${prefix} spans 2^${32 - prefix} addresses from ${formatIPv4(first)}. \`ipcalc\` helps.`,
			solution: [`mkdir -p ${dir}`, `ipcalc ${cidr}`, `echo ${inside ? 'yes' : 'no'} > ${file}`],
			check(world) {
				return [answerCheck(world, 'controlplane', file, `${file} says whether ${ip} is inside ${cidr} (${inside ? 'yes' : 'no'})`, (t) => readBoolean(t, 'contains'), (v) => v === inside)];
			},
		};
	},
};
