// Every field the real API defines for the structures the loader reads closely, so a key outside
// these sets is a typo (`selectr`, `targetport`) rather than a field svc-tutor merely ignores.
// Structures with very many fields (PodSpec, Container, NodeStatus) are not checked.

export const OBJECT_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);

export const OBJECT_META_FIELDS = new Set([
	'name',
	'generateName',
	'namespace',
	'selfLink',
	'uid',
	'resourceVersion',
	'generation',
	'creationTimestamp',
	'deletionTimestamp',
	'deletionGracePeriodSeconds',
	'labels',
	'annotations',
	'ownerReferences',
	'finalizers',
	'managedFields',
]);

export const SERVICE_SPEC_FIELDS = new Set([
	'ports',
	'selector',
	'clusterIP',
	'clusterIPs',
	'type',
	'externalIPs',
	'sessionAffinity',
	'loadBalancerIP',
	'loadBalancerSourceRanges',
	'externalName',
	'externalTrafficPolicy',
	'healthCheckNodePort',
	'publishNotReadyAddresses',
	'sessionAffinityConfig',
	'ipFamilies',
	'ipFamilyPolicy',
	'allocateLoadBalancerNodePorts',
	'loadBalancerClass',
	'internalTrafficPolicy',
	'trafficDistribution',
]);

export const SERVICE_PORT_FIELDS = new Set(['name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort']);

export const ENDPOINT_SLICE_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'addressType', 'endpoints', 'ports']);

export const ENDPOINT_FIELDS = new Set([
	'addresses',
	'conditions',
	'hostname',
	'targetRef',
	'deprecatedTopology',
	'nodeName',
	'zone',
	'hints',
]);

export const ENDPOINT_CONDITION_FIELDS = new Set(['ready', 'serving', 'terminating']);

export const ENDPOINT_PORT_FIELDS = new Set(['name', 'protocol', 'port', 'appProtocol']);

export const CONTAINER_PORT_FIELDS = new Set(['name', 'hostPort', 'containerPort', 'protocol', 'hostIP']);

export const KUBE_PROXY_FIELDS = new Set([
	'apiVersion',
	'kind',
	'featureGates',
	'clientConnection',
	'logging',
	'hostnameOverride',
	'bindAddress',
	'healthzBindAddress',
	'metricsBindAddress',
	'bindAddressHardFail',
	'enableProfiling',
	'showHiddenMetricsForVersion',
	'mode',
	'iptables',
	'ipvs',
	'nftables',
	'winkernel',
	'detectLocalMode',
	'detectLocal',
	'clusterCIDR',
	'nodePortAddresses',
	'oomScoreAdj',
	'conntrack',
	'configSyncPeriod',
	'portRange',
	'udpIdleTimeout',
]);

export const KUBE_PROXY_DETECT_LOCAL_FIELDS = new Set(['bridgeInterface', 'interfaceNamePrefix']);

export const KUBE_PROXY_IPTABLES_FIELDS = new Set(['masqueradeAll', 'masqueradeBit', 'localhostNodePorts', 'syncPeriod', 'minSyncPeriod']);
