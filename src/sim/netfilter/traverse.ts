// tracePacket: the first packet of a new connection through a node's tables, hook by hook, as
// the kernel sends it. Arriving: PREROUTING, then the routing decision on the (possibly DNATed)
// destination: local → INPUT, otherwise FORWARD and POSTROUTING. Sent by the node: OUTPUT,
// POSTROUTING, and back in through `lo` (PREROUTING, INPUT) when the destination is local.

import type {Branch, RecentLists} from './branch.js';
import {ARRIVE, FORWARD, LOCAL_IN, LOCAL_OUT, LOOPBACK_IN, POST, runStages, type Stage} from './hooks.js';
import {localAddressTest, parseIPv4} from './ipv4.js';
import {toOutcomes} from './outcome.js';
import {TraceError, type TraceInput, type TraceResult} from './types.js';
import {indexRuleset} from './walk.js';

/** Linux's default ip_local_port_range starts here. */
const DEFAULT_SPORT = 32768;

export function tracePacket(input: TraceInput): TraceResult {
	return {entry: input.entry, packet: input.packet, outcomes: toOutcomes(traceBranches(input))};
}

export interface BranchOptions {
	/** A later packet of a connection: conntrack already holds its NAT, so the nat table is not
	 * consulted (the caller gives the packet as filter sees it), and `-m conntrack` sees ESTABLISHED. */
	established?: boolean;
	/** What `-m conntrack --ctstate` sees on such a packet: ESTABLISHED once the other side
	 * answered, NEW for a retransmitted SYN still unanswered. Default ESTABLISHED. */
	state?: 'NEW' | 'ESTABLISHED';
	/** The connection was DNATed when it began: `--ctstate DNAT` holds for all its packets. */
	dnat?: boolean;
}

/** Every way the packet can end, as the tracer's raw branches (steps, probability, NAT). */
export function traceBranches(input: TraceInput, options: BranchOptions = {}): Branch[] {
	const indexed = indexRuleset(input.ruleset);
	let tables = indexed;
	if (options.established === true) {
		tables = new Map(indexed);
		tables.delete('nat');
	}
	const isLocal = localAddressTest(input.localAddresses);
	const base = {isLocal, branchCount: {value: 1}};
	const ended: Branch[] = [];
	const run = (stages: readonly Stage[], branches: Branch[]): Branch[] => {
		const result = runStages(tables, base, stages, branches);
		ended.push(...result.ended);
		return result.passed;
	};
	const delivered: Branch[] = [];
	const first = initialBranch(input);
	if (options.established === true && options.state !== 'NEW') first.ctState = 'ESTABLISHED';
	if (options.dnat === true) first.ctDnat = true;
	if (input.entry === 'PREROUTING') {
		const routed = run(ARRIVE, [first]);
		delivered.push(...run(LOCAL_IN, routed.filter((b) => isLocal(b.dst))));
		delivered.push(...run(POST, run(FORWARD, routed.filter((b) => !isLocal(b.dst)))));
	} else {
		const sent = run(POST, run(LOCAL_OUT, [first]));
		delivered.push(...sent.filter((b) => !isLocal(b.dst)));
		delivered.push(...run(LOOPBACK_IN, sent.filter((b) => isLocal(b.dst))));
	}
	return [...ended, ...delivered];
}

function initialBranch(input: TraceInput): Branch {
	const {packet} = input;
	const sport = packet.sport ?? DEFAULT_SPORT;
	for (const [name, port] of [['dport', packet.dport], ['sport', sport]] as const) {
		if (!Number.isInteger(port) || port < 0 || port > 65535) {
			throw new TraceError(`packet ${name} ${port} is not a port number`);
		}
	}
	const recent = new Map<string, Set<number>>();
	for (const entry of input.recentEntries ?? []) {
		// xt_recent keeps each family's entries apart: an IPv6 entry never matches an IPv4 packet.
		if (entry.address.includes(':')) continue;
		let list = recent.get(entry.name);
		if (list === undefined) {
			list = new Set();
			recent.set(entry.name, list);
		}
		list.add(parseIPv4(entry.address));
	}
	return {
		probability: 1,
		order: '',
		src: parseIPv4(packet.src),
		sport,
		proto: packet.proto,
		dst: parseIPv4(packet.dst),
		dport: packet.dport,
		mark: 0,
		ctDnat: false,
		ctState: 'NEW',
		masquerade: false,
		recent: recent as RecentLists,
		recorded: undefined,
		path: undefined,
		steps: undefined,
	};
}
