// Each node's kernel networking state that packets change: its rules' counters and its
// connection tracking table. Kept beside the cluster (one per Cluster object), made on first use.
import type {Cluster} from '../cluster/cluster.js';
import {NodeCounters} from '../netfilter/counters.js';
import {ConntrackTable} from './table.js';

export interface NodeKernel {
	counters: NodeCounters;
	conntrack: ConntrackTable;
}

const kernels = new WeakMap<Cluster, Map<string, NodeKernel>>();

export function nodeKernel(cluster: Cluster, node: string): NodeKernel {
	let nodes = kernels.get(cluster);
	if (nodes === undefined) {
		nodes = new Map();
		kernels.set(cluster, nodes);
	}
	let kernel = nodes.get(node);
	if (kernel === undefined) {
		kernel = {counters: new NodeCounters(), conntrack: new ConntrackTable()};
		nodes.set(node, kernel);
	}
	return kernel;
}
