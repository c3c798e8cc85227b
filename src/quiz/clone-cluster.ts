// A throwaway copy of a cluster, for "what if" questions (etp-local switches a Service's traffic
// policy and traces the result) without touching the learner's live cluster. The copy is built
// as `svc-tutor rules -f` builds a cluster from `kubectl get -o yaml` output: nodes that already
// carry their pod CIDRs, the EndpointSlices and Services that exist, then Pods that already have
// their IPs, all through the API server. The copy is then checked rule for rule against the
// original on the node in question, so a "what if" never starts from a different cluster.
import type {KubeObject} from '../sim/api/types.js';
import {Cluster} from '../sim/cluster/cluster.js';

export function cloneCluster(original: Cluster, checkNode?: string): Cluster {
	const copy = new Cluster({
		seed: 0,
		serviceClusterIPRange: original.serviceClusterIPRange,
		clusterCIDR: original.clusterCIDR ?? '',
		serviceNodePortRange: original.api.nodePorts.rangeText,
		...(original.kubeProxyConfig ? {kubeProxyConfig: original.kubeProxyConfig} : {}),
	});
	const objects: KubeObject[] = [...original.nodes(), ...original.endpointSliceList(), ...original.services(), ...original.pods()];
	for (const object of objects) {
		copy.api.create(structuredClone(object));
		copy.settle();
	}
	if (checkNode !== undefined) {
		const before = original.kubeProxy(checkNode)?.sync().restore;
		const after = copy.kubeProxy(checkNode)?.sync().restore;
		if (before !== after) throw new Error(`cloneCluster: node ${checkNode}'s rules differ in the copy; the copy cannot stand in for the cluster`);
	}
	return copy;
}
