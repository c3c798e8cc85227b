// A table while iptables-restore works on it (between `*table` and COMMIT), and the nf_tables
// batch that COMMIT checks and sends to the kernel.

import {BUILTIN_CHAINS, type Chain, type Rule, type Table, type TableName, type Target} from '../rule.js';
import {ChainTable} from './chain-table.js';
import {IptablesParseError, PROGRAM, paramError} from './errors.js';

/** A chain's rules. `name` is the declared name: every rule of the chain gets that one string. */
export interface ChainRules {
	name: string;
	rules: Rule[];
	/** `-j` to this chain, made once and shared by every rule the fast path reads with it. */
	jump: Target | undefined;
	/** The batch that last gave this chain a rule. */
	filledIn: Batch | undefined;
	/** Set when -X deleted the chain (a chain of that name may have been made again since). */
	deleted: boolean;
}

export interface WorkTable {
	name: TableName;
	chains: Chain[];
	rules: ChainTable;
}

/** One table's part of the text, between `*table` and COMMIT: nf_tables' batch. */
export interface Batch {
	/** Where each added rule jumps to (if it jumps), for the checks made at COMMIT: the chain as
	 * it was when the rule was added, or the name if there was none. */
	jumps: (ChainRules | string)[];
	/** Kernel refusals: nf_tables reports them all at COMMIT, after the userspace checks. */
	refused: string[];
	refusedLine?: number;
	/** Chains given rules in this batch and deleted since (the live ones have `filledIn`). */
	filledDeleted: string[];
	/** Chains given rules in this batch that a whole-table -F did not really empty for a later -X
	 * (an nf_tables batch quirk seen with real iptables-restore). */
	stickyAfterFlushAll: Set<string>;
}

export function newBatch(): Batch {
	return {jumps: [], refused: [], filledDeleted: [], stickyAfterFlushAll: new Set()};
}

/** A rule was added to chain: note what COMMIT and a later -F/-X must know. */
export function noteAdded(batch: Batch, chain: ChainRules, jump: ChainRules | string | undefined): void {
	if (jump !== undefined) batch.jumps.push(jump);
	chain.filledIn = batch;
}

/** The names of the chains given rules in this batch. */
export function filledChains(work: WorkTable, batch: Batch): string[] {
	const names = [...batch.filledDeleted];
	for (const chain of work.rules.values()) if (chain.filledIn === batch) names.push(chain.name);
	return names;
}

/** -X of a chain (which has no rules). */
export function deleteChain(work: WorkTable, batch: Batch, name: string): void {
	const chain = work.rules.get(name)!;
	chain.deleted = true;
	if (chain.filledIn === batch) batch.filledDeleted.push(name);
	work.rules.delete(name);
}

export function refuse(batch: Batch, error: IptablesParseError): void {
	// kernelError's output is the program line then "line N: …"; keep the latter for the summary.
	batch.refused.push(error.output.slice(error.output.indexOf('\n') + 1));
	batch.refusedLine ??= error.line;
}

/** A chain with no rules yet. Every field is there from the start: V8 then keeps them all in the
 * object, rather than adding storage for each field set later (60,000 chains on a big node). */
export function newChainRules(name: string): ChainRules {
	return {name, rules: [], jump: undefined, filledIn: undefined, deleted: false};
}

/** An existing table to change in place (--noflush). Rules are shared, never copied: rule sets are
 * values, changed only by building new ones. */
export function toWork(table: Table): WorkTable {
	const rules = new ChainTable();
	for (const chain of table.chains) rules.set(chain.name, newChainRules(chain.name));
	let last: ChainRules | undefined;
	for (const rule of table.rules) {
		if (last === undefined || last.name !== rule.chain) last = rules.get(rule.chain);
		last?.rules.push(rule);
	}
	return {name: table.name, chains: table.chains.map((c) => ({...c})), rules};
}

export function freshTable(name: TableName): WorkTable {
	const chains: Chain[] = BUILTIN_CHAINS[name].map((c) => ({name: c, policy: 'ACCEPT'}));
	const rules = new ChainTable();
	for (const chain of chains) rules.set(chain.name, newChainRules(chain.name));
	return {name, chains, rules};
}

/** The table's chains' rules, in the chains' order. */
function chainLists(work: WorkTable): Rule[][] {
	// The chain table holds them in the same order as work.chains, unless a base table listed a
	// name twice: then by name.
	const entries = work.rules.values();
	const {chains} = work;
	let same = entries.length === chains.length;
	for (let i = 0; same && i < chains.length; i++) same = entries[i]!.name === chains[i]!.name;
	if (same) return entries.map((entry) => entry.rules);
	return chains.map((c) => work.rules.get(c.name)?.rules ?? []);
}

export function fromWork(work: WorkTable): Table {
	const lists = chainLists(work);
	let count = 0;
	for (const list of lists) count += list.length;
	const rules: Rule[] = new Array(count);
	let at = 0;
	for (const list of lists) for (const rule of list) rules[at++] = rule;
	return {name: work.name, chains: work.chains, rules};
}

export function isBuiltin(table: TableName, chain: string): boolean {
	return BUILTIN_CHAINS[table].includes(chain);
}

/** How many rules jump to each chain. */
export function referenceCounts(work: WorkTable): Map<string, number> {
	const counts = new Map<string, number>();
	for (const {rules} of work.rules.values()) {
		for (const rule of rules) {
			if (rule.target?.kind === 'jump') counts.set(rule.target.chain, (counts.get(rule.target.chain) ?? 0) + 1);
		}
	}
	return counts;
}

/** What happens at COMMIT: iptables' own jump checks, then the kernel's verdict on the batch. */
export function commitChecks(work: WorkTable, batch: Batch, commitLine: number): void {
	let checked: string | undefined;
	for (const jump of batch.jumps) {
		if (typeof jump === 'string') {
			// Consecutive rules often jump to the same chain: one look-up will do.
			if (jump === checked) continue;
			if (!work.rules.has(jump)) throw paramError(commitLine, `Chain '${jump}' does not exist`);
			checked = jump;
		} else if (jump.deleted && !work.rules.has(jump.name)) {
			// A chain that existed when the rule was added is still there unless -X deleted it.
			throw paramError(commitLine, `Chain '${jump.name}' does not exist`);
		}
	}
	if (batch.refused.length > 0) {
		const first = batch.refused[0]!;
		throw new IptablesParseError(
			batch.refusedLine!,
			first.slice(first.indexOf(': ') + 2).trim(),
			`${PROGRAM}: \n${batch.refused.join('')}`,
			4,
		);
	}
}
