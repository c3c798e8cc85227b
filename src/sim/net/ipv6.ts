// IPv6 as kube-proxy needs it: parse every textual form Go's net.ParseIP accepts (compressed `::`,
// an embedded dotted IPv4 tail), print the RFC 5952 form Go prints, so rules and chain hashes built
// from these strings match a real node's.
import {tryParseIPv4} from './ipv4.js';
import {inputPiece, orThrow, parsed, refused, type Parsed} from './errors.js';

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Groups of one side of `::`, or of the whole address; an IPv4 tail counts as two groups. */
function parseGroups(input: string, side: string, allowIPv4Tail: boolean): Parsed<number[]> {
	if (side === '') return parsed([]);
	const texts = side.split(':');
	const groups: number[] = [];
	for (const [i, text] of texts.entries()) {
		if (allowIPv4Tail && i === texts.length - 1 && text.includes('.')) {
			const v4 = tryParseIPv4(text);
			if (!v4.ok) return refused(input, `its IPv4 part is invalid: ${v4.error.reason}`);
			groups.push(Math.floor(v4.value / 65536), v4.value % 65536);
			continue;
		}
		if (text === '') return refused(input, 'empty group (only one "::" may stand for zero groups)');
		if (!HEX_GROUP.test(text)) return refused(input, `${inputPiece(text)} is not a group of 1–4 hexadecimal digits`);
		groups.push(parseInt(text, 16));
	}
	return parsed(groups);
}

export function tryParseIPv6(s: string): Parsed<bigint> {
	if (s.includes('%')) return refused(s, 'zone identifiers (%…) are not allowed here');
	if (s.startsWith('[') || s.endsWith(']')) return refused(s, 'write the address without brackets');
	const halves = s.split('::');
	if (halves.length > 2) return refused(s, '"::" may appear only once');

	let groups: number[];
	if (halves.length === 2) {
		const head = parseGroups(s, halves[0]!, false);
		if (!head.ok) return head;
		const tail = parseGroups(s, halves[1]!, true);
		if (!tail.ok) return tail;
		const missing = 8 - head.value.length - tail.value.length;
		if (missing < 1) return refused(s, 'too many groups for "::" to stand for any');
		groups = [...head.value, ...new Array<number>(missing).fill(0), ...tail.value];
	} else {
		const all = parseGroups(s, s, true);
		if (!all.ok) return all;
		if (s === '' || all.value.length !== 8) return refused(s, 'an IPv6 address has 8 groups, or fewer with "::"');
		groups = all.value;
	}
	let value = 0n;
	for (const group of groups) value = (value << 16n) | BigInt(group);
	return parsed(value);
}

/** Throws NetParseError. */
export function parseIPv6(s: string): bigint {
	return orThrow(tryParseIPv6(s));
}

export const IPV6_MAX = (1n << 128n) - 1n;

/** RFC 5952: lower case, no leading zeros, the longest run (the first if tied) of two or more zero groups as `::`. */
export function formatIPv6(value: bigint): string {
	if (value < 0n || value > IPV6_MAX) throw new RangeError(`${value} is not an IPv6 address`);
	const groups: number[] = [];
	for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));

	// IPv4-mapped addresses keep their dotted tail, as Go's netip prints them.
	if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
		const v4 = [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
		return `::ffff:${v4}`;
	}

	let bestStart = -1;
	let bestLength = 1;
	for (let i = 0; i < 8; ) {
		if (groups[i] !== 0) {
			i++;
			continue;
		}
		let j = i;
		while (j < 8 && groups[j] === 0) j++;
		if (j - i > bestLength) {
			bestStart = i;
			bestLength = j - i;
		}
		i = j;
	}
	const hex = groups.map((g) => g.toString(16));
	if (bestStart < 0) return hex.join(':');
	const head = hex.slice(0, bestStart).join(':');
	const tail = hex.slice(bestStart + bestLength).join(':');
	return `${head}::${tail}`;
}
