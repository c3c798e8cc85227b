import test from 'ava';
import fc from 'fast-check';
import {
	NetParseError,
	canonicalIP,
	formatHostPort,
	formatIPv4,
	formatIPv6,
	parseIP,
	parseIPv4,
	parseIPv6,
	tryParseIPv4,
} from '../../../src/sim/net/ip.js';

test('parseIPv4 reads dotted decimal', (t) => {
	t.is(parseIPv4('0.0.0.0'), 0);
	t.is(parseIPv4('10.96.0.1'), 0x0a600001);
	t.is(parseIPv4('255.255.255.255'), 0xffffffff);
	t.is(formatIPv4(0x0a600001), '10.96.0.1');
});

const refusedIPv4: Array<[string, string]> = [
	['010.0.0.1', '"010" has a leading zero, which some tools read as octal; write it without the zero'],
	['10.0.0.01', '"01" has a leading zero, which some tools read as octal; write it without the zero'],
	['0x0a.0.0.1', '"0x0a" is not a decimal number'],
	['10.1', 'an IPv4 address is 4 decimal numbers separated by dots (a.b.c.d)'],
	['1.2.3.4.5', 'an IPv4 address is 4 decimal numbers separated by dots (a.b.c.d)'],
	['1..2.3', 'an IPv4 address is 4 decimal numbers separated by dots (a.b.c.d)'],
	['', 'an IPv4 address is 4 decimal numbers separated by dots (a.b.c.d)'],
	['256.0.0.1', '256 is not in 0–255'],
	[' 10.0.0.1', '" 10" is not a decimal number'],
	['-1.0.0.0', '"-1" is not a decimal number'],
	['１０.0.0.1', '"１０" is not a decimal number'],
];

for (const [input, reason] of refusedIPv4) {
	test(`parseIPv4 refuses ${JSON.stringify(input)}`, (t) => {
		const result = tryParseIPv4(input);
		t.false(result.ok);
		if (result.ok) return;
		t.is(result.error.reason, reason);
		t.is(result.error.input, input);
		t.is(result.error.message, `${JSON.stringify(input)}: ${reason}`);
		const thrown = t.throws(() => parseIPv4(input), {instanceOf: NetParseError});
		t.is(thrown?.reason, reason);
	});
}

test('formatIPv4 refuses what is not a 32-bit address', (t) => {
	t.throws(() => formatIPv4(-1), {instanceOf: RangeError});
	t.throws(() => formatIPv4(2 ** 32), {instanceOf: RangeError});
	t.throws(() => formatIPv4(1.5), {instanceOf: RangeError});
});

test('IPv4 round-trips (property)', (t) => {
	fc.assert(fc.property(fc.integer({min: 0, max: 0xffffffff}), (n) => parseIPv4(formatIPv4(n)) === n));
	fc.assert(fc.property(fc.ipV4(), (s) => formatIPv4(parseIPv4(s)) === s));
	t.pass();
});

test('parseIPv6 reads full, compressed and mixed forms', (t) => {
	t.is(parseIPv6('::'), 0n);
	t.is(parseIPv6('::1'), 1n);
	t.is(parseIPv6('0:0:0:0:0:0:0:1'), 1n);
	t.is(parseIPv6('2001:db8::1'), 0x20010db8000000000000000000000001n);
	t.is(parseIPv6('2001:DB8::1'), parseIPv6('2001:db8::1'));
	t.is(parseIPv6('1::'), 1n << 112n);
	t.is(parseIPv6('::ffff:192.0.2.1'), 0xffffc0000201n);
	t.is(parseIPv6('1:2:3:4:5:6:7::'), parseIPv6('1:2:3:4:5:6:7:0'));
});

const refusedIPv6 = ['1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', 'fe80::1%eth0', '[::1]', '12345::', 'g::1', ':1::', '1:2:3:4:5:6:7:8::', '::1.2.3'];
for (const input of refusedIPv6) {
	test(`parseIPv6 refuses ${JSON.stringify(input)}`, (t) => {
		const error = t.throws(() => parseIPv6(input), {instanceOf: NetParseError});
		t.true(error?.message.startsWith(JSON.stringify(input)));
	});
}

test('formatIPv6 prints RFC 5952 text, as Go does', (t) => {
	const cases: Array<[string, string]> = [
		['0:0:0:0:0:0:0:0', '::'],
		['0:0:0:0:0:0:0:1', '::1'],
		['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
		['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
		['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
		['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
		['FD00:10:96:0:0:0:0:A', 'fd00:10:96::a'],
		['::ffff:c000:0201', '::ffff:192.0.2.1'],
		['ff06:0:0:0:0:0:0:c1', 'ff06::c1'],
	];
	for (const [input, expected] of cases) t.is(canonicalIP(input), expected, input);
});

test('IPv6 round-trips (property)', (t) => {
	const address = fc.bigInt({min: 0n, max: (1n << 128n) - 1n});
	fc.assert(fc.property(address, (v) => parseIPv6(formatIPv6(v)) === v));
	// Every text form fast-check generates (compressed, mixed with IPv4) parses, and its canonical text parses back to it.
	fc.assert(fc.property(fc.ipV6(), (s) => parseIPv6(formatIPv6(parseIPv6(s))) === parseIPv6(s)));
	t.pass();
});

test('parseIP picks the family', (t) => {
	t.deepEqual(parseIP('10.0.0.1'), {family: 'IPv4', value: 0x0a000001n});
	t.deepEqual(parseIP('fd00::1'), {family: 'IPv6', value: 0xfd000000000000000000000000000001n});
});

test('formatHostPort brackets IPv6 as kube-proxy writes endpoints', (t) => {
	t.is(formatHostPort('10.180.0.1', 80), '10.180.0.1:80');
	t.is(formatHostPort('ff06:0::c1', 80), '[ff06::c1]:80');
	t.throws(() => formatHostPort('10.0.0.1', 65536), {instanceOf: RangeError});
	t.throws(() => formatHostPort('10.0.0.256', 80), {instanceOf: NetParseError});
});
