// Choosing kube-proxy's nftables proxier: the KubeProxyConfiguration's mode (iptables stays the
// default), its startup log line, and the defaults nftables mode applies (server_linux.go).
import test from 'ava';
import type {KubeProxyConfiguration, Node} from '../../../src/sim/api/types.js';
import {SimClock} from '../../../src/sim/clock.js';
import {KubeProxy, proxyModeOf} from '../../../src/sim/kube-proxy/kube-proxy.js';
import {renderNftList} from '../../../src/sim/kube-proxy/nftables/list.js';
import {port, service, slice} from './upstream-fake.js';

const node: Node = {
	apiVersion: 'v1',
	kind: 'Node',
	metadata: {name: 'node01'},
	spec: {podCIDR: '10.244.1.0/24'},
	status: {addresses: [{type: 'InternalIP', address: '192.168.56.11'}]},
};
const config = (mode?: string, extra: Partial<KubeProxyConfiguration> = {}): KubeProxyConfiguration => ({
	apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
	kind: 'KubeProxyConfiguration',
	clusterCIDR: '10.244.0.0/16',
	...(mode !== undefined ? {mode} : {}),
	...extra,
});

const web = service('default', 'web', {type: 'NodePort', clusterIP: '10.96.0.41', ports: [port('http', 80, {targetPort: 8080, nodePort: 30080})]});
const webSlice = slice('default', 'web', [{ip: '10.244.1.5', nodeName: 'node01'}], [{name: 'http', port: 8080}]);

function proxy(c: KubeProxyConfiguration | undefined): KubeProxy {
	return new KubeProxy({node, config: c, clock: new SimClock(), serviceCIDRs: ['10.96.0.0/12']}, {services: () => [web], endpointSlices: () => [webSlice]});
}

test('mode: only "nftables" chooses the nftables proxier; empty, iptables and no configuration keep iptables', (t) => {
	t.is(proxyModeOf(config('nftables')), 'nftables');
	for (const c of [config(), config(''), config('iptables'), undefined]) t.is(proxyModeOf(c), 'iptables');
});

test('an nftables kube-proxy logs "Using nftables Proxier" and no route_localnet line (that is the iptables proxier\'s)', (t) => {
	t.deepEqual(proxy(config('nftables')).logLines(), ['I0112 09:30:00.000000       1 server_linux.go:292] "Using nftables Proxier"']);
	t.is(proxy(config()).logLines()[0], 'I0112 09:30:00.000000       1 server_linux.go:169] "Using iptables Proxier"');
});

test('nftables mode: an empty nodePortAddresses means the primary node IP; a given one is kept', (t) => {
	t.deepEqual(proxy(config('nftables')).config.nodePortAddresses, ['primary']);
	t.deepEqual(proxy(config()).config.nodePortAddresses, []);
	t.true(renderNftList(proxy(config('nftables')).nftSync().table).includes('\t\telements = { 192.168.56.11 }\n'));
	// 0.0.0.0/0 takes every address: no nodeport-ips set, NodePorts match `fib daddr type local`.
	const all = renderNftList(proxy(config('nftables', {nodePortAddresses: ['0.0.0.0/0']})).nftSync().table);
	t.false(all.includes('set nodeport-ips'));
	t.true(all.includes('\t\tfib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @service-nodeports\n'));
});

test('withMode: the same node and Services, the other proxier; the iptables rules do not change', (t) => {
	const iptables = proxy(config());
	const before = iptables.sync().restore;
	const nft = iptables.withMode('nftables');
	t.is(nft.mode, 'nftables');
	t.is(iptables.withMode('iptables'), iptables);
	t.true(renderNftList(nft.nftSync().table).includes('\t\t\t     10.96.0.41 . tcp . 80 : goto service-SUSTUHLJ-default/web/tcp/http') || renderNftList(nft.nftSync().table).includes('{ 10.96.0.41 . tcp . 80 : goto service-SUSTUHLJ-default/web/tcp/http }'));
	t.is(iptables.sync().restore, before);
});

test('nftables mode ignores iptables.masqueradeBit (the nftables proxier has its own, default 14)', (t) => {
	const c = config('nftables', {iptables: {masqueradeBit: 15}});
	t.is(proxy(c).config.masqueradeBit, 14);
	t.true(renderNftList(proxy(c).nftSync().table).includes('\t\tmeta mark set meta mark | 0x00004000\n'));
	t.is(proxy(config(undefined, {iptables: {masqueradeBit: 15}})).config.masqueradeBit, 15);
});

test('detectLocalMode BridgeInterface: the masquerade rule matches the bridge by name, quoted in nft list as nft prints it (checked against nft 1.0.6)', (t) => {
	const c = config('nftables', {detectLocalMode: 'BridgeInterface', detectLocal: {bridgeInterface: 'cni0'}});
	const listed = renderNftList(proxy(c).nftSync().table);
	t.true(listed.includes('\t\tip daddr 10.96.0.41 iifname != "cni0" jump mark-for-masquerade\n'), listed);
});
