// Choosing the connection a trace question is about, and tracing it with the same code as
// `svc-tutor trace` (sim/cluster/trace-connection): a Pod to a Service's cluster IP, or a client
// outside the cluster to a node's address at a node port. Lesson params pin any part of it;
// the rest is drawn with the question's seeded stream.
import type {Cluster} from '../sim/cluster/cluster.js';
import {traceConnection, TraceRequestError, type ConnectionTrace} from '../sim/cluster/trace-connection.js';
import type {Random} from '../sim/random.js';
import {findNode, internalIP, isEndpointOf, isSystem, outsideClient, podKey, podsWithIP, proxiedNodes, selectServicePort, servicePorts, type ServicePortFact} from './cluster-facts.js';
import type {Params} from './params.js';
import {QuizError} from './types.js';

export interface Connection {
	fact: ServicePortFact;
	/** What the prompt calls the sender: "Pod client (10.244.2.2) on node02". */
	sender: string;
	nodeName: string;
	/** Where the packet is sent: the cluster IP or the node's address, with the port. */
	dst: {ip: string; port: number};
	trace: ConnectionTrace;
}

/** Trace on the cluster given (the live one, or a throwaway copy), as a quiz error when it cannot be asked. */
export function trace(cluster: Cluster, request: Parameters<typeof traceConnection>[1]): ConnectionTrace {
	try {
		return traceConnection(cluster, request);
	} catch (error) {
		if (error instanceof TraceRequestError) throw new QuizError(error.message);
		throw error;
	}
}

/** Application Services first: every cluster has kubernetes and kube-dns, and lessons are about the rest. */
function preferApps(facts: ServicePortFact[]): ServicePortFact[] {
	const apps = facts.filter((f) => !isSystem(f));
	return apps.length > 0 ? apps : facts;
}

function choosePort(cluster: Cluster, params: Params, random: Random, want: (f: ServicePortFact) => boolean, what: string): ServicePortFact {
	const service = params.string('service');
	const port = params.has('port') ? params.string('port') : undefined;
	const selected = selectServicePort(servicePorts(cluster), service, port);
	const fitting = selected.filter(want);
	if (fitting.length === 0) throw new QuizError(service ? `Service ${service} has no ${what}` : `this cluster has no Service port with ${what}`);
	return random.pick(preferApps(fitting));
}

/**
 * A Pod (the `from` param, else a seeded Pod that is not an endpoint, default namespace first)
 * connecting to a Service port's cluster IP (the `service`/`port` params, else a seeded port
 * that `want` accepts).
 */
export function podToClusterIP(cluster: Cluster, params: Params, random: Random, want: (f: ServicePortFact) => boolean, what: string): Connection {
	const fact = choosePort(cluster, params, random, want, what);
	const dst = {ip: fact.info.clusterIP, port: fact.info.port};
	let from = params.string('from');
	if (from === undefined) {
		const pods = podsWithIP(cluster);
		if (pods.length === 0) throw new QuizError('this cluster has no running Pod to send from');
		const others = pods.filter((p) => !isEndpointOf(fact, p.status.podIP!));
		const own = others.filter((p) => p.metadata.namespace === fact.info.namespace);
		from = podKey(random.pick(own.length > 0 ? own : others.length > 0 ? others : pods));
	}
	const node = params.string('node');
	const result = trace(cluster, {...(node !== undefined ? {node} : {}), from, to: dst, proto: fact.info.protocol});
	const src = result.source;
	const on = result.node.metadata.name;
	const sender = src.pod
		? `Pod ${src.pod.metadata.name} (${src.ip}) on ${on}`
		: src.entry === 'OUTPUT'
			? `Node ${on} itself (${src.ip})`
			: `${src.ip}, arriving at ${on},`;
	return {fact, sender, nodeName: result.node.metadata.name, dst, trace: result};
}

/**
 * A client outside the cluster (the `from` param, else an address beside the nodes) connecting
 * to a node (the `node` param, else seeded) at a node port (the `service`/`port` params, else a
 * seeded port with a nodePort that `want` accepts).
 */
export function outsideToNodePort(cluster: Cluster, params: Params, random: Random, want: (f: ServicePortFact) => boolean, what: string, pickNode?: (f: ServicePortFact, nodes: string[]) => string[]): Connection {
	const fact = choosePort(cluster, params, random, (f) => f.info.nodePort !== 0 && want(f), what);
	const nodeParam = params.string('node');
	const names = proxiedNodes(cluster).map((n) => n.metadata.name);
	const candidates = pickNode ? pickNode(fact, names) : names;
	if (nodeParam === undefined && candidates.length === 0) throw new QuizError(`no node fits a question about ${fact.info.nameString}`);
	const nodeName = nodeParam ?? random.pick(candidates);
	const node = findNode(cluster, nodeName);
	const dst = {ip: internalIP(node), port: fact.info.nodePort};
	const from = params.string('from') ?? outsideClient(cluster);
	const result = trace(cluster, {node: nodeName, from, to: dst, proto: fact.info.protocol});
	const src = result.source;
	const sender = src.pod ? `Pod ${src.pod.metadata.name} (${src.ip})` : `A client outside the cluster, ${src.ip},`;
	return {fact, sender, nodeName, dst, trace: result};
}
