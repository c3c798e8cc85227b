// chain-next: a packet is in one of kube-proxy's nat chains on its way to a Service; which chain
// (or rule) does it go to next? The path is the tracer's; the wrong choices are real chain names
// of the same node (other Services' KUBE-SVC-/KUBE-SEP- chains, the step after next, KUBE-NODEPORTS).
//
// params:
//   service  namespace/name or name; default: seeded among Services with ready endpoints
//   port     the Service port, by name or number; default: seeded
//   via      clusterIP (a Pod sends to the cluster IP) | nodePort (a client outside sends to a
//            node's address at the node port); default: seeded, clusterIP more often
//   after    the chain the packet is in: KUBE-SERVICES, KUBE-NODEPORTS, KUBE-EXT, KUBE-SVC or
//            KUBE-SEP (a prefix names that Service's chain); default: seeded along the path
//   from     the sender (a Pod, or an IP); node: the node, for an IP or for nodePort
//   mode     choice (default) | typed
import type {Cluster} from '../../sim/cluster/cluster.js';
import {rulesByChain, saveRule} from '../../sim/iptables/save.js';
import type {Outcome} from '../../sim/netfilter/index.js';
import type {Random} from '../../sim/random.js';
import {buildQuestion} from '../build.js';
import {servicePorts} from '../cluster-facts.js';
import {begin} from '../params.js';
import {outsideToNodePort, podToClusterIP} from '../pick-connection.js';
import {natHops, pathLines, ruleComment, type Hop} from '../trace-explain.js';
import {QuizError, type Mistake, type Question, type QuizContext} from '../types.js';

const AFTER = ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-EXT', 'KUBE-SVC', 'KUBE-SEP'] as const;

export function chainNext(ctx: QuizContext): Question {
	const {params, random, mode} = begin('chain-next', ctx, ['service', 'port', 'via', 'after', 'from', 'node'], 'choice');
	const cluster = ctx.cluster;
	const after = params.oneOf('after', AFTER);
	const nodePortReady = servicePorts(cluster).some((f) => f.info.nodePort !== 0 && f.ready.length > 0);
	const wantsNodePort = after === 'KUBE-NODEPORTS' || after === 'KUBE-EXT';
	const via =
		params.oneOf('via', ['clusterIP', 'nodePort'] as const) ?? (wantsNodePort || (nodePortReady && !params.has('service') && random.next() < 0.3) ? 'nodePort' : 'clusterIP');
	const ready = (f: {ready: unknown[]}): boolean => f.ready.length > 0;
	const conn = via === 'nodePort' ? outsideToNodePort(cluster, params, random, ready, 'a nodePort and ready endpoints') : podToClusterIP(cluster, params, random, ready, 'ready endpoints');
	const outcomes = conn.trace.result.outcomes.filter((o) => o.verdict === 'DNAT');
	if (outcomes.length === 0) throw new QuizError(`chain-next: the packet to ${conn.dst.ip}:${conn.dst.port} is not DNATed on ${conn.nodeName}`);
	const outcome = random.pick(outcomes);
	const hops = natHops(outcome).filter((h) => h.from !== 'PREROUTING' && h.from !== 'OUTPUT');
	const candidates = after === undefined ? hops : hops.filter((h) => h.from === after || h.from.startsWith(`${after}-`));
	if (candidates.length === 0) throw new QuizError(`chain-next: this packet never passes ${after} on ${conn.nodeName}`);
	const hop = random.pick(candidates);
	const position = hops.indexOf(hop);
	const right = hopText(hop);
	// Every chain the packet can take from here (one per endpoint after KUBE-SVC-…) is right.
	const accepted = [...new Set(outcomes.flatMap((o) => natHops(o).filter((h) => h.from === hop.from).map((h) => h.to)))];
	const chains = natChains(cluster, conn.nodeName);
	const {fact, dst} = conn;

	return buildQuestion({
		kind: 'chain-next',
		seed: ctx.seed,
		mode,
		identity: `${fact.info.nameString}:${fact.info.port}/${fact.info.protocol}:${via}:${conn.trace.source.ip}@${conn.nodeName}:${hop.from}`,
		prompt: [
			`${conn.sender} connects to ${dst.ip}:${dst.port} (${fact.info.protocol.toUpperCase()}).`,
			`On ${conn.nodeName}, the packet is now in`,
			` ${hop.from}.`,
		],
		typedAsk: ['Which chain does it jump to next (or which rule ends the walk)?'],
		choiceAsk: ['Where does it go next?'],
		answerFormat: 'a full chain name (KUBE-…), or DNAT',
		hint: hint(hop.from),
		reader: {type: 'chain', accepted: hop.to === 'DNAT' ? ['DNAT'] : accepted, ...(hop.dnatTo !== undefined ? {dnatTo: hop.dnatTo} : {})},
		expected: right,
		explanation: [
			`The rule that matched in ${hop.from}:`,
			` ${saveRule(hop.rule)}`,
			`${conn.nodeName}'s path for this packet:`,
			...pathLines(conn.trace.result, outcome),
		],
		right,
		wrong: tempting(hops, position, accepted, {chains, outcome, otherTargets: outcomes.flatMap((o) => (o.to !== undefined ? [o.to] : [])), serviceAddress: `${dst.ip}:${dst.port}`, serviceChain: fact.info.clusterPolicyChain}, random),
		random,
	});
}

function hopText(hop: Hop): string {
	return hop.to === 'DNAT' ? `DNAT to ${hop.dnatTo ?? '?'}` : hop.to;
}

function hint(from: string): string {
	if (from === 'KUBE-SERVICES') return 'KUBE-SERVICES holds one rule per Service IP and port, and a last rule for node ports.';
	if (from.startsWith('KUBE-SVC-') || from.startsWith('KUBE-SVL-')) return 'A Service chain picks one endpoint, each with its own chain.';
	if (from.startsWith('KUBE-SEP-')) return 'An endpoint chain ends the walk by rewriting the destination.';
	if (from === 'KUBE-NODEPORTS') return 'KUBE-NODEPORTS matches the node port, then hands over to the external traffic chain.';
	return 'KUBE-EXT-… marks the packet for masquerade, then joins the Service chain.';
}

/** The node's nat chains, each with the comment of its first commented rule (which names its Service). */
function natChains(cluster: Cluster, nodeName: string): Map<string, string | undefined> {
	const proxy = cluster.kubeProxy(nodeName);
	const nat = proxy ? proxy.ruleset().tables.find((t) => t.name === 'nat') : undefined;
	const out = new Map<string, string | undefined>();
	if (!nat) return out;
	const rules = rulesByChain(nat);
	for (const chain of nat.chains) {
		const comment = (rules.get(chain.name) ?? []).map(ruleComment).find((c) => c !== undefined);
		out.set(chain.name, comment);
	}
	return out;
}

const prefixOf = (chain: string): string => /^KUBE-(?:SVC|SVL|SEP|EXT|FW)-/.exec(chain)?.[0] ?? chain;

interface Surroundings {
	chains: Map<string, string | undefined>;
	outcome: Outcome;
	/** Where the other outcomes are DNATed to. */
	otherTargets: string[];
	/** The address and port the packet was sent to. */
	serviceAddress: string;
	/** The Service port's own KUBE-SVC- chain. */
	serviceChain: string;
}

function tempting(hops: Hop[], position: number, accepted: string[], around: Surroundings, random: Random): Mistake[] {
	const {chains, outcome, otherTargets, serviceAddress, serviceChain} = around;
	const hop = hops[position]!;
	const wrong: Mistake[] = [];
	const later = hops[position + 1];
	if (later) wrong.push({answer: hopText(later), note: `${hopText(later)} comes one step later, after ${hopText(hop)}.`});
	if (hop.to === 'DNAT') {
		const masqMatched = outcome.steps.some((st) => st.matched && st.chain === hop.from && st.rule.target?.kind === 'jump' && st.rule.target.chain === 'KUBE-MARK-MASQ');
		if (!masqMatched) wrong.push({answer: 'KUBE-MARK-MASQ', note: `${hop.from}'s KUBE-MARK-MASQ rule only matches traffic from the endpoint itself (-s): the hairpin case.`});
		for (const other of otherTargets) {
			if (other !== hop.dnatTo) wrong.push({answer: `DNAT to ${other}`, note: `Each KUBE-SEP chain DNATs to its own endpoint: ${hop.from} to ${hop.dnatTo ?? '?'}.`});
		}
		wrong.push({answer: `DNAT to ${serviceAddress}`, note: 'That is the address the packet was sent to; the DNAT rewrites it to an endpoint.'});
		wrong.push({answer: 'REJECT', note: 'REJECT is for a Service with no endpoints, in the filter table.'});
		wrong.push({answer: `RETURN to ${hops[position - 1]?.from ?? 'KUBE-SERVICES'}`, note: 'A matching DNAT ends the nat walk; nothing returns.'});
		return wrong;
	}
	const prefix = prefixOf(hop.to);
	const same = [...chains.keys()].filter((c) => c.startsWith(prefix) && c !== hop.to && !accepted.includes(c));
	for (const other of random.shuffle(same).slice(0, 3)) {
		const comment = chains.get(other);
		wrong.push({answer: other, note: `${other} belongs to ${comment ?? 'another Service'}, not to this packet's Service.`});
	}
	if (hop.from === 'KUBE-SERVICES' && hop.to === 'KUBE-NODEPORTS') {
		// The node-port packet passes every cluster-IP rule first: none matches its destination.
		if (chains.has(serviceChain)) wrong.push({answer: serviceChain, note: `The rule jumping to ${serviceChain} matches only the Service's cluster IP; this packet is for the node's own address.`});
		const svcs = [...chains.keys()].filter((c) => c.startsWith('KUBE-SVC-') && c !== serviceChain);
		for (const other of random.shuffle(svcs).slice(0, 2)) wrong.push({answer: other, note: `${other} is for ${chains.get(other) ?? 'another Service'}, reached by its cluster IP.`});
	}
	if (hop.from === 'KUBE-SERVICES' && hop.to !== 'KUBE-NODEPORTS' && chains.has('KUBE-NODEPORTS')) {
		wrong.push({answer: 'KUBE-NODEPORTS', note: 'KUBE-NODEPORTS is for traffic to the node\'s own addresses; this packet is for a cluster IP.'});
	}
	const masqMatched = outcome.steps.some((s) => s.matched && s.chain === hop.from && s.rule.target?.kind === 'jump' && s.rule.target.chain === 'KUBE-MARK-MASQ');
	if (!masqMatched && hop.from !== 'KUBE-SERVICES' && hop.from !== 'KUBE-NODEPORTS') {
		wrong.push({answer: 'KUBE-MARK-MASQ', note: `${hop.from}'s KUBE-MARK-MASQ rule does not match this packet, and it would only mark it and return.`});
	}
	wrong.push({answer: 'KUBE-POSTROUTING', note: 'KUBE-POSTROUTING runs in nat POSTROUTING, after the routing decision; it only masquerades.'});
	return wrong;
}
