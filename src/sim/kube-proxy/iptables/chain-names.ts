// kube-proxy names its per-service chains from a hash, so the same Service gets the same chain
// names on every node and after every restart (pkg/proxy/iptables/proxier.go, portProtoHash).
import {createHash} from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 of the bytes, upper case, without padding. */
function base32(bytes: Uint8Array): string {
	let out = '';
	let buffer = 0;
	let bits = 0;
	for (const byte of bytes) {
		buffer = (buffer << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += BASE32[(buffer >>> (bits - 5)) & 31];
			bits -= 5;
		}
		buffer &= (1 << bits) - 1;
	}
	if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
	return out;
}

/** First 16 characters of base32(sha256(s)). */
export function hash16(s: string): string {
	return base32(createHash('sha256').update(s, 'utf8').digest()).slice(0, 16);
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
