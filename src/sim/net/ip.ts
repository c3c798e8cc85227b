// One address type for both families, so allocators and rule writers handle IPv4 and IPv6 the same
// way; the family-specific parsers stay in ipv4.ts and ipv6.ts and are re-exported here.
import {formatIPv4, tryParseIPv4} from './ipv4.js';
import {formatIPv6, tryParseIPv6} from './ipv6.js';
import {orThrow, parsed, type Parsed} from './errors.js';

export {formatIPv4, parseIPv4, tryParseIPv4} from './ipv4.js';
export {formatIPv6, parseIPv6, tryParseIPv6} from './ipv6.js';
export {NetParseError, type Parsed} from './errors.js';

export type IPFamily = 'IPv4' | 'IPv6';

export interface IP {
	family: IPFamily;
	/** The address as an unsigned integer (bigint so one type fits 128 bits). */
	value: bigint;
}

export function familyBits(family: IPFamily): 32 | 128 {
	return family === 'IPv4' ? 32 : 128;
}

/** A colon can only be IPv6, so the family is chosen before parsing and the error speaks of that family. */
export function tryParseIP(s: string): Parsed<IP> {
	if (s.includes(':')) {
		const v6 = tryParseIPv6(s);
		return v6.ok ? parsed({family: 'IPv6', value: v6.value}) : v6;
	}
	const v4 = tryParseIPv4(s);
	return v4.ok ? parsed({family: 'IPv4', value: BigInt(v4.value)}) : v4;
}

/** Throws NetParseError. */
export function parseIP(s: string): IP {
	return orThrow(tryParseIP(s));
}

export function formatIP(ip: IP): string {
	return ip.family === 'IPv4' ? formatIPv4(Number(ip.value)) : formatIPv6(ip.value);
}

/** The form every component prints (`2001:DB8:0::1` → `2001:db8::1`). Throws NetParseError. */
export function canonicalIP(s: string): string {
	return formatIP(parseIP(s));
}

export function ipFamilyOf(s: string): IPFamily {
	return parseIP(s).family;
}

/** `ip:port`, with IPv6 in brackets as kube-proxy writes endpoints (`[fd00::1]:80`), like Go's net.JoinHostPort. */
export function formatHostPort(ip: string, port: number): string {
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`${port} is not a port number`);
	const address = parseIP(ip);
	const host = formatIP(address);
	return address.family === 'IPv6' ? `[${host}]:${port}` : `${host}:${port}`;
}
