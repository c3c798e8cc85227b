// nodeport-valid: would kube-apiserver accept this nodePort for a new Service? Typed: yes or no
// for one port; choice: which of several ports it accepts. The verdict and its error text come
// from the simulator's NodePort allocator, loaded with the ports this cluster's Services hold.
//
// params:
//   port   typed only: the nodePort asked about; default: seeded (range edges, one past them,
//          well-known ports, a free one, one a Service already holds)
//   mode   typed (default) | choice
import {NodePortAllocator, type NodePortResult} from '../../sim/allocation/node-port-allocator.js';
import {DEFAULT_NODE_PORT_RANGE} from '../../sim/allocation/port-range.js';
import type {Cluster} from '../../sim/cluster/cluster.js';
import type {Random} from '../../sim/random.js';
import {buildQuestion} from '../build.js';
import {serviceKey} from '../cluster-facts.js';
import {booleanText} from '../normalize.js';
import {begin} from '../params.js';
import {QuizError, type Question, type QuizContext} from '../types.js';

interface PortWorld {
	rangeText: string;
	base: number;
	last: number;
	/** nodePort → the Service holding it. */
	held: Map<number, string>;
	/** What kube-apiserver answers a new Service asking for `port`. */
	ask(port: number): NodePortResult;
}

function portWorld(cluster: Cluster): PortWorld {
	const live = cluster.api.nodePorts;
	const held = new Map<number, string>();
	for (const service of cluster.services()) for (const p of service.spec.ports) if (p.nodePort) held.set(p.nodePort, serviceKey(service));
	return {
		rangeText: live.rangeText,
		base: live.range.base,
		last: live.range.base + live.range.size - 1,
		held,
		ask(port) {
			// A fresh allocator holding the same ports: asking it changes nothing in the live cluster.
			const allocator = new NodePortAllocator(live.rangeText);
			for (const used of held.keys()) allocator.allocate(used);
			return allocator.allocate(port);
		},
	};
}

function explain(world: PortWorld, port: number): string[] {
	const result = world.ask(port);
	const lines = [`--service-node-port-range: ${world.base} … ${world.last}.`];
	if (result.ok) return [...lines, `${port} is inside it and free: accepted.`];
	const holder = world.held.get(port);
	if (holder !== undefined) lines.push(`${port} is inside it, but ${holder} already holds it.`);
	else lines.push(`${port} is ${port < world.base ? 'below' : 'above'} it.`);
	return [...lines, 'kube-apiserver answers:', ` ${result.error.apiMessage}`];
}

export function nodeportValid(ctx: QuizContext): Question {
	const {params, random, mode} = begin('nodeport-valid', ctx, ['port'], 'typed');
	const world = portWorld(ctx.cluster);
	if (world.last < world.base) throw new QuizError('nodeport-valid: this cluster has no node port range');
	const flag = ['kube-apiserver runs with', `--service-node-port-range=${world.rangeText}${world.rangeText === DEFAULT_NODE_PORT_RANGE ? ' (the default).' : '.'}`];
	const hint = 'Node ports come from one range, set by a kube-apiserver flag, and each is held by one Service.';

	if (mode === 'choice') {
		const right = freePort(world, random);
		const wrong = refusedPorts(world, random).map((p) => ({answer: String(p), note: explain(world, p).slice(1).join(' ')}));
		return buildQuestion({
			kind: 'nodeport-valid',
			seed: ctx.seed,
			mode,
			identity: String(right),
			prompt: flag,
			choiceAsk: ['A new Service asks for a nodePort. Which of these is accepted?'],
			answerFormat: 'a port number',
			hint,
			reader: {type: 'count', value: right},
			expected: String(right),
			explanation: explain(world, right),
			right: String(right),
			wrong,
			random,
		});
	}

	const port = params.int('port', 1, 65535) ?? (random.next() < 0.4 ? freePort(world, random) : random.pick(refusedPorts(world, random)));
	const accepted = world.ask(port).ok;
	return buildQuestion({
		kind: 'nodeport-valid',
		seed: ctx.seed,
		mode,
		identity: String(port),
		prompt: flag,
		typedAsk: [`A new NodePort Service asks for nodePort ${port}. Is it accepted?`],
		answerFormat: 'yes or no',
		hint,
		reader: {type: 'boolean', value: accepted, flavour: 'accepted'},
		expected: booleanText(accepted, 'accepted'),
		explanation: explain(world, port),
		right: booleanText(accepted, 'accepted'),
		wrong: [{answer: booleanText(!accepted, 'accepted'), note: explain(world, port).slice(1).join(' ')}],
		random,
	});
}

/** A free port of the range: an edge or a seeded one. */
function freePort(world: PortWorld, random: Random): number {
	const candidates = [world.base, world.last, world.base + random.int(world.last - world.base + 1), 30080]
		.filter((p) => p >= world.base && p <= world.last && !world.held.has(p));
	if (candidates.length > 0) return random.pick(candidates);
	for (let p = world.base; p <= world.last; p++) if (!world.held.has(p)) return p;
	throw new QuizError('nodeport-valid: every node port of the range is taken');
}

/** Ports kube-apiserver refuses: one past each end, well-known service ports, one already held. */
function refusedPorts(world: PortWorld, random: Random): number[] {
	const out = [world.base - 1, world.last + 1, random.pick([80, 443, 8080, 3306]), world.last + 1 + random.int(1000)];
	const held = [...world.held.keys()].sort((x, y) => x - y);
	if (held.length > 0) out.splice(2, 0, random.pick(held));
	return [...new Set(out)].filter((p) => p >= 1 && p <= 65535 && !world.ask(p).ok);
}
