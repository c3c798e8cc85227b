// A node shell on the engine's shell cluster (scenarios/shell-cluster.ts): controlplane, node01
// and node02 as kubeadm sets them up, each node's files from its host model.
import type {Cluster} from '../sim/cluster/cluster.js';
import {newShellCluster} from '../sim/scenarios/shell-cluster.js';
import {ClusterHostFiles} from './host-files.js';
import {Session} from './session.js';

export interface ShellStart {
	seed: number;
	/** The node the shell opens on; controlplane by default. */
	node?: string;
	history?: readonly string[];
}

/** Kernel settings kubeadm's preflight requires on every node (IPv4 forwarding, bridged traffic through iptables). */
const KUBEADM_SYSCTLS: Record<string, string> = {
	'/proc/sys/net/ipv4/ip_forward': '1\n',
	'/proc/sys/net/bridge/bridge-nf-call-iptables': '1\n',
	'/proc/sys/net/bridge/bridge-nf-call-ip6tables': '1\n',
};

export function newShellSession(options: ShellStart): Session {
	const cluster = newShellCluster({seed: options.seed});
	const nodes = cluster.nodes().map((n) => n.metadata.name);
	if (options.node !== undefined && !nodes.includes(options.node)) {
		throw new RangeError(`no node named "${options.node}"; the nodes are ${nodes.join(', ')}`);
	}
	return shellSessionOn(cluster, options);
}

/** A node shell on a cluster made elsewhere (a lesson's, at one of its steps); its nodes' files from their host model. */
export function shellSessionOn(cluster: Cluster, options: Omit<ShellStart, 'seed'> = {}): Session {
	return new Session({
		cluster,
		...(options.node !== undefined ? {node: options.node} : {}),
		hostFiles: (node) => new ClusterHostFiles(cluster, node),
		files: () => KUBEADM_SYSCTLS,
		...(options.history !== undefined ? {history: options.history} : {}),
	});
}

export {complete} from './complete.js';
