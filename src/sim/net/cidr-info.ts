// What `ipcalc` would tell an examinee about an IPv4 block. netmask does the arithmetic, but only
// after our strict parser has accepted the text: netmask itself reads `010.0.0.1` as octal and
// accepts hex and short forms (see reference/toolchain.md), which would teach wrong answers.
import {Netmask} from 'netmask';
import {formatCIDR, hasHostBits, parseCIDR} from './cidr.js';
import {formatIPv4} from './ipv4.js';

// Callers following the module plan look for these next to cidrInfo.
export {validateServiceClusterIPRange} from './service-cidr.js';
export {nthSubnet, subnetCount} from './subnets.js';

export interface CIDRInfo {
	/** The block as written. */
	input: string;
	/** The block with host bits cleared, as Go's net.ParseCIDR (and so every Kubernetes component) reads it. */
	cidr: string;
	/** Set when the input had host bits set, saying what it was read as. */
	note?: string;
	network: string;
	/** First address a host may use: the network address itself for /31 and /32. */
	firstUsable: string;
	/** Last address a host may use: the top address itself for /31 and /32. */
	lastUsable: string;
	/** None for /31 (RFC 3021 point-to-point) and /32 (a single host). */
	broadcast: string | null;
	/** All addresses in the block. */
	size: number;
	/** size − 2 (network and broadcast); all of them for /31 and /32. */
	usableHosts: number;
	prefix: number;
	/** Dotted netmask, e.g. 255.240.0.0. */
	mask: string;
}

/** IPv4 only: the quizzes ask about IPv4 blocks, and netmask's IPv6 sizes are inexact. Throws NetParseError. */
export function cidrInfo(input: string): CIDRInfo {
	const parsed = parseCIDR(input);
	if (parsed.family !== 'IPv4') throw new RangeError(`cidrInfo handles IPv4 blocks only, not ${input}`);
	const cidr = formatCIDR(parsed);
	const block = new Netmask(cidr);
	const info: CIDRInfo = {
		input,
		cidr,
		network: block.base,
		firstUsable: block.first,
		lastUsable: block.last,
		broadcast: block.broadcast ?? null,
		size: block.size,
		usableHosts: block.bitmask >= 31 ? block.size : block.size - 2,
		prefix: block.bitmask,
		mask: block.mask,
	};
	if (hasHostBits(parsed)) {
		info.note = `${input} has host bits set; it is read as ${cidr} (${formatIPv4(Number(parsed.ip))} is one address inside it)`;
	}
	return info;
}
