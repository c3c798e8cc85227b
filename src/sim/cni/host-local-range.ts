// One range of the host-local IPAM plugin, filled in the way the plugin does it (containernetworking
// plugins/ipam/host-local/backend/allocator/range.go, Range.Canonicalize): the gateway defaults to
// .1, the range to every address from .1 up to the last one before the broadcast address. The
// gateway stays inside the range; the allocator skips it.
import {cidrLast, formatCIDR, tryParseCIDR, type CIDR} from '../net/cidr.js';
import {formatIP, parseIP, type IP} from '../net/ip.js';

export interface HostLocalRangeConfig {
	/** The node's pod CIDR, e.g. 10.244.1.0/24 (flannel passes the node's subnet). */
	subnet: string;
	rangeStart?: string;
	rangeEnd?: string;
	gateway?: string;
}

export interface HostLocalRange {
	subnet: CIDR;
	rangeStart: bigint;
	rangeEnd: bigint;
	gateway: bigint;
}

function addressIn(subnet: CIDR, text: string, what: 'RangeStart' | 'RangeEnd'): bigint {
	const ip = parseIP(text);
	const inside = ip.family === subnet.family && ip.value >= subnet.network && ip.value <= cidrLast(subnet);
	if (!inside) throw new Error(`${what} ${formatIP(ip)} not in network ${formatCIDR(subnet)}`);
	return ip.value;
}

/**
 * The plugin's refusal of a subnet with no room for a gateway and a Pod (a /31 or /32, a /127 or
 * /128), or undefined when it is big enough.
 */
export function subnetTooSmall(subnet: CIDR): string | undefined {
	// The plugin prints the subnet as written (CNI keeps the address's host bits).
	return subnet.prefix > subnet.bits - 2 ? `Network ${formatCIDR({...subnet, network: subnet.ip})} too small to allocate from` : undefined;
}

/** Throws the plugin's configuration errors. */
export function canonicalizeRange(config: HostLocalRangeConfig): HostLocalRange {
	const parsed = tryParseCIDR(config.subnet);
	if (!parsed.ok) throw new Error(`invalid CIDR address: ${config.subnet}`);
	const subnet = parsed.value;
	const tooSmall = subnetTooSmall(subnet);
	if (tooSmall !== undefined) throw new Error(tooSmall);
	if (subnet.ip !== subnet.network) {
		const network = formatIP({family: subnet.family, value: subnet.network});
		throw new Error(`Network has host bits set. For a subnet mask of length ${subnet.prefix} the network address is ${network}`);
	}
	const gateway = config.gateway === undefined ? subnet.network + 1n : parseIP(config.gateway).value;
	const rangeStart = config.rangeStart === undefined ? subnet.network + 1n : addressIn(subnet, config.rangeStart, 'RangeStart');
	// The last address before the broadcast address for IPv4; IPv6 has no broadcast address.
	const top = cidrLast(subnet);
	const rangeEnd =
		config.rangeEnd === undefined ? (subnet.family === 'IPv4' ? top - 1n : top) : addressIn(subnet, config.rangeEnd, 'RangeEnd');
	return {subnet, rangeStart, rangeEnd, gateway};
}

export function rangeContains(range: HostLocalRange, ip: IP): boolean {
	return ip.family === range.subnet.family && ip.value >= range.rangeStart && ip.value <= range.rangeEnd;
}

/** `10.244.1.1-10.244.1.254`, how the plugin names a range in its errors. */
export function formatRange(range: HostLocalRange): string {
	const family = range.subnet.family;
	return `${formatIP({family, value: range.rangeStart})}-${formatIP({family, value: range.rangeEnd})}`;
}
