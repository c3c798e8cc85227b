// The cluster behind the node shell: what `kubeadm init` on `controlplane`, flannel, and
// `kubeadm join` on `node01` and `node02` leave (Kubernetes v1.32, see control-plane/versions.ts),
// then a few applications, all drawn from the seed. The service range is kubeadm's 10.96.0.0/12
// for most seeds and another valid range for some; the pod network is flannel's 10.244.0.0/16
// with a /24 per node. kube-proxy and flannel run as DaemonSets, CoreDNS as a Deployment, the
// control plane as static Pods from /etc/kubernetes/manifests (node-host/). Every application
// cluster has a `db` Deployment behind `db-service` (MySQL, 3306), the Service CKA tasks grep for.
import type {ConfigMap, Container, Namespace, Node, NodeCondition, Service, ServicePort} from '../api/types.js';
import {CONTROL_PLANE_LABEL} from '../api/types.js';
import {Cluster, FLANNEL_POD_CIDR, KUBEADM_SERVICE_CIDR} from '../cluster/cluster.js';
import {controlPlaneManifests} from '../control-plane/kubeadm-manifests.js';
import {
	coreDNSConfigMap,
	coreDNSDeployment,
	flannelConfigMap,
	flannelDaemonSet,
	flannelNamespace,
	kubeDNSService,
	kubeProxyConfigMap,
	kubeProxyDaemonSet,
} from '../control-plane/kubeadm-addons.js';
import {CONTAINERD_VERSION, KUBERNETES_VERSION} from '../control-plane/versions.js';
import {NodeHosts, type HostSettings} from '../node-host/node-hosts.js';
import {base64, fakePem} from '../node-host/pem.js';
import {kubeletConfigText} from '../node-host/files.js';
import {indexedIP} from '../net/cidr.js';
import {seededRandom} from '../random.js';
import {bootstrapControlPlane} from './kubeadm.js';
import {KUBEADM_KUBE_PROXY_CONFIG} from './kubeadm-cluster.js';

export interface ShellClusterOptions {
	seed: number;
}

/** The ranges a seed may give the cluster: kubeadm's default most often, and other valid ones that overlap neither 10.244.0.0/16 nor the node networks. */
const SERVICE_RANGES = [KUBEADM_SERVICE_CIDR, KUBEADM_SERVICE_CIDR, KUBEADM_SERVICE_CIDR, KUBEADM_SERVICE_CIDR, KUBEADM_SERVICE_CIDR, KUBEADM_SERVICE_CIDR, '10.96.0.0/16', '10.100.0.0/16', '172.20.0.0/16', '10.32.0.0/12'];
const NODE_NETWORKS = ['192.168.56', '192.168.121', '172.30.1', '10.0.2'];
export const SHELL_NODE_NAMES = ['controlplane', 'node01', 'node02'] as const;
export const CLUSTER_DOMAIN = 'cluster.local';
const OS_IMAGE = 'Ubuntu 22.04.5 LTS';
const KERNEL = '5.15.0-131-generic';

interface App {
	name: string;
	image: string;
	containerPorts: {name?: string; containerPort: number; protocol?: 'TCP' | 'UDP'}[];
	servicePorts: ServicePort[];
	type?: 'NodePort';
	/** The Service's name when it is not the app's. */
	serviceName?: string;
}

const DB: App = {name: 'db', image: 'mysql:8.4', containerPorts: [{containerPort: 3306}], servicePorts: [{port: 3306, targetPort: 3306}], serviceName: 'db-service'};

const APPS: App[] = [
	{name: 'web', image: 'nginx:1.27', containerPorts: [{name: 'http', containerPort: 80}], servicePorts: [{port: 80, targetPort: 'http'}], type: 'NodePort'},
	{name: 'frontend', image: 'nginx:1.27-alpine', containerPorts: [{containerPort: 80}], servicePorts: [{port: 80, targetPort: 80}], type: 'NodePort'},
	{name: 'api', image: 'shop/api:1.8', containerPorts: [{name: 'http', containerPort: 8080}], servicePorts: [{name: 'http', port: 8080, targetPort: 'http'}]},
	{name: 'cache', image: 'redis:7.4', containerPorts: [{name: 'redis', containerPort: 6379}], servicePorts: [{port: 6379, targetPort: 'redis'}]},
	{name: 'payments', image: 'shop/payments:1.2', containerPorts: [{name: 'https', containerPort: 8443}], servicePorts: [{name: 'https', port: 443, targetPort: 'https'}]},
	{name: 'grafana', image: 'grafana/grafana:11.3', containerPorts: [{name: 'http', containerPort: 3000}], servicePorts: [{port: 3000, targetPort: 3000}], type: 'NodePort'},
];

/** The plan a seed draws; kept so tests and the shell can say what the cluster is without reading it back. */
export interface ShellClusterPlan {
	serviceCIDR: string;
	podCIDR: string;
	nodeNetwork: string;
	nodeIPs: Record<string, string>;
	apps: string[];
}

export function shellClusterPlan(seed: number): ShellClusterPlan {
	const random = seededRandom(seed).fork('shell-cluster');
	const serviceCIDR = random.pick(SERVICE_RANGES);
	const network = random.pick(NODE_NETWORKS);
	const first = 10 + random.int(40);
	const nodeIPs = Object.fromEntries(SHELL_NODE_NAMES.map((name, i) => [name, `${network}.${first + i}`]));
	const apps = random.shuffle(APPS).slice(0, 2 + random.int(2)).map((a) => a.name);
	return {serviceCIDR, podCIDR: FLANNEL_POD_CIDR, nodeNetwork: `${network}.0/24`, nodeIPs, apps};
}

export function newShellCluster(options: ShellClusterOptions): Cluster {
	const seed = options.seed;
	const plan = shellClusterPlan(seed);
	const controlPlaneIP = plan.nodeIPs['controlplane']!;
	const cluster = new Cluster({
		seed,
		serviceClusterIPRange: plan.serviceCIDR,
		clusterCIDR: plan.podCIDR,
		kubeProxyConfig: {...KUBEADM_KUBE_PROXY_CONFIG, clusterCIDR: plan.podCIDR},
		recordEvents: true,
	});
	const settings: HostSettings = {
		kubernetesVersion: KUBERNETES_VERSION,
		dnsDomain: CLUSTER_DOMAIN,
		nodeNetwork: plan.nodeNetwork,
		gateway: indexedIP(plan.nodeNetwork, 1),
		controlPlaneNode: 'controlplane',
		apiServerEndpoint: {host: controlPlaneIP, port: 6443},
		seed,
	};
	const hosts = new NodeHosts(cluster, settings);
	cluster.hosts = hosts;

	// kubeadm init: the namespaces kube-apiserver makes, the node, the static Pods, kubeadm's ConfigMaps and add-ons.
	for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) cluster.create(namespace(name));
	cluster.create(node('controlplane', controlPlaneIP, true, cluster.clock.now()));
	nodeEvents(cluster, 'controlplane');
	for (const [path, text] of controlPlaneManifests({nodeName: 'controlplane', advertiseAddress: controlPlaneIP, serviceSubnet: plan.serviceCIDR, podSubnet: plan.podCIDR, dnsDomain: CLUSTER_DOMAIN})) {
		hosts.writeFile('controlplane', path, text);
	}
	bootstrapControlPlane(cluster, controlPlaneIP);
	for (const cm of kubeadmConfigMaps(seed, plan, `https://${controlPlaneIP}:6443`, cluster.clock.now().toISOString().slice(0, 10))) cluster.create(cm);
	cluster.create(kubeProxyConfigMap(plan.podCIDR, `https://${controlPlaneIP}:6443`));
	cluster.create(kubeProxyDaemonSet());
	cluster.create(coreDNSConfigMap(CLUSTER_DOMAIN));
	cluster.create(coreDNSDeployment());
	cluster.create(kubeDNSService(indexedIP(plan.serviceCIDR, 10)));
	// The admin installs flannel; CoreDNS, Pending until a CNI is there, then starts on controlplane, the only node yet.
	cluster.clock.advance(47_000);
	cluster.create(flannelNamespace());
	cluster.create(rootCA(seed, 'kube-flannel'));
	cluster.create(flannelConfigMap(plan.podCIDR));
	cluster.create(flannelDaemonSet());
	// kubeadm join on each worker.
	cluster.clock.advance(95_000);
	for (const name of ['node01', 'node02']) {
		cluster.create(node(name, plan.nodeIPs[name]!, false, cluster.clock.now()));
		nodeEvents(cluster, name);
		cluster.clock.advance(31_000);
	}
	// The applications, some minutes later.
	cluster.clock.advance(6 * 60_000);
	const random = seededRandom(seed).fork('shell-apps');
	for (const app of [DB, ...APPS.filter((a) => plan.apps.includes(a.name))]) {
		const replicas = app === DB ? 1 : 1 + random.int(3);
		deploy(cluster, app, replicas);
		cluster.clock.advance(20_000 + random.int(40_000));
	}
	// The learner arrives a quarter of an hour later.
	cluster.clock.advance(15 * 60_000 + random.int(5 * 60_000));
	return cluster;
}

function namespace(name: string): Namespace {
	return {apiVersion: 'v1', kind: 'Namespace', metadata: {name, labels: {'kubernetes.io/metadata.name': name}}, spec: {finalizers: ['kubernetes']}, status: {phase: 'Active'}};
}

/** What the kubelet, the node controller and kube-proxy report when a node joins (`kubectl get events` shows them for an hour). */
function nodeEvents(cluster: Cluster, name: string): void {
	const recorder = cluster.eventRecorder;
	const object = cluster.api.peekOne('Node', name);
	if (!recorder || !object) return;
	const kubelet = {component: 'kubelet', host: name};
	recorder.record(object, 'Normal', 'Starting', 'Starting kubelet.', kubelet);
	for (const condition of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) {
		recorder.record(object, 'Normal', condition, `Node ${name} status is now: ${condition}`, kubelet);
	}
	recorder.record(object, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods', kubelet);
	recorder.record(object, 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`, {component: 'node-controller'});
	recorder.record(object, 'Normal', 'Starting', '', {component: 'kube-proxy', host: name});
	recorder.record(object, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`, kubelet);
}

function node(name: string, ip: string, controlPlane: boolean, now: Date): Node {
	const time = now.toISOString().replace(/\.\d+Z$/, 'Z');
	const condition = (type: NodeCondition['type'], status: 'True' | 'False', reason: string, message: string): NodeCondition => ({type, status, lastHeartbeatTime: time, lastTransitionTime: time, reason, message});
	return {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: {
			name,
			labels: {
				'beta.kubernetes.io/arch': 'amd64',
				'beta.kubernetes.io/os': 'linux',
				'kubernetes.io/arch': 'amd64',
				'kubernetes.io/hostname': name,
				'kubernetes.io/os': 'linux',
				...(controlPlane ? {[CONTROL_PLANE_LABEL]: '', 'node.kubernetes.io/exclude-from-external-load-balancers': ''} : {}),
			},
			annotations: {
				'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
				'node.alpha.kubernetes.io/ttl': '0',
				'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
			},
		},
		spec: controlPlane ? {taints: [{key: CONTROL_PLANE_LABEL, effect: 'NoSchedule'}]} : {},
		status: {
			addresses: [
				{type: 'InternalIP', address: ip},
				{type: 'Hostname', address: name},
			],
			conditions: [
				condition('NetworkUnavailable', 'False', 'FlannelIsUp', 'Flannel is running on this node'),
				condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
				condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
				condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
				condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
			],
			capacity: {cpu: '2', 'ephemeral-storage': '40581564Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '4010172Ki', pods: '110'},
			allocatable: {cpu: '2', 'ephemeral-storage': '37399969467', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '3907772Ki', pods: '110'},
			nodeInfo: {
				kubeletVersion: KUBERNETES_VERSION,
				kubeProxyVersion: KUBERNETES_VERSION,
				osImage: OS_IMAGE,
				kernelVersion: KERNEL,
				containerRuntimeVersion: `containerd://${CONTAINERD_VERSION}`,
				operatingSystem: 'linux',
				architecture: 'amd64',
			},
		},
	};
}

function rootCA(seed: number, ns: string): ConfigMap {
	return {
		apiVersion: 'v1',
		kind: 'ConfigMap',
		metadata: {name: 'kube-root-ca.crt', namespace: ns, annotations: {'kubernetes.io/description': "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."}},
		data: {'ca.crt': fakePem(seed, 'ca.crt', 'CERTIFICATE')},
	};
}

/** kubeadm's ClusterConfiguration as the kubeadm-config ConfigMap holds it (v1beta4, kubeadm ≥ 1.31). */
export function clusterConfigurationText(plan: ShellClusterPlan): string {
	return `apiServer: {}
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: kubernetes
controllerManager: {}
dns: {}
encryptionAlgorithm: RSA-2048
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${KUBERNETES_VERSION}
networking:
  dnsDomain: ${CLUSTER_DOMAIN}
  podSubnet: ${plan.podCIDR}
  serviceSubnet: ${plan.serviceCIDR}
proxy: {}
scheduler: {}
`;
}

/** The ConfigMaps a new kubeadm control plane has: kube-root-ca.crt in every namespace, kubeadm's and the API server's own. */
function kubeadmConfigMaps(seed: number, plan: ShellClusterPlan, server: string, today: string): ConfigMap[] {
	const ca = fakePem(seed, 'ca.crt', 'CERTIFICATE');
	const frontProxyCA = fakePem(seed, 'front-proxy-ca.crt', 'CERTIFICATE');
	return [
		...['default', 'kube-node-lease', 'kube-public', 'kube-system'].map((ns) => rootCA(seed, ns)),
		{
			apiVersion: 'v1',
			kind: 'ConfigMap',
			metadata: {name: 'cluster-info', namespace: 'kube-public'},
			data: {
				kubeconfig: `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${base64(ca)}\n    server: ${server}\n  name: ""\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n`,
			},
		},
		{
			apiVersion: 'v1',
			kind: 'ConfigMap',
			metadata: {name: 'extension-apiserver-authentication', namespace: 'kube-system'},
			data: {
				'client-ca-file': ca,
				'requestheader-allowed-names': '["front-proxy-client"]',
				'requestheader-client-ca-file': frontProxyCA,
				'requestheader-extra-headers-prefix': '["X-Remote-Extra-"]',
				'requestheader-group-headers': '["X-Remote-Group"]',
				'requestheader-username-headers': '["X-Remote-User"]',
			},
		},
		{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'kube-apiserver-legacy-service-account-token-tracking', namespace: 'kube-system'}, data: {since: today}},
		{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'kubeadm-config', namespace: 'kube-system'}, data: {ClusterConfiguration: clusterConfigurationText(plan)}},
		{
			apiVersion: 'v1',
			kind: 'ConfigMap',
			metadata: {name: 'kubelet-config', namespace: 'kube-system'},
			data: {kubelet: kubeletConfigText(indexedIP(plan.serviceCIDR, 10), CLUSTER_DOMAIN)},
		},
	];
}

function deploy(cluster: Cluster, app: App, replicas: number): void {
	const container: Container = {name: app.image.split('/').pop()!.split(':')[0]!, image: app.image, ports: app.containerPorts.map((p) => ({...p, protocol: p.protocol ?? 'TCP'}))};
	cluster.create({
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: app.name, namespace: 'default', labels: {app: app.name}},
		spec: {replicas, selector: {matchLabels: {app: app.name}}, template: {metadata: {labels: {app: app.name}}, spec: {containers: [container]}}},
	});
	const service: Service = {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name: app.serviceName ?? app.name, namespace: 'default', labels: {app: app.name}},
		spec: {type: app.type ?? 'ClusterIP', selector: {app: app.name}, ports: app.servicePorts.map((p) => ({...p, protocol: p.protocol ?? 'TCP'}))},
	};
	cluster.create(service);
}
