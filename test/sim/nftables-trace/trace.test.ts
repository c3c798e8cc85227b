// The nftables tracer over a small node01 in nftables mode: exact outcomes, probabilities, paths
// and the map elements that matched, for each kube-proxy rule shape.
import test from 'ava';
import type {KubeProxyConfiguration, Node, Service, EndpointSlice} from '../../../src/sim/api/types.js';
import {SimClock} from '../../../src/sim/clock.js';
import {KubeProxy} from '../../../src/sim/kube-proxy/kube-proxy.js';
import {traceNftPacket, formatNftTrace, type NftOutcome} from '../../../src/sim/nftables-trace/index.js';
import type {Entry} from '../../../src/sim/netfilter/types.js';
import {port, service, slice} from '../kube-proxy/upstream-fake.js';

export const NODE_IP = '192.168.56.11';
const POD = '10.244.1.20';
const OUTSIDE = '192.168.56.1';
const node: Node = {
	apiVersion: 'v1',
	kind: 'Node',
	metadata: {name: 'node01'},
	spec: {podCIDR: '10.244.1.0/24'},
	status: {addresses: [{type: 'InternalIP', address: NODE_IP}]},
};
const config: KubeProxyConfiguration = {apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', clusterCIDR: '10.244.0.0/16', mode: 'nftables'};

export const services: Service[] = [
	service('default', 'web', {type: 'NodePort', clusterIP: '10.96.0.41', ports: [port('http', 80, {targetPort: 8080, nodePort: 30080})]}),
	service('default', 'empty', {clusterIP: '10.96.0.50', ports: [port('', 80)]}),
	service('default', 'local', {type: 'NodePort', clusterIP: '10.96.0.60', externalTrafficPolicy: 'Local', ports: [port('', 80, {targetPort: 8080, nodePort: 30060})]}),
	service('default', 'sticky', {clusterIP: '10.96.0.70', sessionAffinity: 'ClientIP', ports: [port('', 80)]}),
];
export const slices: EndpointSlice[] = [
	slice('default', 'web', [{ip: '10.244.1.5', nodeName: 'node01'}, {ip: '10.244.2.6', nodeName: 'node02'}, {ip: '10.244.2.7', nodeName: 'node02'}], [{name: 'http', port: 8080}]),
	slice('default', 'local', [{ip: '10.244.2.8', nodeName: 'node02'}], [{name: '', port: 8080}]),
	slice('default', 'sticky', [{ip: '10.244.1.9', nodeName: 'node01'}, {ip: '10.244.2.9', nodeName: 'node02'}], [{name: '', port: 80}]),
];

export function node01(mode: 'iptables' | 'nftables' = 'nftables'): KubeProxy {
	return new KubeProxy({node, config: {...config, mode}, clock: new SimClock(), serviceCIDRs: ['10.96.0.0/12']}, {services: () => services, endpointSlices: () => slices});
}

const table = node01().nftSync().table;
function trace(dst: string, dport: number, src = POD, entry: Entry = 'PREROUTING', setEntries: {name: string; address: string}[] = []) {
	return traceNftPacket({table, entry, packet: {src, dst, dport, proto: 'tcp'}, localAddresses: [NODE_IP], setEntries});
}
const summary = (o: NftOutcome) => ({verdict: o.verdict, to: o.to, probability: o.probability, masquerade: o.masquerade, path: o.path});

const WEB = 'service-SUSTUHLJ-default/web/tcp/http';

test('ClusterIP with three endpoints: three DNAT outcomes of 1/3, each by its numgen element', (t) => {
	const {outcomes} = trace('10.96.0.41', 80);
	t.deepEqual(outcomes.map((o) => [o.verdict, o.to, o.probability, o.masquerade]), [
		['DNAT', '10.244.1.5:8080', 1 / 3, false],
		['DNAT', '10.244.2.6:8080', 1 / 3, false],
		['DNAT', '10.244.2.7:8080', 1 / 3, false],
	]);
	const first = outcomes[0]!;
	t.deepEqual(first.path.slice(0, 4), ['filter-prerouting-pre-dnat', 'firewall-check', 'nat-prerouting', 'services']);
	t.is(first.path[4], WEB);
	t.regex(first.path[5] ?? '', /^endpoint-[A-Z2-7]{8}-default\/web\/tcp\/http__10\.244\.1\.5\/8080$/);
	t.deepEqual(first.path.slice(6), ['filter-forward', 'service-endpoints-check', 'cluster-ips-check', 'nat-postrouting', 'masquerading']);
	const lookup = first.steps.find((s) => s.chain === 'services' && s.matched);
	t.is(lookup?.rule, 'ip daddr . meta l4proto . th dport vmap @service-ips');
	t.is(lookup?.element, `@service-ips: 10.96.0.41 . tcp . 80 : goto ${WEB}`);
	const numgen = first.steps.find((s) => s.chain === WEB && s.matched);
	t.regex(numgen?.element ?? '', /^numgen 0 : goto endpoint-/);
	t.regex(numgen?.note ?? '', /probability 1\/3/);
	const dnat = first.steps.find((s) => s.rule.includes('dnat to'));
	t.is(dnat?.rule, 'meta l4proto tcp dnat to 10.244.1.5:8080');
	t.is(dnat?.note, 'destination → 10.244.1.5:8080');
	// Rules read as `nft list table ip kube-proxy` prints them.
	t.deepEqual(first.steps.filter((s) => s.chain === 'cluster-ips-check' || s.chain === 'masquerading').map((s) => [s.rule, s.matched]), [
		['ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"', false],
		['ip daddr 10.96.0.0/12 drop comment "Drop traffic to unallocated ClusterIPs"', false],
		['meta mark & 0x00004000 == 0x00000000 return', true],
	]);
});

test('no endpoints: rejected by the no-endpoint-services element in filter-forward', (t) => {
	const {outcomes} = trace('10.96.0.50', 80);
	t.deepEqual(outcomes.map(summary), [{
		verdict: 'REJECT', to: undefined, probability: 1, masquerade: false,
		path: ['filter-prerouting-pre-dnat', 'firewall-check', 'nat-prerouting', 'services', 'filter-forward', 'service-endpoints-check', 'reject-chain'],
	}]);
	t.deepEqual(outcomes[0]?.decidedBy, {table: 'ip kube-proxy', chain: 'reject-chain', ruleIndex: 0});
	t.is(outcomes[0]?.steps.find((s) => s.chain === 'service-endpoints-check')?.element, '@no-endpoint-services: 10.96.0.50 . tcp . 80 : goto reject-chain');
	// A port the Service does not have: cluster-ips-check rejects it.
	const wrongPort = trace('10.96.0.41', 81).outcomes;
	t.deepEqual(wrongPort.map((o) => [o.verdict, o.decidedBy?.chain]), [['REJECT', 'cluster-ips-check']]);
});

test('NodePort from outside: masqueraded, DNAT to each endpoint by way of the external chain', (t) => {
	const {outcomes} = trace(NODE_IP, 30080, OUTSIDE);
	t.deepEqual(outcomes.map((o) => [o.verdict, o.to, o.probability, o.masquerade]), [
		['DNAT', '10.244.1.5:8080', 1 / 3, true],
		['DNAT', '10.244.2.6:8080', 1 / 3, true],
		['DNAT', '10.244.2.7:8080', 1 / 3, true],
	]);
	const lookup = outcomes[0]?.steps.find((s) => s.chain === 'services' && s.matched);
	t.is(lookup?.rule, 'ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports');
	t.is(lookup?.element, '@service-nodeports: tcp . 30080 : goto external-SUSTUHLJ-default/web/tcp/http');
	t.deepEqual(outcomes[0]?.path.slice(3, 6), ['services', 'external-SUSTUHLJ-default/web/tcp/http', 'mark-for-masquerade']);
});

test('eTP Local NodePort with no endpoint on this node: dropped by no-endpoint-nodeports in filter-input', (t) => {
	const {outcomes} = trace(NODE_IP, 30060, OUTSIDE);
	t.deepEqual(outcomes.map((o) => [o.verdict, o.probability, o.decidedBy?.chain]), [['DROP', 1, 'nodeport-endpoints-check']]);
	t.is(outcomes[0]?.steps.find((s) => s.chain === 'nodeport-endpoints-check')?.element, '@no-endpoint-nodeports: tcp . 30060 : drop');
	// Its ClusterIP still reaches the endpoint on node02 (internal traffic policy Cluster).
	t.deepEqual(trace('10.96.0.60', 80).outcomes.map((o) => [o.verdict, o.to]), [['DNAT', '10.244.2.8:8080']]);
});

test('ClientIP affinity: a first connection records its source; a known source goes to its endpoint only', (t) => {
	const first = trace('10.96.0.70', 80);
	t.deepEqual(first.outcomes.map((o) => [o.to, o.probability, o.recorded.length]), [['10.244.1.9:80', 0.5, 1], ['10.244.2.9:80', 0.5, 1]]);
	const set = first.outcomes[1]!.recorded[0]!;
	t.is(set.address, POD);
	t.regex(set.name, /^affinity-[A-Z2-7]{8}-default\/sticky\/tcp\/__10\.244\.2\.9\/80$/);
	const again = trace('10.96.0.70', 80, POD, 'PREROUTING', [set]);
	t.deepEqual(again.outcomes.map((o) => [o.to, o.probability]), [['10.244.2.9:80', 1]]);
	t.is(again.outcomes[0]?.steps.find((s) => s.rule.startsWith('ip saddr @affinity') && s.matched)?.element, `@${set.name}: ${POD}`);
});

test('sent by the node: output hooks, then back in through lo to its own endpoint; the text form names the elements', (t) => {
	const result = trace('10.96.0.41', 80, NODE_IP, 'OUTPUT');
	t.is(result.outcomes.length, 3);
	t.deepEqual(result.outcomes[0]?.path.slice(0, 3), ['filter-output-pre-dnat', 'firewall-check', 'nat-output']);
	t.true(result.outcomes.every((o) => o.masquerade));
	const text = formatNftTrace(result);
	t.true(text.startsWith('tcp 192.168.56.11 → 10.96.0.41:80, sent by the node (output): 3 outcomes\n\nOutcome 1/3: DNAT to 10.244.1.5:8080, probability 0.333333333 (33.33%), masquerade: yes\n'));
	t.true(text.includes(`  ip kube-proxy nat-output\n    ✔ 1 jump services\n      ✔ 1 ip daddr . meta l4proto . th dport vmap @service-ips   [element @service-ips: 10.96.0.41 . tcp . 80 : goto ${WEB}]\n`));
});

test('a rule the tracer cannot decide or read is a TraceError naming it, not a guess', (t) => {
	const bridged = new KubeProxy(
		{node, config: {...config, detectLocalMode: 'BridgeInterface', detectLocal: {bridgeInterface: 'cni0'}}, clock: new SimClock(), serviceCIDRs: ['10.96.0.0/12']},
		{services: () => services, endpointSlices: () => slices},
	).nftSync().table;
	const error = t.throws(() => traceNftPacket({table: bridged, entry: 'PREROUTING', packet: {src: POD, dst: '10.96.0.41', dport: 80, proto: 'tcp'}, localAddresses: [NODE_IP]}));
	t.is(error?.name, 'TraceError');
	t.is(error?.message, 'rule "ip daddr 10.96.0.41 iifname != cni0 jump mark-for-masquerade" tests an interface; the tracer does not model interfaces');
	const odd = node01().nftSync().table;
	odd.rule('services', 'meta skuid 0 accept');
	const unknown = t.throws(() => traceNftPacket({table: odd, entry: 'PREROUTING', packet: {src: POD, dst: '10.96.0.99', dport: 80, proto: 'tcp'}, localAddresses: [NODE_IP]}));
	t.is(unknown?.message, 'the tracer does not understand "meta" in rule "meta skuid 0 accept"');
});
