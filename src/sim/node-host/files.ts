// The files a node of the shell cluster has because of what runs on it: kubeadm's kubeconfigs,
// PKI and static Pod manifests (controlplane), the kubelet's configuration, flannel's CNI config
// and subnet.env, the CNI plugins, and the host's own /etc/hostname, /etc/hosts, /etc/resolv.conf.
// Computed from the cluster each time, so they always say what the cluster is: a node's
// subnet.env shows its pod CIDR; a manifest shows what its static Pod runs from.
import type {Cluster} from '../cluster/cluster.js';
import {indexedIP} from '../net/cidr.js';
import {kubeProxyConfigText} from '../control-plane/kubeadm-addons.js';
import {FLANNEL_CNI_CONF} from '../control-plane/kubeadm-addons.js';
import {PAUSE_IMAGE} from '../control-plane/versions.js';
import type {HostSettings} from './node-hosts.js';
import {base64, fakePem} from './pem.js';

export interface NodeFile {
	path: string;
	text: string;
	/** Octal permission bits as `ls -l` shows them (0o644 when not said). */
	mode: number;
	/** An executable or other non-text file: `cat` prints bytes the shell may refuse to show. */
	binary?: boolean;
}

/** CNI plugins kubeadm's kubernetes-cni package (containernetworking/plugins v1.6) puts in /opt/cni/bin, plus flannel's, which flannel's init container copies there. */
export const CNI_PLUGINS = ['bandwidth', 'bridge', 'dhcp', 'dummy', 'firewall', 'flannel', 'host-device', 'host-local', 'ipvlan', 'LICENSE', 'loopback', 'macvlan', 'portmap', 'ptp', 'README.md', 'sbr', 'static', 'tap', 'tuning', 'vlan', 'vrf'];

const PKI_FILES: [string, 'CERTIFICATE' | 'RSA PRIVATE KEY' | 'PUBLIC KEY'][] = [
	['apiserver.crt', 'CERTIFICATE'],
	['apiserver.key', 'RSA PRIVATE KEY'],
	['apiserver-etcd-client.crt', 'CERTIFICATE'],
	['apiserver-etcd-client.key', 'RSA PRIVATE KEY'],
	['apiserver-kubelet-client.crt', 'CERTIFICATE'],
	['apiserver-kubelet-client.key', 'RSA PRIVATE KEY'],
	['ca.crt', 'CERTIFICATE'],
	['ca.key', 'RSA PRIVATE KEY'],
	['front-proxy-ca.crt', 'CERTIFICATE'],
	['front-proxy-ca.key', 'RSA PRIVATE KEY'],
	['front-proxy-client.crt', 'CERTIFICATE'],
	['front-proxy-client.key', 'RSA PRIVATE KEY'],
	['sa.key', 'RSA PRIVATE KEY'],
	['sa.pub', 'PUBLIC KEY'],
	['etcd/ca.crt', 'CERTIFICATE'],
	['etcd/ca.key', 'RSA PRIVATE KEY'],
	['etcd/healthcheck-client.crt', 'CERTIFICATE'],
	['etcd/healthcheck-client.key', 'RSA PRIVATE KEY'],
	['etcd/peer.crt', 'CERTIFICATE'],
	['etcd/peer.key', 'RSA PRIVATE KEY'],
	['etcd/server.crt', 'CERTIFICATE'],
	['etcd/server.key', 'RSA PRIVATE KEY'],
];

/** A kubeconfig as kubeadm writes them (admin.conf, controller-manager.conf, scheduler.conf), the client certificate inline. */
export function kubeconfigText(seed: number, server: string, user: string, context: string): string {
	const cert = base64(fakePem(seed, `${user}.crt`, 'CERTIFICATE'));
	const key = base64(fakePem(seed, `${user}.key`, 'RSA PRIVATE KEY'));
	return kubeconfig(seed, server, user, context, `    client-certificate-data: ${cert}\n    client-key-data: ${key}\n`);
}

/** The kubelet's own kubeconfig after TLS bootstrap: its client certificate is a rotated file, not inline data. */
function kubeletKubeconfigText(seed: number, server: string): string {
	const pem = '/var/lib/kubelet/pki/kubelet-client-current.pem';
	return kubeconfig(seed, server, 'system:node', 'system:node@kubernetes', `    client-certificate: ${pem}\n    client-key: ${pem}\n`);
}

/** The layout every kubeadm kubeconfig shares; `credentials` is the user's lines. */
function kubeconfig(seed: number, server: string, user: string, context: string, credentials: string): string {
	const ca = base64(fakePem(seed, 'ca.crt', 'CERTIFICATE'));
	return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${ca}
    server: ${server}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: ${user}
  name: ${context}
current-context: ${context}
kind: Config
preferences: {}
users:
- name: ${user}
  user:
${credentials}`;
}

/** /var/lib/kubelet/config.yaml as kubeadm v1.32 writes it (the KubeletConfiguration with kubeadm's defaults). */
export function kubeletConfigText(clusterDNS: string, clusterDomain: string): string {
	return `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- ${clusterDNS}
clusterDomain: ${clusterDomain}
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
crashLoopBackOff: {}
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
resolvConf: /run/systemd/resolve/resolv.conf
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;
}

/** The kubelet's flags kubeadm adds (/var/lib/kubelet/kubeadm-flags.env). */
export const KUBELET_KUBEADM_ARGS = `--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=${PAUSE_IMAGE}`;

/** The kubelet's command line: the systemd drop-in's ExecStart with its variables filled in. */
export const KUBELET_COMMAND = `/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml ${KUBELET_KUBEADM_ARGS}`;

const KUBEADM_DROP_IN = `# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;

/** The unit file of the kubelet package from pkgs.k8s.io; kubeadm's drop-in supplies the real ExecStart. */
const KUBELET_UNIT = `[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
`;

const STUB_RESOLV_CONF = `# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).
# Do not edit.
#
# This file might be symlinked as /etc/resolv.conf. If you're looking at
# /etc/resolv.conf and seeing this text, you have followed the symlink.
#
# This is a dynamic resolv.conf file for connecting local clients to the
# internal DNS stub resolver of systemd-resolved. This file lists all
# configured search domains.
#
# Run "resolvectl status" to see details about the uplink DNS servers
# currently in use.
#
# Third party programs should typically not access this file directly, but only
# through the symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a
# different way, replace this symlink by a static file or a different symlink.
#
# See man:systemd-resolved.service(8) for details about the supported modes of
# operation for /etc/resolv.conf.

nameserver 127.0.0.53
options edns0 trust-ad
search .
`;

function hostsFile(cluster: Cluster, node: string): string {
	const lines = ['127.0.0.1 localhost', `127.0.1.1 ${node}`];
	for (const n of cluster.api.peek('Node')) {
		const ip = n.status.addresses.find((a) => a.type === 'InternalIP')?.address;
		if (ip) lines.push(`${ip} ${n.metadata.name}`);
	}
	lines.push('', '# The following lines are desirable for IPv6 capable hosts', '::1     ip6-localhost ip6-loopback', 'fe00::0 ip6-localnet', 'ff00::0 ip6-mcastprefix', 'ff02::1 ip6-allnodes', 'ff02::2 ip6-allrouters');
	return `${lines.join('\n')}\n`;
}

/** flanneld's /run/flannel/subnet.env: the network, this node's first pod address with the lease's prefix, vxlan's MTU. */
export function subnetEnvText(network: string, podCIDR: string): string {
	const prefix = podCIDR.split('/')[1];
	return `FLANNEL_NETWORK=${network}\nFLANNEL_SUBNET=${indexedIP(podCIDR, 1)}/${prefix}\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n`;
}

/** Every file the cluster gives this node, by path (directories are implied by the paths). */
export function nodeFiles(cluster: Cluster, nodeName: string): Map<string, NodeFile> {
	const hosts = cluster.hosts;
	const files = new Map<string, NodeFile>();
	const node = cluster.api.peekOne('Node', nodeName);
	if (!hosts || !node) return files;
	const settings: HostSettings = hosts.settings;
	const add = (path: string, text: string, mode = 0o644, binary = false): void => {
		files.set(path, {path, text, mode, ...(binary ? {binary} : {})});
	};
	const server = `https://${settings.apiServerEndpoint.host}:${settings.apiServerEndpoint.port}`;
	const seed = settings.seed;
	const controlPlane = nodeName === settings.controlPlaneNode;

	add('/etc/hostname', `${nodeName}\n`);
	add('/etc/hosts', hostsFile(cluster, nodeName));
	add('/etc/resolv.conf', STUB_RESOLV_CONF);
	add('/run/systemd/resolve/resolv.conf', `# This is /run/systemd/resolve/resolv.conf managed by man:systemd-resolved(8).\n# Do not edit.\n\nnameserver ${settings.gateway}\nsearch .\n`);

	add('/etc/kubernetes/kubelet.conf', kubeletKubeconfigText(seed, server), 0o600);
	add('/etc/kubernetes/pki/ca.crt', fakePem(seed, 'ca.crt', 'CERTIFICATE'));
	if (controlPlane) {
		add('/etc/kubernetes/admin.conf', kubeconfigText(seed, server, 'kubernetes-admin', 'kubernetes-admin@kubernetes'), 0o600);
		add('/etc/kubernetes/super-admin.conf', kubeconfigText(seed, server, 'kubernetes-super-admin', 'kubernetes-super-admin@kubernetes'), 0o600);
		add('/etc/kubernetes/controller-manager.conf', kubeconfigText(seed, `https://${settings.apiServerEndpoint.host}:6443`, 'system:kube-controller-manager', 'system:kube-controller-manager@kubernetes'), 0o600);
		add('/etc/kubernetes/scheduler.conf', kubeconfigText(seed, `https://${settings.apiServerEndpoint.host}:6443`, 'system:kube-scheduler', 'system:kube-scheduler@kubernetes'), 0o600);
		add('/root/.kube/config', kubeconfigText(seed, server, 'kubernetes-admin', 'kubernetes-admin@kubernetes'), 0o600);
		for (const [name, kind] of PKI_FILES) add(`/etc/kubernetes/pki/${name}`, fakePem(seed, name, kind), name.endsWith('.key') ? 0o600 : 0o644);
	}
	for (const state of hosts.staticPodStates(nodeName)) add(state.path, state.text, 0o600);

	add('/var/lib/kubelet/config.yaml', kubeletConfigText(indexedIP(cluster.serviceClusterIPRange, 10), settings.dnsDomain));
	add('/var/lib/kubelet/kubeadm-flags.env', `KUBELET_KUBEADM_ARGS="${KUBELET_KUBEADM_ARGS}"\n`);
	add('/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf', KUBEADM_DROP_IN);
	add('/usr/lib/systemd/system/kubelet.service', KUBELET_UNIT);
	add('/etc/default/kubelet', 'KUBELET_EXTRA_ARGS=\n');

	add('/etc/cni/net.d/10-flannel.conflist', FLANNEL_CNI_CONF);
	for (const plugin of CNI_PLUGINS) {
		const doc = plugin === 'LICENSE' || plugin === 'README.md';
		add(`/opt/cni/bin/${plugin}`, doc ? '' : '\u007fELF\u0002\u0001\u0001', doc ? 0o644 : 0o755, !doc);
	}
	const podCIDR = node.spec.podCIDR;
	const network = cluster.clusterCIDR;
	if (podCIDR && network) add('/run/flannel/subnet.env', subnetEnvText(network, podCIDR));
	return files;
}

/** The kube-proxy container's view of its ConfigMap (/var/lib/kube-proxy/config.conf inside the Pod). */
export function kubeProxyContainerConfig(cluster: Cluster): string | undefined {
	const cm = cluster.api.peekOne('ConfigMap', 'kube-proxy', 'kube-system');
	return cm?.data?.['config.conf'] ?? (cluster.clusterCIDR ? kubeProxyConfigText(cluster.clusterCIDR) : undefined);
}

/** A file the node has at path, or undefined. */
export function readNodeFile(cluster: Cluster, nodeName: string, path: string): NodeFile | undefined {
	return nodeFiles(cluster, nodeName).get(path);
}

/**
 * Writes a file on a node as the shell does (`>`, `tee`, `sed -i`). Returns true when the node's
 * kubelet owns the path (a static Pod manifest) and has acted on it; other paths are the shell's.
 */
export function writeNodeFile(cluster: Cluster, nodeName: string, path: string, text: string): boolean {
	return cluster.hosts?.writeFile(nodeName, path, text) ?? false;
}

/** Removes (or moves away) a file on a node; true when it was a static Pod manifest the kubelet then stopped. */
export function removeNodeFile(cluster: Cluster, nodeName: string, path: string): boolean {
	return cluster.hosts?.removeFile(nodeName, path) ?? false;
}
