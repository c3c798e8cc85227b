// `iptables [-t TABLE] -S [CHAIN [RULENUM]] [-v]`: the rules as the commands that would make them,
// as iptables 1.8.9 (nf_tables) prints them: `-P` for each built-in chain's policy, `-N` for each
// user chain, then `-A` rules in iptables-save's form and order. With -v each policy and rule
// carries its counters (`-c PKTS BYTES`, before the target). Checked against the real iptables in
// test/kernel/shell-iptables.test.ts.
import {tableLayout} from './chain-order.js';
import {IptablesListError} from './list.js';
import {BUILTIN_CHAINS, type Rule, type Ruleset, type Table, type TableName} from './rule.js';
import {saveRule} from './save.js';
import type {Counter, CounterView} from '../netfilter/counters.js';

/** Every table iptables knows, with its built-in chains (raw and security hold no kube-proxy rules). */
export const IPTABLES_TABLES: Record<string, readonly string[]> = {
	...BUILTIN_CHAINS,
	raw: ['PREROUTING', 'OUTPUT'],
	security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

export interface SpecOptions {
	table: string;
	chain?: string;
	/** Only this rule of the chain (1-based); nothing when the chain has fewer. */
	ruleNumber?: number;
	verbose?: boolean;
	/** The node's counters (-v); without them every counter is 0. */
	counters?: CounterView;
}

function countersText(counter: Counter | undefined): string {
	return ` -c ${counter?.packets ?? 0} ${counter?.bytes ?? 0}`;
}

function specRule(rule: Rule, verbose: boolean, counters: CounterView | undefined): string {
	if (!verbose) return saveRule(rule);
	const matches = saveRule({...rule, target: undefined} as Rule);
	return `${matches}${countersText(counters?.rule(rule))}${saveRule(rule).slice(matches.length)}`;
}

/** A table nobody has loaded rules into: its built-in chains, empty, policy ACCEPT. */
function emptyTable(name: string): Table {
	return {name: name as TableName, chains: (IPTABLES_TABLES[name] ?? []).map((c) => ({name: c, policy: 'ACCEPT'})), rules: []};
}

export function renderSpec(rs: Ruleset, opts: SpecOptions): string {
	const verbose = opts.verbose === true;
	const table = rs.tables.find((t) => t.name === opts.table);
	if (table === undefined) {
		// raw, security, or a table with no rules: its built-in chains only.
		const chains = emptyTable(opts.table).chains.filter((c) => opts.chain === undefined || c.name === opts.chain);
		if (chains.length === 0) throw new IptablesListError(`iptables v1.8.9 (nf_tables): chain \`${opts.chain}' in table \`${opts.table}' is incompatible, use 'nft' tool.`);
		if (opts.ruleNumber !== undefined) return '';
		return chains.map((c) => `-P ${c.name} ACCEPT${verbose ? countersText(undefined) : ''}\n`).join('');
	}
	const {chains, rules, start, end} = tableLayout(table);
	const wanted = opts.chain === undefined ? chains.map((_, i) => i) : chains.flatMap((c, i) => (c.name === opts.chain ? [i] : []));
	if (wanted.length === 0) throw new IptablesListError(`iptables v1.8.9 (nf_tables): chain \`${opts.chain}' in table \`${opts.table}' is incompatible, use 'nft' tool.`);
	if (opts.ruleNumber !== undefined) {
		const c = wanted[0]!;
		const index = start[c]! + opts.ruleNumber - 1;
		return index < end[c]! ? `${specRule(rules[index]!, verbose, opts.counters)}\n` : '';
	}
	let out = '';
	for (const c of wanted) {
		const chain = chains[c]!;
		out += chain.policy !== undefined ? `-P ${chain.name} ${chain.policy}${verbose ? countersText(opts.counters?.policy(table.name, chain.name)) : ''}\n` : `-N ${chain.name}\n`;
	}
	for (const c of wanted) for (let i = start[c]!; i < end[c]!; i++) out += `${specRule(rules[i]!, verbose, opts.counters)}\n`;
	return out;
}
