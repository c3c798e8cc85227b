// A table as the walk reads it: a chain's rules by name, and each rule's IP header tests parsed
// once. A trace visits a handful of a big node's 60,000 chains, so nothing is done per chain or
// per rule up front beyond one pass that notes where each run of a chain's rules is.

import type {Rule, Table, TableName} from '../iptables/rule.js';
import {compileHeader, type Header} from './match.js';

/** After this many chains looked up one by one, all of them are indexed by name at once. */
const LOOKUPS_BEFORE_FULL_INDEX = 64;

/** A number that differs for most different chain names: the length and the last characters
 * (kube-proxy's names differ at the end, `KUBE-SEP-` and a hash). */
function nameKey(name: string): number {
	const n = name.length;
	if (n === 0) return 0;
	return (n << 20) ^ (name.charCodeAt(n - 1) << 10) ^ (n > 1 ? name.charCodeAt(n - 2) : 0) ^ (n > 2 ? name.charCodeAt(n - 3) << 5 : 0);
}

export class TableIndex {
	readonly name: TableName;
	/** Built-in chains' policies (user chains have none). */
	readonly policies: Map<string, 'ACCEPT' | 'DROP'>;
	private readonly table: Table;
	/** The table's rules in runs of one chain: run r is rules[runStart[r], runStart[r + 1]). */
	private readonly runStart: number[];
	private readonly runChain: string[];
	/** nameKey of each run's chain: a scan compares these before any name. */
	private readonly runKey: Int32Array;
	/** Chains looked up so far: their runs as [start, end) pairs (empty if the chain has no rules). */
	private readonly found = new Map<string, number[]>();
	private lookups = 0;
	/** Every chain's runs, once there have been many look-ups. */
	private all: Map<string, number[]> | undefined;
	private readonly headers: (Header | undefined)[];
	private readonly declared = new Map<string, boolean>();

	constructor(table: Table) {
		this.name = table.name;
		this.table = table;
		const {rules} = table;
		this.runStart = [];
		this.runChain = [];
		// Starting from '' as the index always has: rules of a chain named '' (only `-N ""` makes
		// one) at the very start of the table are left out.
		let chain = '';
		for (let i = 0; i < rules.length; i++) {
			const c = rules[i]!.chain;
			if (c !== chain) {
				chain = c;
				this.runStart.push(i);
				this.runChain.push(c);
			}
		}
		this.runStart.push(rules.length);
		this.runKey = new Int32Array(this.runChain.length);
		for (let r = 0; r < this.runChain.length; r++) this.runKey[r] = nameKey(this.runChain[r]!);
		this.headers = new Array<Header | undefined>(rules.length);
		this.policies = new Map();
		for (const {name, policy} of table.chains) if (policy !== undefined) this.policies.set(name, policy);
	}

	get rules(): readonly Rule[] {
		return this.table.rules;
	}

	/** Where chain's rules are in rules: [start, end) pairs, in order (none: no rules). */
	spans(chain: string): readonly number[] {
		let spans = this.found.get(chain);
		if (spans !== undefined) return spans;
		if (this.all === undefined && ++this.lookups > LOOKUPS_BEFORE_FULL_INDEX) this.all = this.indexAll();
		if (this.all !== undefined) {
			spans = this.all.get(chain) ?? [];
		} else {
			spans = [];
			const {runChain, runStart, runKey} = this;
			const key = nameKey(chain);
			for (let r = 0; r < runKey.length; r++) {
				if (runKey[r] === key && runChain[r] === chain) spans.push(runStart[r]!, runStart[r + 1]!);
			}
		}
		this.found.set(chain, spans);
		return spans;
	}

	private indexAll(): Map<string, number[]> {
		const all = new Map<string, number[]>();
		const {runChain, runStart} = this;
		for (let r = 0; r < runChain.length; r++) {
			const known = all.get(runChain[r]!);
			if (known === undefined) all.set(runChain[r]!, [runStart[r]!, runStart[r + 1]!]);
			else known.push(runStart[r]!, runStart[r + 1]!);
		}
		return all;
	}

	/** Where chain's rules are in rules, in order. */
	positions(chain: string): PositionList {
		return new PositionList(this.spans(chain));
	}

	/** How many rules chain has. */
	ruleCount(chain: string): number {
		const spans = this.spans(chain);
		let count = 0;
		for (let s = 0; s < spans.length; s += 2) count += spans[s + 1]! - spans[s]!;
		return count;
	}

	/** The IP header tests of the rule at position (in rules), parsed on first use. */
	header(position: number): Header {
		return (this.headers[position] ??= compileHeader(this.table.rules[position]!));
	}

	/** Whether the table declares a chain, rules or not (KUBE-PROXY-FIREWALL is often empty). */
	declares(chain: string): boolean {
		if (this.spans(chain).length > 0) return true;
		let known = this.declared.get(chain);
		if (known === undefined) {
			known = this.table.chains.some((c) => c.name === chain);
			this.declared.set(chain, known);
		}
		return known;
	}
}

/** A chain's rule positions, read from its spans without listing them all (KUBE-SERVICES has
 * 10,000 rules and a walk usually stops well before its end). */
export class PositionList {
	readonly length: number;
	private readonly spans: readonly number[];
	/** The span the last position asked for was in, and how many positions came before it. */
	private span = 0;
	private before = 0;

	constructor(spans: readonly number[]) {
		this.spans = spans;
		let length = 0;
		for (let s = 0; s < spans.length; s += 2) length += spans[s + 1]! - spans[s]!;
		this.length = length;
	}

	/** The index-th position (0 ≤ index < length), asked for in increasing order. */
	at(index: number): number {
		const {spans} = this;
		while (index - this.before >= spans[this.span + 1]! - spans[this.span]!) {
			this.before += spans[this.span + 1]! - spans[this.span]!;
			this.span += 2;
		}
		return spans[this.span]! + index - this.before;
	}
}
