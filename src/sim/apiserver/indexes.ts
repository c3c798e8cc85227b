// The indexes the controllers look objects up by, as their informers' indexers do in the real
// components: a Pod event finds the Services selecting it, a Service its Pods and its slices, the
// scheduler each node's Pod count, without a pass over every object.
import {SERVICE_NAME_LABEL, type KubeObject} from '../api/types.js';
import type {IndexFunc} from './store.js';

/** Pods by each label (namespace, key, value). */
export const POD_LABELS = 'pod-labels';
/** Pods by spec.nodeName (bound Pods only). */
export const POD_NODE = 'pod-node';
/** Services by each pair of their selector (namespace, key, value). */
export const SERVICE_SELECTOR = 'service-selector';
/** EndpointSlices by the Service their kubernetes.io/service-name label names (namespace, name). */
export const SLICE_SERVICE = 'slice-service';

/** Pods and ReplicaSets by the uid of each owner (the garbage collector's and the apps controllers' lookup). */
export const OWNER_UID = 'owner-uid';

/** An index value for a namespace and a label pair; NUL appears in no name, key or value. */
export function labelValue(namespace: string, key: string, value: string): string {
	return `${namespace}\u0000${key}\u0000${value}`;
}

export function serviceValue(namespace: string, name: string): string {
	return `${namespace}\u0000${name}`;
}

const labelPairs = (namespace: string | undefined, labels: Record<string, string> | undefined): string[] =>
	Object.entries(labels ?? {}).map(([k, v]) => labelValue(namespace ?? 'default', k, v));

function ownerUIDs(object: KubeObject): string[] {
	return (object.metadata.ownerReferences ?? []).map((o) => o.uid);
}

export const INDEXES: {kind: KubeObject['kind']; name: string; values: IndexFunc}[] = [
	{kind: 'Pod', name: POD_LABELS, values: (o) => labelPairs(o.metadata.namespace, o.metadata.labels)},
	{kind: 'Pod', name: POD_NODE, values: (o) => (o.kind === 'Pod' && o.spec.nodeName ? [o.spec.nodeName] : [])},
	{kind: 'Service', name: SERVICE_SELECTOR, values: (o) => (o.kind === 'Service' ? labelPairs(o.metadata.namespace, o.spec.selector) : [])},
	{kind: 'Pod', name: OWNER_UID, values: ownerUIDs},
	{kind: 'ReplicaSet', name: OWNER_UID, values: ownerUIDs},
	{
		kind: 'EndpointSlice',
		name: SLICE_SERVICE,
		values: (o) => {
			const service = o.metadata.labels?.[SERVICE_NAME_LABEL];
			return service === undefined ? [] : [serviceValue(o.metadata.namespace ?? 'default', service)];
		},
	},
];
