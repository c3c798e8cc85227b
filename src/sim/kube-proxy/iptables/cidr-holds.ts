// Whether a CIDR holds an address, both families (kube-proxy's net.IPNet.Contains). Was IPv4-only
// until src/sim/net landed, which left IPv6 nodePortAddresses matching no node IP at all (upstream
// TestNodePorts "ipv6, localhost-nodeports disabled, multiple nodeport-addresses").
import {cidrContains} from '../../net/cidr.js';
import {sloppyCIDR, sloppyIP} from '../sloppy-ip.js';

export function cidrHolds(cidr: string, ip: string): boolean {
	const block = sloppyCIDR(cidr.trim());
	const address = sloppyIP(ip);
	return block !== undefined && address !== undefined && cidrContains(block, address);
}
