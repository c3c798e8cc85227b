// A cluster as kubeadm and flannel set it up: a control-plane node and workers, each node's pod
// CIDR from 10.244.0.0/16, kube-proxy configured with that cluster CIDR (kubeadm writes it into
// the kube-proxy ConfigMap), the `kubernetes` and kube-dns Services.
import {CONTROL_PLANE_LABEL, type KubeProxyConfiguration} from '../api/types.js';
import {Cluster, FLANNEL_POD_CIDR, KUBEADM_SERVICE_CIDR, type ClusterOptions} from '../cluster/cluster.js';
import {bootstrapControlPlane, installCoreDNS} from './kubeadm.js';
import {templateHash} from '../workloads/deployment.js';

export const KUBEADM_KUBE_PROXY_CONFIG: KubeProxyConfiguration = {
	apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
	kind: 'KubeProxyConfiguration',
	mode: '',
	clusterCIDR: FLANNEL_POD_CIDR,
};

export function addNode(cluster: Cluster, name: string, internalIP: string, controlPlane = false): void {
	cluster.create({
		apiVersion: 'v1',
		kind: 'Node',
		metadata: {name, labels: {'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(controlPlane ? {[CONTROL_PLANE_LABEL]: ''} : {})}},
		spec: {},
		status: {addresses: [{type: 'InternalIP', address: internalIP}, {type: 'Hostname', address: name}]},
	});
}

/** `controlplane` at the first address, then `node01`, `node02`, … */
export function newKubeadmCluster(seed: number, nodeIPs: string[], kubeProxies: ClusterOptions['kubeProxies'] = 'every-node'): Cluster {
	const cluster = new Cluster({seed, serviceClusterIPRange: KUBEADM_SERVICE_CIDR, clusterCIDR: FLANNEL_POD_CIDR, kubeProxyConfig: KUBEADM_KUBE_PROXY_CONFIG, kubeProxies});
	nodeIPs.forEach((ip, i) => addNode(cluster, i === 0 ? 'controlplane' : `node${String(i).padStart(2, '0')}`, ip, i === 0));
	bootstrapControlPlane(cluster, nodeIPs[0]!);
	const hash = templateHash(cluster, 'kube-system/coredns');
	installCoreDNS(cluster, 'controlplane', hash, [cluster.api.generateName(''), cluster.api.generateName('')] as [string, string]);
	return cluster;
}
