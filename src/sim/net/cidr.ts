// CIDR blocks for both families, parsed strictly. Like Go's net.ParseCIDR (which every Kubernetes
// component uses), a block written with host bits set (10.96.0.5/12) is accepted and masked; the
// address as written is kept so callers can tell the learner about it.
import {familyBits, formatIP, tryParseIP, type IPFamily, parseIP} from './ip.js';
import {orThrow, parsed, refused, type Parsed} from './errors.js';

export interface CIDR {
	family: IPFamily;
	bits: 32 | 128;
	prefix: number;
	/** The address as written, host bits included. */
	ip: bigint;
	/** The network address: `ip` with the host bits cleared. */
	network: bigint;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** The netmask of a prefix as an integer of `bits` bits. */
export function prefixMask(prefix: number, bits: 32 | 128): bigint {
	const all = (1n << BigInt(bits)) - 1n;
	return (all >> BigInt(bits - prefix)) << BigInt(bits - prefix);
}

export function tryParseCIDR(s: string): Parsed<CIDR> {
	const slash = s.indexOf('/');
	if (slash < 0) return refused(s, 'a CIDR needs a prefix length after a slash (a.b.c.d/len)');
	const address = tryParseIP(s.slice(0, slash));
	if (!address.ok) return refused(s, address.error.reason);
	const {family, value} = address.value;
	const bits = familyBits(family);
	const prefixText = s.slice(slash + 1);
	const prefix = Number(prefixText);
	if (!DECIMAL.test(prefixText) || prefix > bits) return refused(s, `prefix length must be 0–${bits}`);
	return parsed({family, bits, prefix, ip: value, network: value & prefixMask(prefix, bits)});
}

/** Throws NetParseError. */
export function parseCIDR(s: string): CIDR {
	return orThrow(tryParseCIDR(s));
}

export function hasHostBits(cidr: CIDR): boolean {
	return cidr.ip !== cidr.network;
}

/** Number of addresses in the block, network and broadcast included. */
export function cidrSize(cidr: CIDR): bigint {
	return 1n << BigInt(cidr.bits - cidr.prefix);
}

/** The highest address of the block (the broadcast address for IPv4). */
export function cidrLast(cidr: CIDR): bigint {
	return cidr.network + cidrSize(cidr) - 1n;
}

export function formatCIDR(cidr: CIDR): string {
	return `${formatIP({family: cidr.family, value: cidr.network})}/${cidr.prefix}`;
}

/** `10.96.0.5/12` → `10.96.0.0/12`, `2001:DB8::/32` → `2001:db8::/32`. Throws NetParseError. */
export function normalizeCIDR(s: string): string {
	return formatCIDR(parseCIDR(s));
}

function asCIDR(cidr: string | CIDR): CIDR {
	return typeof cidr === 'string' ? parseCIDR(cidr) : cidr;
}

/** Whether the address is inside the block; an address of the other family never is. */
export function cidrContains(cidr: string | CIDR, ip: string): boolean {
	const block = asCIDR(cidr);
	const address = parseIP(ip);
	return address.family === block.family && address.value >= block.network && address.value <= cidrLast(block);
}

/** Two blocks overlap exactly when one contains the other's network address. */
export function cidrsOverlap(a: string | CIDR, b: string | CIDR): boolean {
	const x = asCIDR(a);
	const y = asCIDR(b);
	if (x.family !== y.family) return false;
	return x.network <= cidrLast(y) && y.network <= cidrLast(x);
}

/**
 * The n-th address of the block counted from its network address, like k8s.io/utils/net GetIndexedIP:
 * index 1 is the `kubernetes` Service, index 10 kubeadm's DNS Service.
 */
export function indexedIP(cidr: string | CIDR, index: number): string {
	const block = asCIDR(cidr);
	if (!Number.isInteger(index) || index < 0 || BigInt(index) >= cidrSize(block)) {
		throw new RangeError(
			`can't generate IP with index ${index} from subnet. subnet too small. subnet: "${formatCIDR(block)}"`,
		);
	}
	return formatIP({family: block.family, value: block.network + BigInt(index)});
}
