// Numbers and addresses, parsed the way libxtables does. These run for nearly every word of a big
// restore, so they read characters in place instead of splitting and testing regular expressions.

import {paramError, unsupported} from './errors.js';

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

function hexDigit(c: number): number {
	if (c >= 48 && c <= 57) return c - 48;
	if (c >= 97 && c <= 102) return c - 87;
	if (c >= 65 && c <= 70) return c - 55;
	return -1;
}

/**
 * strtoul with base 0 (0x hex, leading-0 octal, else decimal) over text[from, to), the whole of it,
 * within max: what /^0[xX][0-9a-fA-F]+$/, /^0[0-7]*$/ and /^[1-9][0-9]*$/ accept, else undefined.
 */
function parseUnsignedIn(text: string, from: number, to: number, max: number): number | undefined {
	if (from >= to) return undefined;
	const c = text.charCodeAt(from);
	let value = 0;
	if (c === 48) {
		const x = from + 1 < to ? text.charCodeAt(from + 1) : -1;
		if (x === 120 || x === 88) {
			if (from + 2 >= to) return undefined;
			for (let i = from + 2; i < to; i++) {
				const d = hexDigit(text.charCodeAt(i));
				if (d < 0) return undefined;
				value = value * 16 + d;
			}
		} else {
			for (let i = from + 1; i < to; i++) {
				const d = text.charCodeAt(i) - 48;
				if (d < 0 || d > 7) return undefined;
				value = value * 8 + d;
			}
		}
	} else if (c > 48 && c <= 57) {
		for (let i = from; i < to; i++) {
			const d = text.charCodeAt(i) - 48;
			if (d < 0 || d > 9) return undefined;
			value = value * 10 + d;
		}
		// Past 2^53 the sum above rounds; Number() is what the regular expression version used.
		if (to - from > 15) value = Number(text.slice(from, to));
	} else {
		return undefined;
	}
	return value <= max ? value : undefined;
}

/** strtoul with base 0 (0x hex, leading-0 octal, else decimal), whole string, within max. */
export function parseUnsigned(text: string, max: number): number | undefined {
	return parseUnsignedIn(text, 0, text.length, max);
}

export function intToIp(value: number): string {
	return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** xtables' numeric address parser over text[from, to): octets in any strtoul base; `10.1` means
 * 10.1.0.0. A mask must have all four octets. */
function parseIpv4In(text: string, from: number, to: number, isMask: boolean): number | undefined {
	let value = 0;
	let octets = 0;
	let start = from;
	for (;;) {
		let end = text.indexOf('.', start);
		if (end < 0 || end > to) end = to;
		if (octets === 4) return undefined;
		const octet = parseUnsignedIn(text, start, end, 255);
		if (octet === undefined) return undefined;
		value = value * 256 + octet;
		octets++;
		if (end === to) break;
		start = end + 1;
	}
	if (isMask && octets !== 4) return undefined;
	for (; octets < 4; octets++) value *= 256;
	return value;
}

/** xtables' numeric address parser: octets in any strtoul base; `10.1` means 10.1.0.0. */
export function parseIpv4(text: string, isMask = false): number | undefined {
	return parseIpv4In(text, 0, text.length, isMask);
}

/** Whether text[from, to) is an address as intToIp writes it: four decimal octets, no leading 0. */
export function isCanonicalIpv4(text: string, from: number, to: number): boolean {
	let octets = 0;
	let digits = 0;
	let octet = 0;
	let lead = 0;
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c === 46) {
			if (digits === 0 || (lead === 48 && digits > 1) || octet > 255) return false;
			octets++;
			digits = 0;
			octet = 0;
			continue;
		}
		if (!isDigit(c)) return false;
		if (digits === 0) lead = c;
		octet = octet * 10 + (c - 48);
		digits++;
		if (digits > 3) return false;
	}
	return octets === 3 && digits > 0 && !(lead === 48 && digits > 1) && octet <= 255;
}

function prefixMask(prefix: number): number {
	return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function maskToPrefix(mask: number): number | undefined {
	for (let prefix = 0; prefix <= 32; prefix++) if (prefixMask(prefix) === mask) return prefix;
	return undefined;
}

/** `10.1.2.3/8` → `10.0.0.0/8`, a host → `/32`; undefined for 0.0.0.0/0 (the kernel keeps nothing). */
export function parseAddress(line: number, text: string): string | undefined {
	const slash = text.indexOf('/');
	if (slash < 0) {
		// The common case, a plain host address: already in the form iptables prints.
		if (isCanonicalIpv4(text, 0, text.length)) return `${text}/32`;
		const host = parseIpv4In(text, 0, text.length, false);
		if (host === undefined) throw paramError(line, `host/network \`${text}' not found`);
		return `${intToIp(host)}/32`;
	}
	const host = parseIpv4In(text, 0, slash, false);
	if (host === undefined) throw paramError(line, `host/network \`${text.slice(0, slash)}' not found`);
	let prefix: number;
	const maskText = text.slice(slash + 1);
	if (maskText.includes('.')) {
		const mask = parseIpv4(maskText, true);
		if (mask === undefined) throw paramError(line, `host/network \`${maskText}' not found`);
		const candidate = maskToPrefix(mask);
		if (candidate === undefined) throw unsupported(line, `the non-contiguous netmask ${maskText}`);
		prefix = candidate;
	} else {
		const bits = parseUnsigned(maskText, 32);
		if (bits === undefined) throw paramError(line, `invalid mask \`${maskText}' specified`);
		prefix = bits;
	}
	if (prefix === 0) return undefined;
	return `${intToIp((host & prefixMask(prefix)) >>> 0)}/${prefix}`;
}

/** `value[/mask]` of the mark match and MARK target, each a strtoul number. */
export function parseMarkValue(line: number, label: string, option: string, text: string): {value: number; mask?: number} {
	const [valueText, maskText, extra] = text.split('/');
	const value = parseUnsigned(valueText ?? '', 0xffffffff);
	const mask = maskText === undefined ? undefined : parseUnsigned(maskText, 0xffffffff);
	if (value === undefined || (maskText !== undefined && mask === undefined) || extra !== undefined) {
		throw paramError(line, `${label}: bad integer value for option "--${option}", or out of range.\n`);
	}
	return mask === undefined ? {value} : {value, mask};
}
