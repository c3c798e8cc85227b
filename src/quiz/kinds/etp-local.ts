// etp-local: a NodePort Service gets externalTrafficPolicy: Local; a client outside connects to
// a node that runs none of its Pods. What happens? Both policies are traced: the live cluster as
// it is, and a throwaway copy with the Service switched to the other policy through the API
// server, so the answer (DROP) and the contrast (Cluster would DNAT) are both the simulator's.
//
// params:
//   service  namespace/name or name of a Service with a nodePort and ready endpoints;
//            default: seeded among those with a node that runs none of their Pods
//   port     the Service port, by name or number; default: seeded
//   node     the node the client connects to; default: seeded among nodes without a local endpoint
//   from     the client: an IP (default: an address beside the nodes)
//   mode     choice (default) | typed
import {CONTROL_PLANE_LABEL, type Service} from '../../sim/api/types.js';
import type {Cluster} from '../../sim/cluster/cluster.js';
import type {ConnectionTrace} from '../../sim/cluster/trace-connection.js';
import {buildQuestion} from '../build.js';
import {cloneCluster} from '../clone-cluster.js';
import {proxiedNodes, serviceKey, type ServicePortFact} from '../cluster-facts.js';
import {begin} from '../params.js';
import {outsideToNodePort, trace, type Connection} from '../pick-connection.js';
import {destinationLines, destinations, pathLines, type Destination} from '../trace-explain.js';
import {QuizError, type Mistake, type Question, type QuizContext} from '../types.js';

export function etpLocal(ctx: QuizContext): Question {
	const {params, random, mode} = begin('etp-local', ctx, ['service', 'port', 'node', 'from'], 'choice');
	const cluster = ctx.cluster;
	const names = proxiedNodes(cluster).map((n) => n.metadata.name);
	const controlPlane = new Set(cluster.nodes().filter((n) => n.metadata.labels?.[CONTROL_PLANE_LABEL] !== undefined).map((n) => n.metadata.name));
	const withoutEndpoint = (f: ServicePortFact, nodes: string[]): string[] => {
		const free = nodes.filter((n) => !f.ready.some((e) => e.nodeName === n));
		// A worker makes the point better than the control plane, which runs no application Pods anyway.
		const workers = free.filter((n) => !controlPlane.has(n));
		return workers.length > 0 ? workers : free;
	};
	const conn = outsideToNodePort(
		cluster,
		params,
		random,
		(f) => f.ready.length > 0 && withoutEndpoint(f, names).length > 0,
		'a nodePort, ready endpoints and a node without one',
		withoutEndpoint,
	);
	const {fact, nodeName, dst} = conn;
	const liveLocal = fact.service.spec.externalTrafficPolicy === 'Local';
	const other = traceWithPolicy(cluster, conn, liveLocal ? 'Cluster' : 'Local');
	const local = liveLocal ? conn.trace : other;
	const clusterPolicy = liveLocal ? other : conn.trace;

	const ends = destinations(local.result).filter((d) => d.probability > 0);
	const endpoints = ends.filter((d) => d.to.includes(':')).map((d) => d.to);
	const verdicts = ends.filter((d) => !d.to.includes(':')).map((d) => d.to);
	const outcome = ends[0];
	if (!outcome) throw new QuizError('etp-local: the trace found no outcome');
	const right = describe(outcome, nodeName);
	const name = `${fact.info.namespace}/${fact.info.name}`;
	const clusterEnd = destinations(clusterPolicy.result).find((d) => d.to.includes(':'));

	const wrong: Mistake[] = [];
	if (clusterEnd) wrong.push({answer: `DNAT to ${clusterEnd.to}`, note: `That is what Cluster policy does. With Local, ${nodeName} sends traffic from outside only to endpoints on itself, and it has none.`});
	wrong.push(
		{answer: 'REJECT: port unreachable', note: 'REJECT is for a Service with no endpoints at all; this one has endpoints, just none on this node.'},
		{answer: `relayed to a node with a Pod`, note: `Nothing relays it: ${nodeName}'s own rules decide, and kube-proxy only writes them.`},
		{answer: `ACCEPT: ${nodeName} answers itself`, note: `No process on ${nodeName} listens on ${fact.info.nodePort}: the node port exists only as rules.`},
	);
	const mistakes = wrong.filter((m) => m.answer !== right);

	return buildQuestion({
		kind: 'etp-local',
		seed: ctx.seed,
		mode,
		identity: `${fact.info.nameString}:${fact.info.nodePort}/${fact.info.protocol}:${local.source.ip}@${nodeName}`,
		prompt: [
			`${name} (nodePort ${fact.info.nodePort}) ${liveLocal ? 'has' : 'is set to'} externalTrafficPolicy: Local.`,
			`${nodeName} runs none of its Pods.`,
			`${conn.sender.replace('A client outside the cluster,', 'A client outside,')} connects to ${dst.ip}:${dst.port}.`,
		],
		typedAsk: ['What happens to the connection?'],
		answerFormat: 'DROP, REJECT, or the IP:port it is DNATed to',
		hint: 'With Local, a node sends traffic from outside only to endpoints on itself.',
		reader: {type: 'destination', endpoints, verdicts},
		// Typed, the key shows what to type (DROP); as a choice, the choice itself.
		expected: mode === 'choice' ? right : (endpoints.length > 0 ? endpoints.join(' or ') : outcome.to),
		explanation: [
			`With Cluster, ${nodeName} sends it to:`,
			...destinationLines(cluster, clusterPolicy.result),
			`With Local, ${nodeName}'s rules${liveLocal ? '' : ' (traced on a copy of the cluster)'}:`,
			...pathLines(local.result, local.result.outcomes[0]!),
			// Why Local exists, and what it does not drop (KUBE-EXT- sends Pod and node-local traffic to KUBE-SVC-).
			'Local keeps the client\'s source IP (no SNAT). Only outside traffic is dropped: Pods and the node itself still reach the Service.',
		],
		right,
		wrong: mistakes,
		random,
	});
}

function describe(outcome: Destination, nodeName: string): string {
	if (outcome.to === 'DROP') return `DROP: ${nodeName} drops it`;
	if (outcome.to === 'REJECT') return 'REJECT: port unreachable';
	if (outcome.to.includes(':')) return `DNAT to ${outcome.to}`;
	return outcome.to;
}

/** The same connection traced on a copy of the cluster whose Service has the given policy. */
function traceWithPolicy(cluster: Cluster, conn: Connection, policy: 'Cluster' | 'Local'): ConnectionTrace {
	const copy = cloneCluster(cluster, conn.nodeName);
	const key = serviceKey(conn.fact.service);
	const service = copy.services().find((s) => serviceKey(s) === key);
	if (!service) throw new QuizError(`etp-local: Service ${key} is missing from the copy`);
	const changed: Service = {...service, spec: {...service.spec, externalTrafficPolicy: policy}};
	copy.apply(changed);
	return trace(copy, {node: conn.nodeName, from: conn.trace.source.ip, to: conn.dst, proto: conn.fact.info.protocol});
}
