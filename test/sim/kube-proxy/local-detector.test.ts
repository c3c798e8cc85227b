// kube-proxy's local-traffic detectors (pkg/proxy/util/localdetector.go), as getLocalDetectors
// (cmd/kube-proxy/app/server_linux.go) chooses them; its test table (TestGetLocalDetectors) uses
// the same modes and the interface names "eth" and "1234567890123456789".
import test from 'ava';
import {localDetector} from '../../../src/sim/kube-proxy/local-detector.js';

test('ClusterCIDR and NodeCIDR: the source address, `-s CIDR` / `! -s CIDR`, `ip saddr` in nftables', (t) => {
	t.deepEqual(localDetector('ClusterCIDR', '10.0.0.0/14', '10.0.1.0/24'), {
		implemented: true,
		ifLocal: ['-s', '10.0.0.0/14'],
		ifNotLocal: ['!', '-s', '10.0.0.0/14'],
		ifLocalNFT: ['ip', 'saddr', '10.0.0.0/14'],
		ifNotLocalNFT: ['ip', 'saddr', '!=', '10.0.0.0/14'],
	});
	t.deepEqual(localDetector('NodeCIDR', '10.0.0.0/14', '10.0.1.0/24').ifNotLocal, ['!', '-s', '10.0.1.0/24']);
	t.deepEqual(localDetector('NodeCIDR', 'fd00::/48', 'fd00:0:0:1::/64').ifLocalNFT, ['ip6', 'saddr', 'fd00:0:0:1::/64']);
	t.false(localDetector('ClusterCIDR', undefined, '10.0.1.0/24').implemented);
});

test('BridgeInterface: the interface itself; InterfaceNamePrefix: iptables\' `+` and nftables\' `*` wildcards', (t) => {
	t.deepEqual(localDetector('BridgeInterface', '10.0.0.0/14', undefined, {bridgeInterface: 'cni0'}), {
		implemented: true,
		ifLocal: ['-i', 'cni0'],
		ifNotLocal: ['!', '-i', 'cni0'],
		ifLocalNFT: ['iifname', 'cni0'],
		ifNotLocalNFT: ['iifname', '!=', 'cni0'],
	});
	t.deepEqual(localDetector('InterfaceNamePrefix', '10.0.0.0/14', undefined, {interfaceNamePrefix: 'eth'}), {
		implemented: true,
		ifLocal: ['-i', 'eth+'],
		ifNotLocal: ['!', '-i', 'eth+'],
		ifLocalNFT: ['iifname', 'eth*'],
		ifNotLocalNFT: ['iifname', '!=', 'eth*'],
	});
	t.deepEqual(localDetector('InterfaceNamePrefix', undefined, undefined, {interfaceNamePrefix: '1234567890123456789'}).ifLocal, ['-i', '1234567890123456789+']);
	// The interface, not the CIDR, decides: a cluster CIDR given beside them is not used.
	t.false(JSON.stringify(localDetector('BridgeInterface', '10.0.0.0/14', undefined, {bridgeInterface: 'cni0'})).includes('10.0.0.0'));
});
