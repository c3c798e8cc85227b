// What `kubeadm init` leaves in every cluster before any workload: the `kubernetes` Service on the
// first address of the service range, whose endpoint is the API server itself (written by the API
// server's endpoint reconciler, not by the EndpointSlice controller), and CoreDNS behind the
// kube-dns Service on the tenth address.
import type {Container, Pod} from '../api/types.js';
import type {Cluster} from '../cluster/cluster.js';
import {indexedIP} from '../net/cidr.js';

export const APISERVER_PORT = 6443;

export function bootstrapControlPlane(cluster: Cluster, advertiseAddress: string): void {
	cluster.create({
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name: 'kubernetes', namespace: 'default', labels: {component: 'apiserver', provider: 'kubernetes'}},
		spec: {type: 'ClusterIP', clusterIP: indexedIP(cluster.serviceClusterIPRange, 1), ports: [{name: 'https', port: 443, protocol: 'TCP', targetPort: APISERVER_PORT}]},
	});
	cluster.create({
		apiVersion: 'discovery.k8s.io/v1',
		kind: 'EndpointSlice',
		metadata: {name: 'kubernetes', namespace: 'default', labels: {'kubernetes.io/service-name': 'kubernetes'}},
		addressType: 'IPv4',
		endpoints: [{addresses: [advertiseAddress], conditions: {ready: true}}],
		ports: [{name: 'https', port: APISERVER_PORT, protocol: 'TCP'}],
	});
}

const COREDNS_CONTAINER: Container = {
	name: 'coredns',
	image: 'registry.k8s.io/coredns/coredns:v1.11.3',
	ports: [
		{name: 'dns', containerPort: 53, protocol: 'UDP'},
		{name: 'dns-tcp', containerPort: 53, protocol: 'TCP'},
		{name: 'metrics', containerPort: 9153, protocol: 'TCP'},
	],
};

/** CoreDNS's two replicas and the kube-dns Service, as kubeadm's addon manifests create them. */
export function installCoreDNS(cluster: Cluster, nodeName: string, templateHash: string, podSuffixes: [string, string]): void {
	for (const suffix of podSuffixes) {
		const pod: Pod = {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {name: `coredns-${templateHash}-${suffix}`, namespace: 'kube-system', labels: {'k8s-app': 'kube-dns', 'pod-template-hash': templateHash}},
			spec: {nodeName, containers: [COREDNS_CONTAINER]},
			status: {},
		};
		cluster.create(pod);
	}
	cluster.create({
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name: 'kube-dns', namespace: 'kube-system', labels: {'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS'}},
		spec: {
			type: 'ClusterIP',
			clusterIP: indexedIP(cluster.serviceClusterIPRange, 10),
			selector: {'k8s-app': 'kube-dns'},
			ports: [
				{name: 'dns', port: 53, protocol: 'UDP', targetPort: 53},
				{name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53},
				{name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153},
			],
		},
	});
}
