// Strict dotted-decimal IPv4. Tools disagree on everything else (inet_aton and netmask read `010` as
// octal 8 and accept `0x0a` and `10.1`; Go rejects leading zeros; Kubernetes' "sloppy" parser reads
// `010` as decimal 10), so the simulator accepts only the one form they all read the same way.
import {inputPiece, orThrow, parsed, refused, type Parsed} from './errors.js';

export const IPV4_MAX = 0xffffffff;

const DIGITS = /^[0-9]+$/;

/**
 * The address as an unsigned number, or -1 when it is not strict dotted decimal (4 octets of 1–3
 * digits, each ≤ 255, no leading zero). Read by hand without allocating: the packet tracer parses
 * thousands of addresses on a big node. tryParseIPv4 says why an address was refused.
 */
export function ipv4Value(text: string): number {
	let value = 0;
	let octets = 0;
	let digits = 0;
	let octet = 0;
	for (let i = 0; i <= text.length; i++) {
		const c = i < text.length ? text.charCodeAt(i) : 46;
		if (c === 46) {
			if (digits === 0 || octet > 255 || (digits > 1 && text.charCodeAt(i - digits) === 48)) return -1;
			value = value * 256 + octet;
			octets++;
			digits = 0;
			octet = 0;
			continue;
		}
		if (c < 48 || c > 57 || ++digits > 3) return -1;
		octet = octet * 10 + (c - 48);
	}
	return octets === 4 ? value : -1;
}

export function tryParseIPv4(s: string): Parsed<number> {
	const quick = ipv4Value(s);
	if (quick >= 0) return parsed(quick);
	const parts = s.split('.');
	if (parts.length !== 4) {
		return refused(s, 'an IPv4 address is 4 decimal numbers separated by dots (a.b.c.d)');
	}
	let value = 0;
	for (const part of parts) {
		if (part === '') return refused(s, 'an IPv4 address is 4 decimal numbers separated by dots (a.b.c.d)');
		if (!DIGITS.test(part)) return refused(s, `${inputPiece(part)} is not a decimal number`);
		if (part.length > 1 && part.startsWith('0')) {
			return refused(s, `${inputPiece(part)} has a leading zero, which some tools read as octal; write it without the zero`);
		}
		const octet = Number(part);
		if (octet > 255) return refused(s, `${inputPiece(part, false)} is not in 0–255`);
		// Multiplying instead of shifting keeps the result an unsigned number.
		value = value * 256 + octet;
	}
	return parsed(value);
}

/** Throws NetParseError. */
export function parseIPv4(s: string): number {
	return orThrow(tryParseIPv4(s));
}

export function formatIPv4(n: number): string {
	if (!Number.isInteger(n) || n < 0 || n > IPV4_MAX) throw new RangeError(`${n} is not an IPv4 address`);
	return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
