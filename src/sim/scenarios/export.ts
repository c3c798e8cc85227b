// A cluster's state as the manifests `svc-tutor rules -f` reads: what
// `kubectl get nodes,pods,services,endpointslices -A -o yaml` prints (a v1 List), plus the
// kube-proxy configuration, which kubectl would show from the kube-proxy ConfigMap.
import type {KubeObject, KubeProxyConfiguration} from '../api/types.js';
import type {Cluster} from '../cluster/cluster.js';

export interface ManifestList {
	apiVersion: 'v1';
	kind: 'List';
	items: (KubeObject | KubeProxyConfiguration)[];
}

export function exportManifests(cluster: Cluster): ManifestList {
	const items: (KubeObject | KubeProxyConfiguration)[] = [
		...cluster.nodes(),
		...cluster.pods(),
		...cluster.services(),
		...cluster.endpointSliceList(),
	];
	if (cluster.kubeProxyConfig) items.push(cluster.kubeProxyConfig);
	return {apiVersion: 'v1', kind: 'List', items};
}
