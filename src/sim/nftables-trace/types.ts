// The nftables tracer's shapes. Outcomes carry the same fields as the iptables tracer's
// (verdict, to, probability, masquerade, path), so `trace --json` prints both alike; a step names
// an nft rule (a string, as `nft list` prints it) and the map or set element it matched.

import type {Entry, RecentEntry, TracePacket, Verdict} from '../netfilter/types.js';
import type {NftTable} from '../kube-proxy/nftables/table.js';

export interface NftTraceInput {
	table: NftTable;
	entry: Entry;
	packet: TracePacket;
	/** The node's own addresses (`fib daddr type local`); 127.0.0.0/8 is always local. */
	localAddresses: string[];
	/** Elements already in dynamic sets (ClientIP affinity: `affinity-…` sets); default none. */
	setEntries?: RecentEntry[];
}

export interface NftStep {
	/** `ip kube-proxy`: the only table on a kube-proxy node in nftables mode. */
	table: string;
	chain: string;
	/** 0 in a base chain, +1 per jump or goto. */
	depth: number;
	ruleIndex: number;
	/** As `nft list table` prints it (src/sim/kube-proxy/nftables/list.ts), comment included. */
	rule: string;
	matched: boolean;
	/** The set or map element the rule's lookup found, as `@map: key : value`. */
	element?: string;
	note?: string;
}

export interface NftDecision {
	table: string;
	chain: string;
	ruleIndex: number;
}

export interface NftOutcome {
	verdict: Verdict;
	to?: string;
	probability: number;
	masquerade: boolean;
	/** Every chain entered, base chains included, in order. */
	path: string[];
	steps: NftStep[];
	decidedBy?: NftDecision;
	/** Elements `update @set { ip saddr }` added: what the next connection will find. */
	recorded: RecentEntry[];
}

export interface NftTraceResult {
	entry: Entry;
	packet: TracePacket;
	outcomes: NftOutcome[];
}
