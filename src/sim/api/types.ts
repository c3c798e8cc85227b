// The subset of the Kubernetes API objects the simulation works with, named and shaped as in
// k8s.io/api (core/v1, discovery/v1) and kubeproxy.config.k8s.io/v1alpha1, so manifests read as-is.

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ObjectMeta {
	name: string;
	namespace?: string;
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
	uid?: string;
	resourceVersion?: string;
	creationTimestamp?: string;
}

export interface NodeAddress {
	type: 'InternalIP' | 'ExternalIP' | 'Hostname' | 'InternalDNS' | 'ExternalDNS';
	address: string;
}

export interface Node {
	apiVersion: 'v1';
	kind: 'Node';
	metadata: ObjectMeta;
	spec: {podCIDR?: string; podCIDRs?: string[]};
	status: {addresses: NodeAddress[]};
}

export interface ContainerPort {
	name?: string;
	containerPort: number;
	protocol?: Protocol;
}

export interface Container {
	name: string;
	image: string;
	ports?: ContainerPort[];
}

export interface PodCondition {
	type: 'Ready' | 'PodScheduled' | 'Initialized' | 'ContainersReady';
	status: 'True' | 'False' | 'Unknown';
}

export interface Pod {
	apiVersion: 'v1';
	kind: 'Pod';
	metadata: ObjectMeta & {deletionTimestamp?: string};
	spec: {nodeName?: string; hostNetwork?: boolean; containers: Container[]};
	status: {
		phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
		podIP?: string;
		podIPs?: {ip: string}[];
		hostIP?: string;
		conditions?: PodCondition[];
	};
}

export interface ServicePort {
	name?: string;
	protocol?: Protocol;
	port: number;
	/** A number, or the name of a container port. Defaults to `port`. */
	targetPort?: number | string;
	nodePort?: number;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
export type TrafficPolicy = 'Cluster' | 'Local';

export interface Service {
	apiVersion: 'v1';
	kind: 'Service';
	metadata: ObjectMeta;
	spec: {
		type?: ServiceType;
		selector?: Record<string, string>;
		ports: ServicePort[];
		clusterIP?: string;
		clusterIPs?: string[];
		externalIPs?: string[];
		sessionAffinity?: 'None' | 'ClientIP';
		sessionAffinityConfig?: {clientIP?: {timeoutSeconds?: number}};
		externalTrafficPolicy?: TrafficPolicy;
		internalTrafficPolicy?: TrafficPolicy;
		loadBalancerSourceRanges?: string[];
		healthCheckNodePort?: number;
		ipFamilies?: ('IPv4' | 'IPv6')[];
	};
	status?: {loadBalancer?: {ingress?: {ip?: string; hostname?: string}[]}};
}

export interface EndpointConditions {
	ready?: boolean;
	serving?: boolean;
	terminating?: boolean;
}

export interface Endpoint {
	addresses: string[];
	conditions: EndpointConditions;
	nodeName?: string;
	targetRef?: {kind: 'Pod'; namespace: string; name: string};
}

export interface EndpointPort {
	name?: string;
	protocol?: Protocol;
	port?: number;
}

export interface EndpointSlice {
	apiVersion: 'discovery.k8s.io/v1';
	kind: 'EndpointSlice';
	metadata: ObjectMeta;
	addressType: 'IPv4' | 'IPv6' | 'FQDN';
	endpoints: Endpoint[];
	ports: EndpointPort[];
}

/** kubeproxy.config.k8s.io/v1alpha1, the fields the iptables proxier reads. */
export interface KubeProxyConfiguration {
	apiVersion: 'kubeproxy.config.k8s.io/v1alpha1';
	kind: 'KubeProxyConfiguration';
	clusterCIDR?: string;
	detectLocalMode?: 'ClusterCIDR' | 'NodeCIDR' | 'BridgeInterface' | 'InterfaceNamePrefix' | '';
	nodePortAddresses?: string[];
	mode?: string;
	iptables?: {masqueradeBit?: number; masqueradeAll?: boolean; localhostNodePorts?: boolean};
}

export type KubeObject = Node | Pod | Service | EndpointSlice;
export type Kind = KubeObject['kind'];

/** `namespace/name`, or `name` for cluster-scoped objects. */
export function objectKey(meta: ObjectMeta): string {
	return meta.namespace ? `${meta.namespace}/${meta.name}` : meta.name;
}

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';
