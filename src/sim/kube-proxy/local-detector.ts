// How kube-proxy tells pod traffic from other traffic (pkg/proxy/util/localdetector.go, chosen in
// cmd/kube-proxy/app/server_linux.go getLocalDetectors): with ClusterCIDR a source inside the
// cluster CIDR is "local"; with NodeCIDR, inside this node's pod CIDR; with BridgeInterface, a
// packet that came in on that bridge (`-i cni0`); with InterfaceNamePrefix, on any interface whose
// name starts so (`-i azv+`, iptables' wildcard). With no CIDR known the detector is a no-op and
// kube-proxy writes no rules that need it.

export interface LocalDetector {
	implemented: boolean;
	/** Arguments matching pod traffic: `-s CIDR`, `-i IFACE`. */
	ifLocal: string[];
	/** Arguments matching everything else: `! -s CIDR`, `! -i IFACE`. */
	ifNotLocal: string[];
	/** The nftables proxier's forms: `ip saddr CIDR`, `iifname IFACE`, `iifname azv*`. */
	ifLocalNFT: string[];
	ifNotLocalNFT: string[];
}

export type DetectLocalMode = 'ClusterCIDR' | 'NodeCIDR' | 'BridgeInterface' | 'InterfaceNamePrefix';

const NO_OP: LocalDetector = {implemented: false, ifLocal: [], ifNotLocal: [], ifLocalNFT: [], ifNotLocalNFT: []};

export function localDetector(
	mode: DetectLocalMode,
	clusterCIDR: string | undefined,
	nodePodCIDR: string | undefined,
	detectLocal: {bridgeInterface?: string; interfaceNamePrefix?: string} = {},
): LocalDetector {
	if (mode === 'BridgeInterface') {
		const name = detectLocal.bridgeInterface;
		if (!name) return NO_OP;
		return {implemented: true, ifLocal: ['-i', name], ifNotLocal: ['!', '-i', name], ifLocalNFT: ['iifname', name], ifNotLocalNFT: ['iifname', '!=', name]};
	}
	if (mode === 'InterfaceNamePrefix') {
		const prefix = detectLocal.interfaceNamePrefix;
		if (!prefix) return NO_OP;
		return {
			implemented: true,
			ifLocal: ['-i', `${prefix}+`],
			ifNotLocal: ['!', '-i', `${prefix}+`],
			ifLocalNFT: ['iifname', `${prefix}*`],
			ifNotLocalNFT: ['iifname', '!=', `${prefix}*`],
		};
	}
	const cidr = mode === 'NodeCIDR' ? nodePodCIDR : clusterCIDR;
	if (!cidr) return NO_OP;
	const nftFamily = cidr.includes(':') ? 'ip6' : 'ip';
	return {implemented: true, ifLocal: ['-s', cidr], ifNotLocal: ['!', '-s', cidr], ifLocalNFT: [nftFamily, 'saddr', cidr], ifNotLocalNFT: [nftFamily, 'saddr', '!=', cidr]};
}
