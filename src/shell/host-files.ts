// The engine's per-node host model (src/sim/node-host) as the shell file system's HostFiles: the
// files a kubeadm node has (static Pod manifests, kubeconfigs, kubelet and CNI config, …), read
// from the cluster, and writes of static Pod manifests handed to the kubelet, which restarts
// (or stops) that Pod. The node's files are computed once per command line (refresh()).
import type {Cluster} from '../sim/cluster/cluster.js';
import {nodeFiles, removeNodeFile, writeNodeFile, type NodeFile} from '../sim/node-host/files.js';
import type {HostFiles} from './fs.js';

export class ClusterHostFiles implements HostFiles {
	private files: Map<string, NodeFile> | undefined;

	constructor(
		private readonly cluster: Cluster,
		private readonly node: string,
	) {}

	private current(): Map<string, NodeFile> {
		this.files ??= nodeFiles(this.cluster, this.node);
		return this.files;
	}

	/** Forget the computed files: the cluster may have changed since. */
	refresh(): void {
		this.files = undefined;
	}

	paths(): readonly string[] {
		return [...this.current().keys()];
	}

	read(path: string): string | undefined {
		return this.current().get(path)?.text;
	}

	mode(path: string): number | undefined {
		return this.current().get(path)?.mode;
	}

	write(path: string, text: string): boolean {
		const owned = writeNodeFile(this.cluster, this.node, path, text);
		this.refresh();
		return owned;
	}

	remove(path: string): boolean {
		const owned = removeNodeFile(this.cluster, this.node, path);
		this.refresh();
		return owned;
	}
}
