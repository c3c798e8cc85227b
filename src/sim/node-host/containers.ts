// What containerd runs on a node, as `crictl pods` and `crictl ps [-a]` list it: one sandbox (the
// pause container) per Pod bound to the node, and its containers. A static Pod whose container
// keeps exiting shows its last attempt as Exited (and no running one), as CrashLoopBackOff looks
// from the node. Ids are seeded and stable; a Pod made again (a new uid) gets new ones.
import type {Pod} from '../api/types.js';
import type {Cluster} from '../cluster/cluster.js';
import {PAUSE_IMAGE} from '../control-plane/versions.js';
import {hexId} from './ids.js';

export interface PodSandbox {
	id: string;
	podName: string;
	namespace: string;
	podUID: string;
	createdAt: Date;
	state: 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
	attempt: number;
	hostNetwork: boolean;
	/** The Pod's IP (the node's for hostNetwork Pods). */
	ip: string | undefined;
}

export interface RuntimeContainer {
	id: string;
	podSandboxId: string;
	name: string;
	/** As the Pod asks for it: `registry.k8s.io/kube-proxy:v1.32.3`. */
	image: string;
	/** `sha256:<64 hex>`, the image id crictl shows (its first 13 characters in the IMAGE column). */
	imageRef: string;
	createdAt: Date;
	state: 'CONTAINER_RUNNING' | 'CONTAINER_EXITED';
	exitCode?: number;
	attempt: number;
	podName: string;
	podNamespace: string;
	podUID: string;
	/** The main process's argv, as it runs (the Pod's command and args; the image's own when the Pod gives none). */
	argv: string[];
}

/** The image id a tag resolves to on this cluster's nodes (the same on every node). */
export function imageRef(seed: number, image: string): string {
	return `sha256:${hexId(seed, `image/${image}`)}`;
}

function seedOf(cluster: Cluster): number {
	return cluster.hosts?.settings.seed ?? 0;
}

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/** A Pod as the node runs it: for a static Pod, the kubelet's own copy (its uid is the config hash), not the mirror in the API. */
interface NodePod {
	pod: Pod;
	uid: string;
	createdAt: Date;
	/** A static Pod whose container keeps exiting, and how often it has been restarted. */
	crashLoop?: {restarts: number};
}

/**
 * CrashLoopBackOff's restarts after `seconds`: the kubelet waits 10 s, then twice as long each
 * time, at most 5 minutes; the first restart comes at once.
 */
export function crashLoopRestarts(seconds: number): number {
	let restarts = 1;
	let delay = 10;
	for (let waited = delay; waited <= seconds; waited += delay) {
		restarts++;
		delay = Math.min(delay * 2, 300);
	}
	return restarts;
}

/** The Pods the node runs: its static Pods from the kubelet's manifests, and the API's Pods bound to it that have started. */
export function nodePods(cluster: Cluster, node: string): NodePod[] {
	const out: NodePod[] = [];
	const now = cluster.clock.now();
	for (const state of cluster.hosts?.staticPodStates(node) ?? []) {
		if (!state.pod) continue;
		const pod = structuredClone(state.pod);
		const mirror = cluster.api.peekOne('Pod', pod.metadata.name, pod.metadata.namespace);
		if (mirror?.metadata.annotations?.[MIRROR_ANNOTATION] === state.configHash) pod.status = structuredClone(mirror.status);
		else {
			const ip = cluster.api.peekOne('Node', node)?.status.addresses.find((a) => a.type === 'InternalIP')?.address;
			if (pod.spec.hostNetwork && ip) pod.status = {phase: 'Running', podIP: ip, podIPs: [{ip}], hostIP: ip};
		}
		const crashLoop = state.phase === 'CrashLoopBackOff' ? {restarts: crashLoopRestarts((now.getTime() - state.startedAt.getTime()) / 1000)} : undefined;
		out.push({pod, uid: state.configHash, createdAt: state.startedAt, ...(crashLoop ? {crashLoop} : {})});
	}
	for (const pod of cluster.api.peek('Pod')) {
		if (pod.spec.nodeName !== node || pod.status.podIP === undefined || pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) continue;
		out.push({pod: structuredClone(pod), uid: pod.metadata.uid ?? '', createdAt: new Date(pod.metadata.creationTimestamp ?? 0)});
	}
	return out;
}

export function podSandboxes(cluster: Cluster, node: string): PodSandbox[] {
	const seed = seedOf(cluster);
	return nodePods(cluster, node).map(({pod, uid, createdAt}) => ({
		id: hexId(seed, `sandbox/${uid}`),
		podName: pod.metadata.name,
		namespace: pod.metadata.namespace ?? 'default',
		podUID: uid,
		createdAt,
		state: 'SANDBOX_READY',
		attempt: 0,
		hostNetwork: pod.spec.hostNetwork === true,
		ip: pod.status.podIP,
	}));
}

/** What a known image runs when the Pod names no command (the image's ENTRYPOINT and CMD). */
const IMAGE_COMMANDS: [RegExp, string[]][] = [
	[/(^|\/)nginx(:|$)/, ['nginx', '-g', 'daemon off;']],
	[/(^|\/)mysql(:|$)/, ['mysqld']],
	[/(^|\/)redis(:|$)/, ['redis-server', '*:6379']],
	[/(^|\/)busybox(:|$)/, ['sh']],
	[/grafana/, ['grafana', 'server', '--homepath=/usr/share/grafana', '--config=/etc/grafana/grafana.ini', '--packaging=docker', 'cfg:default.log.mode=console']],
	[/coredns/, ['/coredns']],
];

export function containerArgv(pod: Pod, index: number): string[] {
	const container = pod.spec.containers[index]!;
	const env = new Map<string, string>();
	for (const e of container.env ?? []) {
		if (e.value !== undefined) env.set(e.name, e.value);
		else if (e.valueFrom?.fieldRef?.fieldPath === 'spec.nodeName') env.set(e.name, pod.spec.nodeName ?? '');
		else if (e.valueFrom?.fieldRef?.fieldPath === 'metadata.name') env.set(e.name, pod.metadata.name);
		else if (e.valueFrom?.fieldRef?.fieldPath === 'metadata.namespace') env.set(e.name, pod.metadata.namespace ?? 'default');
	}
	// The kubelet expands $(VAR) in command and args from the container's environment.
	const expand = (s: string): string => s.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env.get(name) ?? whole);
	const fallback = IMAGE_COMMANDS.find(([re]) => re.test(container.image))?.[1] ?? [container.image.split('/').pop()!.split(':')[0]!];
	const command = container.command ?? (container.args ? fallback.slice(0, 1) : fallback);
	return [...command, ...(container.args ?? [])].map(expand);
}

/** `crictl ps` (running containers) or, with all, `crictl ps -a` (the last exited attempt too). */
export function runtimeContainers(cluster: Cluster, node: string, all = false): RuntimeContainer[] {
	const seed = seedOf(cluster);
	const out: RuntimeContainer[] = [];
	for (const {pod, uid, createdAt, crashLoop} of nodePods(cluster, node)) {
		const sandbox = hexId(seed, `sandbox/${uid}`);
		pod.spec.containers.forEach((c, i) => {
			const status = pod.status.containerStatuses?.find((s) => s.name === c.name);
			const restarts = crashLoop?.restarts ?? status?.restartCount ?? 0;
			const base = {
				podSandboxId: sandbox,
				name: c.name,
				image: c.image,
				imageRef: imageRef(seed, c.image),
				createdAt,
				podName: pod.metadata.name,
				podNamespace: pod.metadata.namespace ?? 'default',
				podUID: uid,
				argv: containerArgv(pod, i),
			};
			// The kubelet keeps one dead container per container name (MaxPerPodContainer): the latest attempt that exited.
			const lastDead = crashLoop ? restarts : restarts - 1;
			if (all && lastDead >= 0) {
				out.push({...base, id: hexId(seed, `container/${uid}/${c.name}/${lastDead}`), state: 'CONTAINER_EXITED', exitCode: crashLoop ? 1 : 0, attempt: lastDead});
			}
			if (!crashLoop) out.push({...base, id: hexId(seed, `container/${uid}/${c.name}/${restarts}`), state: 'CONTAINER_RUNNING', attempt: restarts});
		});
	}
	return out;
}

/** The pause image every sandbox runs. */
export {PAUSE_IMAGE};
