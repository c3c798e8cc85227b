// `iptables -t TABLE -L [CHAIN] [-n] [-v] [--line-numbers]` as iptables 1.8.9 (nf_tables) prints it:
// fixed-width columns (printf widths from iptables' print_header/print_firewall), then each match's
// and the target's own print text. Checked against real output captured in a network namespace.

import {BUILTIN_CHAINS, type Match, type PortMatch, type Rule, type Ruleset, type Table, type TableName, type Target} from './rule.js';
import {tableLayout} from './chain-order.js';
import {formatProbability, hex, saveString} from './save.js';
import {RecentTexts, SharedTexts, TextBuilder, type Sink} from './text.js';
import {PROTOCOL_NUMBERS, addressName, serviceName, type PortProtocol} from './services-names.js';
import {formatCount, type CounterView} from '../netfilter/counters.js';

export interface ListOptions {
	table: TableName;
	/** One chain only (`iptables -L CHAIN`). */
	chain?: string;
	/** -n: numbers for addresses, ports and (with nf_tables) protocols. */
	numeric: boolean;
	/** -v: counters and interfaces. */
	verbose?: boolean;
	/** The node's counters; without them every counter is 0. */
	counters?: CounterView;
	/** --line-numbers */
	lineNumbers?: boolean;
	/** -x: counters as whole numbers in wider columns (with -v). */
	exact?: boolean;
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
	const {value} = address;
	const slash = value.indexOf('/');
	// What split('/') gave: the text up to the first slash, and up to the second one.
	const ip = slash < 0 ? value : value.slice(0, slash);
	const host = numeric ? ip : addressName(ip);
	if (slash < 0) return `${host}/undefined`;
	const second = value.indexOf('/', slash + 1);
	const prefix = second < 0 ? value.slice(slash + 1) : value.slice(slash + 1, second);
	return prefix === '32' ? host : `${host}/${prefix}`;
}

function interfaceText(iface: Rule['inInterface'], numeric: boolean): string {
	if (iface === undefined) return numeric ? '*' : 'any';
	return `${iface.negated ? '!' : ''}${iface.value}`;
}

/** Writes rule lines for one listing: the columns, then each match's and the target's text. */
class LineWriter {
	/** Port and statistic matches, which rules from parse.ts share: each one's text once. */
	private readonly shared: SharedTexts<Match>;
	private readonly targets = new RecentTexts<Target>(listTarget);
	private readonly targetColumns = new RecentTexts<Target>((target) => `${pad(targetName(target), 9)} `);
	private readonly protocolColumns: RecentTexts<NonNullable<Rule['protocol']>>;
	private comment: string | undefined;
	private commentText = '';

	/** The source and destination columns: for no address, and by address (rules share them). */
	private readonly anywhere: string;
	private readonly addressColumns: RecentTexts<NonNullable<Rule['source']>>;

	constructor(private readonly opts: ListOptions) {
		this.anywhere = addressColumn(undefined, opts.numeric);
		this.addressColumns = new RecentTexts((address) => addressColumn(address, opts.numeric));
		this.shared = new SharedTexts((match) => listMatch(match, opts.numeric));
		this.protocolColumns = new RecentTexts((proto) => protocolColumn(proto, opts.numeric));
	}

	write(out: Sink, rule: Rule, num: number): void {
		const {opts} = this;
		if (opts.lineNumbers === true) out.push(`${pad(String(num), 4)} `);
		// xtables_print_num: `%5llu ` with units, `%8llu ` exact (-x).
		if (opts.verbose === true) {
			const counter = opts.counters?.rule(rule);
			if (counter === undefined) out.push(opts.exact === true ? '       0        0 ' : '    0     0 ');
			else out.push(formatCount(counter.packets, opts.exact === true) + formatCount(counter.bytes, opts.exact === true));
		}
		out.push(rule.target === undefined ? `${pad('', 9)} ` : this.targetColumns.text(rule.target));
		out.push(rule.protocol === undefined ? protocolColumn(undefined, opts.numeric) : this.protocolColumns.text(rule.protocol));
		if (opts.verbose === true) {
			out.push(` ${pad(interfaceText(rule.inInterface, opts.numeric), 6)} `);
			out.push(`${pad(interfaceText(rule.outInterface, opts.numeric), 6)} `);
		}
		out.push(rule.source === undefined ? this.anywhere : this.addressColumns.text(rule.source));
		out.push(rule.destination === undefined ? this.anywhere : this.addressColumns.text(rule.destination));
		for (const match of rule.matches) out.push(this.matchText(match));
		if (rule.target !== undefined) out.push(this.targets.text(rule.target));
		out.push('\n');
	}

	private matchText(match: Match): string {
		switch (match.module) {
			case 'comment':
				// Neighbouring rules have the same comment (an endpoint's two rules).
				if (match.comment !== this.comment) {
					this.commentText = listMatch(match, this.opts.numeric);
					this.comment = match.comment;
				}
				return this.commentText;
			case 'tcp':
			case 'udp':
			case 'sctp':
			case 'statistic':
				return this.shared.text(match);
			default:
				return listMatch(match, this.opts.numeric);
		}
	}
}

/** The source or destination column. */
function addressColumn(address: Rule['source'], numeric: boolean): string {
	return `${address?.negated === true ? '!' : ' '}${pad(addressText(address, numeric), 19)} `;
}

/** The prot and opt columns. */
function protocolColumn(proto: Rule['protocol'], numeric: boolean): string {
	const protoName = proto === undefined ? 'all' : proto.value;
	const bang = proto?.negated === true ? '!' : ' ';
	return `${bang}${pad(numeric ? String(PROTOCOL_NUMBERS[protoName]) : protoName, 5)}-- `;
}

function columnHeader(opts: ListOptions): string {
	let text = '';
	if (opts.lineNumbers === true) text += 'num  ';
	// print_header: `%5s %5s ` with units, `%8s %10s ` with -x (so the bytes heading sits off its column).
	if (opts.verbose === true) text += opts.exact === true ? '    pkts      bytes ' : ' pkts bytes ';
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
	const layout = tableLayout(table);
	const {chains} = layout;
	let order = chains.map((_, i) => i);
	if (opts.chain !== undefined) {
		order = order.filter((i) => chains[i]!.name === opts.chain);
		if (order.length === 0) {
			throw new IptablesListError(
				`iptables v1.8.9 (nf_tables): chain \`${opts.chain}' in table \`${opts.table}' is incompatible, use 'nft' tool.`,
			);
		}
	}
	const references = new Map<string, number>();
	let lastJump: string | undefined;
	let lastCount = 0;
	for (const rule of table.rules) {
		if (rule.target?.kind !== 'jump') continue;
		const jump = rule.target.chain;
		// Rules jumping to the same chain often follow each other: count them up, then store.
		if (jump !== lastJump) {
			if (lastJump !== undefined) references.set(lastJump, (references.get(lastJump) ?? 0) + lastCount);
			lastJump = jump;
			lastCount = 0;
		}
		lastCount++;
	}
	if (lastJump !== undefined) references.set(lastJump, (references.get(lastJump) ?? 0) + lastCount);
	const header = columnHeader(opts);
	const out = new TextBuilder();
	const writer = new LineWriter(opts);
	const {rules, start, end} = layout;
	for (let o = 0; o < order.length; o++) {
		const c = order[o]!;
		const chain = chains[c]!;
		if (o > 0) out.push('\n');
		let counts = '';
		if (opts.verbose === true) {
			// print_header: the policy's counters without column widths.
			const counter = chain.policy !== undefined ? opts.counters?.policy(opts.table, chain.name) : undefined;
			const exact = opts.exact === true;
			counts = counter === undefined ? ' 0 packets, 0 bytes' : ` ${formatCount(counter.packets, exact, true)}packets, ${formatCount(counter.bytes, exact, true)}bytes`;
		}
		const title =
			chain.policy !== undefined
				? `Chain ${chain.name} (policy ${chain.policy}${counts})`
				: `Chain ${chain.name} (${references.get(chain.name) ?? 0} references)`;
		out.push(title);
		out.push('\n');
		out.push(header);
		out.push('\n');
		for (let i = start[c]!; i < end[c]!; i++) writer.write(out, rules[i]!, i - start[c]! + 1);
	}
	return out.toString();
}
