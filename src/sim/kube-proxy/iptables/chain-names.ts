// kube-proxy names its per-service chains from a hash, so the same Service gets the same chain
// names on every node and after every restart (pkg/proxy/iptables/proxier.go, portProtoHash).
import * as crypto from 'node:crypto';

// crypto.hash (Node ≥ 20.12) hashes in one call; on older 20.x fall back to createHash.
const oneShot = (crypto as {hash?: (algorithm: string, data: string, encoding: 'buffer') => Buffer}).hash;
const sha256 = oneShot ? (s: string): Uint8Array => oneShot('sha256', s, 'buffer') : (s: string): Uint8Array => crypto.createHash('sha256').update(s, 'utf8').digest();

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The first `chars` characters of the RFC 4648 base32 (upper case) of the bytes. */
function base32Prefix(bytes: Uint8Array, chars: number): string {
	let out = '';
	let buffer = 0;
	let bits = 0;
	for (let i = 0; i < bytes.length && out.length < chars; i++) {
		buffer = ((buffer << 8) | bytes[i]!) & 0xffff;
		bits += 8;
		while (bits >= 5 && out.length < chars) {
			out += BASE32[(buffer >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	return out;
}

/** First 16 characters of base32(sha256(s)): 80 bits, from the digest's first 10 bytes. */
export function hash16(s: string): string {
	return base32Prefix(sha256(s), 16);
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
