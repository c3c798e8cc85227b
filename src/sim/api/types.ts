// The subset of the Kubernetes API objects the simulation works with, named and shaped as in
// k8s.io/api (core/v1, apps/v1, discovery/v1, networking/v1) and kubeproxy.config.k8s.io/v1alpha1,
// so manifests read as-is.

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ObjectMeta {
	name: string;
	namespace?: string;
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
	uid?: string;
	resourceVersion?: string;
	creationTimestamp?: string;
	generateName?: string;
	generation?: number;
	ownerReferences?: OwnerReference[];
}

export interface OwnerReference {
	apiVersion: string;
	kind: string;
	name: string;
	uid: string;
	controller?: boolean;
	blockOwnerDeletion?: boolean;
}

export interface NodeAddress {
	type: 'InternalIP' | 'ExternalIP' | 'Hostname' | 'InternalDNS' | 'ExternalDNS';
	address: string;
}

export interface Taint {
	key: string;
	value?: string;
	effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** What `kubectl get nodes -o wide` shows of the machine (VERSION, OS-IMAGE, KERNEL-VERSION, CONTAINER-RUNTIME). */
export interface NodeSystemInfo {
	kubeletVersion: string;
	kubeProxyVersion?: string;
	osImage: string;
	kernelVersion: string;
	containerRuntimeVersion: string;
	operatingSystem: string;
	architecture: string;
	machineID?: string;
	systemUUID?: string;
	bootID?: string;
}

export interface NodeCondition {
	type: 'Ready' | 'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'NetworkUnavailable';
	status: 'True' | 'False' | 'Unknown';
	reason?: string;
	message?: string;
	lastHeartbeatTime?: string;
	lastTransitionTime?: string;
}

export interface Node {
	apiVersion: 'v1';
	kind: 'Node';
	metadata: ObjectMeta;
	spec: {podCIDR?: string; podCIDRs?: string[]; taints?: Taint[]};
	status: {
		addresses: NodeAddress[];
		nodeInfo?: NodeSystemInfo;
		conditions?: NodeCondition[];
		capacity?: Record<string, string>;
		allocatable?: Record<string, string>;
	};
}

export interface ContainerPort {
	name?: string;
	containerPort: number;
	protocol?: Protocol;
}

export interface EnvVar {
	name: string;
	value?: string;
	valueFrom?: {fieldRef?: {fieldPath: string}};
}

export interface VolumeMount {
	name: string;
	mountPath: string;
	readOnly?: boolean;
}

export interface Container {
	name: string;
	image: string;
	ports?: ContainerPort[];
	command?: string[];
	args?: string[];
	env?: EnvVar[];
	imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
	volumeMounts?: VolumeMount[];
}

export interface Volume {
	name: string;
	hostPath?: {path: string; type?: string};
	configMap?: {name: string; items?: {key: string; path: string}[]; defaultMode?: number};
}

export interface Toleration {
	key?: string;
	operator?: 'Exists' | 'Equal';
	value?: string;
	effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface NodeSelectorRequirement {
	key: string;
	operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
	values?: string[];
}

export interface NodeSelectorTerm {
	matchExpressions?: NodeSelectorRequirement[];
	matchFields?: NodeSelectorRequirement[];
}

export interface Affinity {
	nodeAffinity?: {requiredDuringSchedulingIgnoredDuringExecution?: {nodeSelectorTerms: NodeSelectorTerm[]}};
	podAntiAffinity?: {
		preferredDuringSchedulingIgnoredDuringExecution?: {
			weight: number;
			podAffinityTerm: {labelSelector?: {matchExpressions?: {key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[]}[]}; topologyKey: string};
		}[];
	};
}

export interface PodSpec {
	nodeName?: string;
	hostNetwork?: boolean;
	containers: Container[];
	volumes?: Volume[];
	serviceAccountName?: string;
	priorityClassName?: string;
	priority?: number;
	nodeSelector?: Record<string, string>;
	affinity?: Affinity;
	tolerations?: Toleration[];
	restartPolicy?: 'Always' | 'OnFailure' | 'Never';
	dnsPolicy?: 'ClusterFirst' | 'Default' | 'ClusterFirstWithHostNet' | 'None';
}

export interface PodTemplateSpec {
	metadata: {labels?: Record<string, string>; annotations?: Record<string, string>};
	spec: PodSpec;
}

export interface LabelSelector {
	matchLabels?: Record<string, string>;
}

export interface PodCondition {
	type: 'Ready' | 'PodScheduled' | 'Initialized' | 'ContainersReady';
	status: 'True' | 'False' | 'Unknown';
}

export interface Pod {
	apiVersion: 'v1';
	kind: 'Pod';
	metadata: ObjectMeta & {deletionTimestamp?: string};
	spec: PodSpec;
	status: {
		phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
		podIP?: string;
		podIPs?: {ip: string}[];
		hostIP?: string;
		conditions?: PodCondition[];
		startTime?: string;
		/** Absent on Pods the kubelet model started plainly: each container then counts as running, ready, never restarted. */
		containerStatuses?: ContainerStatus[];
	};
}

export interface ContainerState {
	running?: {startedAt: string};
	waiting?: {reason: string; message?: string};
	terminated?: {exitCode: number; reason?: string; startedAt?: string; finishedAt?: string; containerID?: string};
}

export interface ContainerStatus {
	name: string;
	image: string;
	imageID?: string;
	containerID?: string;
	ready: boolean;
	started?: boolean;
	restartCount: number;
	state: ContainerState;
	lastState?: ContainerState;
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
		/** The DNS name an ExternalName Service's CNAME points at; kube-proxy writes no rules for it. */
		externalName?: string;
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
		/** LoadBalancer only; false: no nodePort is allocated for a port that names none. */
		allocateLoadBalancerNodePorts?: boolean;
	};
	/** ipMode Proxy: the load balancer proxies to the nodes itself, and kube-proxy writes no rules for that IP. */
	status?: {loadBalancer?: {ingress?: {ip?: string; hostname?: string; ipMode?: 'VIP' | 'Proxy'}[]}};
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
	detectLocal?: {bridgeInterface?: string; interfaceNamePrefix?: string};
	nodePortAddresses?: string[];
	mode?: string;
	iptables?: {masqueradeBit?: number; masqueradeAll?: boolean; localhostNodePorts?: boolean};
	/** tcpBeLiberal: kube-proxy sets nf_conntrack_tcp_be_liberal, and then drops no INVALID packets. */
	conntrack?: {tcpBeLiberal?: boolean};
}

export interface Namespace {
	apiVersion: 'v1';
	kind: 'Namespace';
	metadata: ObjectMeta;
	spec?: {finalizers?: string[]};
	status?: {phase?: 'Active' | 'Terminating'};
}

export interface ConfigMap {
	apiVersion: 'v1';
	kind: 'ConfigMap';
	metadata: ObjectMeta;
	data?: Record<string, string>;
}

export interface DeploymentCondition {
	type: 'Available' | 'Progressing' | 'ReplicaFailure';
	status: 'True' | 'False' | 'Unknown';
	reason?: string;
	message?: string;
	lastUpdateTime?: string;
	lastTransitionTime?: string;
}

export interface Deployment {
	apiVersion: 'apps/v1';
	kind: 'Deployment';
	metadata: ObjectMeta;
	spec: {
		replicas?: number;
		selector: LabelSelector;
		template: PodTemplateSpec;
		strategy?: {type?: 'RollingUpdate' | 'Recreate'; rollingUpdate?: {maxUnavailable?: number | string; maxSurge?: number | string}};
		revisionHistoryLimit?: number;
		progressDeadlineSeconds?: number;
	};
	status?: {
		observedGeneration?: number;
		replicas?: number;
		updatedReplicas?: number;
		readyReplicas?: number;
		availableReplicas?: number;
		unavailableReplicas?: number;
		conditions?: DeploymentCondition[];
	};
}

export interface ReplicaSet {
	apiVersion: 'apps/v1';
	kind: 'ReplicaSet';
	metadata: ObjectMeta;
	spec: {replicas?: number; selector: LabelSelector; template: PodTemplateSpec};
	status?: {replicas: number; fullyLabeledReplicas?: number; readyReplicas?: number; availableReplicas?: number; observedGeneration?: number};
}

export interface DaemonSet {
	apiVersion: 'apps/v1';
	kind: 'DaemonSet';
	metadata: ObjectMeta;
	spec: {
		selector: LabelSelector;
		template: PodTemplateSpec;
		updateStrategy?: {type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: {maxUnavailable?: number | string; maxSurge?: number | string}};
		revisionHistoryLimit?: number;
	};
	status?: {
		currentNumberScheduled: number;
		numberMisscheduled: number;
		desiredNumberScheduled: number;
		numberReady: number;
		observedGeneration?: number;
		updatedNumberScheduled?: number;
		numberAvailable?: number;
	};
}

/** core/v1 Event, as `kubectl get events` lists it. */
export interface Event {
	apiVersion: 'v1';
	kind: 'Event';
	metadata: ObjectMeta;
	involvedObject: {kind: string; namespace?: string; name: string; uid?: string; apiVersion?: string; resourceVersion?: string; fieldPath?: string};
	reason: string;
	message: string;
	source: {component?: string; host?: string};
	firstTimestamp: string;
	lastTimestamp: string;
	count: number;
	type: 'Normal' | 'Warning';
	eventTime?: null;
	reportingComponent: string;
	reportingInstance: string;
}

/** networking.k8s.io/v1 ServiceCIDR (Kubernetes 1.33+): the `kubernetes` one mirrors --service-cluster-ip-range. */
export interface ServiceCIDR {
	apiVersion: 'networking.k8s.io/v1';
	kind: 'ServiceCIDR';
	metadata: ObjectMeta;
	spec: {cidrs: string[]};
	status?: {conditions?: {type: 'Ready'; status: 'True' | 'False'; reason?: string; message?: string; lastTransitionTime?: string}[]};
}

export type KubeObject = Node | Pod | Service | EndpointSlice | Namespace | ConfigMap | Deployment | ReplicaSet | DaemonSet | Event | ServiceCIDR;
export type Kind = KubeObject['kind'];

/** The namespace of a namespaced object whose manifest names none, as kubectl and the API server default it. */
export const DEFAULT_NAMESPACE = 'default';

/** Kinds that live in a namespace (the others are cluster-scoped). */
export const NAMESPACED_KINDS: Readonly<Record<Kind, boolean>> = {
	Node: false,
	Pod: true,
	Service: true,
	EndpointSlice: true,
	Namespace: false,
	ConfigMap: true,
	Deployment: true,
	ReplicaSet: true,
	DaemonSet: true,
	Event: true,
	ServiceCIDR: false,
};

/** `namespace/name`, or `name` for cluster-scoped objects. */
export function objectKey(meta: ObjectMeta): string {
	return meta.namespace ? `${meta.namespace}/${meta.name}` : meta.name;
}

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';
