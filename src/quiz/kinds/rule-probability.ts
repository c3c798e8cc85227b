// rule-probability: the `-m statistic --probability` on the i-th KUBE-SVC → KUBE-SEP rule of a
// Service with n endpoints: 1/(n−i) counting i from 0, as kube-proxy writes it (0.3333333333) and
// as the kernel prints it back (0.33333333349). Read off the node's real rules, with each
// endpoint's resulting share from the tracer.
//
// params:
//   service  namespace/name or name of a Service with 2 or more endpoints; default: seeded
//   port     the Service port, by name or number; default: seeded
//   node     whose rules to read; default: seeded
//   rule     which SVC→SEP rule, from 1 (the last has no probability, so up to n−1); default: seeded
//   n        ask about a Service with n endpoints without reading a cluster (2–50); then `rule` too
//   mode     typed (default) | choice
import type {Rule} from '../../sim/iptables/rule.js';
import {kernelProbability} from '../../sim/iptables/parse.js';
import {formatProbability, saveRule} from '../../sim/iptables/save.js';
import {probability as kubeProxyProbability} from '../../sim/kube-proxy/iptables/proxier.js';
import type {Random} from '../../sim/random.js';
import {buildQuestion} from '../build.js';
import {isEndpointOf, outsideClient, podsWithIP, proxiedNodes, selectServicePort, servicePorts, isSystem} from '../cluster-facts.js';
import {begin, type Params} from '../params.js';
import {trace} from '../pick-connection.js';
import {destinationLines} from '../trace-explain.js';
import {ordinal} from '../text.js';
import {QuizError, type Mistake, type Question, type QuizContext} from '../types.js';

/** Relative tolerance for a typed probability: 0.33 and 33% pass for 1/3, 0.3 does not. */
export const PROBABILITY_TOLERANCE = 0.015;

interface Asked {
	n: number;
	/** 0-based index of the rule asked about. */
	i: number;
	/** What the kernel holds for that rule. */
	stored: number;
	intro: string[];
	identity: string;
	extra: string[];
}

export function ruleProbability(ctx: QuizContext): Question {
	const {params, random, mode} = begin('rule-probability', ctx, ['service', 'port', 'node', 'rule', 'n'], 'typed');
	const asked = params.has('n') ? arithmetic(params, random) : fromCluster(ctx, params, random);
	const {n, i, stored} = asked;
	const printed = formatProbability(stored);
	const right = `1/${n - i} (${printed})`;
	return buildQuestion({
		kind: 'rule-probability',
		seed: ctx.seed,
		mode,
		identity: asked.identity,
		prompt: asked.intro,
		typedAsk: [`What probability does the ${ordinal(i + 1)} rule carry?`],
		answerFormat: `1/3, 0.333 or 33.3% (within ${PROBABILITY_TOLERANCE * 100}%)`,
		hint: 'Each rule only sees the connections the rules above it let through.',
		reader: {type: 'probability', value: stored, tolerance: PROBABILITY_TOLERANCE},
		expected: right,
		explanation: [
			`Rule i (from 0) of n carries 1/(n−i): the ${ordinal(i + 1)} is i = ${i}, so 1/(${n}−${i}) = 1/${n - i}.`,
			`kube-proxy writes ${kubeProxyProbability(n - i)}; the kernel keeps round(p × 2^31), which iptables-save prints as ${printed}.`,
			`The last rule has no probability: it takes what is left, so each endpoint gets 1/${n}.`,
			...asked.extra,
		],
		right,
		wrong: tempting(n, i),
		random,
	});
}

/** 1/k as kube-proxy writes it and the kernel prints it back: "1/3 (0.33333333349)". */
function option(k: number): string {
	return `1/${k} (${formatProbability(kernelProbability(Number(kubeProxyProbability(k))))})`;
}

function tempting(n: number, i: number): Mistake[] {
	const wrong: Mistake[] = [];
	if (i > 0) wrong.push({answer: option(n), note: `1/${n} is what each endpoint ends up with; the ${ordinal(i + 1)} rule must take 1/${n - i} of the connections left to it.`});
	if (n - i - 1 >= 2) wrong.push({answer: option(n - i - 1), note: `That is the next rule's probability.`});
	wrong.push({answer: option(n - i + 1), note: `That is the probability of the rule before it${i === 0 ? ', if there were one' : ''}.`});
	wrong.push({answer: 'none: it always matches', note: 'Only the last rule has no -m statistic: it takes whatever is left.'});
	if (i + 1 < n) wrong.push({answer: `${i + 1}/${n} (${formatProbability(kernelProbability((i + 1) / n))})`, note: 'The rules do not add up their shares; each one halves, thirds… what is left.'});
	return wrong;
}

function arithmetic(params: Params, random: Random): Asked {
	const n = params.int('n', 2, 50)!;
	const i = (params.int('rule', 1, n - 1) ?? 1 + random.int(n - 1)) - 1;
	// kube-proxy's own formatting of 1/(n−i), then what the kernel keeps of it.
	const stored = kernelProbability(Number(kubeProxyProbability(n - i)));
	return {
		n,
		i,
		stored,
		intro: [`A Service has ${n} endpoints. Its KUBE-SVC-… chain has ${n} rules, one per endpoint, tried in order.`],
		identity: `n${n}:${i + 1}`,
		extra: [],
	};
}

function sepRules(rules: readonly Rule[], chain: string): Rule[] {
	// Session-affinity rules (-m recent --rcheck) come first and carry no probability: skip them.
	return rules.filter((r) => r.chain === chain && r.target?.kind === 'jump' && r.target.chain.startsWith('KUBE-SEP-') && !r.matches.some((m) => m.module === 'recent'));
}

function fromCluster(ctx: QuizContext, params: Params, random: Random): Asked {
	const cluster = ctx.cluster;
	const nodes = proxiedNodes(cluster).map((n) => n.metadata.name);
	const nodeName = params.string('node') ?? (nodes.length > 0 ? random.pick(nodes) : undefined);
	if (nodeName === undefined) throw new QuizError('rule-probability: this cluster has no node with a kube-proxy');
	const proxy = cluster.kubeProxy(nodeName);
	if (!proxy) throw new QuizError(`rule-probability: no kube-proxy on node "${nodeName}"`);
	const nat = proxy.ruleset().tables.find((t) => t.name === 'nat');
	const facts = selectServicePort(servicePorts(cluster, nodeName), params.string('service'), params.has('port') ? params.string('port') : undefined);
	const fitting = facts.filter((f) => sepRules(nat?.rules ?? [], f.info.clusterPolicyChain).length >= 2);
	if (fitting.length === 0) throw new QuizError(`rule-probability: no Service port here has 2 or more endpoints${params.has('service') ? ` (${params.string('service')})` : ''}`);
	const apps = fitting.filter((f) => !isSystem(f));
	const fact = random.pick(apps.length > 0 ? apps : fitting);
	const chain = fact.info.clusterPolicyChain;
	const rules = sepRules(nat?.rules ?? [], chain);
	const n = rules.length;
	const i = (params.int('rule', 1, n - 1) ?? 1 + random.int(n - 1)) - 1;
	const statistic = rules[i]!.matches.find((m) => m.module === 'statistic');
	if (statistic?.module !== 'statistic') throw new QuizError(`rule-probability: rule ${i + 1} of ${chain} has no probability`);
	// Where each connection ends, from a packet that is no endpoint's own.
	const sender = podsWithIP(cluster).find((p) => !isEndpointOf(fact, p.status.podIP!))?.status.podIP ?? outsideClient(cluster);
	const traced = trace(cluster, {node: nodeName, from: sender, to: {ip: fact.info.clusterIP, port: fact.info.port}, proto: fact.info.protocol});
	const name = `${fact.info.namespace}/${fact.info.name}`;
	return {
		n,
		i,
		stored: statistic.probability,
		intro: [
			`${name}${fact.info.portName ? ` port ${fact.info.portName}` : ''} has ${n} endpoints. On ${nodeName}, its chain`,
			` ${chain}`,
			`has ${n} rules that jump to KUBE-SEP chains, tried in order.`,
		],
		identity: `${fact.info.nameString}:${fact.info.port}/${fact.info.protocol}@${nodeName}:${i + 1}`,
		extra: [`The ${ordinal(i + 1)} rule, as iptables-save prints it:`, ` ${saveRule(rules[i]!)}`, 'Where new connections end up:', ...destinationLines(cluster, traced.result)],
	};
}
