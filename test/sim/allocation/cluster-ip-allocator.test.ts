import test from 'ava';
import fc from 'fast-check';
import {ClusterIPAllocator} from '../../../src/sim/allocation/cluster-ip-allocator.js';
import {kubectlInvalidMessage} from '../../../src/sim/allocation/api-errors.js';
import {seededRandom} from '../../../src/sim/random.js';
import {parseIPv4} from '../../../src/sim/net/ipv4.js';

test('10.96.0.0/12: 1048574 addresses, kubernetes at 10.96.0.1, a static band of 256', (t) => {
	const alloc = new ClusterIPAllocator('10.96.0.0/12');
	t.is(alloc.cidr, '10.96.0.0/12');
	t.is(alloc.size, 1048574);
	t.is(alloc.firstIP, '10.96.0.1');
	t.is(alloc.kubernetesServiceIP, '10.96.0.1');
	t.is(alloc.lastIP, '10.111.255.254');
	t.is(alloc.staticBandSize, 256);
	t.deepEqual(alloc.staticBand(), {first: '10.96.0.1', last: '10.96.1.0'});
	t.is(alloc.free, 1048574);
});

test('band sizes: /24 → 16 addresses (.1–.16), /28 → none', (t) => {
	const c24 = new ClusterIPAllocator('10.0.0.0/24');
	t.is(c24.size, 254);
	t.deepEqual(c24.staticBand(), {first: '10.0.0.1', last: '10.0.0.16'});
	const c28 = new ClusterIPAllocator('10.0.0.0/28');
	t.is(c28.size, 14);
	t.is(c28.staticBand(), null);
});

test('a range kube-apiserver refuses cannot be built', (t) => {
	t.is(
		t.throws(() => new ClusterIPAllocator('10.96.0.0/11'))?.message,
		'specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12',
	);
});

test('user-chosen IPs: the kubernetes and kube-dns IPs, then a duplicate', (t) => {
	const alloc = new ClusterIPAllocator('10.96.0.0/12');
	t.deepEqual(alloc.allocate('10.96.0.1'), {ok: true, ip: '10.96.0.1'});
	t.deepEqual(alloc.allocate('10.96.0.10'), {ok: true, ip: '10.96.0.10'});
	t.true(alloc.has('10.96.0.10'));
	const again = alloc.allocate('10.96.0.10');
	t.false(again.ok);
	if (again.ok) return;
	t.is(again.error.reason, 'AlreadyAllocated');
	t.is(again.error.message, 'provided IP is already allocated');
	t.is(
		again.error.apiMessage,
		'spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
	);
	t.is(
		kubectlInvalidMessage('Service', 'kube-dns', again.error.fieldError!),
		'The Service "kube-dns" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
	);
	t.is(alloc.used, 2);
});

test('an IP outside the range, in each kube-apiserver wording', (t) => {
	const current = new ClusterIPAllocator('10.96.0.0/12').allocate('10.112.0.1');
	t.like(current, {
		ok: false,
		error: {
			reason: 'MismatchedNetwork',
			message: 'the provided network does not match the current range',
			apiMessage:
				'spec.clusterIPs: Invalid value: []string{"10.112.0.1"}: failed to allocate IP 10.112.0.1: the provided network does not match the current range',
		},
	});
	const v127 = new ClusterIPAllocator('10.96.0.0/12', {wording: 'v1.27'}).allocate('10.112.0.1');
	t.like(v127, {
		ok: false,
		error: {
			reason: 'NotInRange',
			message: 'the provided IP (10.112.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
		},
	});
	const v19 = new ClusterIPAllocator('10.96.0.0/12', {wording: 'v1.9'}).allocate('10.112.0.1');
	t.like(v19, {
		ok: false,
		error: {
			reason: 'NotInRange',
			apiMessage:
				'spec.clusterIPs: Invalid value: []string{"10.112.0.1"}: failed to allocate IP 10.112.0.1: provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12',
		},
	});
});

test('network and broadcast addresses are never allocated', (t) => {
	const alloc = new ClusterIPAllocator('10.96.0.0/12');
	for (const ip of ['10.96.0.0', '10.111.255.255']) {
		t.like(alloc.allocate(ip), {
			ok: false,
			error: {
				reason: 'NotInRange',
				message: `the provided IP (${ip}) is not in the valid range. The range of valid IPs is 10.96.0.0/12`,
			},
		});
	}
	t.is(alloc.used, 0);
});

test('an IP of a family the cluster does not serve', (t) => {
	t.like(new ClusterIPAllocator('10.96.0.0/12').allocate('fd00::1'), {
		ok: false,
		error: {
			reason: 'FamilyNotConfigured',
			apiMessage: 'spec.clusterIPs[0]: Invalid value: []string{"fd00::1"}: IPv6 is not configured on this cluster',
		},
	});
});

test('dynamic IPs come from the upper band until it is full, then from the lower band, then none', (t) => {
	const alloc = new ClusterIPAllocator('10.0.0.0/24');
	const random = seededRandom(7);
	const offsets: number[] = [];
	for (let i = 0; i < 254; i++) {
		const result = alloc.allocateNext(random);
		if (!result.ok) return t.fail(result.error.message);
		offsets.push(parseIPv4(result.ip) - parseIPv4('10.0.0.0'));
	}
	t.true(offsets.slice(0, 238).every((o) => o >= 17 && o <= 254), 'the first 238 are .17–.254');
	t.true(offsets.slice(238).every((o) => o >= 1 && o <= 16), 'the last 16 are .1–.16');
	t.is(new Set(offsets).size, 254);
	const full = alloc.allocateNext(random);
	t.like(full, {
		ok: false,
		error: {reason: 'Full', message: 'range is full', apiMessage: 'Internal error occurred: failed to allocate a serviceIP: range is full'},
	});
});

test('the same seed gives the same IPs; another seed other IPs', (t) => {
	const run = (seed: number) => {
		const alloc = new ClusterIPAllocator('10.96.0.0/12');
		alloc.allocate('10.96.0.1');
		alloc.allocate('10.96.0.10');
		const random = seededRandom(seed);
		return Array.from({length: 5}, () => {
			const r = alloc.allocateNext(random);
			return r.ok ? r.ip : r.error.message;
		});
	};
	t.deepEqual(run(42), run(42));
	t.notDeepEqual(run(42), run(43));
	t.true(run(42).every((ip) => parseIPv4(ip) > parseIPv4('10.96.1.0')), 'dynamic IPs avoid the static band');
});

test('release gives an IP back; releasing twice or out of range is a no-op', (t) => {
	const alloc = new ClusterIPAllocator('10.96.0.0/24');
	t.true(alloc.allocate('10.96.0.20').ok);
	t.true(alloc.release('10.96.0.20'));
	t.false(alloc.release('10.96.0.20'));
	t.false(alloc.release('192.168.0.1'));
	t.false(alloc.has('10.96.0.20'));
	t.true(alloc.allocate('10.96.0.20').ok);
	t.deepEqual(alloc.allocated(), ['10.96.0.20']);
});

test('IPv6 ranges use the top address too (no broadcast)', (t) => {
	const alloc = new ClusterIPAllocator('fd00:10:96::/120');
	t.is(alloc.size, 255);
	t.is(alloc.firstIP, 'fd00:10:96::1');
	t.is(alloc.lastIP, 'fd00:10:96::ff');
	t.deepEqual(alloc.allocate('fd00:10:96::ff'), {ok: true, ip: 'fd00:10:96::ff'});
	t.deepEqual(alloc.allocate('FD00:10:96:0::a'), {ok: true, ip: 'fd00:10:96::a'});
	t.like(alloc.allocate('fd00:10:96::'), {ok: false, error: {reason: 'NotInRange'}});
});

test('allocateNext never returns the network or broadcast address, nor a duplicate (property)', (t) => {
	fc.assert(
		fc.property(fc.integer({min: 22, max: 29}), fc.integer(), fc.nat({max: 255}), (prefix, seed, third) => {
			// Host bits are allowed (kube-apiserver masks them), so any third octet gives a valid range.
			const alloc = new ClusterIPAllocator(`10.96.${third}.0/${prefix}`);
			const network = parseIPv4(alloc.cidr.split('/')[0]!);
			const broadcast = network + 2 ** (32 - prefix) - 1;
			const random = seededRandom(seed);
			const seen = new Set<string>();
			let upperFree = alloc.size - alloc.staticBandSize;
			for (;;) {
				const r = alloc.allocateNext(random);
				if (!r.ok) break;
				const ip = parseIPv4(r.ip);
				if (ip <= network || ip >= broadcast || seen.has(r.ip)) return false;
				const inLowerBand = ip - network <= alloc.staticBandSize;
				if (upperFree > 0 === inLowerBand) return false;
				if (!inLowerBand) upperFree--;
				seen.add(r.ip);
			}
			return seen.size === alloc.size && alloc.free === 0;
		}),
		{numRuns: 60},
	);
	t.pass();
});
