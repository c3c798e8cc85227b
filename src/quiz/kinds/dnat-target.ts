// dnat-target: a Pod connects to a Service's cluster IP:port; where is the connection DNATed?
// The answer is what the packet tracer finds in the node's rules: with several endpoints any of
// them is right, and the explanation lists each with its probability.
//
// params:
//   service  namespace/name or name; default: seeded among Services with endpoints (application
//            Services before kubernetes and kube-dns)
//   port     the Service port, by name or number; default: seeded among its ports
//   from     the sender: a Pod ([namespace/]name) or an IP; default: seeded among Pods that are
//            not endpoints of the Service (same namespace first)
//   node     the node whose rules the packet meets, when `from` is an IP; default: the Pod's node
//   mode     typed (default) | choice
import type {Cluster} from '../../sim/cluster/cluster.js';
import type {Random} from '../../sim/random.js';
import {buildQuestion} from '../build.js';
import {internalIP, isEndpointOf, podsWithIP, whoIs} from '../cluster-facts.js';
import {begin} from '../params.js';
import {podToClusterIP, type Connection} from '../pick-connection.js';
import {destinationLines, destinations, pathLines} from '../trace-explain.js';
import type {Mistake, Question, QuizContext} from '../types.js';

export function dnatTarget(ctx: QuizContext): Question {
	const {params, random, mode} = begin('dnat-target', ctx, ['service', 'port', 'from', 'node'], 'typed');
	const conn = podToClusterIP(ctx.cluster, params, random, (f) => f.ready.length > 0, 'ready endpoints');
	const {fact, trace, dst} = conn;
	const ends = destinations(trace.result).filter((d) => d.probability > 0);
	const endpoints = ends.filter((d) => d.to.includes(':')).map((d) => d.to);
	const verdicts = ends.filter((d) => !d.to.includes(':')).map((d) => d.to);
	const right = endpoints.length > 0 ? random.pick(endpoints) : verdicts[0] ?? 'ACCEPT';
	const first = trace.result.outcomes[0]!;
	const explanation = [
		`${conn.nodeName}'s rules:`,
		...pathLines(trace.result, first),
		...(trace.result.outcomes.length > 1 ? [`(one of ${trace.result.outcomes.length} paths; the KUBE-SVC chain picks one)`] : []),
		'Each new connection goes to:',
		...destinationLines(ctx.cluster, trace.result),
	];
	return buildQuestion({
		kind: 'dnat-target',
		seed: ctx.seed,
		mode,
		identity: `${fact.info.nameString}:${fact.info.port}/${fact.info.protocol}:${trace.source.ip}@${conn.nodeName}`,
		prompt: [`${conn.sender} connects to ${dst.ip}:${dst.port} (${fact.info.protocol.toUpperCase()}), the cluster IP of ${fact.info.namespace}/${fact.info.name}.`],
		typedAsk: ['To which IP:port is it DNATed?'],
		answerFormat: 'IP:port',
		hint: `Follow KUBE-SERVICES to the Service's KUBE-SVC chain, then to a KUBE-SEP chain.`,
		reader: {type: 'destination', endpoints, verdicts},
		expected: mode === 'choice' || endpoints.length <= 1 ? right : `any of ${endpoints.join(', ')}`,
		explanation,
		right,
		wrong: tempting(ctx.cluster, conn, right, random),
		random,
	});
}

/** The answers people give instead: the Service address itself, a node, another Pod, the wrong port. */
export function tempting(cluster: Cluster, conn: Connection, right: string, random: Random): Mistake[] {
	const {fact, dst} = conn;
	const name = `${fact.info.namespace}/${fact.info.name}`;
	const endpointPort = right.includes(':') ? Number(right.slice(right.lastIndexOf(':') + 1)) : fact.ready[0]?.port ?? dst.port;
	const endpointIP = right.includes(':') ? right.slice(0, right.lastIndexOf(':')) : fact.ready[0]?.ip;
	const wrong: Mistake[] = [
		{answer: `${fact.info.clusterIP}:${fact.info.port}`, note: `That is ${name}'s own cluster IP: the DNAT rule in KUBE-SEP-… rewrites it to an endpoint.`},
	];
	const endpoint = fact.ready.find((e) => e.ip === endpointIP) ?? fact.ready[0];
	const epNode = endpoint?.nodeName ? cluster.nodes().find((n) => n.metadata.name === endpoint.nodeName) : undefined;
	const node = epNode ?? cluster.nodes().find((n) => n.metadata.name === conn.nodeName);
	if (node) {
		wrong.push({answer: `${internalIP(node)}:${endpointPort}`, note: `That is node ${node.metadata.name}'s address; the DNAT goes to the Pod's own IP.`});
	}
	const others = podsWithIP(cluster).filter((p) => !isEndpointOf(fact, p.status.podIP!));
	if (others.length > 0) {
		const other = random.pick(others);
		wrong.push({answer: `${other.status.podIP}:${endpointPort}`, note: `That is ${whoIs(cluster, other.status.podIP!)}, which is not an endpoint of ${name}.`});
	}
	if (endpointIP !== undefined && endpointPort !== fact.info.port) {
		wrong.push({answer: `${endpointIP}:${fact.info.port}`, note: `${fact.info.port} is the Service's port; the DNAT goes to the target port, ${endpointPort}.`});
	}
	if (endpointPort !== fact.info.port) {
		wrong.push({answer: `${fact.info.clusterIP}:${endpointPort}`, note: 'The cluster IP is what the packet is sent to, not where it is DNATed.'});
	}
	if (conn.trace.node && endpointIP !== undefined) {
		const sender = internalIP(conn.trace.node);
		wrong.push({answer: `${sender}:${endpointPort}`, note: `That is ${conn.nodeName}'s own address: the rules send the packet on to the endpoint.`});
	}
	return wrong;
}

