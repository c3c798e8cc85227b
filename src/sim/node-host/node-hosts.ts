// The nodes of a node-shell cluster as machines: what each node's kubelet runs from its static Pod
// directory, and the settings the hosts were set up with (the node network, the cluster domain,
// the Kubernetes version). Files, processes, interfaces and containers are computed from this and
// the cluster (files.ts, processes.ts, interfaces.ts, containers.ts), so they always agree with it.
//
// `writeFile` is how the shell's file system hands the kubelet a changed manifest: the kubelet
// restarts that static Pod, and a kube-apiserver that stops (a manifest that does not parse, a
// flag it refuses) makes the API answer with a refused connection until the file is fixed.
import type {Cluster} from '../cluster/cluster.js';
import {ApiServerUnreachableError} from '../apiserver/errors.js';
import {ClusterIPAllocator} from '../allocation/cluster-ip-allocator.js';
import {cidrContains, normalizeCIDR} from '../net/cidr.js';
import {minorVersion} from '../control-plane/versions.js';
import {isStaticPodPath, readStaticPod, type StaticPodState} from './static-pods.js';
import {klogHeader} from './klog.js';
import {crashLoopRestarts} from './containers.js';

export interface HostSettings {
	kubernetesVersion: string;
	dnsDomain: string;
	/** The nodes' own network (eth0), e.g. 192.168.56.0/24. */
	nodeNetwork: string;
	/** eth0's default gateway. */
	gateway: string;
	controlPlaneNode: string;
	/** Where kubectl and the kubelets reach kube-apiserver. */
	apiServerEndpoint: {host: string; port: number};
	/** Seed for container ids, PIDs and MAC addresses. */
	seed: number;
}

export class NodeHosts {
	private readonly staticPods = new Map<string, Map<string, StaticPodState>>();
	private readonly kubeletLogs = new Map<string, string[]>();
	/** Mirror Pods could not be written while the API server was down: written once it is back. */
	private mirrorsStale = false;
	/** Set while this class writes mirror Pods itself, so their deletion is not taken for a user's. */
	private syncing = false;

	constructor(
		private readonly cluster: Cluster,
		readonly settings: HostSettings,
	) {}

	/** The node's static Pods, by manifest path, in path order. */
	staticPodStates(node: string): StaticPodState[] {
		return [...(this.staticPods.get(node)?.values() ?? [])].sort((a, b) => (a.path < b.path ? -1 : 1));
	}

	staticPod(node: string, path: string): StaticPodState | undefined {
		return this.staticPods.get(node)?.get(path);
	}

	/** What the kubelet logged about static Pods (journalctl -u kubelet), oldest first. */
	kubeletLog(node: string): readonly string[] {
		return this.kubeletLogs.get(node) ?? [];
	}

	/**
	 * A file written on a node. Returns true when the kubelet owns the path (a static Pod manifest)
	 * and acted on it; the caller keeps every other file itself.
	 */
	writeFile(node: string, path: string, text: string): boolean {
		if (!isStaticPodPath(path)) return false;
		const pods = this.podsOf(node);
		const before = pods.get(path);
		if (before?.text === text) return true;
		const state = readStaticPod(path, text, node, this.cluster.clock.now());
		pods.set(path, state);
		if (state.manifestError) this.log(node, 'E', 'file.go:187', `"Could not process manifest file" err="${state.manifestError}" path="${path}"`);
		this.sync(node, path, before, state);
		return true;
	}

	/** A file removed (or moved away) on a node: a static Pod whose manifest goes stops. */
	removeFile(node: string, path: string): boolean {
		if (!isStaticPodPath(path)) return false;
		const pods = this.podsOf(node);
		const before = pods.get(path);
		if (!before) return true;
		pods.delete(path);
		this.sync(node, path, before, undefined);
		return true;
	}

	private podsOf(node: string): Map<string, StaticPodState> {
		let pods = this.staticPods.get(node);
		if (!pods) {
			pods = new Map();
			this.staticPods.set(node, pods);
		}
		return pods;
	}

	private log(node: string, severity: 'I' | 'E' | 'W', site: string, message: string): void {
		const {date, micros} = this.cluster.clock.nowMicros();
		let lines = this.kubeletLogs.get(node);
		if (!lines) {
			lines = [];
			this.kubeletLogs.set(node, lines);
		}
		lines.push(`${klogHeader(severity, date, micros, kubeletPID(this.settings.seed, node), site)} ${message}`);
	}

	/**
	 * A mirror Pod deleted through the API (`kubectl delete pod kube-apiserver-controlplane`): the
	 * static Pod goes on running, and the kubelet makes its mirror again.
	 */
	mirrorPodDeleted(node: string, name: string): void {
		if (this.syncing || !this.cluster.api.reachable) return;
		const state = [...(this.staticPods.get(node)?.values() ?? [])].find((s) => s.pod?.metadata.name === name);
		if (!state) return;
		this.syncing = true;
		try {
			this.syncMirror(node, undefined, state);
		} finally {
			this.syncing = false;
		}
	}

	/** Brings the API server's availability and flags, then the mirror Pods, in line with the static Pods. */
	private sync(node: string, path: string, before: StaticPodState | undefined, after: StaticPodState | undefined): void {
		this.syncing = true;
		try {
			this.syncUnguarded(node, path, before, after);
		} finally {
			this.syncing = false;
		}
	}

	private syncUnguarded(node: string, path: string, before: StaticPodState | undefined, after: StaticPodState | undefined): void {
		this.cluster.clock.advance(1200, 0);
		this.applyControlPlane();
		if (!this.cluster.api.reachable) {
			this.mirrorsStale = true;
			return;
		}
		if (this.mirrorsStale) {
			this.mirrorsStale = false;
			this.syncAllMirrors();
		} else this.syncMirror(node, before, after);
		this.cluster.settle();
		// A scheduler or controller manager whose Pod does not run leaves its work undone (Pods stay Pending, nothing reconciles).
		const states = this.staticPodStates(this.settings.controlPlaneNode);
		for (const component of ['kube-scheduler', 'kube-controller-manager'] as const) {
			this.cluster.setRunning(component, states.some((s) => s.component === component && s.phase === 'Running'));
		}
		void path;
	}

	private apiServerState(): StaticPodState | undefined {
		return this.staticPodStates(this.settings.controlPlaneNode).find((s) => s.component === 'kube-apiserver');
	}

	/**
	 * kube-apiserver serves while its static Pod and etcd's run. It reads --service-cluster-ip-range
	 * when it starts: before v1.33 that range is the one new ClusterIPs come from (the repair loop
	 * keeps the IPs of existing Services that fall in it; the others keep theirs, and it complains
	 * about them). From v1.33 the default ServiceCIDR object, made from the flag at the first start,
	 * stays what it was: a new flag value does not change it.
	 */
	private applyControlPlane(): void {
		const apiserver = this.apiServerState();
		const etcd = this.staticPodStates(this.settings.controlPlaneNode).find((s) => s.component === 'etcd');
		const serving = apiserver?.phase === 'Running' && etcd?.phase === 'Running';
		if (!serving) {
			this.cluster.api.setUnreachable(new ApiServerUnreachableError(this.settings.apiServerEndpoint.host, this.settings.apiServerEndpoint.port));
			return;
		}
		this.cluster.api.setUnreachable(undefined);
		const range = apiserver.flags?.values.get('service-cluster-ip-range')?.split(',')[0]?.trim();
		if (range === undefined || minorVersion(this.settings.kubernetesVersion) >= 33) return;
		const normalized = normalizeCIDR(range);
		if (normalized === normalizeCIDR(this.cluster.serviceClusterIPRange)) return;
		const allocator = new ClusterIPAllocator(normalized);
		for (const service of this.cluster.api.peek('Service')) {
			const ip = service.spec.clusterIP;
			if (ip && ip !== 'None' && cidrContains(normalized, ip)) allocator.allocate(ip);
		}
		this.cluster.api.serviceIPs = allocator;
		this.cluster.serviceClusterIPRange = normalized;
		this.cluster.record('kube-apiserver', `restarted with --service-cluster-ip-range=${normalized}: new Services get their ClusterIP from it`);
	}

	private syncAllMirrors(): void {
		for (const [node, pods] of this.staticPods) {
			const wanted = new Set([...pods.values()].flatMap((s) => (s.pod ? [s.pod.metadata.name] : [])));
			for (const mirror of this.cluster.api.peek('Pod').filter((p) => p.spec.nodeName === node && p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined)) {
				if (!wanted.has(mirror.metadata.name)) this.cluster.api.delete('Pod', mirror.metadata.name, mirror.metadata.namespace);
			}
			for (const state of pods.values()) this.syncMirror(node, undefined, state);
		}
	}

	/** The mirror Pod the kubelet keeps in the API for a static Pod: remade when its config hash changes. */
	private syncMirror(node: string, before: StaticPodState | undefined, after: StaticPodState | undefined): void {
		const api = this.cluster.api;
		const stale = before?.pod;
		if (stale && (!after?.pod || after.pod.metadata.name !== stale.metadata.name || after.configHash !== before.configHash)) {
			const current = api.peekOne('Pod', stale.metadata.name, stale.metadata.namespace);
			if (current) this.cluster.delete('Pod', stale.metadata.name, stale.metadata.namespace);
		}
		if (!after?.pod) return;
		const existing = api.peekOne('Pod', after.pod.metadata.name, after.pod.metadata.namespace);
		if (existing && existing.metadata.annotations?.['kubernetes.io/config.hash'] === after.configHash) return;
		if (existing) this.cluster.delete('Pod', existing.metadata.name, existing.metadata.namespace);
		const nodeObject = api.peekOne('Node', node);
		const mirror = structuredClone(after.pod);
		mirror.metadata.annotations = {
			...(mirror.metadata.annotations ?? {}),
			'kubernetes.io/config.hash': after.configHash,
			'kubernetes.io/config.mirror': after.configHash,
			'kubernetes.io/config.seen': after.startedAt.toISOString().replace('Z', '000000Z'),
			'kubernetes.io/config.source': 'file',
		};
		if (nodeObject?.metadata.uid) mirror.metadata.ownerReferences = [{apiVersion: 'v1', kind: 'Node', name: node, uid: nodeObject.metadata.uid, controller: true}];
		this.cluster.create(mirror);
		if (after.phase === 'CrashLoopBackOff') this.markCrashLooping(after);
	}

	private markCrashLooping(state: StaticPodState): void {
		const pod = state.pod;
		if (!pod) return;
		const stored = this.cluster.api.get('Pod', pod.metadata.name, pod.metadata.namespace);
		if (!stored) return;
		const container = stored.spec.containers[0]!;
		const time = this.cluster.clock.now().toISOString().replace(/\.\d+Z$/, 'Z');
		stored.status.containerStatuses = [
			{
				name: container.name,
				image: container.image,
				ready: false,
				started: false,
				restartCount: crashLoopRestarts((this.cluster.clock.now().getTime() - state.startedAt.getTime()) / 1000),
				state: {waiting: {reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=${container.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${stored.metadata.uid ?? ''})`}},
				lastState: {terminated: {exitCode: 1, reason: 'Error', startedAt: time, finishedAt: time}},
			},
		];
		stored.status.conditions = (stored.status.conditions ?? []).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? {...c, status: 'False'} : c));
		this.cluster.api.update(stored);
		this.cluster.eventRecorder?.record(stored, 'Warning', 'BackOff', `Back-off restarting failed container ${container.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${stored.metadata.uid ?? ''})`, {component: 'kubelet', host: pod.spec.nodeName ?? ''}, `spec.containers{${container.name}}`);
		this.cluster.settle();
	}
}

/** The kubelet's PID on a node (ps, and the thread id in its klog lines). */
export function kubeletPID(seed: number, node: string): number {
	let h = seed >>> 0;
	for (const ch of node) h = (Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0);
	return 700 + (h % 200);
}
