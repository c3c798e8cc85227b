// One possible history of the packet. A `-m statistic` rule splits the walk in two; each half
// carries its own copy of this state. The copy is shallow: the step and path histories are
// persistent lists and the recent lists are replaced, never changed, so a fork costs O(1)
// however many rules (a 10,000-rule KUBE-SERVICES scan) came before it.

import type {Decision, Proto, RecentEntry, Step} from './types.js';

/** An immutable singly linked list, newest first; shared between forks. */
export interface List<T> {
	readonly head: T;
	readonly tail: List<T> | undefined;
}

export function push<T>(list: List<T> | undefined, head: T): List<T> {
	return {head, tail: list};
}

/** Oldest first. */
export function toArray<T>(list: List<T> | undefined): T[] {
	const out: T[] = [];
	for (let node = list; node !== undefined; node = node.tail) out.push(node.head);
	return out.reverse();
}

/** xt_recent lists by name, holding addresses; replaced on every change (copy on write). */
export type RecentLists = ReadonlyMap<string, ReadonlySet<number>>;

export interface Branch {
	probability: number;
	/** Fork decisions so far ('0' taken, '1' not taken): sorting by it lists outcomes in rule order. */
	order: string;
	src: number;
	sport: number;
	proto: Proto;
	dst: number;
	dport: number;
	/** `ip:port` once a DNAT rewrote the destination. */
	dnatTo?: string;
	/** skb->mark, as MARK sets it and `-m mark` reads it. */
	mark: number;
	/** conntrack's DNAT status bit: set when a DNAT changed the destination. */
	ctDnat: boolean;
	masquerade: boolean;
	recent: RecentLists;
	recorded: List<RecentEntry> | undefined;
	path: List<string> | undefined;
	steps: List<Step> | undefined;
	/** conntrack's state as `-m conntrack --ctstate` sees it: NEW for a connection's first packet,
	 * ESTABLISHED for later ones (always set: a fixed object shape keeps the walk fast). */
	ctState: 'NEW' | 'ESTABLISHED';
	/** Set when filter (or a DROP policy) ended the packet; nothing walks it further. */
	end?: {verdict: 'DROP' | 'REJECT'; decidedBy: Decision};
}

export function fork(branch: Branch): Branch {
	return {...branch};
}
