// Manifests in, a running simulated cluster out: the shared front half of `rules` and `trace`.
// Objects are created in the order a cluster would have them (nodes, then the slices and Services
// that were already there, then Pods), and any refusal from the simulated API server is reported
// at the line of the manifest that caused it.
import {loadManifests, ManifestError, type LoadedManifests} from '../manifest/index.js';
import type {KubeObject, Node} from '../sim/api/types.js';
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
}

export interface LoadedCluster {
	cluster: Cluster;
	manifests: LoadedManifests;
	/**
	 * The loader's warnings (unknown fields…), not printed yet: a command prints them with
	 * printWarnings once it has succeeded, so a run that fails shows its one error line only.
	 */
	warnings: string[];
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
export function printWarnings(warnings: readonly string[], io: CommandIO): void {
	for (const warning of warnings) io.stderr(`warning: ${oneLine(warning)}\n`);
}

// The manifest loader reads these four kinds only; any other comes last.
const ORDER: Partial<Record<KubeObject['kind'], number>> = {Node: 0, EndpointSlice: 1, Service: 2, Pod: 3};

export async function loadCluster(options: LoadOptions, io: CommandIO): Promise<LoadedCluster> {
	const range = options.serviceClusterIPRange ?? KUBEADM_SERVICE_CIDR;
	// The flag is checked before the input is read: a mistyped flag should not wait for a pipe.
	const parsedRange = tryParseCIDR(range);
	if (!parsedRange.ok) throw new UsageError(`--service-cluster-ip-range ${quote(range)}: ${parsedRange.error.reason}`);
	const problem = validateServiceClusterIPRange(range);
	if (problem !== null) throw new UsageError(`--service-cluster-ip-range ${quote(range)}: ${problem}`);
	const manifests = loadManifests(await readSources(options.files, io));

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
	const ordered = [...manifests.objects].sort((a, b) => (ORDER[a.kind] ?? 4) - (ORDER[b.kind] ?? 4) || wantsIP(a) - wantsIP(b));
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
	return {cluster, manifests, warnings: manifests.warnings};
}

function wantsIP(object: KubeObject): number {
	return object.kind === 'Service' && !object.spec.clusterIP ? 1 : 0;
}

/** `--node`, or the only node, as a usage error when it cannot be chosen. */
export function chooseNode(cluster: Cluster, requested: string | undefined, command: string): Node {
	try {
		return chooseClusterNode(cluster, requested);
	} catch (error) {
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

export {ManifestError};
