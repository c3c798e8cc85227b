// The tracer's public shapes: what a caller gives (a node's tables and one packet) and what it gets
// back (every way the first packet of the connection can end, with the rules it met on the way).

import type {Protocol} from '../api/types.js';
import type {Rule, Ruleset, TableName} from '../iptables/rule.js';

/** Where the packet meets netfilter first: PREROUTING when it arrives (from a Pod's veth or from
 * outside), OUTPUT when a process of the node itself (or a hostNetwork Pod) sends it. */
export type Entry = 'PREROUTING' | 'OUTPUT';

/** A port's protocol as iptables writes it (`-p tcp`): the API's Protocol in lower case. */
export type Proto = Lowercase<Protocol>;

/** The iptables protocol of an API port; a port without one is TCP, as the API defaults it. */
export function protoOf(protocol: Protocol | undefined): Proto {
	return (protocol ?? 'TCP').toLowerCase() as Proto;
}

export interface TracePacket {
	src: string;
	dst: string;
	dport: number;
	/** Only tested by rules with `--sport`; kube-proxy writes none. Defaults to 32768, the first
	 * port of Linux's default ephemeral range. */
	sport?: number;
	proto: Proto;
}

/** An xt_recent list entry, taken to be fresh (within any `--seconds`). */
export interface RecentEntry {
	name: string;
	address: string;
}

export interface TraceInput {
	ruleset: Ruleset;
	entry: Entry;
	packet: TracePacket;
	/** The node's own addresses; 127.0.0.0/8 is always local. */
	localAddresses: string[];
	/** Lists already holding an address (default none: a first connection). */
	recentEntries?: RecentEntry[];
}

export type Verdict = 'DNAT' | 'REJECT' | 'DROP' | 'ACCEPT';

/** One rule tested on one branch of the walk, in the order the kernel tests them. */
export interface Step {
	table: TableName;
	chain: string;
	/** 0 in a built-in chain, +1 per `-j CHAIN` descended. */
	depth: number;
	/** 0-based position within the chain (`iptables -L --line-numbers` shows it + 1). */
	ruleIndex: number;
	rule: Rule;
	matched: boolean;
	note?: string;
}

/** Which rule (or, without ruleIndex, which built-in chain's policy) ended the packet. */
export interface Decision {
	table: TableName;
	chain: string;
	ruleIndex?: number;
}

export interface Outcome {
	/** DNAT: rewritten and let through; ACCEPT: let through untouched (apart from masquerade). */
	verdict: Verdict;
	/** `ip:port` after DNAT; also kept on a DROP/REJECT that came after a DNAT. */
	to?: string;
	/** Absolute: the outcomes of one trace sum to 1. */
	probability: number;
	/** MASQUERADE ran in nat POSTROUTING (the source is rewritten to the outgoing address). */
	masquerade: boolean;
	/** Every chain entered, in order, across all tables walked (built-in chains included, except
	 * those with no rules and an ACCEPT policy, where nothing can happen). A chain that was entered
	 * and returned from (KUBE-MARK-MASQ) is listed too. Names only: `steps` carry the tables. */
	path: string[];
	steps: Step[];
	/** For DROP and REJECT. */
	decidedBy?: Decision;
	/** Entries `-m recent --set` added on this branch: what the next connection will find. */
	recorded: RecentEntry[];
}

export interface TraceResult {
	entry: Entry;
	packet: TracePacket;
	outcomes: Outcome[];
}

/** A rule set the tracer cannot walk faithfully (a loop, an unsupported match), said plainly. */
export class TraceError extends Error {
	override readonly name = 'TraceError';
}
