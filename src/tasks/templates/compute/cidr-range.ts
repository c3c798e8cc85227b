// Compute: a Service range's first and last address and how many addresses it holds (CIDR
// arithmetic, as `ipcalc` would answer it).
import {readCount, readRange} from '../../../quiz/normalize.js';
import {cidrLast, cidrSize, formatCIDR, parseCIDR} from '../../../sim/net/cidr.js';
import {formatIPv4} from '../../../sim/net/ipv4.js';
import {answerCheck} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, TASK_VERSION} from '../common.js';

export const cidrRange: TaskTemplate = {
	id: 'cidr-range',
	group: 'compute',
	title: 'First and last address and size of a service range',
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		// A private block, and a range from /12 to /24 inside it: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.
		const [base, blockPrefix] = random.pick([[10 * 2 ** 24, 8], [172 * 2 ** 24 + 16 * 2 ** 16, 12], [192 * 2 ** 24 + 168 * 2 ** 16, 16]] as const);
		const lowest = Math.max(12, blockPrefix);
		const prefix = lowest + random.int(25 - lowest);
		const size = 2 ** (32 - prefix);
		const offset = random.int(2 ** (prefix - blockPrefix)) * size;
		const cidr = formatCIDR(parseCIDR(`${formatIPv4(base + offset)}/${prefix}`));
		const parsed = parseCIDR(cidr);
		const first = Number(parsed.network);
		const last = Number(cidrLast(parsed));
		const count = Number(cidrSize(parsed));
		const rangeFile = `${dir}/range.txt`;
		const sizeFile = `${dir}/size.txt`;
		return {
			text: `A cluster is set up with --service-cluster-ip-range=${cidr}. Write the range's first and last address (e.g. "10.0.0.0 - 10.0.0.255") to ${rangeFile}, and how many addresses it holds to ${sizeFile}, both on controlplane.`,
			hint: `A /${prefix} leaves ${32 - prefix} host bits: 2^${32 - prefix} addresses, from the network address up. \`ipcalc\` on the node does it too.`,
			solution: [`mkdir -p ${dir}`, `ipcalc ${cidr}`, `echo '${formatIPv4(first)} - ${formatIPv4(last)}' > ${rangeFile}`, `echo $((2**(32-${prefix}))) > ${sizeFile}`],
			check(world) {
				return [
					answerCheck(world, 'controlplane', rangeFile, `${rangeFile} holds the first and last address of ${cidr}`, readRange, (v) => v.first === first && v.last === last),
					answerCheck(world, 'controlplane', sizeFile, `${sizeFile} holds the number of addresses in ${cidr}`, readCount, (n) => n === count),
				];
			},
		};
	},
};
