// iptables-save: the kernel's rules printed back as iptables 1.8.9 (nf_tables) prints them. The
// kernel re-serialises each rule in its own order (addresses, interfaces, protocol, then the
// matches as given, then the target), which is why this differs from what kube-proxy wrote.
// A node's save is 20 MB: it is built as one list of pieces, joined once.

import {tableLayout} from './chain-order.js';
import {RecentTexts, SharedTexts, TextBuilder, type Sink} from './text.js';
import type {Match, Rule, Ruleset, TableName, Target} from './rule.js';
import type {CounterView} from '../netfilter/counters.js';

export {orderedChains, rulesByChain} from './chain-order.js';

const DEFAULT_VERSION = 'v1.8.9 (nf_tables)';

// The order iptables-nft-save visits tables in (its builtin table list), whatever order they were made.
export const TABLE_ORDER: TableName[] = ['mangle', 'filter', 'nat'];

// A rule set has a handful of probabilities (kube-proxy's 1/n), each printed on many rules.
const PROBABILITY_TEXT = new Map<number, string>();

/** C's `%.11f` of what the kernel stores (k / 2^31), exact and with printf's round-half-even. */
export function formatProbability(probability: number): string {
	const known = PROBABILITY_TEXT.get(probability);
	if (known !== undefined) return known;
	const denominator = 2n ** 31n;
	const k = BigInt(Math.round(probability * 2 ** 31));
	const scaled = k * 10n ** 11n;
	let quotient = scaled / denominator;
	const twiceRemainder = (scaled % denominator) * 2n;
	if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) quotient += 1n;
	const digits = quotient.toString().padStart(12, '0');
	const text = `${digits.slice(0, -11)}.${digits.slice(-11)}`;
	if (PROBABILITY_TEXT.size >= 4096) PROBABILITY_TEXT.clear();
	PROBABILITY_TEXT.set(probability, text);
	return text;
}

export function hex(value: number): string {
	return `0x${(value >>> 0).toString(16)}`;
}

/** Whether value is a plain word for xtables_save_string: [A-Za-z0-9_-]+. */
function isPlainWord(value: string): boolean {
	if (value.length === 0) return false;
	for (let i = 0; i < value.length; i++) {
		const c = value.charCodeAt(i);
		const plain =
			(c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
		if (!plain) return false;
	}
	return true;
}

/**
 * libxtables' xtables_save_string: a plain word ([A-Za-z0-9_-]) is printed as is, anything else in
 * double quotes with `"`, `\` and `'` escaped. Includes the leading space iptables prints.
 */
export function saveString(value: string): string {
	if (isPlainWord(value)) return ` ${value}`;
	const escaped = value.includes('"') || value.includes('\\') || value.includes("'");
	return ` "${escaped ? value.replace(/["\\']/g, (c) => `\\${c}`) : value}"`;
}

function bang(negated: boolean): string {
	return negated ? ' !' : '';
}

function ports(from: number, to: number): string {
	return from === to ? `${from}` : `${from}:${to}`;
}

function matchText(match: Match): string {
	switch (match.module) {
		case 'comment':
			return ` -m comment --comment${saveString(match.comment)}`;
		case 'tcp':
		case 'udp':
		case 'sctp': {
			let text = ` -m ${match.module}`;
			if (match.sport !== undefined) text += `${bang(match.sport.negated)} --sport ${ports(match.sport.from, match.sport.to)}`;
			if (match.dport !== undefined) text += `${bang(match.dport.negated)} --dport ${ports(match.dport.from, match.dport.to)}`;
			return text;
		}
		case 'addrtype': {
			let text = ' -m addrtype';
			if (match.srcType !== undefined) text += `${bang(match.srcType.negated)} --src-type ${match.srcType.value}`;
			if (match.dstType !== undefined) text += `${bang(match.dstType.negated)} --dst-type ${match.dstType.value}`;
			return text;
		}
		case 'statistic':
			return ` -m statistic --mode random --probability ${formatProbability(match.probability)}`;
		case 'recent': {
			let text = ` -m recent --${match.command}`;
			if (match.seconds !== undefined) text += ` --seconds ${match.seconds}`;
			if (match.reap) text += ' --reap';
			return `${text} --name ${match.name} --mask ${match.mask} --${match.side}`;
		}
		case 'mark': {
			const value = match.mask === 0xffffffff ? hex(match.value) : `${hex(match.value)}/${hex(match.mask)}`;
			return ` -m mark${bang(match.negated)} --mark ${value}`;
		}
		case 'conntrack':
			return ` -m conntrack${bang(match.negated)} --ctstate ${match.ctstate.join(',')}`;
		case 'nfacct':
			// libxt_nfacct prints "--nfacct-name " and then the saved string with its own space.
			return ` -m nfacct --nfacct-name ${saveString(match.name)}`;
	}
}

function targetText(target: Target): string {
	switch (target.kind) {
		case 'jump':
			return ` -j ${target.chain}`;
		case 'ACCEPT':
		case 'DROP':
		case 'RETURN':
			return ` -j ${target.kind}`;
		case 'DNAT':
			return ` -j DNAT --to-destination ${target.toDestination}`;
		case 'MARK':
			return ` -j MARK --set-xmark ${hex(target.value)}/${hex(target.mask)}`;
		case 'MASQUERADE':
			return target.randomFully ? ' -j MASQUERADE --random-fully' : ' -j MASQUERADE';
		case 'REJECT':
			return ` -j REJECT --reject-with ${target.rejectWith}`;
	}
}

/** Comments: neighbouring rules have the same one, often the same object. */
class CommentMemo {
	private match: Match | undefined;
	private comment: string | undefined;
	private saved = '';

	text(match: Extract<Match, {module: 'comment'}>): string {
		if (match !== this.match) {
			if (match.comment !== this.comment) {
				this.saved = ` -m comment --comment${saveString(match.comment)}`;
				this.comment = match.comment;
			}
			this.match = match;
		}
		return this.saved;
	}
}

class RuleWriter {
	/** Port and statistic matches, which rules from parse.ts share: each one's text once. */
	private readonly shared = new SharedTexts<Match>(matchText);
	/** A rule's target and the newline after it. */
	private readonly targets = new RecentTexts<Target>((target) => `${targetText(target)}\n`);
	private readonly protocols = new RecentTexts<NonNullable<Rule['protocol']>>(
		(protocol) => `${bang(protocol.negated)} -p ${protocol.value}`,
	);
	private readonly comments = new CommentMemo();

	private matchText(match: Match): string {
		switch (match.module) {
			case 'comment':
				return this.comments.text(match);
			case 'tcp':
			case 'udp':
			case 'sctp':
			case 'statistic':
				return this.shared.text(match);
			default:
				return matchText(match);
		}
	}

	/** One rule in save form, `-A CHAIN …` (prefix), and a newline. One string, a rope of the
	 * parts, pushed once: cheaper to join than the parts one by one. */
	write(out: Sink, rule: Rule, prefix: string): void {
		let line = prefix;
		const {source, destination, inInterface, outInterface, protocol} = rule;
		if (source !== undefined) line += (source.negated ? ' ! -s ' : ' -s ') + source.value;
		if (destination !== undefined) line += (destination.negated ? ' ! -d ' : ' -d ') + destination.value;
		if (inInterface !== undefined) line += (inInterface.negated ? ' ! -i ' : ' -i ') + inInterface.value;
		if (outInterface !== undefined) line += (outInterface.negated ? ' ! -o ' : ' -o ') + outInterface.value;
		if (protocol !== undefined) line += this.protocols.text(protocol);
		for (const match of rule.matches) line += this.matchText(match);
		line += rule.target === undefined ? '\n' : this.targets.text(rule.target);
		out.push(line);
	}
}

/** One rule in save form, `-A CHAIN …`, without a newline. */
export function saveRule(rule: Rule): string {
	let text = `-A ${rule.chain}`;
	if (rule.source !== undefined) text += `${bang(rule.source.negated)} -s ${rule.source.value}`;
	if (rule.destination !== undefined) text += `${bang(rule.destination.negated)} -d ${rule.destination.value}`;
	if (rule.inInterface !== undefined) text += `${bang(rule.inInterface.negated)} -i ${rule.inInterface.value}`;
	if (rule.outInterface !== undefined) text += `${bang(rule.outInterface.negated)} -o ${rule.outInterface.value}`;
	if (rule.protocol !== undefined) text += `${bang(rule.protocol.negated)} -p ${rule.protocol.value}`;
	for (const match of rule.matches) text += matchText(match);
	if (rule.target !== undefined) text += targetText(rule.target);
	return text;
}

/** The date as iptables-save prints it (C's ctime, local time): `Thu Nov 26 07:23:00 2026`. */
export function ctimeDate(date: Date): string {
	const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
	const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
	const two = (n: number): string => String(n).padStart(2, '0');
	return (
		`${days[date.getDay()]} ${months[date.getMonth()]} ${String(date.getDate()).padStart(2, ' ')} ` +
		`${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())} ${date.getFullYear()}`
	);
}

export interface SaveOptions {
	/** Only these tables (`iptables-save -t nat`); order is always the kernel's. */
	tables?: TableName[];
	/** The `# Generated by` / `# Completed on` lines; default true. */
	header?: boolean;
	/** What follows `iptables-save ` in the header; default `v1.8.9 (nf_tables)`. */
	version?: string;
	/** Date text in the header; default now, in ctime form. */
	date?: string;
	/** The node's counters: built-in chains always show theirs (`:INPUT ACCEPT [5:300]`). */
	counters?: CounterView;
	/** -c: each rule with its counters first (`[5:300] -A …`). */
	ruleCounters?: boolean;
}

/** `iptables-save` output for the rule set, byte for byte as iptables 1.8.9 (nf_tables) prints it. */
export function renderSave(rs: Ruleset, opts: SaveOptions = {}): string {
	const header = opts.header ?? true;
	const version = opts.version ?? DEFAULT_VERSION;
	const date = opts.date ?? ctimeDate(new Date());
	const out = new TextBuilder();
	const writer = new RuleWriter();
	for (const name of TABLE_ORDER) {
		if (opts.tables !== undefined && !opts.tables.includes(name)) continue;
		const table = rs.tables.find((t) => t.name === name);
		if (table === undefined) continue;
		if (header) out.push(`# Generated by iptables-save ${version} on ${date}\n`);
		out.push(`*${name}\n`);
		const {chains, rules, start, end} = tableLayout(table);
		const {counters} = opts;
		for (const chain of chains) {
			out.push(`:${chain.name}`);
			if (chain.policy === undefined) out.push(' - [0:0]\n');
			else {
				const counter = counters?.policy(name, chain.name);
				out.push(` ${chain.policy} [${counter?.packets ?? 0}:${counter?.bytes ?? 0}]\n`);
			}
		}
		for (let c = 0; c < chains.length; c++) {
			if (start[c] === end[c]) continue;
			const prefix = `-A ${chains[c]!.name}`;
			if (opts.ruleCounters === true) {
				for (let i = start[c]!; i < end[c]!; i++) {
					const counter = counters?.rule(rules[i]!);
					writer.write(out, rules[i]!, `[${counter?.packets ?? 0}:${counter?.bytes ?? 0}] ${prefix}`);
				}
				continue;
			}
			for (let i = start[c]!; i < end[c]!; i++) {
				writer.write(out, rules[i]!, prefix);
			}
		}
		out.push('COMMIT\n');
		if (header) out.push(`# Completed on ${date}\n`);
	}
	return out.toString();
}
