// How kube-proxy tells pod traffic from other traffic (pkg/proxy/util/localdetector.go): with
// ClusterCIDR a source inside the cluster CIDR is "local"; with NodeCIDR, inside this node's pod CIDR.
// With no CIDR known the detector is a no-op and kube-proxy writes no rules that need it.

export interface LocalDetector {
	implemented: boolean;
	/** Arguments matching pod traffic: `-s CIDR`. */
	ifLocal: string[];
	/** Arguments matching everything else: `! -s CIDR`. */
	ifNotLocal: string[];
}

export type DetectLocalMode = 'ClusterCIDR' | 'NodeCIDR';

export function localDetector(mode: DetectLocalMode, clusterCIDR: string | undefined, nodePodCIDR: string | undefined): LocalDetector {
	const cidr = mode === 'NodeCIDR' ? nodePodCIDR : clusterCIDR;
	if (!cidr) return {implemented: false, ifLocal: [], ifNotLocal: []};
	return {implemented: true, ifLocal: ['-s', cidr], ifNotLocal: ['!', '-s', cidr]};
}
