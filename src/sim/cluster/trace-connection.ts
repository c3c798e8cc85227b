// "Where does this connection go?" asked of a simulated cluster: resolve the source (a Pod, one
// of the node's own addresses, or an address outside), pick the node whose rules the first
// packet meets and its entry chain, then walk that node's tables with the packet tracer.
import type {Node, Pod} from '../api/types.js';
import {parseIPPort} from '../net/host-port.js';
import {tryParseIP} from '../net/ip.js';
import {formatIPv4, tryParseIPv4} from '../net/ipv4.js';
import {tracePacket, type Entry, type Proto, type TracePacket, type TraceResult} from '../netfilter/index.js';
import type {KubeProxy, ProxyMode} from '../kube-proxy/kube-proxy.js';
import {traceNftPacket, type NftTraceResult} from '../nftables-trace/index.js';
import type {Cluster} from './cluster.js';

/** The question cannot be asked of this cluster (unknown Pod or node, malformed address). */
export class TraceRequestError extends Error {
	override readonly name = 'TraceRequestError';
}

export interface TraceSource {
	ip: string;
	entry: Entry;
	/** A Pod's own node: its packets meet that node's rules. */
	nodeName?: string;
	description: string;
	pod?: Pod;
}

export interface ConnectionTrace {
	node: Node;
	source: TraceSource;
	result: TraceResult;
}

export function parseDestination(to: string): {ip: string; port: number} {
	const destination = parseIPPort(to);
	if (!destination) throw new TraceRequestError(`the destination must be IP:PORT (e.g. 10.96.0.10:53), not "${to}"`);
	return destination;
}

/**
 * A client outside the cluster on the nodes' own network (the .1 of the first node's /24, like a
 * laptop or router beside the nodes), skipping addresses the cluster uses.
 */
export function outsideClientIP(cluster: Cluster): string {
	const nodes = cluster.nodes();
	const used = new Set<string>([
		...nodes.flatMap((n) => n.status.addresses.map((a) => a.address)),
		...cluster.pods().flatMap((p) => (p.status.podIP ? [p.status.podIP] : [])),
	]);
	const first = nodes.find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] === undefined) ?? nodes[0];
	const address = first?.status.addresses.find((a) => a.type === 'InternalIP')?.address;
	const parsed = address ? tryParseIPv4(address) : undefined;
	// Without a node address, a private network as courses draw it: 192.168.56.0/24.
	const network = parsed?.ok ? parsed.value - (parsed.value % 256) : 0xc0a83800;
	for (const host of [1, 254, 2, 253, 100]) {
		const ip = formatIPv4(network + host);
		if (!used.has(ip)) return ip;
	}
	return '203.0.113.10';
}

/** A Pod by `name` or `namespace/name` (default namespace first), `external` (a client outside the cluster), or an IP as itself. */
export function resolveSource(cluster: Cluster, from: string): TraceSource {
	if (from === 'external') {
		const ip = outsideClientIP(cluster);
		return {ip, entry: 'PREROUTING', description: `a client outside the cluster (${ip})`};
	}
	if (tryParseIP(from).ok) return {ip: from, entry: 'PREROUTING', description: from};
	const [namespace, name] = from.includes('/') ? from.split('/', 2) : [undefined, from];
	const candidates = cluster.pods().filter((p) => p.metadata.name === name && (namespace === undefined || p.metadata.namespace === namespace));
	const pod = candidates.find((p) => p.metadata.namespace === 'default') ?? (candidates.length === 1 ? candidates[0] : undefined);
	if (!pod) {
		if (candidates.length > 1) throw new TraceRequestError(`several Pods are named "${name}": write NAMESPACE/NAME`);
		throw new TraceRequestError(`"${from}" is neither an IP address nor a Pod of the cluster`);
	}
	const label = `Pod ${pod.metadata.namespace}/${pod.metadata.name}`;
	if (!pod.status.podIP) throw new TraceRequestError(`${label} has no IP yet (it is not running)`);
	// A hostNetwork Pod's packets are the node's own: they start in OUTPUT.
	const entry: Entry = pod.spec.hostNetwork ? 'OUTPUT' : 'PREROUTING';
	return {ip: pod.status.podIP, entry, ...(pod.spec.nodeName ? {nodeName: pod.spec.nodeName} : {}), description: `${label} (${pod.status.podIP})`, pod};
}

/** The node named, or the only one; several without a name is an error that lists them. */
export function chooseNode(cluster: Cluster, requested: string | undefined): Node {
	const nodes = cluster.nodes();
	const names = nodes.map((n) => n.metadata.name).join(', ');
	if (nodes.length === 0) throw new TraceRequestError('the cluster holds no Node; kube-proxy runs on a node, so add one (kubectl get nodes -o yaml)');
	if (requested === undefined) {
		if (nodes.length > 1) throw new TraceRequestError(`the cluster has ${nodes.length} nodes (${names}): choose one with --node`);
		return nodes[0]!;
	}
	const node = nodes.find((n) => n.metadata.name === requested);
	if (!node) throw new TraceRequestError(`no node "${requested}" in the cluster; nodes: ${names}`);
	return node;
}

interface PreparedTrace {
	node: Node;
	source: TraceSource;
	proxy: KubeProxy;
	entry: Entry;
	localAddresses: string[];
	packet: TracePacket;
}

function prepareTrace(cluster: Cluster, request: {node?: string; from: string; to: {ip: string; port: number}; proto: Proto}): PreparedTrace {
	const source = resolveSource(cluster, request.from);
	if (source.nodeName && request.node && source.nodeName !== request.node) {
		throw new TraceRequestError(`${source.description} runs on ${source.nodeName}, so its packets meet ${source.nodeName}'s rules: use --node ${source.nodeName}`);
	}
	for (const [role, ip] of [
		['source', source.ip],
		['destination', request.to.ip],
	] as const) {
		const parsed = tryParseIP(ip);
		if (parsed.ok && parsed.value.family === 'IPv6')
			throw new TraceRequestError(`IPv6 is not modelled yet: the ${role} ${ip} is an IPv6 address, and svc-tutor's nodes hold IPv4 rules only (ip6tables comes with IPv6)`);
	}
	const node = chooseNode(cluster, request.node ?? source.nodeName);
	const proxy = cluster.kubeProxy(node.metadata.name);
	if (!proxy) throw new TraceRequestError(`node ${node.metadata.name} runs no kube-proxy`);
	const localAddresses = proxy.config.nodeInterfaceIPs;
	// Traffic from one of the node's own addresses is sent by the node itself.
	const entry: Entry = localAddresses.includes(source.ip) || source.ip.startsWith('127.') ? 'OUTPUT' : source.entry;
	return {node, source: {...source, entry}, proxy, entry, localAddresses, packet: {src: source.ip, dst: request.to.ip, dport: request.to.port, proto: request.proto}};
}

/** The iptables data plane's answer (both modes send traffic to the same places; see
 * traceConnectionInMode for the node's own mode). */
export function traceConnection(
	cluster: Cluster,
	request: {node?: string; from: string; to: {ip: string; port: number}; proto: Proto},
): ConnectionTrace {
	const {node, source, proxy, entry, localAddresses, packet} = prepareTrace(cluster, request);
	const result = tracePacket({ruleset: proxy.ruleset(), entry, packet, localAddresses});
	return {node, source, result};
}

export type ModeTrace = (ConnectionTrace & {mode: 'iptables'}) | {node: Node; source: TraceSource; mode: 'nftables'; result: NftTraceResult};

/** The trace through the data plane the node's kube-proxy programs: its configured mode, or
 * `proxyMode` as `--proxy-mode` would start it. */
export function traceConnectionInMode(
	cluster: Cluster,
	request: {node?: string; from: string; to: {ip: string; port: number}; proto: Proto; proxyMode?: ProxyMode},
): ModeTrace {
	const {node, source, proxy, entry, localAddresses, packet} = prepareTrace(cluster, request);
	const running = request.proxyMode === undefined ? proxy : proxy.withMode(request.proxyMode);
	if (running.mode === 'nftables') {
		return {node, source, mode: 'nftables', result: traceNftPacket({table: running.nftSync().table, entry, packet, localAddresses})};
	}
	return {node, source, mode: 'iptables', result: tracePacket({ruleset: running.ruleset(), entry, packet, localAddresses})};
}
