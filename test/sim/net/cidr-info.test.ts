import test from 'ava';
import fc from 'fast-check';
import {cidrInfo} from '../../../src/sim/net/cidr-info.js';
import {NetParseError} from '../../../src/sim/net/errors.js';

test('10.96.0.0/12, the kubeadm service subnet', (t) => {
	t.deepEqual(cidrInfo('10.96.0.0/12'), {
		input: '10.96.0.0/12',
		cidr: '10.96.0.0/12',
		network: '10.96.0.0',
		firstUsable: '10.96.0.1',
		lastUsable: '10.111.255.254',
		broadcast: '10.111.255.255',
		size: 1048576,
		usableHosts: 1048574,
		prefix: 12,
		mask: '255.240.0.0',
	});
});

test('10.0.0.0/24 has 254 usable addresses', (t) => {
	const info = cidrInfo('10.0.0.0/24');
	t.is(info.size, 256);
	t.is(info.usableHosts, 254);
	t.is(info.broadcast, '10.0.0.255');
});

test('/31 and /32 have no broadcast address and use every address', (t) => {
	const p2p = cidrInfo('10.0.0.6/31');
	t.like(p2p, {cidr: '10.0.0.6/31', network: '10.0.0.6', firstUsable: '10.0.0.6', lastUsable: '10.0.0.7', broadcast: null, size: 2, usableHosts: 2});
	const host = cidrInfo('10.0.0.5/32');
	t.like(host, {network: '10.0.0.5', firstUsable: '10.0.0.5', lastUsable: '10.0.0.5', broadcast: null, size: 1, usableHosts: 1});
	t.like(cidrInfo('10.0.0.4/30'), {firstUsable: '10.0.0.5', lastUsable: '10.0.0.6', broadcast: '10.0.0.7', usableHosts: 2});
});

test('host bits are masked like Go, with a note', (t) => {
	const info = cidrInfo('10.96.0.5/12');
	t.is(info.cidr, '10.96.0.0/12');
	t.is(info.network, '10.96.0.0');
	t.is(info.note, '10.96.0.5/12 has host bits set; it is read as 10.96.0.0/12 (10.96.0.5 is one address inside it)');
	t.is(cidrInfo('10.96.0.0/12').note, undefined);
});

test('the strict parser runs before netmask: no octal, hex or short forms', (t) => {
	for (const input of ['010.0.0.1/8', '0xa.0.0.0/8', '10.1/16', '10.0.0.0/33', '10.0.0.0']) {
		t.throws(() => cidrInfo(input), {instanceOf: NetParseError}, input);
	}
	t.throws(() => cidrInfo('fd00::/64'), {instanceOf: RangeError});
});

test('0.0.0.0/0 counts all 2^32 addresses', (t) => {
	t.like(cidrInfo('0.0.0.0/0'), {size: 4294967296, usableHosts: 4294967294, mask: '0.0.0.0', broadcast: '255.255.255.255'});
});

test('sizes follow the prefix for every block (property)', (t) => {
	fc.assert(
		fc.property(fc.ipV4(), fc.integer({min: 0, max: 32}), (ip, prefix) => {
			const info = cidrInfo(`${ip}/${prefix}`);
			const size = 2 ** (32 - prefix);
			return (
				info.size === size &&
				info.usableHosts === (prefix >= 31 ? size : size - 2) &&
				(info.broadcast === null) === prefix >= 31 &&
				info.cidr.endsWith(`/${prefix}`)
			);
		}),
	);
	t.pass();
});
