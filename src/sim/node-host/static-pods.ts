// The kubelet's static Pods: every file in a node's staticPodPath (/etc/kubernetes/manifests) is a
// Pod the kubelet runs itself, and shows in the API as a mirror Pod `<name>-<node>`. A changed
// file restarts that Pod (a new container, a new mirror Pod); a file that does not parse as a Pod
// stops it ("Could not process manifest file"); a control-plane container whose command line its
// binary refuses (an unknown flag, a bad --service-cluster-ip-range) exits at once and is
// restarted with back-off (CrashLoopBackOff). What a running kube-apiserver's flags change is
// applied to the cluster by control-plane.ts.
import YAML from 'yaml';
import type {Container, Pod, Volume} from '../api/types.js';
import {parseComponentFlags, type ComponentFlags} from '../control-plane/component-flags.js';
import {CONTROL_PLANE_COMPONENTS, STATIC_POD_DIR, type ControlPlaneComponent} from '../control-plane/kubeadm-manifests.js';
import {fnv32a} from '../workloads/pod-template-hash.js';

export type StaticPodPhase = 'Running' | 'CrashLoopBackOff';

/** One manifest file and what the kubelet made of it. */
export interface StaticPodState {
	path: string;
	text: string;
	/** The Pod the file describes; undefined when it does not parse (then nothing runs). */
	pod: Pod | undefined;
	/** kubelet's complaint about a file it could not read as a Pod. */
	manifestError: string | undefined;
	/** The control-plane component this Pod runs, when it is one. */
	component: ControlPlaneComponent | undefined;
	phase: StaticPodPhase | undefined;
	/** What the container printed before it exited (`Error: unknown flag: --foo`). */
	exitError: string | undefined;
	flags: ComponentFlags | undefined;
	restartCount: number;
	/** kubernetes.io/config.hash: changes with the file, and names the Pod's containers. */
	configHash: string;
	/** When the kubelet last (re)started it. */
	startedAt: Date;
}

export function isStaticPodPath(path: string): boolean {
	if (!path.startsWith(`${STATIC_POD_DIR}/`)) return false;
	const name = path.slice(STATIC_POD_DIR.length + 1);
	// The kubelet's file source reads every regular file directly in the directory, except hidden ones.
	return name !== '' && !name.includes('/') && !name.startsWith('.');
}

/** The 32 hex digits kubelet's config hash has (an MD5 there; four FNV-32a rounds here, same shape, same stability). */
export function configHash(text: string): string {
	let out = '';
	for (let i = 0; i < 4; i++) out += fnv32a(`${i}:${text}`).toString(16).padStart(8, '0');
	return out;
}

/** Reads a manifest as the kubelet does, and the command line as its component would. */
export function readStaticPod(path: string, text: string, nodeName: string, now: Date, restartCount = 0): StaticPodState {
	const base = {path, text, configHash: configHash(text), startedAt: now, restartCount};
	const parsed = parseManifest(text);
	if ('error' in parsed) {
		return {...base, pod: undefined, manifestError: `${path}: couldn't parse as pod(${parsed.error}), please check config file`, component: undefined, phase: undefined, exitError: undefined, flags: undefined};
	}
	const pod = parsed.pod;
	pod.metadata.name = `${pod.metadata.name}-${nodeName}`;
	pod.spec.nodeName = nodeName;
	const container = pod.spec.containers[0];
	const component = componentOf(pod);
	if (!component || !container) return {...base, pod, manifestError: undefined, component, phase: 'Running', exitError: undefined, flags: undefined};
	const argv = [...(container.command ?? []), ...(container.args ?? [])];
	const flags = parseComponentFlags(component, argv);
	if (!flags.ok) return {...base, pod, manifestError: undefined, component, phase: 'CrashLoopBackOff', exitError: `Error: ${flags.error}`, flags: undefined};
	return {...base, pod, manifestError: undefined, component, phase: 'Running', exitError: undefined, flags: flags.flags};
}

function componentOf(pod: Pod): ControlPlaneComponent | undefined {
	const label = pod.metadata.labels?.['component'];
	const name = pod.spec.containers[0]?.name;
	return CONTROL_PLANE_COMPONENTS.find((c) => c === label || c === name);
}

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};

function isMap(value: Json | undefined): value is {[key: string]: Json} {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: Json | undefined): string[] | undefined {
	return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : undefined;
}

function stringMap(value: Json | undefined): Record<string, string> | undefined {
	if (!isMap(value)) return undefined;
	return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** The manifest as a Pod, with the fields this model keeps; or the parse error, worded as the YAML decoder words it. */
export function parseManifest(text: string): {pod: Pod} | {error: string} {
	const doc = YAML.parseDocument(text, {prettyErrors: true});
	if (doc.errors.length > 0) {
		// Go's YAML decoder says `yaml: line N: <problem>`; the problem is worded by this parser, not Go's.
		const error = doc.errors[0]!;
		const line = error.linePos?.[0].line;
		return {error: `yaml: ${line !== undefined ? `line ${line}: ` : ''}${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`};
	}
	const root = doc.toJS() as Json;
	if (!isMap(root)) return {error: 'Object \'Kind\' is missing in \'null\''};
	if (root['kind'] !== 'Pod') return {error: `invalid pod: kind ${JSON.stringify(root['kind'] ?? '')} is not Pod`};
	const metadata = isMap(root['metadata']) ? root['metadata'] : {};
	const spec = isMap(root['spec']) ? root['spec'] : {};
	const name = metadata['name'];
	if (typeof name !== 'string' || name === '') return {error: 'invalid pod: metadata.name: Required value: name or generateName is required'};
	const rawContainers = Array.isArray(spec['containers']) ? spec['containers'] : [];
	if (rawContainers.length === 0) return {error: 'invalid pod: spec.containers: Required value'};
	const containers: Container[] = [];
	for (const raw of rawContainers) {
		if (!isMap(raw) || typeof raw['name'] !== 'string' || typeof raw['image'] !== 'string') return {error: 'invalid pod: spec.containers[0]: Required value: name and image'};
		const container: Container = {name: raw['name'], image: raw['image']};
		const command = strings(raw['command']);
		if (command) container.command = command;
		const args = strings(raw['args']);
		if (args) container.args = args;
		if (Array.isArray(raw['ports'])) {
			container.ports = raw['ports'].filter(isMap).map((p) => ({
				...(typeof p['name'] === 'string' ? {name: p['name']} : {}),
				containerPort: Number(p['containerPort']),
				protocol: p['protocol'] === 'UDP' ? ('UDP' as const) : p['protocol'] === 'SCTP' ? ('SCTP' as const) : ('TCP' as const),
			}));
		}
		if (Array.isArray(raw['volumeMounts'])) {
			container.volumeMounts = raw['volumeMounts'].filter(isMap).map((m) => ({name: String(m['name']), mountPath: String(m['mountPath']), ...(m['readOnly'] === true ? {readOnly: true} : {})}));
		}
		containers.push(container);
	}
	const labels = stringMap(metadata['labels']);
	const annotations = stringMap(metadata['annotations']);
	const pod: Pod = {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, namespace: typeof metadata['namespace'] === 'string' ? metadata['namespace'] : 'default', ...(labels ? {labels} : {}), ...(annotations ? {annotations} : {})},
		spec: {containers},
		status: {},
	};
	if (spec['hostNetwork'] === true) pod.spec.hostNetwork = true;
	if (typeof spec['priorityClassName'] === 'string') pod.spec.priorityClassName = spec['priorityClassName'];
	if (typeof spec['priority'] === 'number') pod.spec.priority = spec['priority'];
	if (Array.isArray(spec['volumes'])) {
		pod.spec.volumes = spec['volumes'].filter(isMap).map((v): Volume => {
			const hostPath = isMap(v['hostPath']) ? v['hostPath'] : undefined;
			return {
				name: String(v['name']),
				...(hostPath ? {hostPath: {path: String(hostPath['path']), ...(typeof hostPath['type'] === 'string' ? {type: hostPath['type']} : {})}} : {}),
			};
		});
	}
	return {pod};
}
