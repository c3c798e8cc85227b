// A whole simulated cluster: the API server and the components that watch it (kube-controller-
// manager's node IPAM and EndpointSlice controllers, the scheduler, a kubelet and a kube-proxy per
// node). Watch events are queued and handed to the components in a fixed order until nothing is
// left to do, so every change plays out the same way for the same seed.
import {objectKey, type EndpointSlice, type KubeObject, type KubeProxyConfiguration, type Node, type Pod, type Service, type Kind} from '../api/types.js';
import {ClusterIPAllocator} from '../allocation/cluster-ip-allocator.js';
import {NodeIPAM} from '../allocation/node-ipam.js';
import {NodePortAllocator} from '../allocation/node-port-allocator.js';
import {ApiServer} from '../apiserver/apiserver.js';
import type {WatchEvent} from '../apiserver/store.js';
import {SimClock, type ClusterEvent} from '../clock.js';
import {EndpointSliceController} from '../kube-controller-manager/endpointslice-controller.js';
import {KubeProxy} from '../kube-proxy/kube-proxy.js';
import {Kubelet} from '../kubelet/kubelet.js';
import {pickNode} from '../kube-scheduler/scheduler.js';
import {POD_NODE} from '../apiserver/indexes.js';
import {seededRandom, type Random} from '../random.js';
import {EventRecorder} from '../events/event-recorder.js';
import {recordContainerStarts} from '../events/kubelet-events.js';
import {WorkloadControllers} from '../kube-controller-manager/workload-controllers.js';
import type {NodeHosts} from '../node-host/node-hosts.js';
import {deleteNamespaceContents} from '../kube-controller-manager/namespace-controller.js';
import {containerExitError, crashLoopStatus, kubeProxyConfigFile} from '../node-host/container-exit.js';
import {readKubeProxyConfigFile} from '../kube-proxy/config-file.js';
import {containerArgv} from '../node-host/containers.js';

export interface ClusterOptions {
	seed: number;
	/** kube-apiserver --service-cluster-ip-range; kubeadm's default. */
	serviceClusterIPRange?: string;
	/** kube-apiserver --service-node-port-range. */
	serviceNodePortRange?: string;
	/** kube-controller-manager --cluster-cidr; flannel's default. Empty: nodes must bring their own podCIDR. */
	clusterCIDR?: string;
	nodeCIDRMaskSize?: number;
	/** The kube-proxy ConfigMap's configuration; kube-proxy's defaults when absent. */
	kubeProxyConfig?: KubeProxyConfiguration;
	clock?: SimClock;
	/**
	 * `every-node` (the default) runs a kube-proxy on each node from the moment it registers, so its
	 * log follows every change. `on-demand` starts a node's kube-proxy when it is first asked for
	 * (it then lists every Service, as a kube-proxy starting late does): for the CLI, which reads
	 * one node's rules, a cluster of 100 nodes and 10,000 Services need not keep 100 kube-proxies.
	 */
	kubeProxies?: 'every-node' | 'on-demand';
	/**
	 * Record what the components report as core/v1 Events (Scheduled, Pulled, Created, Started,
	 * SuccessfulCreate, ScalingReplicaSet…), for `kubectl get events`. Off by default: the
	 * course's clusters and the 10,000-Service benchmarks do not need them.
	 */
	recordEvents?: boolean;
}

export const KUBEADM_SERVICE_CIDR = '10.96.0.0/12';

/** The components whose work the cluster model can hold back: scheduling, and kube-controller-manager's controllers. */
export type StoppableComponent = 'kube-scheduler' | 'kube-controller-manager';
export const FLANNEL_POD_CIDR = '10.244.0.0/16';

export class Cluster {
	readonly api: ApiServer;
	readonly clock: SimClock;
	readonly random: Random;
	readonly events: ClusterEvent[] = [];
	/** kube-apiserver's --service-cluster-ip-range; changes when its static Pod restarts with another (see kubelet/static-pods.ts). */
	serviceClusterIPRange: string;
	readonly clusterCIDR: string | undefined;
	readonly kubeProxyConfig: KubeProxyConfiguration | undefined;
	private readonly nodeIPAM: NodeIPAM | undefined;
	private readonly endpointSlices: EndpointSliceController;
	/** Deployments, ReplicaSets, DaemonSets and their garbage collection. */
	readonly workloads: WorkloadControllers;
	/** Undefined unless the options ask for Events. */
	readonly eventRecorder: EventRecorder | undefined;
	/** The nodes as hosts (files, static Pods, processes, interfaces), for a cluster made for the node shell (scenarios/shell-cluster.ts). */
	hosts: NodeHosts | undefined;
	/** Control-plane components whose static Pod is down (node-host/): while stopped, what they do is not done. */
	private readonly stopped = new Set<StoppableComponent>();
	/** Nodes whose kube-proxy is not running (its Pod crashed or was deleted): their rules stay as they were. */
	private readonly frozenProxies = new Map<string, {services: Service[]; endpointSlices: EndpointSlice[]}>();
	private readonly kubelets = new Map<string, Kubelet>();
	private readonly proxies = new Map<string, KubeProxy>();
	private readonly queue: WatchEvent[] = [];
	private settling = false;
	private readonly kubeProxiesOnDemand: boolean;

	constructor(options: ClusterOptions) {
		this.random = seededRandom(options.seed);
		this.clock = options.clock ?? new SimClock();
		this.serviceClusterIPRange = options.serviceClusterIPRange ?? KUBEADM_SERVICE_CIDR;
		this.clusterCIDR = options.clusterCIDR === '' ? undefined : (options.clusterCIDR ?? FLANNEL_POD_CIDR);
		this.kubeProxyConfig = options.kubeProxyConfig;
		this.kubeProxiesOnDemand = options.kubeProxies === 'on-demand';
		this.api = new ApiServer(
			new ClusterIPAllocator(this.serviceClusterIPRange),
			new NodePortAllocator(options.serviceNodePortRange),
			this.random.fork('apiserver'),
			this.clock,
		);
		try {
			this.nodeIPAM = this.clusterCIDR
				? new NodeIPAM({
						clusterCIDR: this.clusterCIDR,
						serviceCIDR: this.serviceClusterIPRange,
						...(options.nodeCIDRMaskSize !== undefined ? {nodeCIDRMaskSize: options.nodeCIDRMaskSize} : {}),
					})
				: undefined;
		} catch (error) {
			// kube-controller-manager fails to start its node IPAM controller: nodes without a pod CIDR get none.
			this.nodeIPAM = undefined;
			this.record('kube-controller-manager', error instanceof Error ? error.message : String(error));
		}
		this.endpointSlices = new EndpointSliceController(this.api);
		// A fork leaves the cluster's own sequence as it was: Events change no other object's UID.
		this.eventRecorder = options.recordEvents ? new EventRecorder(this.api, this.clock, this.random.fork('events')) : undefined;
		this.workloads = new WorkloadControllers(this.api, this.eventRecorder, this.clock);
		this.api.watch((event) => this.queue.push(event));
	}

	/** Creates the object, or replaces it when it exists (as `kubectl apply` would), then lets the cluster react. */
	apply<T extends KubeObject>(object: T): T {
		const exists = this.api.get(object.kind, object.metadata.name, object.metadata.namespace) !== undefined;
		const stored = exists ? this.api.update(object) : this.api.create(object);
		this.settle();
		return this.api.get(stored.kind, stored.metadata.name, stored.metadata.namespace) as T;
	}

	create<T extends KubeObject>(object: T): T {
		const stored = this.api.create(object);
		this.settle();
		return this.api.get(stored.kind, stored.metadata.name, stored.metadata.namespace) as T;
	}

	delete(kind: Kind, name: string, namespace?: string): void {
		this.api.delete(kind, name, namespace);
		this.settle();
	}

	nodes(): Node[] {
		return this.api.list('Node');
	}
	pods(): Pod[] {
		return this.api.list('Pod');
	}
	services(): Service[] {
		return this.api.list('Service');
	}
	endpointSliceList(): EndpointSlice[] {
		return this.api.list('EndpointSlice');
	}

	kubeProxy(nodeName: string): KubeProxy | undefined {
		const running = this.proxies.get(nodeName);
		if (running !== undefined || !this.kubeProxiesOnDemand || !this.kubelets.has(nodeName)) return running;
		const node = this.api.peek('Node').find((n) => n.metadata.name === nodeName);
		return node === undefined ? undefined : this.startKubeProxy(node);
	}

	kubelet(nodeName: string): Kubelet | undefined {
		return this.kubelets.get(nodeName);
	}

	record(source: string, message: string): void {
		this.events.push({time: this.clock.now(), source, message});
	}

	isRunning(component: StoppableComponent): boolean {
		return !this.stopped.has(component);
	}

	/**
	 * A control-plane component stops or starts again (its static Pod crashed, or was fixed). A
	 * scheduler that comes back binds the Pods left Pending; a kube-controller-manager that comes
	 * back reconciles every Deployment, ReplicaSet, DaemonSet and Service, as their informers'
	 * initial list makes them do.
	 */
	setRunning(component: StoppableComponent, running: boolean): void {
		if (running === this.isRunning(component)) return;
		if (!running) {
			this.stopped.add(component);
			return;
		}
		this.stopped.delete(component);
		if (component === 'kube-scheduler') {
			for (const pod of this.api.peek('Pod')) if (!pod.spec.nodeName) this.queue.push({type: 'MODIFIED', object: pod});
		} else {
			for (const kind of ['Deployment', 'ReplicaSet', 'DaemonSet', 'Service'] as const) {
				for (const object of this.api.peek(kind)) this.queue.push({type: 'MODIFIED', object});
			}
		}
		this.settle();
	}

	/** Hands queued watch events to the components until the cluster is quiet. */
	settle(): void {
		if (this.settling) return;
		this.settling = true;
		try {
			for (let event = this.queue.shift(); event; event = this.queue.shift()) this.dispatch(event);
		} finally {
			this.settling = false;
		}
	}

	private dispatch(event: WatchEvent): void {
		const object = event.object;
		switch (object.kind) {
			case 'Node':
				return this.onNode(event.type, object);
			case 'Pod':
				return this.onPod(event.type, object);
			case 'Service':
				return this.onService(event.type, object);
			case 'EndpointSlice':
				for (const proxy of this.proxies.values()) proxy.onEndpointSliceChange();
				return;
			case 'Deployment':
				return this.isRunning('kube-controller-manager') ? this.workloads.onDeployment(event.type, object) : undefined;
			case 'ReplicaSet':
				return this.isRunning('kube-controller-manager') ? this.workloads.onReplicaSet(event.type, object) : undefined;
			case 'DaemonSet':
				return this.isRunning('kube-controller-manager') ? this.workloads.onDaemonSet(event.type, object) : undefined;
			case 'Namespace':
				if (event.type === 'DELETED') deleteNamespaceContents(this.api, object.metadata.name);
				return;
			case 'ConfigMap':
				if (this.hosts) this.recheckCrashLoops();
				return;
			case 'Event':
			case 'ServiceCIDR':
				return;
		}
	}

	private onNode(type: WatchEvent['type'], node: Node): void {
		const name = node.metadata.name;
		if (type === 'DELETED') {
			this.nodeIPAM?.release(name);
			this.kubelets.delete(name);
			this.proxies.delete(name);
			this.workloads.onNode();
			return;
		}
		if (!node.spec.podCIDR && this.nodeIPAM) {
			const result = this.nodeIPAM.allocate(name);
			if (result.ok) {
				this.record('kube-controller-manager', `node ${name} gets pod CIDR ${result.podCIDR} from --cluster-cidr=${this.clusterCIDR}`);
				this.api.update({...node, spec: {...node.spec, podCIDR: result.podCIDR, podCIDRs: [result.podCIDR]}});
			} else {
				this.record('kube-controller-manager', `${result.event.reason}: ${result.event.message}`);
			}
			return; // the update comes back as MODIFIED, with the pod CIDR
		}
		if (node.spec.podCIDR && this.nodeIPAM && this.nodeIPAM.podCIDR(name) === undefined) {
			try {
				this.nodeIPAM.occupy(name, node.spec.podCIDR);
			} catch (error) {
				// The node keeps the CIDR it brought; the controller only complains, as the real one logs.
				this.record('kube-controller-manager', error instanceof Error ? error.message : String(error));
			}
		}
		const kubelet = this.kubelets.get(name);
		if (kubelet) kubelet.updateNode(node);
		else {
			this.kubelets.set(name, new Kubelet(node));
			this.record(`kubelet/${name}`, `node ${name} registered with the API server`);
		}
		if (!this.proxies.has(name) && !this.kubeProxiesOnDemand) this.startKubeProxy(node);
		// Pods already bound here (loaded before their node) start now.
		for (const pod of this.api.peek('Pod')) if (pod.spec.nodeName === name && !pod.status.podIP) this.startPod(structuredClone(pod));
		this.workloads.onNode();
	}

	private startKubeProxy(node: Node, config = this.kubeProxyConfig): KubeProxy {
		const name = node.metadata.name;
		const proxy = new KubeProxy(
			{node, config, clock: this.clock, serviceCIDRs: [this.serviceClusterIPRange]},
			{
				services: () => this.frozenProxies.get(name)?.services ?? this.api.peek('Service'),
				endpointSlices: () => this.frozenProxies.get(name)?.endpointSlices ?? this.api.peek('EndpointSlice'),
			},
		);
		// A new kube-proxy lists every Service first, as its informer does on start.
		for (const service of this.api.peek('Service')) proxy.onServiceChange(objectKey(service.metadata), service);
		this.proxies.set(name, proxy);
		this.record(`kube-proxy/${name}`, proxy.mode === 'nftables' ? 'Using nftables Proxier' : 'Using iptables Proxier');
		return proxy;
	}

	private onPod(type: WatchEvent['type'], pod: Pod): void {
		const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
		if (type === 'DELETED') {
			const messages = pod.spec.nodeName ? (this.kubelets.get(pod.spec.nodeName)?.podDeleted(pod) ?? []) : [];
			for (const m of messages) this.record(`${m.by}/${pod.spec.nodeName}`, m.text);
			if (this.hosts && pod.spec.nodeName && isKubeProxyPod(pod)) this.freezeKubeProxy(pod.spec.nodeName);
			if (this.hosts && pod.spec.nodeName && pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) this.hosts.mirrorPodDeleted(pod.spec.nodeName, pod.metadata.name);
			if (pod.spec.nodeName && pod.status.phase === 'Running') {
				for (const c of pod.spec.containers) {
					this.eventRecorder?.record(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, {component: 'kubelet', host: pod.spec.nodeName}, `spec.containers{${c.name}}`);
				}
			}
		} else if (!pod.spec.nodeName && !this.isRunning('kube-scheduler')) {
			// No scheduler: the Pod stays Pending, with no event to say why.
		} else if (!pod.spec.nodeName) {
			const node = pickNode(this.api.peek('Node'), (nodeName) => this.api.indexCount('Pod', POD_NODE, nodeName));
			if (node) {
				this.record('kube-scheduler', `Successfully assigned ${key} to ${node.metadata.name}`);
				this.eventRecorder?.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${key} to ${node.metadata.name}`, {component: 'default-scheduler'});
				this.api.update({...pod, spec: {...pod.spec, nodeName: node.metadata.name}});
				return; // bound: the kubelet acts on the MODIFIED event
			}
			this.record('kube-scheduler', `0/0 nodes are available: Pod ${key} stays Pending`);
		} else {
			this.startPod(pod);
		}
		if (!this.isRunning('kube-controller-manager')) return;
		for (const service of this.endpointSlices.servicesForPod(pod)) {
			this.endpointSlices.reconcile(service.metadata.namespace ?? 'default', service.metadata.name);
		}
		if (pod.metadata.ownerReferences !== undefined) this.workloads.onPod(pod);
	}

	private startPod(pod: Pod): void {
		const nodeName = pod.spec.nodeName;
		const kubelet = nodeName ? this.kubelets.get(nodeName) : undefined;
		if (!kubelet) return;
		const report = kubelet.syncPod(pod);
		if (!report) return;
		if ('error' in report) {
			this.record(`kubelet/${nodeName}`, report.error);
			return;
		}
		for (const m of report.messages) this.record(`${m.by}/${nodeName}`, m.text);
		if (this.hosts && nodeName) this.hostPodStarting(report.pod, nodeName);
		if (this.eventRecorder && nodeName) recordContainerStarts(this.eventRecorder, pod, nodeName);
		this.api.update(report.pod);
	}

	/**
	 * Node-shell clusters: a container that exits at once (container-exit.ts) crash-loops; a
	 * kube-proxy Pod that starts is that node's kube-proxy from now on (a fresh log, a full
	 * sync), one that crashes leaves the node's rules as they were.
	 */
	private hostPodStarting(pod: Pod, node: string): void {
		const exit = containerExitError(this, pod);
		if (exit !== undefined) {
			pod.status.containerStatuses = crashLoopStatus(pod, 1, this.clock.now());
			pod.status.conditions = (pod.status.conditions ?? []).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? {...c, status: 'False'} : c));
			const first = pod.spec.containers[0]!.name;
			const ref = `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid ?? ''})`;
			this.eventRecorder?.record(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${first} in pod ${ref}`, {component: 'kubelet', host: node}, `spec.containers{${first}}`);
		}
		if (!isKubeProxyPod(pod)) return;
		if (exit !== undefined) this.freezeKubeProxy(node);
		else this.restartKubeProxy(node, pod);
	}

	private freezeKubeProxy(node: string): void {
		if (this.frozenProxies.has(node)) return;
		this.frozenProxies.set(node, {services: structuredClone([...this.api.peek('Service')]), endpointSlices: structuredClone([...this.api.peek('EndpointSlice')])});
		this.proxies.get(node)?.onEndpointSliceChange();
	}

	/** A kube-proxy Pod started: the node's kube-proxy is a new process, configured from the file its --config names. */
	private restartKubeProxy(node: string, pod: Pod): void {
		const object = this.api.peekOne('Node', node);
		this.frozenProxies.delete(node);
		this.proxies.delete(node);
		const text = kubeProxyConfigFile(this, pod)?.text;
		const config = (text !== undefined ? readKubeProxyConfigFile(text) : undefined) ?? this.kubeProxyConfig;
		if (object) this.startKubeProxy(structuredClone(object), config);
	}

	/** The kubelet retries crashed containers: one whose cause is gone (a ConfigMap fixed) now runs. */
	private recheckCrashLoops(): void {
		for (const pod of [...this.api.peek('Pod')]) {
			const status = pod.status.containerStatuses?.[0];
			if (status?.state.waiting?.reason !== 'CrashLoopBackOff' || !pod.spec.nodeName) continue;
			if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) continue;
			if (containerExitError(this, structuredClone(pod)) !== undefined) continue;
			const next = structuredClone(pod);
			const now = this.clock.now().toISOString().replace(/\.\d+Z$/, 'Z');
			next.status.containerStatuses = pod.spec.containers.map((c, i) => ({
				name: c.name,
				image: c.image,
				ready: true,
				started: true,
				restartCount: i === 0 ? status.restartCount + 1 : 0,
				state: {running: {startedAt: now}},
				...(i === 0 && status.lastState ? {lastState: status.lastState} : {}),
			}));
			next.status.conditions = (next.status.conditions ?? []).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? {...c, status: 'True'} : c));
			this.api.update(next);
			if (isKubeProxyPod(pod)) this.restartKubeProxy(pod.spec.nodeName, next);
		}
	}

	private onService(type: WatchEvent['type'], service: Service): void {
		const key = objectKey(service.metadata);
		for (const [node, proxy] of this.proxies) if (!this.frozenProxies.has(node)) proxy.onServiceChange(key, type === 'DELETED' ? undefined : service);
		if (type === 'ADDED') {
			const ip = service.spec.clusterIP;
			this.record('kube-apiserver', `Service ${key} created${ip && ip !== 'None' ? ` with clusterIP ${ip} from ${this.serviceClusterIPRange}` : ''}`);
		}
		if (this.isRunning('kube-controller-manager')) this.endpointSlices.reconcile(service.metadata.namespace ?? 'default', service.metadata.name);
	}
}

function isKubeProxyPod(pod: Pod): boolean {
	return pod.spec.containers.length > 0 && /(^|\/)kube-proxy$/.test(containerArgv(pod, 0)[0] ?? '');
}
