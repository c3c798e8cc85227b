// IPv4 addresses as unsigned 32-bit numbers, so a rule test is a mask and a compare instead of
// string work: KUBE-SERVICES on a big node is a linear scan of thousands of `-d` tests per packet.

import {TraceError} from './types.js';

export interface Cidr {
	network: number;
	mask: number;
}

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** DOTTED's octets as one number, if text is four 1-3 digit octets ≤ 255 without a leading 0;
 * else -1. Read by hand: a big node's trace parses thousands of addresses. */
function dottedValue(text: string): number {
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

/** Strict dotted decimal; anything else (IPv6, `010.0.0.1`, `1.2.3`) is refused, not guessed. */
export function parseIPv4(text: string): number {
	const quick = dottedValue(text);
	if (quick >= 0) return quick >>> 0;
	const m = DOTTED.exec(text);
	if (m === null) {
		if (text.includes(':')) throw new TraceError(`IPv6 address ${text}: the tracer walks IPv4 rule sets only`);
		throw new TraceError(`not an IPv4 address: ${JSON.stringify(text)}`);
	}
	let value = 0;
	for (let i = 1; i <= 4; i++) {
		const part = m[i] as string;
		const octet = Number(part);
		if (octet > 255 || (part.length > 1 && part.startsWith('0'))) {
			throw new TraceError(`not an IPv4 address: ${JSON.stringify(text)}`);
		}
		value = value * 256 + octet;
	}
	return value >>> 0;
}

export function formatIPv4(value: number): string {
	return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export function prefixMask(length: number): number {
	return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

/** `a.b.c.d/len` or a bare host; the network is masked as the kernel stores it. */
export function parseCidr(text: string): Cidr {
	const slash = text.indexOf('/');
	const address = parseIPv4(slash === -1 ? text : text.slice(0, slash));
	let length = 32;
	if (slash !== -1) {
		const lengthText = text.slice(slash + 1);
		if (/^\d{1,2}$/.test(lengthText) && Number(lengthText) <= 32) {
			length = Number(lengthText);
		} else {
			// A dotted mask (`/255.255.0.0`) is legal iptables input too.
			const mask = parseIPv4(lengthText);
			return {network: (address & mask) >>> 0, mask};
		}
	}
	const mask = prefixMask(length);
	return {network: (address & mask) >>> 0, mask};
}

export function inCidr(address: number, cidr: Cidr): boolean {
	return ((address & cidr.mask) >>> 0) === cidr.network;
}

const LOOPBACK: Cidr = {network: 0x7f000000, mask: 0xff000000};

/** What `-m addrtype --*-type LOCAL` tests: the node's own addresses and all of 127.0.0.0/8
 * (the kernel's local routing table holds the whole /8). */
export function localAddressTest(localAddresses: readonly string[]): (address: number) => boolean {
	// A dual-stack node also lists IPv6 addresses; no IPv4 packet can have them.
	const own = new Set(localAddresses.filter((address) => !address.includes(':')).map(parseIPv4));
	return (address) => inCidr(address, LOOPBACK) || own.has(address);
}
