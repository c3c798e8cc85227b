// iptables-save: the kernel's rules printed back as iptables 1.8.9 (nf_tables) prints them. The
// kernel re-serialises each rule in its own order (addresses, interfaces, protocol, then the
// matches as given, then the target), which is why this differs from what kube-proxy wrote.

import {BUILTIN_CHAINS, type Chain, type Match, type Rule, type Ruleset, type Table, type TableName, type Target} from './rule.js';

const DEFAULT_VERSION = 'v1.8.9 (nf_tables)';

// The order iptables-nft-save visits tables in (its builtin table list), whatever order they were made.
export const TABLE_ORDER: TableName[] = ['mangle', 'filter', 'nat'];

/** C's `%.11f` of what the kernel stores (k / 2^31), exact and with printf's round-half-even. */
export function formatProbability(probability: number): string {
	const denominator = 2n ** 31n;
	const k = BigInt(Math.round(probability * 2 ** 31));
	const scaled = k * 10n ** 11n;
	let quotient = scaled / denominator;
	const twiceRemainder = (scaled % denominator) * 2n;
	if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) quotient += 1n;
	const digits = quotient.toString().padStart(12, '0');
	return `${digits.slice(0, -11)}.${digits.slice(-11)}`;
}

export function hex(value: number): string {
	return `0x${(value >>> 0).toString(16)}`;
}

/**
 * libxtables' xtables_save_string: a plain word ([A-Za-z0-9_-]) is printed as is, anything else in
 * double quotes with `"`, `\` and `'` escaped. Includes the leading space iptables prints.
 */
export function saveString(value: string): string {
	if (/^[A-Za-z0-9_-]+$/.test(value)) return ` ${value}`;
	return ` "${value.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

function bang(negated: boolean): string {
	return negated ? ' !' : '';
}

function ports(from: number, to: number): string {
	return from === to ? `${from}` : `${from}:${to}`;
}

function saveMatch(match: Match): string {
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

function saveTarget(target: Target): string {
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

/** One rule in save form, `-A CHAIN …`, without a newline. */
export function saveRule(rule: Rule): string {
	let text = `-A ${rule.chain}`;
	if (rule.source !== undefined) text += `${bang(rule.source.negated)} -s ${rule.source.value}`;
	if (rule.destination !== undefined) text += `${bang(rule.destination.negated)} -d ${rule.destination.value}`;
	if (rule.inInterface !== undefined) text += `${bang(rule.inInterface.negated)} -i ${rule.inInterface.value}`;
	if (rule.outInterface !== undefined) text += `${bang(rule.outInterface.negated)} -o ${rule.outInterface.value}`;
	if (rule.protocol !== undefined) text += `${bang(rule.protocol.negated)} -p ${rule.protocol.value}`;
	for (const match of rule.matches) text += saveMatch(match);
	if (rule.target !== undefined) text += saveTarget(rule.target);
	return text;
}

function byteOrder(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Chains as the kernel lists them: built-ins in hook order, then user chains in byte order. */
export function orderedChains(table: Table): Chain[] {
	// A built-in chain always exists in the kernel, with ACCEPT unless a policy was set.
	const builtins = BUILTIN_CHAINS[table.name].map((name): Chain => {
		const found = table.chains.find((c) => c.name === name);
		return {name, policy: found?.policy ?? 'ACCEPT'};
	});
	const user = table.chains.filter((c) => !BUILTIN_CHAINS[table.name].includes(c.name));
	return [...builtins, ...[...user].sort((a, b) => byteOrder(a.name, b.name))];
}

/** A table's rules grouped by chain, each chain's in their order. */
export function rulesByChain(table: Table): Map<string, Rule[]> {
	const map = new Map<string, Rule[]>();
	for (const rule of table.rules) {
		const list = map.get(rule.chain);
		if (list === undefined) map.set(rule.chain, [rule]);
		else list.push(rule);
	}
	return map;
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
}

/** `iptables-save` output for the rule set, byte for byte as iptables 1.8.9 (nf_tables) prints it. */
export function renderSave(rs: Ruleset, opts: SaveOptions = {}): string {
	const header = opts.header ?? true;
	const version = opts.version ?? DEFAULT_VERSION;
	const date = opts.date ?? ctimeDate(new Date());
	let out = '';
	for (const name of TABLE_ORDER) {
		if (opts.tables !== undefined && !opts.tables.includes(name)) continue;
		const table = rs.tables.find((t) => t.name === name);
		if (table === undefined) continue;
		if (header) out += `# Generated by iptables-save ${version} on ${date}\n`;
		out += `*${name}\n`;
		const chains = orderedChains(table);
		for (const chain of chains) out += `:${chain.name} ${chain.policy ?? '-'} [0:0]\n`;
		const rules = rulesByChain(table);
		for (const chain of chains) for (const rule of rules.get(chain.name) ?? []) out += `${saveRule(rule)}\n`;
		out += 'COMMIT\n';
		if (header) out += `# Completed on ${date}\n`;
	}
	return out;
}
