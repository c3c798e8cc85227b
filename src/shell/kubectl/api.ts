// kubectl's view of the simulated API server: lists and gets by resource type, objects as the
// API returns them (JSON), and the v1 Endpoints that the endpoints controller would keep
// beside each Service's EndpointSlices (the simulation stores only the slices).
import type {Kind, KubeObject} from '../../sim/api/types.js';
import {SERVICE_NAME_LABEL} from '../../sim/api/types.js';
import type {Cluster} from '../../sim/cluster/cluster.js';
import {isObject, list, record, str, toJson, type JsonObject} from './json.js';
import {apiVersionOf, type ResourceType} from './resources.js';

export type ApiObject = JsonObject;

/** Kinds the engine stores; Endpoints are derived from EndpointSlices. */
function storedKind(type: ResourceType): Kind | undefined {
	return type.kind === 'Endpoints' ? undefined : (type.kind as Kind);
}

export function listObjects(cluster: Cluster, type: ResourceType, namespace: string | undefined): ApiObject[] {
	if (type.empty) {
		cluster.api.checkReachable();
		return [];
	}
	if (type.kind === 'Endpoints') return derivedEndpoints(cluster, namespace);
	const kind = storedKind(type)!;
	const objects = cluster.api.list(kind, type.namespaced ? namespace : undefined);
	return objects.map((o) => asApiObject(o, type));
}

export function getObject(cluster: Cluster, type: ResourceType, name: string, namespace: string): ApiObject | undefined {
	if (type.empty) {
		cluster.api.checkReachable();
		return undefined;
	}
	if (type.kind === 'Endpoints') return derivedEndpoints(cluster, namespace).find((e) => str(e, 'metadata', 'name') === name);
	const object = cluster.api.get(storedKind(type)!, name, type.namespaced ? namespace : undefined);
	return object === undefined ? undefined : asApiObject(object, type);
}

function asApiObject(object: KubeObject, type: ResourceType): ApiObject {
	const json = toJson(object);
	json['apiVersion'] ??= apiVersionOf(type);
	json['kind'] ??= type.kind;
	return json;
}

/**
 * The Endpoints object of each Service with a selector (and of `kubernetes`, which the API
 * server keeps): one subset of the ready addresses (sorted by IP, as RepackSubsets sorts them),
 * the not-ready ones, and the slice's ports.
 */
function derivedEndpoints(cluster: Cluster, namespace: string | undefined): ApiObject[] {
	const services = cluster.api.list('Service', namespace);
	const slices = cluster.api.list('EndpointSlice', namespace).map((s) => toJson(s));
	const out: ApiObject[] = [];
	for (const service of services) {
		const ns = service.metadata.namespace ?? 'default';
		const mine = slices.filter((s) => str(s, 'metadata', 'namespace') === ns && record(s, 'metadata', 'labels')[SERVICE_NAME_LABEL] === service.metadata.name);
		if (service.spec.selector === undefined && mine.length === 0) continue;
		const ready: JsonObject[] = [];
		const notReady: JsonObject[] = [];
		let ports: JsonObject[] = [];
		for (const slice of mine) {
			ports = list(slice, 'ports').filter(isObject).map((p) => {
				const port: JsonObject = {};
				if (typeof p['name'] === 'string' && p['name'] !== '') port['name'] = p['name'];
				if (typeof p['port'] === 'number') port['port'] = p['port'];
				port['protocol'] = typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP';
				return port;
			});
			for (const endpoint of list(slice, 'endpoints').filter(isObject)) {
				for (const ip of list(endpoint, 'addresses')) {
					if (typeof ip !== 'string') continue;
					const address: JsonObject = {ip};
					const nodeName = str(endpoint, 'nodeName');
					if (nodeName) address['nodeName'] = nodeName;
					const ref = endpoint['targetRef'];
					if (isObject(ref)) {
						const pod = cluster.api.get('Pod', str(ref, 'name') ?? '', str(ref, 'namespace'));
						address['targetRef'] = {kind: 'Pod', name: str(ref, 'name') ?? '', namespace: str(ref, 'namespace') ?? ns, ...(pod?.metadata.uid ? {uid: pod.metadata.uid} : {})};
					}
					(endpoint['conditions'] !== null && isObject(endpoint['conditions']) && endpoint['conditions']['ready'] === false ? notReady : ready).push(address);
				}
			}
		}
		const byIP = (a: JsonObject, b: JsonObject): number => (String(a['ip']) < String(b['ip']) ? -1 : String(a['ip']) > String(b['ip']) ? 1 : 0);
		const subset: JsonObject = {};
		if (ready.length > 0) subset['addresses'] = ready.sort(byIP);
		if (notReady.length > 0) subset['notReadyAddresses'] = notReady.sort(byIP);
		if (ports.length > 0) subset['ports'] = ports;
		const metadata: JsonObject = {name: service.metadata.name, namespace: ns};
		const created = str(mine[0], 'metadata', 'creationTimestamp') ?? service.metadata.creationTimestamp;
		if (created) metadata['creationTimestamp'] = created;
		if (service.metadata.labels) metadata['labels'] = {...service.metadata.labels};
		const endpoints: JsonObject = {apiVersion: 'v1', kind: 'Endpoints', metadata};
		if (ready.length + notReady.length > 0) endpoints['subsets'] = [subset];
		out.push(endpoints);
	}
	return out;
}
