// The resource types the simulated API server serves, as discovery describes them (names, short
// names, group, scope), and how kubectl resolves what is typed (`svc`, `services`, `Service`,
// `deploy.apps`, `deployments.v1.apps`) to one of them.
import {KUBERNETES_VERSION} from '../../sim/control-plane/versions.js';

export interface ResourceType {
	/** The plural resource name: `pods`. */
	resource: string;
	singular: string;
	shortNames: string[];
	kind: string;
	/** '' for the core group. */
	group: string;
	version: string;
	namespaced: boolean;
	/** Whether `kubectl get all` includes it (the `all` category). */
	inAll: boolean;
	verbs: string[];
	/** The first Kubernetes minor version that serves it by default (ServiceCIDR went GA in 1.33). */
	since?: number;
	/** Served by every cluster but never populated in the simulated one (a kubeadm cluster has none either). */
	empty?: boolean;
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** In discovery's order: core first, then the groups (this is also the order `get all` prints). */
const ALL_RESOURCE_TYPES: readonly ResourceType[] = [
	{resource: 'configmaps', singular: 'configmap', shortNames: ['cm'], kind: 'ConfigMap', group: '', version: 'v1', namespaced: true, inAll: false, verbs: RW},
	{resource: 'endpoints', singular: 'endpoints', shortNames: ['ep'], kind: 'Endpoints', group: '', version: 'v1', namespaced: true, inAll: false, verbs: RW},
	{resource: 'events', singular: 'event', shortNames: ['ev'], kind: 'Event', group: '', version: 'v1', namespaced: true, inAll: false, verbs: RW},
	{resource: 'namespaces', singular: 'namespace', shortNames: ['ns'], kind: 'Namespace', group: '', version: 'v1', namespaced: false, inAll: false, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']},
	{resource: 'nodes', singular: 'node', shortNames: ['no'], kind: 'Node', group: '', version: 'v1', namespaced: false, inAll: false, verbs: RW},
	{resource: 'pods', singular: 'pod', shortNames: ['po'], kind: 'Pod', group: '', version: 'v1', namespaced: true, inAll: true, verbs: RW},
	{resource: 'replicationcontrollers', singular: 'replicationcontroller', shortNames: ['rc'], kind: 'ReplicationController', group: '', version: 'v1', namespaced: true, inAll: true, verbs: RW, empty: true},
	{resource: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', shortNames: ['pvc'], kind: 'PersistentVolumeClaim', group: '', version: 'v1', namespaced: true, inAll: false, verbs: RW, empty: true},
	{resource: 'persistentvolumes', singular: 'persistentvolume', shortNames: ['pv'], kind: 'PersistentVolume', group: '', version: 'v1', namespaced: false, inAll: false, verbs: RW, empty: true},
	{resource: 'services', singular: 'service', shortNames: ['svc'], kind: 'Service', group: '', version: 'v1', namespaced: true, inAll: true, verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']},
	{resource: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], kind: 'DaemonSet', group: 'apps', version: 'v1', namespaced: true, inAll: true, verbs: RW},
	{resource: 'deployments', singular: 'deployment', shortNames: ['deploy'], kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true, inAll: true, verbs: RW},
	{resource: 'replicasets', singular: 'replicaset', shortNames: ['rs'], kind: 'ReplicaSet', group: 'apps', version: 'v1', namespaced: true, inAll: true, verbs: RW},
	{resource: 'statefulsets', singular: 'statefulset', shortNames: ['sts'], kind: 'StatefulSet', group: 'apps', version: 'v1', namespaced: true, inAll: true, verbs: RW, empty: true},
	{resource: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler', shortNames: ['hpa'], kind: 'HorizontalPodAutoscaler', group: 'autoscaling', version: 'v2', namespaced: true, inAll: true, verbs: RW, empty: true},
	{resource: 'cronjobs', singular: 'cronjob', shortNames: ['cj'], kind: 'CronJob', group: 'batch', version: 'v1', namespaced: true, inAll: true, verbs: RW, empty: true},
	{resource: 'jobs', singular: 'job', shortNames: [], kind: 'Job', group: 'batch', version: 'v1', namespaced: true, inAll: true, verbs: RW, empty: true},
	{resource: 'endpointslices', singular: 'endpointslice', shortNames: [], kind: 'EndpointSlice', group: 'discovery.k8s.io', version: 'v1', namespaced: true, inAll: false, verbs: RW},
	{resource: 'ingressclasses', singular: 'ingressclass', shortNames: [], kind: 'IngressClass', group: 'networking.k8s.io', version: 'v1', namespaced: false, inAll: false, verbs: RW, empty: true},
	{resource: 'ingresses', singular: 'ingress', shortNames: ['ing'], kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', namespaced: true, inAll: false, verbs: RW, empty: true},
	{resource: 'networkpolicies', singular: 'networkpolicy', shortNames: ['netpol'], kind: 'NetworkPolicy', group: 'networking.k8s.io', version: 'v1', namespaced: true, inAll: false, verbs: RW, empty: true},
	{resource: 'servicecidrs', singular: 'servicecidr', shortNames: [], kind: 'ServiceCIDR', group: 'networking.k8s.io', version: 'v1', namespaced: false, inAll: false, verbs: RW, since: 33},
];

/** The simulated cluster's Kubernetes minor version (the API server's). */
export const SERVER_MINOR = Number(/^v1\.(\d+)/.exec(KUBERNETES_VERSION)?.[1] ?? 0);

/** What this cluster's API server serves. */
export const RESOURCE_TYPES: readonly ResourceType[] = ALL_RESOURCE_TYPES.filter((t) => (t.since ?? 0) <= SERVER_MINOR);

export function apiVersionOf(type: ResourceType): string {
	return type.group ? `${type.group}/${type.version}` : type.version;
}

/** `pod`, `deployment.apps`: how kubectl names the kind in `-o name` and `kind/name` prefixes. */
export function kindPrefix(type: ResourceType): string {
	const kind = type.kind.toLowerCase();
	return type.group ? `${kind}.${type.group}` : kind;
}

/** `services`, `deployments.apps`: how API errors name the resource. */
export function qualifiedResource(type: ResourceType): string {
	return type.group ? `${type.resource}.${type.group}` : type.resource;
}

export function typeOfKind(kind: string): ResourceType | undefined {
	return RESOURCE_TYPES.find((t) => t.kind === kind);
}

/** What the RESTMapper accepts: plural, singular, short name or kind, optionally `.group` or `.version.group`. */
export function resolveType(typed: string): ResourceType | undefined {
	const lower = typed.toLowerCase();
	const matches = (type: ResourceType, name: string): boolean =>
		name === type.resource || name === type.singular || name === type.kind.toLowerCase() || type.shortNames.includes(name);
	for (const type of RESOURCE_TYPES) {
		if (matches(type, lower)) return type;
		const dot = lower.indexOf('.');
		if (dot === -1) continue;
		const name = lower.slice(0, dot);
		const rest = lower.slice(dot + 1);
		if (!matches(type, name)) continue;
		if (rest === type.group || rest === `${type.version}.${type.group}` || (type.group === '' && rest === type.version)) return type;
	}
	return undefined;
}
