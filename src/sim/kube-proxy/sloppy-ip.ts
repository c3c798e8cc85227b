// kube-proxy reads every address with k8s.io/utils/net's ParseIPSloppy / ParseCIDRSloppy and writes
// back Go's String() of the result, so what lands in iptables is always the canonical form: IPv4
// octets with leading zeros read as decimal (`172.30.0.041` → `172.30.0.41`), IPv6 compressed and
// lower case, and CIDRs with their host bits cleared (`192.168.0.5/24` → `192.168.0.0/24`). Values
// that do not parse are dropped, as kube-proxy drops them (upstream TestBadIPs).
import {canonicalIP} from '../net/ip.js';
import {normalizeCIDR} from '../net/cidr.js';

const OCTETS = /^[0-9]+(\.[0-9]+){3}$/;

/** IPv4 leading zeros are decimal to the sloppy parser; the strict one in src/sim/net refuses them. */
function unpadIPv4(s: string): string {
	return OCTETS.test(s) ? s.split('.').map((octet) => String(Number(octet))).join('.') : s;
}

/** Already canonical dotted decimal: the common case, answered without parsing (large clusters). */
const CANONICAL_IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;

/** Go's `ParseIPSloppy(s).String()`, or undefined where Go would get nil. */
export function sloppyIP(s: string): string | undefined {
	if (CANONICAL_IPV4.test(s)) return s;
	try {
		return canonicalIP(unpadIPv4(s.trim()));
	} catch {
		return undefined;
	}
}

/** Go's `ParseCIDRSloppy(s)` network, `.String()`: host bits cleared. Undefined where Go errs. */
export function sloppyCIDR(s: string): string | undefined {
	const slash = s.indexOf('/');
	if (slash < 0) return undefined;
	const prefix = s.slice(slash + 1);
	if (!/^[0-9]+$/.test(prefix)) return undefined;
	try {
		return normalizeCIDR(`${unpadIPv4(s.slice(0, slash))}/${Number(prefix)}`);
	} catch {
		return undefined;
	}
}
