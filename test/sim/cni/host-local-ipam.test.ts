import test from 'ava';
import fc from 'fast-check';
import {HostLocalIPAM} from '../../../src/sim/cni/host-local-ipam.js';
import {parseIPv4} from '../../../src/sim/net/ipv4.js';

const ipOf = (r: ReturnType<HostLocalIPAM['allocate']>) => (r.ok ? r.allocation.ip : r.error);

test('flannel node 10.244.1.0/24: cni0 is .1, Pods get .2, .3, .4', (t) => {
	const ipam = new HostLocalIPAM('10.244.1.0/24');
	t.is(ipam.gateway, '10.244.1.1');
	t.is(ipam.rangeSet, '10.244.1.1-10.244.1.254');
	t.is(ipam.lastReservedIP(), undefined);
	const first = ipam.allocate('pod-a');
	t.deepEqual(first, {
		ok: true,
		allocation: {containerID: 'pod-a', ifname: 'eth0', ip: '10.244.1.2', address: '10.244.1.2/24', gateway: '10.244.1.1'},
	});
	t.is(ipOf(ipam.allocate('pod-b')), '10.244.1.3');
	t.is(ipOf(ipam.allocate('pod-c')), '10.244.1.4');
	t.is(ipam.lastReservedIP(), '10.244.1.4');
});

test('a released IP is not reused at once: the search goes on after the last reserved IP', (t) => {
	const ipam = new HostLocalIPAM('10.244.1.0/24');
	ipam.allocate('a');
	ipam.allocate('b');
	t.deepEqual(ipam.release('a'), ['10.244.1.2']);
	t.is(ipOf(ipam.allocate('c')), '10.244.1.4');
	t.is(ipam.lastReservedIP(), '10.244.1.4', 'release does not move the start');
});

test('the search wraps at the end of the range, skipping the gateway, and then fails', (t) => {
	const ipam = new HostLocalIPAM('10.244.1.0/29');
	t.is(ipam.rangeSet, '10.244.1.1-10.244.1.6');
	t.deepEqual(
		['a', 'b', 'c', 'd', 'e'].map((id) => ipOf(ipam.allocate(id))),
		['10.244.1.2', '10.244.1.3', '10.244.1.4', '10.244.1.5', '10.244.1.6'],
	);
	t.deepEqual(ipam.allocate('f'), {
		ok: false,
		error: 'failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.6',
		detail: 'no IP addresses available in range set: 10.244.1.1-10.244.1.6',
	});
	ipam.release('c');
	ipam.release('b');
	t.is(ipOf(ipam.allocate('g')), '10.244.1.3', 'after .6 it starts over at .2… the first free one');
	t.is(ipOf(ipam.allocate('h')), '10.244.1.4');
});

test('a /24 node holds 253 Pods, then the 254th fails with the message kubelet shows', (t) => {
	const ipam = new HostLocalIPAM('10.244.1.0/24');
	for (let i = 0; i < 253; i++) t.true(ipam.allocate(`pod-${i}`).ok);
	const result = ipam.allocate('one-too-many');
	t.false(result.ok);
	if (!result.ok) t.is(result.error, 'failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.254');
	t.is(ipam.used, 253);
	t.false(ipam.has('10.244.1.1'));
	t.false(ipam.has('10.244.1.255'));
});

test('one IP per container and interface', (t) => {
	const ipam = new HostLocalIPAM('10.244.1.0/24');
	ipam.allocate('abc');
	t.like(ipam.allocate('abc'), {
		ok: false,
		error: 'failed to allocate for range 0: 10.244.1.2 has been allocated to abc, duplicate allocation is not allowed',
	});
	t.is(ipOf(ipam.allocate('abc', 'net1')), '10.244.1.3');
});

test('requested IPs', (t) => {
	const ipam = new HostLocalIPAM('10.244.1.0/24');
	t.is(ipOf(ipam.allocateRequested('a', '10.244.1.50')), '10.244.1.50');
	t.is(ipam.lastReservedIP(), '10.244.1.50');
	t.is(
		ipOf(ipam.allocateRequested('b', '10.244.1.50')),
		'failed to allocate for range 0: requested IP address 10.244.1.50 is not available in range set 10.244.1.1-10.244.1.254',
	);
	t.is(ipOf(ipam.allocateRequested('c', '10.244.1.1')), "failed to allocate for range 0: requested ip 10.244.1.1 is subnet's gateway");
	t.is(ipOf(ipam.allocateRequested('d', '10.244.2.7')), 'failed to allocate all requested IPs: 10.244.2.7');
	t.is(ipam.lastReservedIP(), '10.244.1.51', 'the failed request still moved the round-robin start');
	t.false(ipam.has('10.244.1.51'));
	t.is(ipOf(ipam.allocate('e')), '10.244.1.52');
});

test('configuration errors', (t) => {
	t.is(t.throws(() => new HostLocalIPAM('10.244.1.0/31'))?.message, 'Network 10.244.1.0/31 too small to allocate from');
	t.is(
		t.throws(() => new HostLocalIPAM('10.244.1.1/24'))?.message,
		'Network has host bits set. For a subnet mask of length 24 the network address is 10.244.1.0',
	);
	t.is(
		t.throws(() => new HostLocalIPAM('10.244.1.0/24', {rangeStart: '10.244.2.1'}))?.message,
		'RangeStart 10.244.2.1 not in network 10.244.1.0/24',
	);
});

test('a narrower range and another gateway', (t) => {
	const ipam = new HostLocalIPAM('10.244.1.0/24', {rangeStart: '10.244.1.100', rangeEnd: '10.244.1.102', gateway: '10.244.1.254'});
	t.is(ipam.rangeSet, '10.244.1.100-10.244.1.102');
	t.is(ipam.gateway, '10.244.1.254');
	t.deepEqual(
		['a', 'b', 'c', 'd'].map((id) => ipOf(ipam.allocate(id))),
		['10.244.1.100', '10.244.1.101', '10.244.1.102', 'failed to allocate for range 0: no IP addresses available in range set: 10.244.1.100-10.244.1.102'],
	);
});

test('IPv6 pod CIDRs use the whole range up to the top address', (t) => {
	const ipam = new HostLocalIPAM('fd00:10:244:1::/120');
	t.is(ipam.gateway, 'fd00:10:244:1::1');
	t.is(ipam.rangeSet, 'fd00:10:244:1::1-fd00:10:244:1::ff');
	t.like(ipam.allocate('a'), {ok: true, allocation: {ip: 'fd00:10:244:1::2', address: 'fd00:10:244:1::2/120'}});
});

test('whatever the order of adds and deletes, IPs are unique and never the gateway, network or broadcast (property)', (t) => {
	const op = fc.oneof(fc.constant<'add'>('add'), fc.nat({max: 40}));
	fc.assert(
		fc.property(fc.array(op, {maxLength: 200}), (ops) => {
			const ipam = new HostLocalIPAM('10.244.1.0/27');
			const held = new Map<string, string>();
			let next = 0;
			for (const o of ops) {
				if (o === 'add') {
					const id = `c${next++}`;
					const r = ipam.allocate(id);
					if (r.ok) {
						const ip = parseIPv4(r.allocation.ip) - parseIPv4('10.244.1.0');
						if (ip <= 1 || ip >= 31 || [...held.values()].includes(r.allocation.ip)) return false;
						held.set(id, r.allocation.ip);
					} else if (held.size !== 29) {
						return false;
					}
				} else {
					const id = `c${o}`;
					const freed = ipam.release(id);
					if (freed.length !== (held.has(id) ? 1 : 0)) return false;
					held.delete(id);
				}
			}
			return ipam.used === held.size;
		}),
	);
	t.pass();
});
