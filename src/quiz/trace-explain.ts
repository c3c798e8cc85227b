// Explanations read off the packet tracer: the chain-to-chain path a packet took through the
// nat table, the rule that ended it in the filter table, and every place it may be DNATed to
// with its probability. Quizzes print these instead of a prepared story, so the explanation is
// always the one the simulated kernel gives for this cluster.
import type {Rule} from '../sim/iptables/rule.js';
import type {Cluster} from '../sim/cluster/cluster.js';
import type {Outcome, TraceResult} from '../sim/netfilter/index.js';
import {fraction, percent, width, WIDTH} from './text.js';
import {whoIs} from './cluster-facts.js';

export interface Hop {
	/** The chain the jumping rule is in. */
	from: string;
	/** The chain jumped to, or `DNAT`. */
	to: string;
	rule: Rule;
	/** The kernel-stored probability when the rule has `-m statistic`. */
	probability?: number;
	dnatTo?: string;
}

// KUBE-MARK-MASQ only sets a mark and returns: it is not a step on the way to the endpoint.
const SIDE_CHAINS = new Set(['KUBE-MARK-MASQ', 'KUBE-MARK-DROP']);

/** The nat rules that moved the packet on: jumps to service chains, and the DNAT. */
export function natHops(outcome: Outcome): Hop[] {
	const hops: Hop[] = [];
	for (const step of outcome.steps) {
		if (!step.matched || step.table !== 'nat') continue;
		const target = step.rule.target;
		const statistic = step.rule.matches.find((m) => m.module === 'statistic');
		const probability = statistic?.module === 'statistic' ? {probability: statistic.probability} : {};
		// nat POSTROUTING's jump to KUBE-POSTROUTING (masquerade) is after the decision, not on the way to it.
		if (step.chain === 'POSTROUTING') continue;
		if (target?.kind === 'jump' && !SIDE_CHAINS.has(target.chain)) {
			hops.push({from: step.chain, to: target.chain, rule: step.rule, ...probability});
		} else if (target?.kind === 'DNAT') {
			hops.push({from: step.chain, to: 'DNAT', rule: step.rule, dnatTo: target.toDestination, ...probability});
			break;
		}
	}
	return hops;
}

/** The comment kube-proxy put on a rule, which names the Service port. */
export function ruleComment(rule: Rule): string | undefined {
	const match = rule.matches.find((m) => m.module === 'comment');
	return match?.module === 'comment' ? match.comment : undefined;
}

/** The filter rule that dropped or rejected the packet, if one did. */
export function decidingRule(outcome: Outcome): Rule | undefined {
	const by = outcome.decidedBy;
	if (by?.ruleIndex === undefined) return undefined;
	return outcome.steps.find((s) => s.matched && s.table === by.table && s.chain === by.chain && s.ruleIndex === by.ruleIndex)?.rule;
}

/**
 * One line per chain, as in the lessons:
 *   nat PREROUTING
 *    → KUBE-SERVICES
 *    → KUBE-SVC-… (1/3)
 *    → DNAT to 10.244.1.2:3306
 */
export function pathLines(result: TraceResult, outcome: Outcome): string[] {
	const lines = [`nat ${result.entry}`];
	for (const hop of natHops(outcome)) {
		const odds = hop.probability === undefined ? '' : ` (${fraction(hop.probability)})`;
		lines.push(hop.to === 'DNAT' ? ` → DNAT to ${hop.dnatTo ?? '?'}` : ` → ${hop.to}${odds}`);
	}
	const rule = decidingRule(outcome);
	if (outcome.verdict === 'DROP' || outcome.verdict === 'REJECT') {
		const by = outcome.decidedBy;
		const where = by ? `${by.table} ${by.chain}${by.ruleIndex === undefined ? ' policy' : ` rule ${by.ruleIndex + 1}`}` : 'a rule';
		lines.push(` → ${where}:`, `   ${outcome.verdict}`);
		const comment = rule ? ruleComment(rule) : undefined;
		if (comment !== undefined) lines.push(`   "${comment}"`);
	}
	if (outcome.masquerade) lines.push(' (KUBE-MARK-MASQ: source masqueraded)');
	return lines;
}

export interface Destination {
	/** `ip:port`, or DROP / REJECT / ACCEPT. */
	to: string;
	probability: number;
}

/** Where a new connection can end, with probabilities, merged per destination, in rule order. */
export function destinations(result: TraceResult): Destination[] {
	const merged = new Map<string, number>();
	for (const outcome of result.outcomes) {
		const to = outcome.verdict === 'DNAT' && outcome.to !== undefined ? outcome.to : outcome.verdict;
		merged.set(to, (merged.get(to) ?? 0) + outcome.probability);
	}
	return [...merged].map(([to, probability]) => ({to, probability}));
}

/** " 10.244.1.2:80 1/3 (33.3%) web-1 on node01" per endpoint (who on a line of its own when that is too wide), or the verdict. */
export function destinationLines(cluster: Cluster, result: TraceResult): string[] {
	return destinations(result).flatMap(({to, probability}) => {
		const ip = to.includes(':') ? to.slice(0, to.lastIndexOf(':')) : undefined;
		const share = fraction(probability) === '1' ? '100%' : `${fraction(probability)} (${percent(probability)})`;
		const line = ` ${to} ${share}`;
		if (ip === undefined) return [line];
		const who = whoIs(cluster, ip);
		return width(`${line} ${who}`) <= WIDTH ? [`${line} ${who}`] : [line, `   ${who}`];
	});
}
