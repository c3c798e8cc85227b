// Learners write the same range many ways ("10.96.0.0/12", "10.96.0.0 - 10.111.255.255", with an
// en dash pasted from a course). This reads all of those into one {first,last} so quizzes compare
// values, not spelling, while each address is still parsed strictly: a lenient parser that read
// "010.96.0.0" as octal would mark a wrong answer right.
import {tryParseCIDR, cidrLast, formatCIDR, hasHostBits} from './cidr.js';
import {tryParseIPv4} from './ipv4.js';
import {parsed, refused, type Parsed} from './errors.js';

export interface IPv4Range {
	/** Inclusive bounds as unsigned 32-bit numbers. */
	first: number;
	last: number;
}

/** Dash-like characters people type or paste between two addresses, and the word "to". */
const SEPARATOR = /\s*(?:-|–|—|‒|―|\bto\b)\s*/i;

export function parseRangeAnswer(answer: string): Parsed<IPv4Range> {
	const text = answer.trim().replace(/\s*\/\s*/, '/');
	if (text === '') return refused(answer, 'write a range as a.b.c.d/len or a.b.c.d - e.f.g.h');

	if (text.includes('/')) {
		const cidr = tryParseCIDR(text);
		if (!cidr.ok) return refused(answer, cidr.error.reason);
		if (cidr.value.family !== 'IPv4') return refused(answer, 'expected an IPv4 range');
		if (hasHostBits(cidr.value)) {
			return refused(answer, `the address has host bits set for /${cidr.value.prefix}; did you mean ${formatCIDR(cidr.value)}?`);
		}
		return parsed({first: Number(cidr.value.network), last: Number(cidrLast(cidr.value))});
	}

	const parts = text.split(SEPARATOR);
	if (parts.length !== 2) return refused(answer, 'write a range as a.b.c.d/len or a.b.c.d - e.f.g.h');
	const first = tryParseIPv4(parts[0]!);
	if (!first.ok) return refused(answer, first.error.reason);
	const last = tryParseIPv4(parts[1]!);
	if (!last.ok) return refused(answer, last.error.reason);
	if (first.value > last.value) return refused(answer, 'the first address is after the last one');
	return parsed({first: first.value, last: last.value});
}

/** Same range, however it was written. */
export function sameRange(a: IPv4Range, b: IPv4Range): boolean {
	return a.first === b.first && a.last === b.last;
}
