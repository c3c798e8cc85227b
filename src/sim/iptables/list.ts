// `iptables -t TABLE -L [CHAIN] [-n] [-v] [--line-numbers]` as iptables 1.8.9 (nf_tables) prints it:
// fixed-width columns (printf widths from iptables' print_header/print_firewall), then each match's
// and the target's own print text. Checked against real output captured in a network namespace.

import {BUILTIN_CHAINS, type Match, type PortMatch, type Rule, type Ruleset, type Table, type TableName, type Target} from './rule.js';
import {formatProbability, hex, orderedChains, rulesByChain, saveString} from './save.js';
import {PROTOCOL_NUMBERS, addressName, serviceName, type PortProtocol} from './services-names.js';

export interface ListOptions {
	table: TableName;
	/** One chain only (`iptables -L CHAIN`). */
	chain?: string;
	/** -n: numbers for addresses, ports and (with nf_tables) protocols. */
	numeric: boolean;
	/** -v: counters (always 0 here: svc-tutor keeps none) and interfaces. */
	verbose?: boolean;
	/** --line-numbers */
	lineNumbers?: boolean;
}

/** What `iptables -L` reports for a chain that does not exist (iptables 1.8.9 nf_tables wording). */
export class IptablesListError extends Error {
	override name = 'IptablesListError';
	readonly exitCode = 1;
}

function pad(text: string, width: number): string {
	return text.padEnd(width, ' ');
}

function portText(port: number, proto: PortProtocol, numeric: boolean): string {
	return (numeric ? undefined : serviceName(port, proto)) ?? String(port);
}

function portsText(label: 'spt' | 'dpt', ports: PortMatch, proto: PortProtocol, numeric: boolean): string {
	const bang = ports.negated ? '!' : '';
	if (ports.from === ports.to) return ` ${label}:${bang}${portText(ports.from, proto, numeric)}`;
	return ` ${label}s:${bang}${portText(ports.from, proto, numeric)}:${portText(ports.to, proto, numeric)}`;
}

function listMatch(match: Match, numeric: boolean): string {
	switch (match.module) {
		case 'comment':
			return ` /* ${match.comment} */`;
		case 'tcp':
		case 'udp':
		case 'sctp': {
			let text = ` ${match.module}`;
			if (match.sport !== undefined) text += portsText('spt', match.sport, match.module, numeric);
			if (match.dport !== undefined) text += portsText('dpt', match.dport, match.module, numeric);
			return text;
		}
		case 'addrtype': {
			let text = ' ADDRTYPE match';
			if (match.srcType !== undefined) text += ` src-type ${match.srcType.negated ? '!' : ''}${match.srcType.value}`;
			if (match.dstType !== undefined) text += ` dst-type ${match.dstType.negated ? '!' : ''}${match.dstType.value}`;
			return text;
		}
		case 'statistic':
			return ` statistic mode random probability ${formatProbability(match.probability)}`;
		case 'recent': {
			const verbs = {set: 'SET', rcheck: 'CHECK', update: 'UPDATE', remove: 'REMOVE'} as const;
			let text = ` recent: ${verbs[match.command]}`;
			if (match.seconds !== undefined) text += ` seconds: ${match.seconds}`;
			if (match.reap) text += ' reap';
			const side = match.side === 'rsource' ? 'source' : 'dest';
			return `${text} name: ${match.name} side: ${side} mask: ${match.mask}`;
		}
		case 'mark': {
			const value = match.mask === 0xffffffff ? hex(match.value) : `${hex(match.value)}/${hex(match.mask)}`;
			return ` mark match ${match.negated ? '! ' : ''}${value}`;
		}
		case 'conntrack':
			return ` ${match.negated ? '! ' : ''}ctstate ${match.ctstate.join(',')}`;
		case 'nfacct':
			return ` nfacct-name ${saveString(match.name)}`;
	}
}

function listTarget(target: Target): string {
	switch (target.kind) {
		case 'DNAT':
			return ` to:${target.toDestination}`;
		case 'MARK': {
			// libxt_MARK names the operation the value/mask pair amounts to, in this order.
			const {value, mask} = target;
			if (value === 0) return ` MARK and ${hex(~mask)}`;
			if (value === mask) return ` MARK or ${hex(value)}`;
			if (mask === 0) return ` MARK xor ${hex(value)}`;
			if (mask === 0xffffffff) return ` MARK set ${hex(value)}`;
			return ` MARK xset ${hex(value)}/${hex(mask)}`;
		}
		case 'MASQUERADE':
			return target.randomFully ? ' random-fully' : '';
		case 'REJECT':
			return ` reject-with ${target.rejectWith}`;
		default:
			return '';
	}
}

function targetName(target: Target | undefined): string {
	if (target === undefined) return '';
	return target.kind === 'jump' ? target.chain : target.kind;
}

function addressText(address: Rule['source'], numeric: boolean): string {
	if (address === undefined) return numeric ? '0.0.0.0/0' : 'anywhere';
	const [ip, prefix] = address.value.split('/') as [string, string];
	const host = numeric ? ip : addressName(ip);
	return prefix === '32' ? host : `${host}/${prefix}`;
}

function interfaceText(iface: Rule['inInterface'], numeric: boolean): string {
	if (iface === undefined) return numeric ? '*' : 'any';
	return `${iface.negated ? '!' : ''}${iface.value}`;
}

function ruleLine(rule: Rule, num: number, opts: ListOptions): string {
	let text = '';
	if (opts.lineNumbers === true) text += `${pad(String(num), 4)} `;
	if (opts.verbose === true) text += '    0     0 ';
	text += `${pad(targetName(rule.target), 9)} `;
	const proto = rule.protocol;
	const protoName = proto === undefined ? 'all' : proto.value;
	text += proto?.negated === true ? '!' : ' ';
	text += pad(opts.numeric ? String(PROTOCOL_NUMBERS[protoName]) : protoName, 5);
	text += '-- ';
	if (opts.verbose === true) {
		text += ` ${pad(interfaceText(rule.inInterface, opts.numeric), 6)} `;
		text += `${pad(interfaceText(rule.outInterface, opts.numeric), 6)} `;
	}
	text += `${rule.source?.negated === true ? '!' : ' '}${pad(addressText(rule.source, opts.numeric), 19)} `;
	text += `${rule.destination?.negated === true ? '!' : ' '}${pad(addressText(rule.destination, opts.numeric), 19)} `;
	for (const match of rule.matches) text += listMatch(match, opts.numeric);
	if (rule.target !== undefined) text += listTarget(rule.target);
	return text;
}

function columnHeader(opts: ListOptions): string {
	let text = '';
	if (opts.lineNumbers === true) text += 'num  ';
	if (opts.verbose === true) text += ' pkts bytes ';
	text += 'target     prot opt';
	if (opts.verbose === true) text += ' in     out    ';
	return `${text} source               destination         `;
}

function emptyTable(name: TableName): Table {
	return {name, chains: BUILTIN_CHAINS[name].map((c) => ({name: c, policy: 'ACCEPT'})), rules: []};
}

/** `iptables -t TABLE -L [CHAIN] [-n]` output, byte for byte as iptables 1.8.9 (nf_tables) prints it. */
export function renderList(rs: Ruleset, opts: ListOptions): string {
	// nf_tables lists a table nobody has touched yet as its empty built-in chains.
	const table = rs.tables.find((t) => t.name === opts.table) ?? emptyTable(opts.table);
	let chains = orderedChains(table);
	if (opts.chain !== undefined) {
		chains = chains.filter((c) => c.name === opts.chain);
		if (chains.length === 0) {
			throw new IptablesListError(
				`iptables v1.8.9 (nf_tables): chain \`${opts.chain}' in table \`${opts.table}' is incompatible, use 'nft' tool.`,
			);
		}
	}
	const rules = rulesByChain(table);
	const references = new Map<string, number>();
	for (const rule of table.rules) {
		if (rule.target?.kind === 'jump') references.set(rule.target.chain, (references.get(rule.target.chain) ?? 0) + 1);
	}
	const blocks = chains.map((chain) => {
		const counts = opts.verbose === true ? ' 0 packets, 0 bytes' : '';
		const title =
			chain.policy !== undefined
				? `Chain ${chain.name} (policy ${chain.policy}${counts})`
				: `Chain ${chain.name} (${references.get(chain.name) ?? 0} references)`;
		const lines = [title, columnHeader(opts)];
		(rules.get(chain.name) ?? []).forEach((rule, i) => lines.push(ruleLine(rule, i + 1, opts)));
		return lines.map((l) => `${l}\n`).join('');
	});
	return blocks.join('\n');
}
