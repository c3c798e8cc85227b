import test from 'ava';
import fc from 'fast-check';
import {nthSubnet, subnetCount} from '../../../src/sim/net/subnets.js';
import {cidrsOverlap} from '../../../src/sim/net/cidr.js';

test('10.244.0.0/16 cut into /24: 256 node subnets, the third is 10.244.2.0/24', (t) => {
	t.is(subnetCount('10.244.0.0/16', 24), 256);
	t.is(nthSubnet('10.244.0.0/16', 24, 0), '10.244.0.0/24');
	t.is(nthSubnet('10.244.0.0/16', 24, 2), '10.244.2.0/24');
	t.is(nthSubnet('10.244.0.0/16', 24, 255), '10.244.255.0/24');
	t.is(subnetCount('10.32.0.0/12', 24), 4096);
	t.is(nthSubnet('10.32.0.0/12', 24, 300), '10.33.44.0/24');
});

test('mask sizes and indexes out of range are refused', (t) => {
	t.throws(() => subnetCount('10.244.0.0/16', 15), {instanceOf: RangeError});
	t.throws(() => subnetCount('10.244.0.0/16', 33), {instanceOf: RangeError});
	t.is(
		t.throws(() => nthSubnet('10.244.0.0/16', 24, 256))?.message,
		'10.244.0.0/16 has 256 subnets of /24; there is no index 256',
	);
	t.throws(() => nthSubnet('10.244.0.0/16', 24, -1), {instanceOf: RangeError});
});

test('IPv6 node subnets', (t) => {
	t.is(subnetCount('fd00:10:244::/56', 64), 256);
	t.is(nthSubnet('fd00:10:244::/56', 64, 1), 'fd00:10:244:1::/64');
});

test('distinct subnets never overlap (property)', (t) => {
	fc.assert(
		fc.property(fc.integer({min: 16, max: 28}), fc.nat(), fc.nat(), (mask, a, b) => {
			const count = subnetCount('10.244.0.0/16', mask);
			const i = a % count;
			const j = b % count;
			return cidrsOverlap(nthSubnet('10.244.0.0/16', mask, i), nthSubnet('10.244.0.0/16', mask, j)) === (i === j);
		}),
	);
	t.pass();
});
