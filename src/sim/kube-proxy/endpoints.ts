// kube-proxy's view of EndpointSlices (pkg/proxy/endpointslicecache.go): for each service port,
// the endpoints of the slices labelled with the Service's name, merged and sorted by `ip:port`.
import {DEFAULT_NAMESPACE, SERVICE_NAME_LABEL, type EndpointSlice} from '../api/types.js';
import {endpointChain} from './iptables/chain-names.js';
import type {IPFamily, ServicePortInfo} from './service-port.js';
import {sloppyIP} from './sloppy-ip.js';
import {joinHostPort} from '../net/host-port.js';

export interface EndpointInfo {
	ip: string;
	port: number;
	/** `ip:port`, `[ip]:port` for IPv6: as kube-proxy writes it in comments, DNAT and hashes. */
	endpoint: string;
	isLocal: boolean;
	ready: boolean;
	serving: boolean;
	terminating: boolean;
	nodeName?: string;
	chainName: string;
}

export {joinHostPort};

/** Slices indexed by `namespace/serviceName`. */
export function indexSlices(slices: readonly EndpointSlice[]): Map<string, EndpointSlice[]> {
	const index = new Map<string, EndpointSlice[]>();
	for (const slice of slices) {
		const service = slice.metadata.labels?.[SERVICE_NAME_LABEL];
		if (!service) continue; // kube-proxy ignores slices that name no Service
		const key = `${slice.metadata.namespace ?? DEFAULT_NAMESPACE}/${service}`;
		const list = index.get(key);
		if (list) list.push(slice);
		else index.set(key, [slice]);
	}
	return index;
}

export function endpointsFor(
	info: ServicePortInfo,
	slices: readonly EndpointSlice[],
	family: IPFamily,
	nodeName: string,
): EndpointInfo[] {
	const byEndpoint = new Map<string, EndpointInfo>();
	for (const slice of slices) {
		if (slice.addressType !== family) continue;
		for (const port of slice.ports) {
			// Slice ports match Service ports by name ('' for an unnamed port) and protocol.
			if ((port.name ?? '') !== info.portName) continue;
			if ((port.protocol ?? 'TCP').toLowerCase() !== info.protocol) continue;
			if (port.port === undefined || port.port <= 0) continue;
			for (const ep of slice.endpoints) {
				const address = ep.addresses[0];
				if (!address) continue;
				// Canonical form, as kube-proxy writes it (`10.180.00.001` → `10.180.0.1`, upstream TestBadIPs).
				const ip = sloppyIP(address) ?? address;
				const endpoint = joinHostPort(ip, port.port);
				const isLocal = ep.nodeName !== undefined && ep.nodeName === nodeName;
				// The same endpoint in two slices counts once; kube-proxy keeps a local copy over a remote one.
				if (byEndpoint.has(endpoint) && !isLocal) continue;
				// kube-proxy reads a nil ready or serving as true and a nil terminating as false
				// (endpointslicecache.go), so ready: false with serving unset still serves.
				const ready = ep.conditions.ready ?? true;
				const serving = ep.conditions.serving ?? true;
				const terminating = ep.conditions.terminating ?? false;
				const chainName = endpointChain(info.nameString, info.protocol, endpoint);
				// Two literals rather than a spread: 50,000 endpoints on a big node.
				const epNode = ep.nodeName;
				byEndpoint.set(
					endpoint,
					epNode !== undefined
						? {ip, port: port.port, endpoint, isLocal, ready, serving, terminating, nodeName: epNode, chainName}
						: {ip, port: port.port, endpoint, isLocal, ready, serving, terminating, chainName},
				);
			}
		}
	}
	// Sorted as strings, as kube-proxy does: 10.0.1.10:80 before 10.0.1.2:80.
	return [...byEndpoint.values()].sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0));
}
