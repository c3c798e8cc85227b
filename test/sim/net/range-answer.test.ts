import test from 'ava';
import {parseRangeAnswer, sameRange} from '../../../src/sim/net/range-answer.js';
import {parseIPv4} from '../../../src/sim/net/ipv4.js';

const expected = {first: parseIPv4('10.96.0.0'), last: parseIPv4('10.111.255.255')};

for (const answer of [
	'10.96.0.0/12',
	'  10.96.0.0 / 12 ',
	'10.96.0.0 - 10.111.255.255',
	'10.96.0.0-10.111.255.255',
	'10.96.0.0–10.111.255.255',
	'10.96.0.0 — 10.111.255.255',
	'10.96.0.0 to 10.111.255.255',
]) {
	test(`${JSON.stringify(answer)} is the range 10.96.0.0–10.111.255.255`, (t) => {
		const result = parseRangeAnswer(answer);
		t.true(result.ok);
		if (result.ok) t.true(sameRange(result.value, expected));
	});
}

const refused: Array<[string, string]> = [
	['010.96.0.0/12', '"010" has a leading zero, which some tools read as octal; write it without the zero'],
	['10.96.0.5/12', 'the address has host bits set for /12; did you mean 10.96.0.0/12?'],
	['10.111.255.255 - 10.96.0.0', 'the first address is after the last one'],
	['10.96.0.1', 'write a range as a.b.c.d/len or a.b.c.d - e.f.g.h'],
	['', 'write a range as a.b.c.d/len or a.b.c.d - e.f.g.h'],
	['10.96/12', 'an IPv4 address is 4 decimal numbers separated by dots (a.b.c.d)'],
	['fd00::/108', 'expected an IPv4 range'],
	['10.96.0.0 - 10.111.255.256', '256 is not in 0–255'],
];
for (const [answer, reason] of refused) {
	test(`${JSON.stringify(answer)} is refused: ${reason}`, (t) => {
		const result = parseRangeAnswer(answer);
		t.false(result.ok);
		if (!result.ok) t.is(result.error.reason, reason);
	});
}

test('a range of one address written as a /32', (t) => {
	const result = parseRangeAnswer('10.96.0.1/32');
	t.deepEqual(result, {ok: true, value: {first: parseIPv4('10.96.0.1'), last: parseIPv4('10.96.0.1')}});
});
