import test from 'ava';
import fc from 'fast-check';
import {
	cidrContains,
	cidrsOverlap,
	indexedIP,
	normalizeCIDR,
	parseCIDR,
	tryParseCIDR,
} from '../../../src/sim/net/cidr.js';
import {NetParseError} from '../../../src/sim/net/errors.js';

test('parseCIDR reads both families', (t) => {
	t.deepEqual(parseCIDR('10.96.0.0/12'), {family: 'IPv4', bits: 32, prefix: 12, ip: 0x0a600000n, network: 0x0a600000n});
	const v6 = parseCIDR('fd00:10:96::/108');
	t.is(v6.family, 'IPv6');
	t.is(v6.prefix, 108);
});

test('a prefix length out of range names the input and the limit', (t) => {
	const error = t.throws(() => parseCIDR('10.96.0.0/33'), {instanceOf: NetParseError});
	t.is(error?.message, '"10.96.0.0/33": prefix length must be 0–32');
	t.is(t.throws(() => parseCIDR('fd00::/129'))?.message, '"fd00::/129": prefix length must be 0–128');
});

const refused: Array<[string, string]> = [
	['10.96.0.0', 'a CIDR needs a prefix length after a slash (a.b.c.d/len)'],
	['10.96.0.0/', 'prefix length must be 0–32'],
	['10.96.0.0/08', 'prefix length must be 0–32'],
	['10.96.0.0/+8', 'prefix length must be 0–32'],
	['10.96.0.0/12/4', 'prefix length must be 0–32'],
	['010.0.0.0/8', '"010" has a leading zero, which some tools read as octal; write it without the zero'],
	['10.1/16', 'an IPv4 address is 4 decimal numbers separated by dots (a.b.c.d)'],
];
for (const [input, reason] of refused) {
	test(`parseCIDR refuses ${JSON.stringify(input)}`, (t) => {
		const result = tryParseCIDR(input);
		t.false(result.ok);
		if (!result.ok) t.is(result.error.message, `${JSON.stringify(input)}: ${reason}`);
	});
}

test('host bits are masked as Go net.ParseCIDR does, and remembered', (t) => {
	const cidr = parseCIDR('10.96.0.5/12');
	t.is(cidr.network, 0x0a600000n);
	t.is(cidr.ip, 0x0a600005n);
	t.is(normalizeCIDR('10.96.0.5/12'), '10.96.0.0/12');
	t.is(normalizeCIDR('2001:DB8:0::1/32'), '2001:db8::/32');
	t.is(normalizeCIDR('0.0.0.0/0'), '0.0.0.0/0');
});

test('cidrContains: is 10.112.0.1 in 10.96.0.0/12?', (t) => {
	t.false(cidrContains('10.96.0.0/12', '10.112.0.1'));
	t.true(cidrContains('10.96.0.0/12', '10.111.255.255'));
	t.true(cidrContains('10.96.0.0/12', '10.96.0.0'));
	t.false(cidrContains('10.96.0.0/12', '10.95.255.255'));
	t.false(cidrContains('10.96.0.0/12', '::ffff:10.96.0.1'));
	t.true(cidrContains('fd00::/64', 'fd00::ffff'));
});

test('cidrsOverlap', (t) => {
	t.false(cidrsOverlap('10.244.0.0/16', '10.96.0.0/12'));
	t.true(cidrsOverlap('10.0.0.0/8', '10.96.0.0/12'));
	t.true(cidrsOverlap('10.96.0.0/12', '10.100.0.0/16'));
	t.false(cidrsOverlap('10.0.0.0/24', '10.0.1.0/24'));
	t.false(cidrsOverlap('10.0.0.0/8', 'fd00::/8'));
	t.true(cidrsOverlap('192.168.0.0/16', '192.168.0.0/16'));
});

test('cidrsOverlap is symmetric and agrees with containment (property)', (t) => {
	const block = fc.tuple(fc.integer({min: 0, max: 0xffffffff}), fc.integer({min: 0, max: 32}));
	const text = ([ip, prefix]: [number, number]) =>
		`${[ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.')}/${prefix}`;
	fc.assert(
		fc.property(block, block, (a, b) => {
			const x = text(a);
			const y = text(b);
			const overlap = cidrsOverlap(x, y);
			const eitherHoldsTheOther =
				cidrContains(x, normalizeCIDR(y).split('/')[0]!) || cidrContains(y, normalizeCIDR(x).split('/')[0]!);
			return overlap === cidrsOverlap(y, x) && overlap === eitherHoldsTheOther;
		}),
	);
	t.pass();
});

test('indexedIP counts from the network address', (t) => {
	t.is(indexedIP('10.96.0.0/12', 1), '10.96.0.1');
	t.is(indexedIP('10.96.0.0/12', 10), '10.96.0.10');
	t.is(indexedIP('fd00:10:96::/108', 10), 'fd00:10:96::a');
	t.is(
		t.throws(() => indexedIP('10.0.0.0/29', 10))?.message,
		`can't generate IP with index 10 from subnet. subnet too small. subnet: "10.0.0.0/29"`,
	);
});
