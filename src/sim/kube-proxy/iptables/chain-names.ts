// kube-proxy names its per-service chains from a hash, so the same Service gets the same chain
// names on every node and after every restart (pkg/proxy/iptables/proxier.go, portProtoHash).
import * as crypto from 'node:crypto';

// crypto.hash (Node ≥ 20.12) hashes in one call; on older 20.x fall back to createHash. The digest
// comes as hex text: no Buffer per hash, which on a node of 10,000 Services (60,000 chain names)
// halves the time hashing takes.
const oneShot = (crypto as {hash?: (algorithm: string, data: string, encoding: 'hex') => string}).hash;
const sha256Hex = oneShot ? (s: string): string => oneShot('sha256', s, 'hex') : (s: string): string => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

/** RFC 4648's base32 alphabet (upper case), as character codes. */
const BASE32 = Uint8Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', (c) => c.charCodeAt(0));

function hexDigit(code: number): number {
	return code <= 57 ? code - 48 : code - 87;
}

/** Twenty bits of the digest: hex digits at, at + 1, … at + 4. */
function bits20(hex: string, at: number): number {
	return (
		(hexDigit(hex.charCodeAt(at)) << 16) |
		(hexDigit(hex.charCodeAt(at + 1)) << 12) |
		(hexDigit(hex.charCodeAt(at + 2)) << 8) |
		(hexDigit(hex.charCodeAt(at + 3)) << 4) |
		hexDigit(hex.charCodeAt(at + 4))
	);
}

/** Character codes of a chain name being made: the prefix, then the hash's 16 characters. */
const name: number[] = [];

/**
 * prefix + the first 16 characters of base32(sha256(s)): the digest's first 80 bits, five hex
 * digits (20 bits) giving four base32 characters. Made in one String.fromCharCode call, so the
 * name is one flat string from the start (`prefix + hash` would be a rope that every Map lookup
 * and join has to flatten first: 60,000 chain names on a big node).
 */
function hashedName(prefix: string, s: string): string {
	const hex = sha256Hex(s);
	name.length = 0;
	for (let i = 0; i < prefix.length; i++) name.push(prefix.charCodeAt(i));
	for (let at = 0; at < 20; at += 5) {
		const bits = bits20(hex, at);
		name.push(BASE32[bits >>> 15]!, BASE32[(bits >>> 10) & 31]!, BASE32[(bits >>> 5) & 31]!, BASE32[bits & 31]!);
	}
	return String.fromCharCode.apply(null, name);
}

/** First 16 characters of base32(sha256(s)). */
export function hash16(s: string): string {
	return hashedName('', s);
}

export type ChainPrefix = 'KUBE-SVC-' | 'KUBE-SVL-' | 'KUBE-EXT-' | 'KUBE-FW-';

/** `spn` is `namespace/name` or `namespace/name:portName`; `proto` lower case. */
export function servicePortChain(prefix: ChainPrefix, spn: string, proto: string): string {
	return hashedName(prefix, spn + proto);
}

/** `endpoint` is `ip:port`, or `[ip]:port` for IPv6. */
export function endpointChain(spn: string, proto: string, endpoint: string): string {
	return hashedName('KUBE-SEP-', spn + proto + endpoint);
}
