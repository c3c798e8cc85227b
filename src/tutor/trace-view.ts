// The trace view's data: what can be traced in a cluster (its Pods, nodes and an outside client as
// sources; its Services' cluster IPs and NodePorts as destinations), a lesson's `show: trace`
// resolved against the cluster, and a connection's walk through the node's rules as plain data.
import type {Cluster} from '../sim/cluster/cluster.js';
import {parseDestination, traceConnection, TraceRequestError} from '../sim/cluster/trace-connection.js';
import {saveRule} from '../sim/iptables/save.js';
import {describeOutcome, TraceError, type Proto} from '../sim/netfilter/index.js';
import type {ClusterView} from './cluster-view.js';

export type {Proto};

/** A client outside the cluster (TEST-NET-3, never a real host). */
export const EXTERNAL_CLIENT = '203.0.113.7';

export interface TraceRequest {
	from: string;
	/** `IP:PORT`. */
	to: string;
	proto: Proto;
	node?: string;
}

export interface TraceSourceChoice {
	/** What traceConnection's `from` takes. */
	from: string;
	label: string;
	/** A Pod's own node: its packets meet that node's rules. */
	node?: string;
}

export interface TraceDestChoice {
	to: string;
	proto: Proto;
	label: string;
}

export interface TraceChoices {
	sources: TraceSourceChoice[];
	destinations: TraceDestChoice[];
}

export interface TraceStepData {
	table: string;
	chain: string;
	depth: number;
	ruleIndex: number;
	rule: string;
	matched: boolean;
	note?: string;
}

export interface TraceOutcomeData {
	/** e.g. `DNAT to 10.244.1.2:3306, probability 1/3 (33.33%), masquerade: no`. */
	summary: string;
	probability: number;
	path: string[];
	steps: TraceStepData[];
}

export type TraceData =
	| {ok: true; node: string; source: string; packet: string; to: string; entry: string; outcomes: TraceOutcomeData[]}
	| {ok: false; message: string};

/** A lesson's `show: trace`, as the lesson file writes it. */
export interface ShowTraceSpec {
	node: string;
	from: string;
	to: string | {service: string; port?: number; via?: 'clusterIP' | 'nodePort'};
	proto?: Proto;
}

const protoOf = (protocol: string | undefined): Proto => (protocol ?? 'TCP').toLowerCase() as Proto;

/** Sources and destinations worth tracing, labelled and coloured as the cluster pane shows them. */
export function traceChoices(view: ClusterView): TraceChoices {
	const workers = view.nodes.filter((n) => !n.controlPlane);
	const sources: TraceSourceChoice[] = [
		...view.nodes.flatMap((n) => n.pods.filter((p) => p.ip).map((p) => ({from: `${p.namespace}/${p.name}`, label: `${p.colour} Pod ${p.name} (${p.ip}) on ${n.name}`, node: n.name}))),
		...workers.map((n) => ({from: n.internalIP, label: `${n.name} itself (${n.internalIP})`, node: n.name})),
		{from: EXTERNAL_CLIENT, label: `a client outside the cluster (${EXTERNAL_CLIENT})`},
	];
	const destinations: TraceDestChoice[] = [];
	for (const s of view.services) {
		for (const p of s.ports) destinations.push({to: `${s.clusterIP}:${p.port}`, proto: protoOf(p.protocol), label: `${s.name}${p.name ? `:${p.name}` : ''} cluster IP ${s.clusterIP}:${p.port}`});
	}
	for (const s of view.services) {
		for (const p of s.ports) {
			if (!p.nodePort) continue;
			for (const n of workers) destinations.push({to: `${n.internalIP}:${p.nodePort}`, proto: protoOf(p.protocol), label: `${s.name} NodePort on ${n.name} ${n.internalIP}:${p.nodePort}`});
		}
	}
	return {sources, destinations};
}

/** A connection's first packet walked through the node's rules; a request the cluster cannot answer says why. */
export function traceData(cluster: Cluster, request: TraceRequest): TraceData {
	try {
		const to = parseDestination(request.to);
		const {node, source, result} = traceConnection(cluster, {...(request.node ? {node: request.node} : {}), from: request.from, to, proto: request.proto});
		return {
			ok: true,
			node: node.metadata.name,
			source: source.description,
			packet: `${request.proto} ${source.ip} → ${request.to}`,
			to: `${request.to} (${request.proto.toUpperCase()})`,
			entry: result.entry,
			outcomes: result.outcomes.map((o) => ({
				summary: describeOutcome(o),
				probability: o.probability,
				path: o.path,
				steps: o.steps.map((s) => ({
					table: s.table,
					chain: s.chain,
					depth: s.depth,
					ruleIndex: s.ruleIndex,
					rule: saveRule(s.rule),
					matched: s.matched,
					...(s.note !== undefined ? {note: s.note} : {}),
				})),
			})),
		};
	} catch (error) {
		if (error instanceof TraceRequestError || error instanceof TraceError) return {ok: false, message: error.message};
		throw error;
	}
}

/** A lesson's `show: trace` against its cluster: a Service named by the lesson becomes its address. */
export function showTraceRequest(cluster: Cluster, spec: ShowTraceSpec): TraceRequest | {error: string} {
	const proto = spec.proto ?? 'tcp';
	const from = spec.from === 'external' ? EXTERNAL_CLIENT : spec.from;
	if (typeof spec.to === 'string') return {from, to: spec.to, proto, node: spec.node};
	const [namespace, name] = spec.to.service.includes('/') ? spec.to.service.split('/', 2) : ['default', spec.to.service];
	const service = cluster.services().find((s) => s.metadata.name === name && (s.metadata.namespace ?? 'default') === namespace);
	if (!service) return {error: `no Service ${spec.to.service} in the cluster at this step`};
	const wanted = spec.to.port;
	const port = service.spec.ports.find((p) => wanted === undefined || p.port === wanted) ?? service.spec.ports[0];
	if (!port) return {error: `Service ${spec.to.service} has no port`};
	if (spec.to.via === 'nodePort') {
		const node = cluster.nodes().find((n) => n.metadata.name === spec.node);
		const ip = node?.status.addresses.find((a) => a.type === 'InternalIP')?.address;
		if (!ip || !port.nodePort) return {error: `Service ${spec.to.service} has no nodePort on ${spec.node}`};
		return {from, to: `${ip}:${port.nodePort}`, proto: spec.proto ?? protoOf(port.protocol), node: spec.node};
	}
	return {from, to: `${service.spec.clusterIP}:${port.port}`, proto: spec.proto ?? protoOf(port.protocol), node: spec.node};
}
