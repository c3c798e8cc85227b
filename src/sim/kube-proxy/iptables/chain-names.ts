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
const chars = new Uint8Array(16);

function hexDigit(code: number): number {
	return code <= 57 ? code - 48 : code - 87;
}

/**
 * First 16 characters of base32(sha256(s)): the digest's first 80 bits. Five hex digits are 20
 * bits, which are four base32 characters.
 */
export function hash16(s: string): string {
	const hex = sha256Hex(s);
	for (let group = 0; group < 4; group++) {
		let bits = 0;
		for (let j = 0; j < 5; j++) bits = (bits << 4) | hexDigit(hex.charCodeAt(group * 5 + j));
		const at = group * 4;
		chars[at] = BASE32[(bits >>> 15) & 31]!;
		chars[at + 1] = BASE32[(bits >>> 10) & 31]!;
		chars[at + 2] = BASE32[(bits >>> 5) & 31]!;
		chars[at + 3] = BASE32[bits & 31]!;
	}
	return String.fromCharCode(...chars);
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
