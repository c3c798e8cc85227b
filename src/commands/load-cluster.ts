// Manifests in, a running simulated cluster out: the shared front half of `rules` and `trace`.
// Objects are created in the order a cluster would have them (nodes, then the slices and Services
// that were already there, then Pods), and any refusal from the simulated API server is reported
// at the line of the manifest that caused it.
import {loadManifests, ManifestError, type LoadedManifests} from '../manifest/index.js';
import type {KubeObject, Node} from '../sim/api/types.js';
import {ApiError} from '../sim/apiserver/errors.js';
import {Cluster, FLANNEL_POD_CIDR, KUBEADM_SERVICE_CIDR} from '../sim/cluster/cluster.js';
import {cidrContains} from '../sim/net/cidr.js';
import {validateServiceClusterIPRange} from '../sim/net/service-cidr.js';
import {UsageError, type CommandIO} from './io.js';
import {chooseNode as chooseClusterNode, TraceRequestError} from '../sim/cluster/trace-connection.js';

export interface LoadOptions {
	files: string[];
	serviceClusterIPRange?: string;
}

export interface LoadedCluster {
	cluster: Cluster;
	manifests: LoadedManifests;
}

export function readSources(files: readonly string[], io: CommandIO): {name: string; text: string}[] {
	if (files.length === 0) throw new UsageError('give the cluster with -f FILE (YAML or JSON; -f - reads standard input)');
	let stdinUsed = false;
	return files.map((file) => {
		if (file === '-') {
			if (stdinUsed) throw new UsageError('-f - may be given only once');
			stdinUsed = true;
			return {name: '-', text: io.readStdin()};
		}
		try {
			return {name: file, text: io.readFile(file)};
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
			throw new UsageError(`${file}: ${why}`);
		}
	});
}

const ORDER: Record<KubeObject['kind'], number> = {Node: 0, EndpointSlice: 1, Service: 2, Pod: 3};

export function loadCluster(options: LoadOptions, io: CommandIO): LoadedCluster {
	const manifests = loadManifests(readSources(options.files, io));
	for (const warning of manifests.warnings) io.stderr(`warning: ${warning}\n`);
	const range = options.serviceClusterIPRange ?? KUBEADM_SERVICE_CIDR;
	const problem = validateServiceClusterIPRange(range);
	if (problem !== null) throw new UsageError(`--service-cluster-ip-range ${range}: ${problem}`);

	for (const object of manifests.objects) {
		if (object.kind !== 'Service') continue;
		const ip = object.spec.clusterIP;
		if (ip && ip !== 'None' && !ip.includes(':') && !cidrContains(range, ip)) {
			throw manifests.fieldError(
				object,
				'spec.clusterIP',
				`${ip} is outside the service range ${range}${options.serviceClusterIPRange ? '' : " (kubeadm's default)"}: pass the cluster's --service-cluster-ip-range`,
			);
		}
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
	const ordered = [...manifests.objects].sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || wantsIP(a) - wantsIP(b));
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
	return {cluster, manifests};
}

function wantsIP(object: KubeObject): number {
	return object.kind === 'Service' && !object.spec.clusterIP ? 1 : 0;
}

/** `--node`, or the only node, as a usage error when it cannot be chosen. */
export function chooseNode(cluster: Cluster, requested: string | undefined, command: string): Node {
	try {
		return chooseClusterNode(cluster, requested);
	} catch (error) {
		if (error instanceof TraceRequestError) throw new UsageError(`${command}: ${error.message}`);
		throw error;
	}
}

export {ManifestError};
