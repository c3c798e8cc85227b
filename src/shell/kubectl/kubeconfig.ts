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
}

export function findKubeconfig(ctx: ShellContext): KubeconfigInfo | undefined {
	const home = ctx.env['HOME'] || '/root';
	const path = ctx.env['KUBECONFIG'] || `${home.replace(/\/$/, '')}/.kube/config`;
	const text = ctx.fs.read(path);
	if (text === undefined) return undefined;
	let server = '';
	try {
		const config: unknown = parseYaml(text);
		const current = str(config, 'current-context');
		const context = list(config, 'contexts').find((c) => str(c, 'name') === current);
		const clusterName = str(context, 'context', 'cluster');
		const cluster = list(config, 'clusters').find((c) => str(c, 'name') === clusterName);
		server = str(cluster, 'cluster', 'server') ?? '';
	} catch {
		server = '';
	}
	return {path, text, server};
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

