// What generators look up in the live cluster: Service ports as kube-proxy sees them (its own
// ServicePortInfo and endpoint lists, so a question never disagrees with the rules), Pods that
// can send a packet, node addresses, and a client address outside the cluster.
import type {Node, Pod, Service} from '../sim/api/types.js';
import type {Cluster} from '../sim/cluster/cluster.js';
import {endpointsFor, indexSlices, type EndpointInfo} from '../sim/kube-proxy/endpoints.js';
import {servicePortInfos, type ServicePortInfo} from '../sim/kube-proxy/service-port.js';
import {block} from './cidr-draw.js';
import {QuizError} from './types.js';

export interface ServicePortFact {
	service: Service;
	info: ServicePortInfo;
	/** kube-proxy's endpoints for this port (as seen from `node`, which only sets isLocal). */
	endpoints: EndpointInfo[];
	/** Ready endpoints: the ones a new connection can be sent to. */
	ready: EndpointInfo[];
}

export function serviceKey(service: Service): string {
	return `${service.metadata.namespace ?? 'default'}/${service.metadata.name}`;
}

export function podKey(pod: Pod): string {
	return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
}

/** Every IPv4 Service port of the cluster, sorted by namespace/name then spec order, with its endpoints. */
export function servicePorts(cluster: Cluster, nodeName = ''): ServicePortFact[] {
	const slices = indexSlices(cluster.endpointSliceList());
	const services = [...cluster.services()].sort((a, b) => (serviceKey(a) < serviceKey(b) ? -1 : serviceKey(a) > serviceKey(b) ? 1 : 0));
	return services.flatMap((service) =>
		servicePortInfos(service, 'IPv4').map((info) => {
			const endpoints = endpointsFor(info, slices.get(serviceKey(service)) ?? [], 'IPv4', nodeName);
			return {service, info, endpoints, ready: endpoints.filter((e) => e.ready)};
		}),
	);
}

/** Application Services first: kubernetes and kube-system's are there in every cluster. */
export function isSystem(fact: ServicePortFact): boolean {
	return fact.info.namespace === 'kube-system' || (fact.info.namespace === 'default' && fact.info.name === 'kubernetes');
}

/** The port a `service` param (ns/name or name) and `port` param (name or number) select, or undefined when no param. */
export function selectServicePort(facts: readonly ServicePortFact[], service: string | undefined, port: string | number | undefined): ServicePortFact[] {
	let chosen = [...facts];
	if (service !== undefined) {
		const [ns, name] = service.includes('/') ? service.split('/', 2) : [undefined, service];
		chosen = chosen.filter((f) => f.info.name === name && (ns === undefined || f.info.namespace === ns));
		if (ns === undefined && chosen.some((f) => f.info.namespace === 'default')) chosen = chosen.filter((f) => f.info.namespace === 'default');
		if (chosen.length === 0) throw new QuizError(`no Service "${service}" with a cluster IP in this cluster`);
	}
	if (port !== undefined) {
		chosen = chosen.filter((f) => f.info.port === Number(port) || f.info.portName === String(port));
		if (chosen.length === 0) throw new QuizError(`Service "${service ?? '?'}" has no port "${port}"`);
	}
	return chosen;
}

export function internalIP(node: Node): string {
	const ip = node.status.addresses.find((a) => a.type === 'InternalIP')?.address;
	if (ip === undefined) throw new QuizError(`node ${node.metadata.name} has no InternalIP`);
	return ip;
}

export function findNode(cluster: Cluster, name: string): Node {
	const node = cluster.nodes().find((n) => n.metadata.name === name);
	if (!node) throw new QuizError(`no node "${name}" in this cluster (${cluster.nodes().map((n) => n.metadata.name).join(', ')})`);
	return node;
}

/** Nodes that run a kube-proxy, by name. */
export function proxiedNodes(cluster: Cluster): Node[] {
	return [...cluster.nodes()]
		.filter((n) => cluster.kubeProxy(n.metadata.name) !== undefined)
		.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

/** Pods with their own IP on the Pod network, which start in PREROUTING like any Pod. */
export function podsWithIP(cluster: Cluster): Pod[] {
	return [...cluster.pods()]
		.filter((p) => p.status.podIP !== undefined && !p.spec.hostNetwork && p.spec.nodeName !== undefined && !p.metadata.deletionTimestamp)
		.sort((a, b) => (podKey(a) < podKey(b) ? -1 : podKey(a) > podKey(b) ? 1 : 0));
}

export function podAt(cluster: Cluster, ip: string): Pod | undefined {
	return cluster.pods().find((p) => p.status.podIP === ip && !p.spec.hostNetwork);
}

/** "db on node01", "node controlplane" (a host address), or the bare IP. */
export function whoIs(cluster: Cluster, ip: string): string {
	const pod = podAt(cluster, ip);
	if (pod) return `${pod.metadata.name} on ${pod.spec.nodeName ?? '?'}`;
	const node = cluster.nodes().find((n) => n.status.addresses.some((a) => a.type === 'InternalIP' && a.address === ip));
	if (node) return `node ${node.metadata.name}`;
	return ip;
}

/** One outside client for the whole product: the tracer's, the lesson views' and the quizzes'. */
export {outsideClientIP as outsideClient} from '../sim/cluster/trace-connection.js';

/** Whether the address is one of the port's endpoints (a packet from it to the Service hairpins). */
export function isEndpointOf(fact: ServicePortFact, ip: string): boolean {
	return fact.endpoints.some((e) => e.ip === ip);
}

/** The mask size the cluster's nodes got their pod CIDRs with (--node-cidr-mask-size), if any has one. */
export function nodeMaskOf(cluster: Cluster): number | undefined {
	const cidr = cluster.nodes().find((n) => n.spec.podCIDR)?.spec.podCIDR;
	return cidr === undefined ? undefined : block(cidr).prefix;
}
