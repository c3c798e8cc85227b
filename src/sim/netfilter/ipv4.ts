// IPv4 addresses as unsigned 32-bit numbers, so a rule test is a mask and a compare instead of
// string work: KUBE-SERVICES on a big node is a linear scan of thousands of `-d` tests per packet.

import {formatIPv4, ipv4Value} from '../net/ipv4.js';
import {TraceError} from './types.js';

export interface Cidr {
	network: number;
	mask: number;
}

/** Strict dotted decimal, as everywhere in svc-tutor (src/sim/net/ipv4.ts); anything else
 * (IPv6, `010.0.0.1`, `1.2.3`) is refused, not guessed. */
export function parseIPv4(text: string): number {
	const value = ipv4Value(text);
	if (value >= 0) return value;
	if (text.includes(':')) throw new TraceError(`IPv6 address ${text}: the tracer walks IPv4 rule sets only`);
	throw new TraceError(`not an IPv4 address: ${JSON.stringify(text)}`);
}

export {formatIPv4};

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
