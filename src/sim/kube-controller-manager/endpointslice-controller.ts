// kube-controller-manager's EndpointSlice controller: for every Service with a selector, the
// Pods it selects become endpoints (address, ready/serving/terminating, nodeName, targetRef),
// with each Service port's targetPort resolved against the Pod's container ports. Pods whose
// ports resolve differently land in different slices, as in the real controller; at most 100
// endpoints a slice.
import {DEFAULT_NAMESPACE, SERVICE_NAME_LABEL, type Endpoint, type EndpointPort, type EndpointSlice, type Pod, type Service} from '../api/types.js';
import type {ApiServer} from '../apiserver/apiserver.js';
import {labelValue, POD_LABELS, SERVICE_SELECTOR, serviceValue, SLICE_SERVICE} from '../apiserver/indexes.js';
import {tryParseIP} from '../net/ip.js';

export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
const MAX_ENDPOINTS_PER_SLICE = 100;

export function selectorMatches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
	const entries = Object.entries(selector);
	return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

export function podIsReady(pod: Pod): boolean {
	return pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** The port a Service port reaches on this Pod, or undefined when a named targetPort is not there. */
export function resolveTargetPort(pod: Pod, target: number | string, protocol: string): number | undefined {
	if (typeof target === 'number') return target;
	for (const container of pod.spec.containers) {
		for (const port of container.ports ?? []) {
			if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort;
		}
	}
	return undefined;
}

export class EndpointSliceController {
	/** Slices this controller wrote. Others (a manifest that brought its own, even one labelled as ours) are left alone. */
	private readonly owned = new Set<string>();

	constructor(private readonly api: ApiServer) {}

	/** Services whose endpoints depend on this Pod (same namespace, selector matches). */
	servicesForPod(pod: Pod): Service[] {
		// Candidates share at least one label pair with the Pod; in key order, as a full listing gives them.
		const namespace = pod.metadata.namespace ?? DEFAULT_NAMESPACE;
		const candidates = new Map<string, Service>();
		for (const [k, v] of Object.entries(pod.metadata.labels ?? {})) {
			for (const s of this.api.peekIndexed('Service', SERVICE_SELECTOR, labelValue(namespace, k, v))) candidates.set(s.metadata.name, s);
		}
		return [...candidates.values()]
			.filter((s) => s.metadata.namespace === pod.metadata.namespace && s.spec.selector && selectorMatches(s.spec.selector, pod.metadata.labels))
			.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
	}

	/** Brings the Service's controller-managed slices in line with its Pods. */
	reconcile(namespace: string, name: string): void {
		const service = this.api.peekOne('Service', name, namespace);
		const existing = this.api.peekIndexed('EndpointSlice', SLICE_SERVICE, serviceValue(namespace, name));
		const managed = existing.filter((s) => this.owned.has(`${namespace}/${s.metadata.name}`));
		if (!service || !service.spec.selector || service.spec.type === 'ExternalName') {
			for (const slice of managed) this.remove(namespace, slice.metadata.name);
			return;
		}
		// Slices someone else wrote (a manifest that brought its own) are theirs: leave the Service alone.
		if (existing.length > managed.length) return;

		const desired = this.desiredSlices(service);
		const reusable = [...managed].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
		for (const want of desired) {
			const current = reusable.shift();
			if (current) {
				if (JSON.stringify([current.endpoints, current.ports]) !== JSON.stringify([want.endpoints, want.ports])) {
					this.api.update({...current, endpoints: want.endpoints, ports: want.ports});
				}
			} else {
				const created = this.api.create({
					apiVersion: 'discovery.k8s.io/v1',
					kind: 'EndpointSlice',
					metadata: {
						name: this.api.generateName(`${name}-`),
						namespace,
						labels: {[SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: CONTROLLER_NAME},
					},
					addressType: 'IPv4',
					endpoints: want.endpoints,
					ports: want.ports,
				});
				this.owned.add(`${namespace}/${created.metadata.name}`);
			}
		}
		for (const stale of reusable) this.remove(namespace, stale.metadata.name);
	}

	private remove(namespace: string, name: string): void {
		this.api.delete('EndpointSlice', name, namespace);
		this.owned.delete(`${namespace}/${name}`);
	}

	/** The Pods the selector matches, in key order: looked up by its rarest pair, then checked whole. */
	private selectedPods(namespace: string, selector: Record<string, string>): readonly Pod[] {
		let rarest: string | undefined;
		let fewest = Infinity;
		for (const [k, v] of Object.entries(selector)) {
			const value = labelValue(namespace, k, v);
			const count = this.api.indexCount('Pod', POD_LABELS, value);
			if (count < fewest) {
				fewest = count;
				rarest = value;
			}
		}
		if (rarest === undefined) return [];
		return this.api.peekIndexed('Pod', POD_LABELS, rarest).filter((p) => p.metadata.namespace === namespace && selectorMatches(selector, p.metadata.labels));
	}

	private desiredSlices(service: Service): {endpoints: Endpoint[]; ports: EndpointPort[]}[] {
		const namespace = service.metadata.namespace ?? DEFAULT_NAMESPACE;
		const pods = this.selectedPods(namespace, service.spec.selector ?? {})
			.filter((p) => p.status.podIP && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed');
		const groups = new Map<string, {ports: EndpointPort[]; endpoints: Endpoint[]}>();
		for (const pod of pods) {
			// getEndpointAddresses: a slice holds its family's addresses only, and the slices here are
			// IPv4 (the only family modelled), so a Pod with no IPv4 address is no endpoint at all.
			const address = ipv4Address(pod);
			if (address === undefined) continue;
			const ports: EndpointPort[] = [];
			for (const sp of service.spec.ports) {
				const protocol = sp.protocol ?? 'TCP';
				const port = resolveTargetPort(pod, sp.targetPort ?? sp.port, protocol);
				if (port === undefined) continue;
				ports.push({...(sp.name ? {name: sp.name} : {}), protocol, port});
			}
			const key = JSON.stringify(ports);
			let group = groups.get(key);
			if (!group) {
				group = {ports, endpoints: []};
				groups.set(key, group);
			}
			const ready = podIsReady(pod);
			const terminating = pod.metadata.deletionTimestamp !== undefined;
			group.endpoints.push({
				addresses: [address],
				conditions: {ready: ready && !terminating, serving: ready, terminating},
				...(pod.spec.nodeName ? {nodeName: pod.spec.nodeName} : {}),
				targetRef: {kind: 'Pod', namespace, name: pod.metadata.name},
			});
		}
		const slices: {endpoints: Endpoint[]; ports: EndpointPort[]}[] = [];
		for (const group of groups.values()) {
			for (let i = 0; i < group.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
				slices.push({ports: group.ports, endpoints: group.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE)});
			}
		}
		// A Service with no Pods still gets one empty placeholder slice, as the real controller writes.
		if (slices.length === 0) slices.push({endpoints: [], ports: []});
		return slices;
	}
}

/** The Pod's IPv4 address, from status.podIPs as the controller reads it (podIP when the list is absent). */
function ipv4Address(pod: Pod): string | undefined {
	const ips = pod.status.podIPs?.map((entry) => entry.ip) ?? (pod.status.podIP ? [pod.status.podIP] : []);
	return ips.find((ip) => {
		const parsed = tryParseIP(ip);
		return parsed.ok && parsed.value.family === 'IPv4';
	});
}
