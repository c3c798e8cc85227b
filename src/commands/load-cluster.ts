// Manifests in, a running simulated cluster out: the shared front half of `rules` and `trace`.
// Objects are created in the order a cluster would have them (nodes, then the slices and Services
// that were already there, then Pods), and any refusal from the simulated API server is reported
// at the line of the manifest that caused it.
import {loadManifests, ManifestError, type LoadedManifests} from '../manifest/index.js';
import {inferServiceRange} from '../manifest/service-range.js';
import {SERVICE_NAME_LABEL, type EndpointSlice, type KubeObject, type Node, type Service} from '../sim/api/types.js';
import {CONTROLLER_NAME, MANAGED_BY_LABEL, selectorMatches} from '../sim/kube-controller-manager/endpointslice-controller.js';
import {mirroredSlices, shouldMirror} from '../sim/kube-controller-manager/endpointslice-mirroring.js';
import {tryParseIP} from '../sim/net/ip.js';
import {ApiError} from '../sim/apiserver/errors.js';
import {Cluster, FLANNEL_POD_CIDR, KUBEADM_SERVICE_CIDR} from '../sim/cluster/cluster.js';
import {cidrContains, tryParseCIDR} from '../sim/net/cidr.js';
import {validateServiceClusterIPRange} from '../sim/net/service-cidr.js';
import {UsageError, type CommandIO} from './io.js';
import {TOO_LARGE} from './process-io.js';
import {oneLine, quote} from './quote.js';
import {chooseNode as chooseClusterNode, TraceRequestError} from '../sim/cluster/trace-connection.js';

export interface LoadOptions {
	files: string[];
	serviceClusterIPRange?: string;
	/** For a dump without Nodes: the node to make, named by --node, with --node-ip as its InternalIP. */
	node?: string;
	nodeIP?: string;
}

export interface LoadedCluster {
	cluster: Cluster;
	manifests: LoadedManifests;
	/**
	 * The loader's warnings (unknown fields…), not printed yet: a command prints them with
	 * printWarnings once it has succeeded, so a run that fails shows its one error line only.
	 */
	warnings: string[];
	/** Notes for stderr after a successful run: what was skipped, which range was assumed… (each a full line). */
	notes: string[];
}

const READ_ERRORS: Record<string, string> = {
	ENOENT: 'no such file',
	EISDIR: 'is a directory',
	EACCES: 'permission denied',
	ENOTDIR: 'a part of the path is not a directory',
	ENAMETOOLONG: 'file name too long',
	ELOOP: 'too many symbolic links',
	EFBIG: TOO_LARGE,
};

export async function readSources(files: readonly string[], io: CommandIO): Promise<{name: string; text: string}[]> {
	if (files.length === 0) throw new UsageError('give the cluster with -f FILE (YAML or JSON; -f - reads standard input)');
	if (files.filter((file) => file === '-').length > 1) throw new UsageError('-f - may be given only once');
	const sources: {name: string; text: string}[] = [];
	for (const file of files) {
		if (file === '-') {
			sources.push({name: '-', text: await io.readStdin()});
			continue;
		}
		try {
			// The name starts every message about the file's contents (file:line:col): one line, whatever it holds.
			sources.push({name: oneLine(file), text: io.readFile(file)});
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			throw new UsageError(`${quote(file)}: ${(code && READ_ERRORS[code]) ?? oneLine(code ?? (error as Error).message)}`);
		}
	}
	return sources;
}

/** After a successful run only: warnings and notes belong to a result, not to an error. */
export function printWarnings(warnings: readonly string[], io: CommandIO, notes: readonly string[] = []): void {
	for (const warning of warnings) io.stderr(`warning: ${oneLine(warning)}\n`);
	for (const note of notes) io.stderr(`${note}\n`);
}

// The manifest loader reads these four kinds only; any other comes last.
const ORDER: Partial<Record<KubeObject['kind'], number>> = {Node: 0, EndpointSlice: 1, Service: 2, Pod: 3};

export async function loadCluster(options: LoadOptions, io: CommandIO): Promise<LoadedCluster> {
	const given = options.serviceClusterIPRange;
	// The flags are checked before the input is read: a mistyped flag should not wait for a pipe.
	if (given !== undefined) {
		const parsedRange = tryParseCIDR(given);
		if (!parsedRange.ok) throw new UsageError(`--service-cluster-ip-range ${quote(given)}: ${parsedRange.error.reason}`);
		const problem = validateServiceClusterIPRange(given);
		if (problem !== null) throw new UsageError(`--service-cluster-ip-range ${quote(given)}: ${problem}`);
	}
	if (options.nodeIP !== undefined) {
		const ip = tryParseIP(options.nodeIP);
		if (!ip.ok || ip.value.family !== 'IPv4') throw new UsageError(`--node-ip ${quote(options.nodeIP)}: must be the node's IPv4 InternalIP (a.b.c.d)`);
		if (options.node === undefined) throw new UsageError('--node-ip goes with --node NAME: the node a dump without Nodes does not hold');
	}
	// A cluster dump holds much svc-tutor does not use (Deployments, Events, CRDs…): skipped, and counted in one note.
	const manifests = loadManifests(await readSources(options.files, io), {otherKinds: 'skip'});
	const services = manifests.objects.filter((o): o is Service => o.kind === 'Service');
	const inferred = given === undefined ? inferServiceRange(services, manifests.serviceCIDRs) : undefined;
	const range = given ?? inferred?.cidr ?? KUBEADM_SERVICE_CIDR;

	for (const object of services) {
		const ip = object.spec.clusterIP;
		if (ip && ip !== 'None' && !ip.includes(':') && !cidrContains(range, ip)) {
			throw manifests.fieldError(
				object,
				'spec.clusterIP',
				`${ip} is outside the service range ${range}${given ? '' : ` (${inferred?.source ?? "kubeadm's default"})`}: pass the cluster's --service-cluster-ip-range`,
			);
		}
	}
	const notes: string[] = [];
	if (manifests.proxyConfig?.mode === 'ipvs')
		notes.push(
			"note: the KubeProxyConfiguration says mode: ipvs, which svc-tutor does not model (it models kube-proxy's iptables proxier, and nftables): these are the rules an iptables-mode kube-proxy writes for this cluster, not what an ipvs node holds (its Services are IPVS virtual servers, `ipvsadm -Ln`, matched through ipsets)",
		);
	const needIP = services.filter((s) => wantsIP(s) === 1 && s.spec.type !== 'ExternalName');
	if (inferred?.inferred && needIP.length > 0) {
		const first = needIP[0]!;
		const which = needIP.length === 1 ? `Service ${first.metadata.namespace ?? 'default'}/${first.metadata.name}` : `${needIP.length} Services without a clusterIP`;
		notes.push(`note: no --service-cluster-ip-range given: assumed ${range} (from ${inferred.source}) to allocate the clusterIP of ${which}`);
	}

	const cluster = new Cluster({
		seed: 0,
		serviceClusterIPRange: range,
		clusterCIDR: manifests.proxyConfig?.clusterCIDR?.split(',')[0]?.trim() || FLANNEL_POD_CIDR,
		...(manifests.proxyConfig ? {kubeProxyConfig: manifests.proxyConfig} : {}),
		// The commands read one node's rules: its kube-proxy starts when asked for.
		kubeProxies: 'on-demand',
	});
	// Services that name their IP come before those that want one, so a dynamic pick never takes an IP a later manifest names.
	const ordered = [...manifests.objects].sort((a, b) => (ORDER[a.kind] ?? 4) - (ORDER[b.kind] ?? 4) || wantsIP(a) - wantsIP(b));
	if (options.node !== undefined && !manifests.objects.some((o) => o.kind === 'Node')) {
		if (options.nodeIP === undefined) throw new UsageError(`the input holds no Node: give ${quote(options.node)}'s InternalIP with --node-ip`);
		cluster.api.adopt(standInNode(options.node, options.nodeIP));
		cluster.settle();
	} else if (options.nodeIP !== undefined) {
		throw new UsageError('--node-ip is for input that holds no Node; this one has its Nodes, with their addresses');
	}
	const {mirrored, standIns} = mirrorEndpoints(manifests, services);
	// Before the Services, so the EndpointSlice controller finds them there and leaves them be.
	const standInSlices = standIns.flatMap(({endpoints, service}) => slicesInPlaceOf(endpoints, service, (prefix) => cluster.api.generateName(prefix)));
	for (const slice of standInSlices) cluster.api.adopt(slice);
	if (standIns.length > 0) {
		const which = standIns.length === 1 ? `Service ${standIns[0]!.endpoints.metadata.namespace ?? 'default'}/${standIns[0]!.endpoints.metadata.name} has` : `${standIns.length} Services have`;
		notes.push(
			`note: ${which} a selector but neither EndpointSlices nor selected Pods in the input: its endpoints come from its Endpoints, as the EndpointSlice controller would have made them from the Pods (add the Pods or EndpointSlices for their exact conditions)`,
		);
	}
	for (const object of ordered) {
		try {
			// The loaded objects are not used again but to point at their lines: hand them over uncopied.
			cluster.api.adopt(object);
		} catch (error) {
			if (error instanceof ApiError) {
				const cause = error.causes[0];
				if (cause) throw manifests.fieldError(object, cause.field, cause.message);
				throw manifests.fieldError(object, [], error.message);
			}
			throw error;
		}
		cluster.settle();
	}
	// kube-controller-manager's mirroring controller, once the Services exist: slices from Endpoints.
	for (const endpoints of mirrored) {
		for (const slice of mirroredSlices(endpoints, (prefix) => cluster.api.generateName(prefix))) cluster.api.adopt(slice);
		cluster.settle();
	}
	// NodeCIDR mode needs the node's podCIDR: a real kube-proxy waits for one; the simulated
	// kube-controller-manager has handed one out from --cluster-cidr, which the note names.
	if (manifests.proxyConfig?.detectLocalMode === 'NodeCIDR') {
		for (const node of manifests.objects) {
			if (node.kind !== 'Node' || node.spec.podCIDR) continue;
			const given = cluster.nodes().find((n) => n.metadata.name === node.metadata.name)?.spec.podCIDR;
			notes.push(
				`note: detectLocalMode is NodeCIDR but Node ${node.metadata.name} has no podCIDR in the input (a real kube-proxy waits for one): svc-tutor's kube-controller-manager gave it ${given ?? 'none'}`,
			);
		}
	}
	const skipped = skippedNote(manifests.skipped);
	if (skipped) notes.unshift(skipped);
	return {cluster, manifests, warnings: manifests.warnings, notes};
}

type V1Endpoints = LoadedManifests['endpoints'][number];

/**
 * The Endpoints whose slices the mirroring controller makes (selectorless Services), and those that
 * stand in for the EndpointSlice controller's slices: a Service with a selector whose slices and
 * Pods are both missing from the input (`kubectl get svc,endpoints`). The rest are counted as skipped.
 */
function mirrorEndpoints(manifests: LoadedManifests, services: readonly Service[]): {mirrored: V1Endpoints[]; standIns: {endpoints: V1Endpoints; service: Service}[]} {
	const sliced = new Set(
		manifests.objects.flatMap((o) => (o.kind === 'EndpointSlice' && o.metadata.labels?.[SERVICE_NAME_LABEL] ? [`${o.metadata.namespace ?? 'default'}/${o.metadata.labels[SERVICE_NAME_LABEL]}`] : [])),
	);
	const byKey = new Map(services.map((s) => [`${s.metadata.namespace ?? 'default'}/${s.metadata.name}`, s]));
	const pods = manifests.objects.filter((o) => o.kind === 'Pod');
	const selectsAPod = (service: Service): boolean =>
		pods.some((pod) => (pod.metadata.namespace ?? 'default') === (service.metadata.namespace ?? 'default') && selectorMatches(service.spec.selector ?? {}, pod.metadata.labels));
	const mirrored: V1Endpoints[] = [];
	const standIns: {endpoints: V1Endpoints; service: Service}[] = [];
	for (const endpoints of manifests.endpoints) {
		const key = `${endpoints.metadata.namespace ?? 'default'}/${endpoints.metadata.name}`;
		const service = byKey.get(key);
		// Slices already in the input are the controller's work (or the EndpointSlice controller's): they are the truth.
		if (sliced.has(key)) manifests.skipped.set('Endpoints', (manifests.skipped.get('Endpoints') ?? 0) + 1);
		else if (shouldMirror(endpoints, service)) mirrored.push(endpoints);
		else if (service?.spec.selector && Object.keys(service.spec.selector).length > 0 && !selectsAPod(service)) standIns.push({endpoints, service});
		else manifests.skipped.set('Endpoints', (manifests.skipped.get('Endpoints') ?? 0) + 1);
	}
	return {mirrored, standIns};
}

/** The EndpointSlice controller's slices for a Service, rebuilt from its Endpoints (same Pods, same addresses). */
function slicesInPlaceOf(endpoints: V1Endpoints, service: Service, name: (prefix: string) => string): EndpointSlice[] {
	return mirroredSlices(endpoints, name).map((slice) => {
		slice.metadata.labels = {...slice.metadata.labels, [MANAGED_BY_LABEL]: CONTROLLER_NAME};
		slice.metadata.ownerReferences = [{apiVersion: 'v1', kind: 'Service', name: service.metadata.name, uid: service.metadata.uid ?? '', controller: true, blockOwnerDeletion: true}];
		return slice;
	});
}

/** `note: skipped 12 objects svc-tutor does not use: 5 Deployment, 7 ReplicaSet`, or nothing. */
function skippedNote(skipped: ReadonlyMap<string, number>): string | undefined {
	const total = [...skipped.values()].reduce((a, b) => a + b, 0);
	if (total === 0) return undefined;
	const kinds = [...skipped].map(([kind, count]) => `${count} ${oneLine(kind)}`).join(', ');
	return `note: skipped ${total} ${total === 1 ? 'object' : 'objects'} svc-tutor does not use: ${kinds}`;
}

/** The node a dump without Nodes is read for: its name and InternalIP, as `kubectl get node` would show them. */
function standInNode(name: string, ip: string): Node {
	return {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: {name, labels: {'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux'}},
		spec: {},
		status: {addresses: [{type: 'InternalIP', address: ip}, {type: 'Hostname', address: name}]},
	};
}

function wantsIP(object: KubeObject): number {
	return object.kind === 'Service' && !object.spec.clusterIP ? 1 : 0;
}

/** `--node`, or the only node, as a usage error when it cannot be chosen. */
export function chooseNode(cluster: Cluster, requested: string | undefined, command: string): Node {
	try {
		return chooseClusterNode(cluster, requested);
	} catch (error) {
		if (error instanceof TraceRequestError && cluster.nodes().length === 0) {
			const named = nodeNamesInUse(cluster);
			throw new UsageError(
				`${command}: the input holds no Node: pass --node NAME --node-ip IP (the node's InternalIP)${named.length > 0 ? `; its Pods and endpoints name ${named.map(quote).join(', ')}` : ''}`,
			);
		}
		if (error instanceof TraceRequestError) {
			// The engine's message would echo --node whole: say it here, quoted.
			if (requested !== undefined && cluster.nodes().length > 0 && !cluster.nodes().some((n) => n.metadata.name === requested)) {
				throw new UsageError(`${command}: no node ${quote(requested)} in the cluster; nodes: ${cluster.nodes().map((n) => n.metadata.name).join(', ')}`);
			}
			throw new UsageError(`${command}: ${error.message}`);
		}
		throw error;
	}
}

/** The node names a dump's Pods and EndpointSlices mention, sorted. */
function nodeNamesInUse(cluster: Cluster): string[] {
	const names = new Set<string>();
	for (const pod of cluster.api.list('Pod')) if (pod.spec.nodeName) names.add(pod.spec.nodeName);
	for (const slice of cluster.api.list('EndpointSlice')) for (const endpoint of slice.endpoints) if (endpoint.nodeName) names.add(endpoint.nodeName);
	return [...names].sort();
}

export {ManifestError};
