// Walks one chain of one table as the kernel's ipt_do_table does: rules top to bottom, `-j CHAIN`
// descends and comes back after RETURN or the chain's end, a terminating target ends the table's
// walk. All live branches stand at the same rule of the same chain, so a `-m statistic` fork only
// splits a list; no per-branch position needs keeping.

import type {Rule, Ruleset, Table, TableName} from '../iptables/rule.js';
import {TableIndex} from './table-index.js';
import {fork, push, type Branch} from './branch.js';
import {formatIPv4, parseIPv4} from './ipv4.js';
import {headerMatches, testMatch, type MatchContext} from './match.js';
import {TraceError, type Step} from './types.js';

/** kube-proxy nests 6 deep (PREROUTING → KUBE-SERVICES → KUBE-NODEPORTS → KUBE-EXT → KUBE-SVC →
 * KUBE-SEP → KUBE-MARK-MASQ); far deeper is a broken rule set, not a real node. */
export const MAX_DEPTH = 64;

/** One branch per endpoint is normal; beyond this the rule set forks pathologically (chained
 * statistic rules that do not end the walk) and the trace would not finish. */
export const MAX_BRANCHES = 100_000;

interface CachedIndex {
	index: TableIndex;
	ruleCount: number;
	chainCount: number;
}

// A rule set is traced many times, so its tables are indexed once per Table object. Appending or
// removing rules or chains is noticed (the counts change); replacing a rule in place is not:
// build a new Table for that.
const indexCache = new WeakMap<Table, CachedIndex>();

export function indexRuleset(ruleset: Ruleset): Map<TableName, TableIndex> {
	const tables = new Map<TableName, TableIndex>();
	for (const table of ruleset.tables) {
		let cached = indexCache.get(table);
		if (cached === undefined || cached.ruleCount !== table.rules.length || cached.chainCount !== table.chains.length) {
			cached = {index: new TableIndex(table), ruleCount: table.rules.length, chainCount: table.chains.length};
			indexCache.set(table, cached);
		}
		tables.set(table.name, cached.index);
	}
	return tables;
}

export type {TableIndex};

export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

export interface WalkContext extends MatchContext {
	table: TableIndex;
	/** The netfilter hook the walk started from: NAT targets are legal only at some. */
	hook: Hook;
	/** Branches created so far in this trace (for MAX_BRANCHES). */
	branchCount: {value: number};
}

export interface ChainResult {
	/** Fell off the chain's end or hit RETURN: the caller goes on with its next rule. */
	returned: Branch[];
	/** This table's walk is over for them: ACCEPT, DNAT, MASQUERADE, or DROP/REJECT (`end` set). */
	settled: Branch[];
}

export function walkChain(
	ctx: WalkContext,
	chain: string,
	branches: Branch[],
	depth: number,
	stack: readonly string[],
): ChainResult {
	const {table} = ctx;
	const positions = table.positions(chain);
	const returned: Branch[] = [];
	const settled: Branch[] = [];
	let live = branches;
	for (let index = 0; index < positions.length && live.length > 0; index++) {
		// index counts the chain's rules; position is where the rule is in the table's rules.
		const position = positions.at(index);
		const rule = table.rules[position]!;
		const header = table.header(position);
		const next: Branch[] = [];
		const jumping: Branch[] = [];
		for (const branch of live) {
			if (!headerMatches(header, branch)) {
				// The common case (a KUBE-SERVICES scan): no match, nothing to evaluate or allocate.
				branch.steps = push(branch.steps, {table: ctx.table.name, chain, depth, ruleIndex: index, rule, matched: false});
				next.push(branch);
				continue;
			}
			for (const {branch: b, matched, notes} of evaluate(ctx, rule, branch)) {
				const step: Step = {table: ctx.table.name, chain, depth, ruleIndex: index, rule, matched};
				const target = matched ? rule.target : undefined;
				if (target === undefined) {
					// Not matched, or matched by a rule with no target (it only counts).
					record(b, step, notes);
					next.push(b);
					continue;
				}
				switch (target.kind) {
					case 'jump':
						record(b, step, notes);
						jumping.push(b);
						break;
					case 'RETURN':
						record(b, step, notes);
						returned.push(b);
						break;
					case 'ACCEPT':
						record(b, step, notes);
						settled.push(b);
						break;
					case 'DROP':
					case 'REJECT':
						record(b, step, notes);
						b.end = {verdict: target.kind, decidedBy: {table: ctx.table.name, chain, ruleIndex: index}};
						settled.push(b);
						break;
					case 'MARK': {
						const before = b.mark;
						// --set-xmark value/mask: clear the mask's bits, then XOR the value in.
						b.mark = ((b.mark & ~target.mask) ^ target.value) >>> 0;
						record(b, step, [...notes, `mark ${hex(before)} → ${hex(b.mark)}`]);
						next.push(b);
						break;
					}
					case 'DNAT':
						requireNat(ctx, 'DNAT', ['PREROUTING', 'OUTPUT']);
						record(b, step, [...notes, `destination → ${applyDnat(b, target.toDestination)}`]);
						settled.push(b);
						break;
					case 'MASQUERADE':
						requireNat(ctx, 'MASQUERADE', ['POSTROUTING']);
						b.masquerade = true;
						record(b, step, [...notes, 'source → the outgoing interface address']);
						settled.push(b);
						break;
				}
			}
		}
		if (jumping.length > 0 && rule.target?.kind === 'jump') {
			const result = descend(ctx, rule.target.chain, jumping, depth, stack);
			next.push(...result.returned);
			settled.push(...result.settled);
		}
		live = next;
	}
	returned.push(...live);
	return {returned, settled};
}

function descend(
	ctx: WalkContext,
	chain: string,
	branches: Branch[],
	depth: number,
	stack: readonly string[],
): ChainResult {
	const {table} = ctx;
	if (!table.declares(chain)) {
		throw new TraceError(`jump to ${chain}, which the ${table.name} table does not have`);
	}
	if (stack.includes(chain)) {
		// The kernel refuses to load such a rule set (ELOOP); say where the loop is.
		throw new TraceError(`jump loop in ${table.name}: ${[...stack, chain].join(' → ')}`);
	}
	if (depth + 1 > MAX_DEPTH) {
		throw new TraceError(`chains nested deeper than ${MAX_DEPTH} in ${table.name}: ${stack.join(' → ')}`);
	}
	for (const b of branches) b.path = push(b.path, chain);
	return walkChain(ctx, chain, branches, depth + 1, [...stack, chain]);
}

interface Evaluated {
	branch: Branch;
	matched: boolean;
	notes: string[];
}

/** The `-m` matches' answer for one branch whose IP header fields matched: one answer, or one
 * per side of each statistic fork (the taken side first, so outcomes come out in rule order). */
function evaluate(ctx: WalkContext, rule: Rule, branch: Branch): Evaluated[] {
	const out: Evaluated[] = [];
	evaluateFrom(ctx, rule, 0, branch, [], out);
	return out;
}

function evaluateFrom(
	ctx: WalkContext,
	rule: Rule,
	start: number,
	branch: Branch,
	notesSoFar: string[],
	out: Evaluated[],
): void {
	let notes = notesSoFar;
	for (let i = start; i < rule.matches.length; i++) {
		const match = rule.matches[i];
		if (match === undefined) continue;
		if (match.module === 'statistic') {
			// The kernel draws a 31-bit random number and compares it with the stored fraction,
			// so the match holds with exactly that probability: both outcomes are followed.
			const p = Math.min(1, Math.max(0, match.probability));
			const label = `probability ${p.toFixed(11)}`;
			if (p >= 1) {
				notes = [...notes, `${label}: always taken`];
				continue;
			}
			if (p <= 0) {
				out.push({branch, matched: false, notes: [...notes, `${label}: never taken`]});
				return;
			}
			const notTaken = fork(branch);
			if (++ctx.branchCount.value > MAX_BRANCHES) {
				throw new TraceError(`more than ${MAX_BRANCHES} branches: statistic rules fork without end in ${rule.chain}`);
			}
			notTaken.probability *= 1 - p;
			notTaken.order += '1';
			branch.probability *= p;
			branch.order += '0';
			evaluateFrom(ctx, rule, i + 1, branch, [...notes, `${label}: taken`], out);
			out.push({branch: notTaken, matched: false, notes: [...notes, `${label}: not taken (${(1 - p).toFixed(11)})`]});
			return;
		}
		const answer = testMatch(match, branch, ctx);
		if (answer.note !== undefined) notes = [...notes, answer.note];
		if (!answer.matched) {
			out.push({branch, matched: false, notes});
			return;
		}
	}
	out.push({branch, matched: true, notes});
}

function record(branch: Branch, step: Step, notes: string[]): void {
	branch.steps = push(branch.steps, notes.length > 0 ? {...step, note: notes.join('; ')} : step);
}

function requireNat(ctx: WalkContext, target: string, hooks: Hook[]): void {
	if (ctx.table.name !== 'nat' || !hooks.includes(ctx.hook)) {
		throw new TraceError(
			`${target} reached from ${ctx.table.name} ${ctx.hook}; iptables allows it only in nat ${hooks.join('/')}`,
		);
	}
}

/** Rewrites the destination; returns the new `ip:port`. A port-less DNAT keeps the port. */
function applyDnat(branch: Branch, toDestination: string): string {
	const m = /^([0-9.]+)(?::(\d+))?$/.exec(toDestination);
	if (m === null) {
		throw new TraceError(`DNAT --to-destination ${toDestination}: only ip or ip:port is traced (no ranges, no IPv6)`);
	}
	const address = parseIPv4(m[1] as string);
	const port = m[2] === undefined ? branch.dport : Number(m[2]);
	// conntrack sets its DNAT status only when the tuple really changes.
	if (address !== branch.dst || port !== branch.dport) branch.ctDnat = true;
	branch.dst = address;
	branch.dport = port;
	branch.dnatTo = `${formatIPv4(address)}:${port}`;
	return branch.dnatTo;
}

function hex(value: number): string {
	return `0x${value.toString(16)}`;
}
