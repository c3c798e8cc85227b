// traceNftPacket: the first packet of a new connection through a node's `ip kube-proxy` table,
// hook by hook. kube-proxy's table is the only one on these nodes (no firewalld, no
// iptables-nft tables), so its base chains are all the packet meets; each base chain's policy is
// accept. Arriving: prerouting, then the routing decision on the (possibly DNATed) destination:
// local → input, otherwise forward and postrouting. Sent by the node: output, postrouting, and
// back in through `lo` (prerouting and input, whose nat chains are not consulted again: the
// connection's NAT was settled on the way out).

import type {NftBaseChain, NftChain} from '../kube-proxy/nftables/table.js';
import {localAddressTest, parseIPv4} from '../netfilter/ipv4.js';
import {TraceError} from '../netfilter/types.js';
import type {NftOutcome, NftTraceInput, NftTraceResult} from './types.js';
import {walkChain, type NftBranch, type NftWalkContext} from './walk.js';

type Hook = NftBaseChain['hook'];

export function traceNftPacket(input: NftTraceInput): NftTraceResult {
	const {table, packet} = input;
	if (table.family !== 'ip') throw new TraceError(`the tracer walks the ip family only, not ${table.family} ${table.name}`);
	if (!Number.isInteger(packet.dport) || packet.dport < 0 || packet.dport > 65535) throw new TraceError(`packet dport ${packet.dport} is not a port number`);
	const ctx: NftWalkContext = {table, tableName: `${table.family} ${table.name}`, isLocal: localAddressTest(input.localAddresses)};
	const ended: NftBranch[] = [];
	const run = (hook: Hook, branches: NftBranch[], natToo = true): NftBranch[] => {
		let live = branches;
		for (const chain of baseChains(table.chains(), hook, natToo)) {
			const next: NftBranch[] = [];
			for (const b of live) {
				b.path.push(chain.name);
				for (const w of walkChain(ctx, chain, b, 0, [chain.name])) (w.end === 'drop' || w.end === 'reject' ? ended : next).push(w.branch);
			}
			live = next;
		}
		return live;
	};
	const first: NftBranch = {
		probability: 1,
		order: '',
		src: parseIPv4(packet.src),
		proto: packet.proto,
		dst: parseIPv4(packet.dst),
		dport: packet.dport,
		mark: 0,
		masquerade: false,
		setEntries: new Set((input.setEntries ?? []).map((e) => `${e.name} ${e.address}`)),
		recorded: [],
		path: [],
		steps: [],
	};
	const delivered: NftBranch[] = [];
	if (input.entry === 'PREROUTING') {
		const routed = run('prerouting', [first]);
		delivered.push(...run('input', routed.filter((b) => ctx.isLocal(b.dst))));
		delivered.push(...run('postrouting', run('forward', routed.filter((b) => !ctx.isLocal(b.dst)))));
	} else {
		const sent = run('postrouting', run('output', [first]));
		delivered.push(...sent.filter((b) => !ctx.isLocal(b.dst)));
		delivered.push(...run('input', run('prerouting', sent.filter((b) => ctx.isLocal(b.dst)), false), false));
	}
	return {entry: input.entry, packet, outcomes: toOutcomes([...ended, ...delivered], ctx.tableName)};
}

/** The hook's base chains by priority; equal priorities keep the table's order. */
function baseChains(chains: NftChain[], hook: Hook, natToo: boolean): NftChain[] {
	return chains
		.filter((c) => c.base?.hook === hook && (natToo || c.base.type !== 'nat'))
		.sort((a, b) => (a.base?.priority ?? 0) - (b.base?.priority ?? 0));
}

function toOutcomes(branches: NftBranch[], tableName: string): NftOutcome[] {
	const sorted = [...branches].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
	const byKey = new Map<string, NftOutcome>();
	for (const b of sorted) {
		const outcome: NftOutcome = {
			verdict: b.end?.verdict ?? (b.dnatTo === undefined ? 'ACCEPT' : 'DNAT'),
			probability: b.probability,
			masquerade: b.masquerade,
			path: b.path,
			steps: b.steps,
			recorded: b.recorded,
		};
		if (b.dnatTo !== undefined) outcome.to = b.dnatTo;
		if (b.end !== undefined) outcome.decidedBy = {table: tableName, chain: b.end.chain, ruleIndex: b.end.ruleIndex};
		const key = JSON.stringify([outcome.verdict, outcome.to ?? '', outcome.masquerade, outcome.path]);
		const seen = byKey.get(key);
		if (seen === undefined) byKey.set(key, outcome);
		else seen.probability += outcome.probability;
	}
	return [...byKey.values()];
}
