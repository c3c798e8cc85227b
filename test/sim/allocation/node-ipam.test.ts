import test from 'ava';
import {NodeIPAM} from '../../../src/sim/allocation/node-ipam.js';

const registerAll = (ipam: NodeIPAM, names: string[]) => names.map((n) => ipam.allocate(n));

test('10.244.0.0/16 with /24: nodes get 10.244.0.0/24, .1.0/24, .2.0/24 in registration order', (t) => {
	const ipam = new NodeIPAM({clusterCIDR: '10.244.0.0/16'});
	t.is(ipam.nodeCIDRMaskSize, 24);
	t.is(ipam.capacity, 256);
	const results = registerAll(ipam, ['controlplane', 'node01', 'node02']);
	t.deepEqual(results, [
		{ok: true, podCIDR: '10.244.0.0/24'},
		{ok: true, podCIDR: '10.244.1.0/24'},
		{ok: true, podCIDR: '10.244.2.0/24'},
	]);
	t.is(ipam.podCIDR('node02'), '10.244.2.0/24');
	t.deepEqual(ipam.allocate('node01'), {ok: true, podCIDR: '10.244.1.0/24'}, 'a node keeps its CIDR');
});

test('a deleted node’s subnet is reused only after the ones after it', (t) => {
	const ipam = new NodeIPAM({clusterCIDR: '10.244.0.0/22'});
	registerAll(ipam, ['a', 'b', 'c']);
	t.true(ipam.release('b'));
	t.false(ipam.release('b'));
	t.deepEqual(ipam.allocate('d'), {ok: true, podCIDR: '10.244.3.0/24'});
	t.deepEqual(ipam.allocate('e'), {ok: true, podCIDR: '10.244.1.0/24'}, 'wraps around to the freed subnet');
	const full = ipam.allocate('f');
	t.deepEqual(full, {
		ok: false,
		error:
			'failed to allocate cidr from cluster cidr at idx:0: CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range',
		event: {type: 'Warning', reason: 'CIDRNotAvailable', message: 'Node f status is now: CIDRNotAvailable'},
	});
	t.is(ipam.podCIDR('f'), undefined);
	t.deepEqual(
		ipam.nodes().map((n) => n.name),
		['a', 'c', 'd', 'e'],
	);
});

test('subnets overlapping the Service CIDR are skipped', (t) => {
	const ipam = new NodeIPAM({clusterCIDR: '10.0.0.0/22', serviceCIDR: '10.0.1.0/25'});
	t.is(ipam.usedSubnets, 1);
	const results = registerAll(ipam, ['a', 'b', 'c', 'd']);
	t.deepEqual(
		results.map((r) => (r.ok ? r.podCIDR : 'none')),
		['10.0.0.0/24', '10.0.2.0/24', '10.0.3.0/24', 'none'],
	);
	const big = new NodeIPAM({clusterCIDR: '10.96.0.0/16', serviceCIDR: '10.96.0.0/12'});
	t.false(big.allocate('a').ok, 'a Service CIDR covering the cluster CIDR leaves nothing');
	const apart = new NodeIPAM({clusterCIDR: '10.244.0.0/16', serviceCIDR: '10.96.0.0/12'});
	t.is(apart.usedSubnets, 0);
});

test('kube-controller-manager refuses a node mask shorter than the cluster CIDR', (t) => {
	t.is(
		t.throws(() => new NodeIPAM({clusterCIDR: '10.42.0.0/25'}))?.message,
		'Controller: Invalid --cluster-cidr, mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size configured for CIDR family',
	);
	t.is(
		t.throws(() => new NodeIPAM({clusterCIDR: '10.42.0.0/16', nodeCIDRMaskSize: 33}))?.message,
		'SubNetMask is invalid, should be lower or equal to 32 for IPv4 and to 128 for IPv6',
	);
});

test('IPv6 defaults to /64 per node and allows at most 16 bits of subnets', (t) => {
	const ipam = new NodeIPAM({clusterCIDR: 'fd00:10:244::/56'});
	t.is(ipam.nodeCIDRMaskSize, 64);
	t.deepEqual(registerAll(ipam, ['a', 'b']), [
		{ok: true, podCIDR: 'fd00:10:244::/64'},
		{ok: true, podCIDR: 'fd00:10:244:1::/64'},
	]);
	t.is(t.throws(() => new NodeIPAM({clusterCIDR: 'fd00::/32'}))?.message, 'New CIDR set failed; the node CIDR size is too big');
});

test('a node registered with a pod CIDR keeps it and blocks it', (t) => {
	const ipam = new NodeIPAM({clusterCIDR: '10.244.0.0/16'});
	ipam.occupy('old', '10.244.0.0/24');
	t.deepEqual(ipam.allocate('new'), {ok: true, podCIDR: '10.244.1.0/24'});
	t.is(
		t.throws(() => ipam.occupy('stray', '10.1.0.0/24'))?.message,
		'failed to mark cidr[10.1.0.0/24] at idx [0] as occupied for node: stray: cidr 10.1.0.0/24 is out the range of cluster cidr 10.244.0.0/16',
	);
});
