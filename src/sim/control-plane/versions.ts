// The one Kubernetes release the node shell's cluster is: kubeadm v1.32 and the images it pulls
// (kubeadm's constants for v1.32: etcd 3.5.16-0, CoreDNS v1.11.3, pause 3.10), flannel as its
// manifest stood then. v1.32 is the last release where kube-apiserver allocates ClusterIPs from
// --service-cluster-ip-range alone (MultiCIDRServiceAllocator, beta and off by default until it
// went GA in v1.33 with its ServiceCIDR objects), so editing that flag in kube-apiserver.yaml
// changes the range new Services get their IPs from, as CKA courses teach it.
export const KUBERNETES_VERSION = 'v1.32.3';
export const ETCD_IMAGE = 'registry.k8s.io/etcd:3.5.16-0';
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.11.3';
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';
export const KUBE_PROXY_IMAGE = `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`;
/** flannel v0.26.4 (February 2025), from flannel's Documentation/kube-flannel.yml of that release. */
export const FLANNEL_IMAGE = 'ghcr.io/flannel-io/flannel:v0.26.4';
export const FLANNEL_CNI_PLUGIN_IMAGE = 'ghcr.io/flannel-io/flannel-cni-plugin:v1.6.2-flannel1';
export const CONTAINERD_VERSION = '1.7.24';

export function controlPlaneImage(component: string): string {
	return `registry.k8s.io/${component}:${KUBERNETES_VERSION}`;
}

/** `1.32`: the minor version as a number, for behaviour that changed between releases. */
export function minorVersion(version: string): number {
	const match = /^v?1\.(\d+)/.exec(version);
	return match ? Number(match[1]) : 0;
}
