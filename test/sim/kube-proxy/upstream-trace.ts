// The packet tracer kube-proxy's unit tests run over a sync's rules (proxier_test.go tracePacket /
// runPacketFlowTests), with the same deliberately simple semantics, so their packet-flow cases can be
// replayed against svc-tutor's output:
//
// - nat KUBE-SERVICES first (PREROUTING/OUTPUT only jump there), then, with the destination IP of the
//   first DNAT if any, filter KUBE-SERVICES, KUBE-EXTERNAL-SERVICES, KUBE-NODEPORTS and
//   KUBE-PROXY-FIREWALL;
// - a rule matches when its -s/-d (CIDR or address, `!` honoured), --src-type/--dst-type LOCAL
//   (the node's IPs and 127.0.0.1/::1), -p and --dport all match; rules that check history
//   (--rcheck, --mark, --ctstate) never match, and rules without -j are skipped;
// - KUBE-MARK-MASQ sets "masquerade" and goes on; ACCEPT/REJECT/DROP/DNAT end the walk with an
//   output; a jump to a chain that ends in an output ends the caller too, unless the jump was a
//   --probability one, in which case every later alternative is explored as well.
//
// The result is every possible destination (`ip:port, ip:port` or ACCEPT/DROP/REJECT) and whether
// the packet was marked for masquerading.
import {cidrContains} from '../../../src/sim/net/cidr.js';
import {canonicalIP} from '../../../src/sim/net/ip.js';

interface Address {
	value: string;
	negated: boolean;
}

interface Rule {
	raw: string;
	jump?: string;
	source?: Address;
	destination?: Address;
	srcType?: string;
	dstType?: string;
	protocol?: string;
	dport?: string;
	probabilistic: boolean;
	dnat?: string;
	checksHistory: boolean;
}

/** Words of a rule, a double-quoted comment counting as one. */
function words(line: string): string[] {
	return line.match(/"[^"]*"|\S+/g) ?? [];
}

function parseRule(line: string): Rule {
	const w = words(line);
	const rule: Rule = {raw: line, probabilistic: false, checksHistory: false};
	for (let i = 0; i < w.length; i++) {
		const next = w[i + 1] ?? '';
		const negated = w[i - 1] === '!';
		switch (w[i]) {
			case '-j':
				rule.jump = next;
				break;
			case '-s':
				rule.source = {value: next, negated};
				break;
			case '-d':
				rule.destination = {value: next, negated};
				break;
			case '--src-type':
				rule.srcType = next;
				break;
			case '--dst-type':
				rule.dstType = next;
				break;
			case '-p':
				rule.protocol = next;
				break;
			case '--dport':
				rule.dport = next;
				break;
			case '--probability':
				rule.probabilistic = true;
				break;
			case '--to-destination':
				rule.dnat = next;
				break;
			case '--rcheck':
			case '--mark':
			case '--ctstate':
				rule.checksHistory = true;
				break;
		}
	}
	return rule;
}

type Tables = Map<string, Map<string, Rule[]>>;

function parseRestore(restore: string): Tables {
	const tables: Tables = new Map();
	let table: Map<string, Rule[]> | undefined;
	for (const line of restore.split('\n')) {
		if (line.startsWith('*')) {
			table = new Map();
			tables.set(line.slice(1), table);
		} else if (line.startsWith('-A ') && table) {
			const rule = parseRule(line);
			const chain = words(line)[1] ?? '';
			const rules = table.get(chain) ?? [];
			rules.push(rule);
			table.set(chain, rules);
		}
	}
	return tables;
}

function addressMatches(address: Address, ip: string): boolean {
	let matches: boolean;
	try {
		matches = address.value.includes('/') ? cidrContains(address.value, ip) : canonicalIP(address.value) === canonicalIP(ip);
	} catch {
		matches = false;
	}
	return address.negated ? !matches : matches;
}

export interface Packet {
	source: string;
	/** Lower case, as in iptables rules; default tcp. */
	protocol?: string;
	destination: string;
	port: number;
}

export interface TraceResult {
	output: string;
	masq: boolean;
	matches: string[];
}

/** tracePacket: where the packet can go under these rules. `nodeIPs` are the node's own addresses. */
export function tracePacket(restore: string, packet: Packet, nodeIPs: readonly string[]): TraceResult {
	const tables = parseRestore(restore);
	const local = new Set(['127.0.0.1', '::1', ...nodeIPs].map((ip) => canonicalIP(ip)));
	const isLocal = (ip: string): boolean => {
		try {
			return local.has(canonicalIP(ip));
		} catch {
			return false;
		}
	};
	const protocol = packet.protocol ?? 'tcp';
	const matches: string[] = [];
	const outputs: string[] = [];
	let masq = false;

	const ruleMatches = (rule: Rule, source: string, destination: string): boolean => {
		if (rule.source && !addressMatches(rule.source, source)) return false;
		if (rule.srcType !== undefined && (isLocal(source) ? 'LOCAL' : 'not-matched') !== rule.srcType) return false;
		if (rule.protocol !== undefined && rule.protocol !== protocol) return false;
		if (rule.destination && !addressMatches(rule.destination, destination)) return false;
		if (rule.dstType !== undefined && (isLocal(destination) ? 'LOCAL' : 'not-matched') !== rule.dstType) return false;
		if (rule.dport !== undefined && rule.dport !== String(packet.port)) return false;
		return !rule.checksHistory;
	};

	const runChain = (table: string, chain: string, source: string, destination: string): boolean => {
		for (const rule of tables.get(table)?.get(chain) ?? []) {
			if (rule.jump === undefined || !ruleMatches(rule, source, destination)) continue;
			matches.push(rule.raw);
			switch (rule.jump) {
				case 'KUBE-MARK-MASQ':
					masq = true;
					continue;
				case 'ACCEPT':
				case 'REJECT':
				case 'DROP':
					outputs.push(rule.jump);
					return true;
				case 'DNAT':
					outputs.push(rule.dnat ?? '');
					return true;
				default:
					if (runChain(table, rule.jump, source, destination) && !rule.probabilistic) return true;
			}
		}
		return false;
	};

	let destination = packet.destination;
	runChain('nat', 'KUBE-SERVICES', packet.source, destination);
	const firstDNAT = outputs[0];
	if (firstDNAT !== undefined) {
		// `ip:port` or `[ip]:port`: the host part.
		destination = firstDNAT.startsWith('[') ? firstDNAT.slice(1, firstDNAT.indexOf(']')) : (firstDNAT.split(':')[0] ?? '');
	}
	for (const chain of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL']) {
		runChain('filter', chain, packet.source, destination);
	}
	return {output: outputs.join(', '), masq, matches};
}
