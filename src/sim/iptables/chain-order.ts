// The order iptables prints a table in: built-in chains in hook order, then user chains in byte
// order, each chain's rules in their order. Shared by save.ts and list.ts.

import {BUILTIN_CHAINS, type Chain, type Rule, type Table} from './rule.js';
import {sortedOrder} from './sort-names.js';

/** A table in print order: chains[i]'s rules are rules[start[i], end[i]). */
export interface TableLayout {
	chains: Chain[];
	rules: readonly Rule[];
	start: Int32Array;
	end: Int32Array;
}

/** Chains as the kernel lists them: built-ins in hook order, then user chains in byte order. */
export function orderedChains(table: Table): Chain[] {
	return printOrder(table).chains;
}

interface PrintOrder {
	chains: Chain[];
	/** Where each of chains is in table.chains (-1 for a built-in chain the table does not list). */
	positions: Int32Array;
	/** Whether every name appears once in table.chains. */
	unique: boolean;
}

function printOrder(table: Table): PrintOrder {
	const builtinNames = BUILTIN_CHAINS[table.name];
	const userPositions: number[] = [];
	const userNames: string[] = [];
	const builtinPositions = builtinNames.map(() => -1);
	let unique = true;
	table.chains.forEach((chain, k) => {
		const builtin = builtinNames.indexOf(chain.name);
		if (builtin < 0) {
			userPositions.push(k);
			userNames.push(chain.name);
		} else if (builtinPositions[builtin]! < 0) {
			builtinPositions[builtin] = k;
		} else {
			unique = false;
		}
	});
	const chains: Chain[] = [];
	const positions = new Int32Array(builtinNames.length + userPositions.length);
	// A built-in chain always exists in the kernel, with ACCEPT unless a policy was set.
	builtinNames.forEach((name, i) => {
		const k = builtinPositions[i]!;
		chains.push({name, policy: (k < 0 ? undefined : table.chains[k]!.policy) ?? 'ACCEPT'});
		positions[i] = k;
	});
	// User chains by name, in byte order (a stable sort: equal names keep their order).
	const order = sortedOrder(userNames);
	let previous: string | undefined;
	for (let i = 0; i < order.length; i++) {
		const k = userPositions[order[i]!]!;
		const chain = table.chains[k]!;
		if (chain.name === previous) unique = false;
		previous = chain.name;
		chains.push(chain);
		positions[builtinNames.length + i] = k;
	}
	return {chains, positions, unique};
}

/** The table in print order, with where each chain's rules are. */
export function tableLayout(table: Table): TableLayout {
	const {chains, positions, unique} = printOrder(table);
	const n = chains.length;
	const start = new Int32Array(n);
	const end = new Int32Array(n);
	const {rules} = table;
	// A table parse.ts builds holds each chain's rules in one run, the runs in table.chains order:
	// walking both together finds them without looking any name up.
	if (unique) {
		const runStart = new Int32Array(table.chains.length);
		const runEnd = new Int32Array(table.chains.length);
		let at = 0;
		for (let k = 0; k < table.chains.length; k++) {
			const name = table.chains[k]!.name;
			runStart[k] = at;
			while (at < rules.length && rules[at]!.chain === name) at++;
			runEnd[k] = at;
		}
		if (at === rules.length) {
			for (let i = 0; i < n; i++) {
				const k = positions[i]!;
				if (k >= 0) {
					start[i] = runStart[k]!;
					end[i] = runEnd[k]!;
				}
			}
			return {chains, rules, start, end};
		}
	}
	// Any other table: its rules grouped by chain name, in print order.
	const byChain = rulesByChain(table);
	const grouped: Rule[] = [];
	for (let i = 0; i < n; i++) {
		start[i] = grouped.length;
		for (const rule of byChain.get(chains[i]!.name) ?? []) grouped.push(rule);
		end[i] = grouped.length;
	}
	return {chains, rules: grouped, start, end};
}

/** A table's rules grouped by chain, each chain's in their order. */
export function rulesByChain(table: Table): Map<string, Rule[]> {
	const map = new Map<string, Rule[]>();
	let chain: string | undefined;
	let list: Rule[] = [];
	for (const rule of table.rules) {
		// A chain's rules come in one run (restore text groups them): look the list up once per run.
		if (rule.chain !== chain) {
			chain = rule.chain;
			const known = map.get(chain);
			if (known === undefined) {
				list = [];
				map.set(chain, list);
			} else {
				list = known;
			}
		}
		list.push(rule);
	}
	return map;
}
