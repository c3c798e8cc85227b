// The order in which the kernel hands a new connection's first packet to the tables at each
// netfilter hook (hook priorities: mangle −150, nat DNAT −100, filter 0, nat SNAT +100), and what
// happens at a built-in chain's end (its policy).

import type {TableName} from '../iptables/rule.js';
import {push, type Branch} from './branch.js';
import {walkChain, type Hook, type TableIndex} from './walk.js';
import type {MatchContext} from './match.js';

export interface Stage {
	table: TableName;
	hook: Hook;
}

const at = (hook: Hook, ...tables: TableName[]): Stage[] => tables.map((table) => ({table, hook}));

/** Arriving from a Pod's veth or from outside, before the routing decision. */
export const ARRIVE: Stage[] = at('PREROUTING', 'mangle', 'nat');
/** Routed to this node. nat INPUT (SNAT for local delivery) exists since Linux 2.6.36. */
export const LOCAL_IN: Stage[] = at('INPUT', 'mangle', 'filter', 'nat');
export const FORWARD: Stage[] = at('FORWARD', 'mangle', 'filter');
export const POST: Stage[] = at('POSTROUTING', 'mangle', 'nat');
/** Sent by a process of the node. */
export const LOCAL_OUT: Stage[] = at('OUTPUT', 'mangle', 'nat', 'filter');
/** The node's own packet to a local address comes back in through `lo`. Its NAT was settled in
 * OUTPUT and POSTROUTING, so nat PREROUTING and nat INPUT are not consulted again; mangle and
 * filter look at every packet. */
export const LOOPBACK_IN: Stage[] = [...at('PREROUTING', 'mangle'), ...at('INPUT', 'mangle', 'filter')];

export interface StageResult {
	/** Accepted by every table of the stages: they go on to the next hook. */
	passed: Branch[];
	/** DROP or REJECT: finished. */
	ended: Branch[];
}

export function runStages(
	tables: ReadonlyMap<TableName, TableIndex>,
	base: MatchContext & {branchCount: {value: number}},
	stages: readonly Stage[],
	branches: Branch[],
): StageResult {
	const ended: Branch[] = [];
	let passed = branches;
	for (const stage of stages) {
		if (passed.length === 0) break;
		const table = tables.get(stage.table);
		if (table === undefined) continue;
		const policy = table.policies.get(stage.hook) ?? 'ACCEPT';
		// An empty built-in chain with an ACCEPT policy changes nothing: kept out of the path so
		// the path shows what mattered (a real node's mangle table is all empty chains).
		if (table.ruleCount(stage.hook) === 0 && policy === 'ACCEPT') continue;
		for (const b of passed) b.path = push(b.path, stage.hook);
		const result = walkChain({...base, table, hook: stage.hook}, stage.hook, passed, 0, [stage.hook]);
		const next: Branch[] = [];
		for (const b of result.settled) (b.end === undefined ? next : ended).push(b);
		for (const b of result.returned) {
			if (policy === 'DROP') {
				b.end = {verdict: 'DROP', decidedBy: {table: stage.table, chain: stage.hook}};
				ended.push(b);
			} else {
				next.push(b);
			}
		}
		passed = next;
	}
	return {passed, ended};
}
