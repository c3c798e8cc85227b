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

/**
 * First 16 characters of base32(sha256(s)): the digest's first 80 bits. Five hex digits are 20
 * bits, which are four base32 characters.
 */
export function hash16(s: string): string {
	const hex = sha256Hex(s);
	const a = bits20(hex, 0);
	const b = bits20(hex, 5);
	const c = bits20(hex, 10);
	const d = bits20(hex, 15);
	// One call with sixteen arguments: 60,000 chain names on a big node.
	return String.fromCharCode(
		BASE32[a >>> 15]!, BASE32[(a >>> 10) & 31]!, BASE32[(a >>> 5) & 31]!, BASE32[a & 31]!,
		BASE32[b >>> 15]!, BASE32[(b >>> 10) & 31]!, BASE32[(b >>> 5) & 31]!, BASE32[b & 31]!,
		BASE32[c >>> 15]!, BASE32[(c >>> 10) & 31]!, BASE32[(c >>> 5) & 31]!, BASE32[c & 31]!,
		BASE32[d >>> 15]!, BASE32[(d >>> 10) & 31]!, BASE32[(d >>> 5) & 31]!, BASE32[d & 31]!,
	);
}

export type ChainPrefix = 'KUBE-SVC-' | 'KUBE-SVL-' | 'KUBE-EXT-' | 'KUBE-FW-';

/** `spn` is `namespace/name` or `namespace/name:portName`; `proto` lower case. */
export function servicePortChain(prefix: ChainPrefix, spn: string, proto: string): string {
	return prefix + hash16(spn + proto);
}

/** `endpoint` is `ip:port`, or `[ip]:port` for IPv6. */
export function endpointChain(spn: string, proto: string, endpoint: string): string {
	return 'KUBE-SEP-' + hash16(spn + proto + endpoint);
}
