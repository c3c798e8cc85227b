// `svc-tutor cidr CIDR [IP…] [--json]`: the arithmetic of a block, as an examinee works it out
// with ipcalc, plus whether kube-apiserver would take it as --service-cluster-ip-range.
import {cidrInfo, type CIDRInfo} from '../sim/net/cidr-info.js';
import {cidrContains} from '../sim/net/cidr.js';
import {tryParseIP} from '../sim/net/ip.js';
import {tryParseCIDR} from '../sim/net/cidr.js';
import {isTooLargeOnly, kubeDNSServiceIP, kubernetesServiceIP, SERVICE_RANGE_SIZE_CHECK, validateServiceClusterIPRange} from '../sim/net/service-cidr.js';
import {UsageError, type CommandIO} from './io.js';
import {quote} from './quote.js';

export interface CidrReport extends CIDRInfo {
	serviceClusterIPRange:
		| {valid: true; kubernetesServiceIP: string; kubeDNSServiceIP: string}
		// refusedBy/acceptedFrom: the "too large" check is version-dependent (see SERVICE_RANGE_SIZE_CHECK).
		| {valid: false; error: string; refusedBy?: string; acceptedFrom?: string};
	ips: {ip: string; inside: boolean}[];
}

export function cidrReport(cidr: string, ips: readonly string[]): CidrReport {
	const parsed = tryParseCIDR(cidr);
	if (!parsed.ok) throw new UsageError(`cidr: ${quote(cidr)}: ${parsed.error.reason}`);
	if (parsed.value.family !== 'IPv4') throw new UsageError(`cidr: ${quote(cidr)}: only IPv4 blocks are supported`);
	const info = cidrInfo(cidr);
	const problem = validateServiceClusterIPRange(cidr);
	for (const ip of ips) {
		const address = tryParseIP(ip);
		if (!address.ok) throw new UsageError(`cidr: ${quote(ip)}: ${address.error.reason}`);
	}
	return {
		...info,
		serviceClusterIPRange:
			problem === null
				? {valid: true, kubernetesServiceIP: kubernetesServiceIP(info.cidr), kubeDNSServiceIP: safeIndexed(info.cidr)}
				: isTooLargeOnly(cidr)
					? {valid: false, error: problem, refusedBy: SERVICE_RANGE_SIZE_CHECK.refusedBy, acceptedFrom: SERVICE_RANGE_SIZE_CHECK.skippedFrom}
					: {valid: false, error: problem},
		ips: ips.map((ip) => ({ip, inside: cidrContains(info.cidr, ip)})),
	};
}

function safeIndexed(cidr: string): string {
	try {
		return kubeDNSServiceIP(cidr);
	} catch {
		return '';
	}
}

const thousands = (n: number): string => n.toLocaleString('en-US');

export function formatCidrReport(r: CidrReport): string {
	const rows: [string, string][] = [
		['CIDR', r.cidr],
		['netmask', r.mask],
		['network', r.network],
		['first address', r.network],
		['last address', r.broadcast ? `${r.broadcast} (broadcast)` : r.lastUsable],
		['usable hosts', `${r.firstUsable} – ${r.lastUsable} (${thousands(r.usableHosts)})`],
		['size', `${thousands(r.size)} addresses (2^${32 - r.prefix})`],
	];
	const s = r.serviceClusterIPRange;
	rows.push([
		'service range',
		s.valid
			? `valid --service-cluster-ip-range; the kubernetes Service gets ${s.kubernetesServiceIP}${s.kubeDNSServiceIP ? `, kubeadm's kube-dns ${s.kubeDNSServiceIP}` : ''}`
			: s.refusedBy
				? `refused by kube-apiserver ${s.refusedBy}: ${s.error}; ${s.acceptedFrom} and later skip this check`
				: `not valid as --service-cluster-ip-range: ${s.error}`,
	]);
	for (const {ip, inside} of r.ips) rows.push([ip, inside ? `inside ${r.cidr}` : `outside ${r.cidr}`]);
	const width = Math.max(...rows.map(([k]) => k.length)) + 2;
	const lines = rows.map(([k, v]) => `${k.padEnd(width)}${v}`);
	if (r.note) lines.push(`note: ${r.note}`);
	return lines.join('\n') + '\n';
}

export function runCidr(args: {positionals: string[]; json: boolean}, io: CommandIO): number {
	const [cidr, ...ips] = args.positionals;
	if (!cidr) throw new UsageError('cidr: give a block, e.g. svc-tutor cidr 10.96.0.0/12 10.112.0.1');
	const report = cidrReport(cidr, ips);
	io.stdout(args.json ? JSON.stringify(report, null, 2) + '\n' : formatCidrReport(report));
	return 0;
}
