// kube-controller-manager's EndpointSlice mirroring controller (pkg/controller/endpointslicemirroring):
// a Service without a selector gets its endpoints from a v1 Endpoints object someone else wrote,
// and this controller copies them into EndpointSlices, which is all kube-proxy reads. A cluster
// dump taken with `kubectl get endpoints` may hold the Endpoints without those slices; they are
// made here as the controller makes them.
import {DEFAULT_NAMESPACE, SERVICE_NAME_LABEL, type Endpoint, type EndpointPort, type EndpointSlice, type Protocol, type Service} from '../api/types.js';
import {formatIP, tryParseIP} from '../net/ip.js';
import {MANAGED_BY_LABEL} from './endpointslice-controller.js';

export const MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
/** Endpoints labelled with this set to "true" are not mirrored (the apiserver's own `kubernetes` Endpoints). */
export const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';
/** Endpoints used as a leader-election lock (old control planes) are not mirrored either. */
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
/** The controller's --mirroring-max-endpoints-per-subset default: addresses past it are dropped. */
export const MAX_ENDPOINTS_PER_SUBSET = 1000;
/** Annotations the mirrored slices do not copy (utils.go cloneAndRemoveKeys). */
const DROPPED_ANNOTATIONS = new Set(['endpoints.kubernetes.io/last-change-trigger-time', 'kubectl.kubernetes.io/last-applied-configuration']);

/** v1 Endpoints: the parts the mirroring controller reads. */
export interface V1EndpointAddress {
	ip: string;
	nodeName?: string;
	targetRef?: {kind: string; namespace?: string; name: string};
}

export interface V1EndpointPort {
	name?: string;
	port: number;
	protocol?: Protocol;
}

export interface V1Endpoints {
	metadata: {name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; uid?: string};
	subsets: {addresses: V1EndpointAddress[]; notReadyAddresses: V1EndpointAddress[]; ports: V1EndpointPort[]}[];
}

/** shouldMirror and syncEndpoints' Service checks: the Service exists and has no selector. */
export function shouldMirror(endpoints: V1Endpoints, service: Service | undefined): boolean {
	if (endpoints.metadata.labels?.[SKIP_MIRROR_LABEL] === 'true') return false;
	if (endpoints.metadata.annotations?.[LEADER_ANNOTATION] !== undefined) return false;
	return service !== undefined && service.spec.selector === undefined;
}

/** getEndpointSlicePrefix: `<name>-`, the slices' generateName. */
export function mirroredSlicePrefix(endpointsName: string): string {
	return `${endpointsName}-`;
}

/**
 * The slices the controller writes for one Endpoints object: one per (subset ports, address type),
 * ready addresses then not-ready ones, each address once, at most MAX_ENDPOINTS_PER_SUBSET a subset.
 * Names are left to the API server (generateName); `name` makes them.
 */
export function mirroredSlices(endpoints: V1Endpoints, name: (prefix: string) => string): EndpointSlice[] {
	const namespace = endpoints.metadata.namespace ?? DEFAULT_NAMESPACE;
	const groups = new Map<string, {ports: EndpointPort[]; addressType: 'IPv4' | 'IPv6'; endpoints: Endpoint[]; seen: Set<string>}>();
	for (const subset of endpoints.subsets) {
		let total = 0;
		const ports: EndpointPort[] = subset.ports.map((p) => ({name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP'}));
		const portsKey = JSON.stringify([...ports].map((p) => [p.name, p.port, p.protocol]).sort());
		const add = (address: V1EndpointAddress, ready: boolean): void => {
			const ip = tryParseIP(address.ip);
			// getAddressType: an address that is not an IP is not mirrored.
			if (!ip.ok) return;
			if (total >= MAX_ENDPOINTS_PER_SUBSET) return;
			const addressType = ip.value.family === 'IPv6' ? 'IPv6' : 'IPv4';
			const key = `${portsKey}/${addressType}`;
			let group = groups.get(key);
			if (!group) groups.set(key, (group = {ports, addressType, endpoints: [], seen: new Set()}));
			// addressToEndpoint writes the address re-formatted (ParseIPSloppy, then String()).
			const canonical = formatIP(ip.value);
			if (group.seen.has(canonical)) return;
			group.seen.add(canonical);
			total++;
			// Ready only; serving and terminating stay unset (kube-proxy reads them as true and false).
			const endpoint: Endpoint = {addresses: [canonical], conditions: {ready}};
			if (address.nodeName) endpoint.nodeName = address.nodeName;
			if (address.targetRef?.kind === 'Pod') endpoint.targetRef = {kind: 'Pod', namespace: address.targetRef.namespace ?? namespace, name: address.targetRef.name};
			group.endpoints.push(endpoint);
		};
		for (const address of subset.addresses) add(address, true);
		for (const address of subset.notReadyAddresses) add(address, false);
	}
	const labels: Record<string, string> = {...endpoints.metadata.labels};
	delete labels[MANAGED_BY_LABEL];
	labels[SERVICE_NAME_LABEL] = endpoints.metadata.name;
	labels[MANAGED_BY_LABEL] = MIRRORING_CONTROLLER_NAME;
	const annotations = Object.fromEntries(Object.entries(endpoints.metadata.annotations ?? {}).filter(([key]) => !DROPPED_ANNOTATIONS.has(key)));
	return [...groups.values()].map((group) => {
		const prefix = mirroredSlicePrefix(endpoints.metadata.name);
		const slice: EndpointSlice = {
			apiVersion: 'discovery.k8s.io/v1',
			kind: 'EndpointSlice',
			metadata: {
				name: name(prefix),
				generateName: prefix,
				namespace,
				labels: {...labels},
				ownerReferences: [
					{apiVersion: 'v1', kind: 'Endpoints', name: endpoints.metadata.name, uid: endpoints.metadata.uid ?? '', controller: true, blockOwnerDeletion: true},
				],
			},
			addressType: group.addressType,
			endpoints: group.endpoints,
			ports: group.ports,
		};
		if (Object.keys(annotations).length > 0) slice.metadata.annotations = {...annotations};
		return slice;
	});
}
