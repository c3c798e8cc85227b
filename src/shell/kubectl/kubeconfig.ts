// Which API server kubectl talks to: the kubeconfig it finds ($KUBECONFIG, else ~/.kube/config on
// this node). kubeadm writes /root/.kube/config on controlplane only, so on a worker kubectl falls
// back to localhost:8080, which refuses: the classic "run kubectl on the control plane" lesson.
import {parse as parseYaml} from 'yaml';
import type {ShellContext} from '../types.js';
import {list, str} from './json.js';

export interface KubeconfigInfo {
	path: string;
	text: string;
	server: string;
	currentContext: string;
	/** The current context's namespace, when it sets one. */
	namespace: string | undefined;
}

export function findKubeconfig(ctx: ShellContext): KubeconfigInfo | undefined {
	const home = ctx.env['HOME'] || '/root';
	const path = ctx.env['KUBECONFIG'] || `${home.replace(/\/$/, '')}/.kube/config`;
	const text = ctx.fs.read(path);
	if (text === undefined) return undefined;
	let server = '';
	let currentContext = '';
	let namespace: string | undefined;
	try {
		const config: unknown = parseYaml(text);
		currentContext = str(config, 'current-context') ?? '';
		const context = list(config, 'contexts').find((c) => str(c, 'name') === currentContext);
		const clusterName = str(context, 'context', 'cluster');
		namespace = str(context, 'context', 'namespace') || undefined;
		const cluster = list(config, 'clusters').find((c) => str(c, 'name') === clusterName);
		server = str(cluster, 'cluster', 'server') ?? '';
	} catch {
		server = '';
	}
	return {path, text, server, currentContext, namespace};
}

/** host:port of a server URL, as the refused-connection message names it. */
export function hostPort(server: string): string {
	return server.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}

/**
 * A bare cluster (tests, the lessons' engine) has no hosts and so no files: kubectl is taken as
 * configured. The node shell's cluster has hosts, and then the kubeconfig decides.
 */
export function unreachableWithoutKubeconfig(ctx: ShellContext): string | undefined {
	if (ctx.cluster.hosts === undefined) return undefined;
	if (findKubeconfig(ctx)) return undefined;
	return 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n';
}


/**
 * The kubeconfig with the current context's namespace set (kubeadm's layout: `- context:` then
 * `cluster:`, `namespace:`, `user:` indented four spaces, then `name:`).
 */
export function withContextNamespace(text: string, context: string, namespace: string): string | undefined {
	const lines = text.split('\n');
	const nameAt = lines.findIndex((l) => /^ {2}name: /.test(l) && l.trim() === `name: ${context}`);
	if (nameAt === -1) return undefined;
	let start = nameAt;
	while (start > 0 && !/^- context:/.test(lines[start]!)) start--;
	const body = lines.slice(start + 1, nameAt).filter((l) => !/^ {4}namespace: /.test(l));
	const entries = [...body, `    namespace: ${namespace}`].sort((a, b) => (a.trim() < b.trim() ? -1 : 1));
	return [...lines.slice(0, start + 1), ...entries, ...lines.slice(nameAt)].join('\n');
}
