// kube-proxy's own packet-flow unit tests (kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go
// as in aojea/kubernetes@4e7ccb27627e47cd5ddc447fbf22a41ea44ff5ba, an upstream fork, ~v1.32): each
// case's Services and EndpointSlices re-expressed as svc-tutor objects, synced with the fake
// proxier's settings, and traced with the same rules as upstream's tracer (upstream-trace.ts).
// Upstream asserts these outcomes rather than dumps for most features (terminating endpoints,
// traffic policies, source ranges, NodePort addresses, masquerading), so they pin the same
// behaviour down.
import test, {type ExecutionContext} from 'ava';
import type {EndpointSlice, Service} from '../../../src/sim/api/types.js';
import {syncProxyRules, type ProxierConfig} from '../../../src/sim/kube-proxy/iptables/proxier.js';
import {localDetector} from '../../../src/sim/kube-proxy/local-detector.js';
import {chainRules} from '../../support/kube-proxy-sort.js';
import {
	fakeProxierConfig,
	port,
	service,
	slice,
	TEST_EXTERNAL_CLIENT,
	TEST_EXTERNAL_CLIENT_BLOCKED,
	TEST_NODE_IP,
	TEST_NODE_IP_ALT,
	TEST_NODE_IPS,
	TEST_NODE_IPV6,
	TEST_NODE_IPV6_ALT,
	TEST_NODE_NAME,
	type EndpointSpec,
} from './upstream-fake.js';
import {tracePacket} from './upstream-trace.js';

interface Flow {
	name: string;
	source: string;
	destination: string;
	port: number;
	protocol?: 'tcp' | 'udp' | 'sctp';
	output: string;
	masq?: boolean;
}

function runFlows(t: ExecutionContext, restore: string, flows: Flow[]): void {
	for (const flow of flows) {
		const result = tracePacket(restore, {source: flow.source, destination: flow.destination, port: flow.port, protocol: flow.protocol ?? 'tcp'}, TEST_NODE_IPS);
		t.deepEqual(
			{output: result.output, masq: result.masq},
			{output: flow.output, masq: flow.masq ?? false},
			`${flow.name}: ${flow.source} -> ${flow.destination}:${flow.port}, by matching:\n${result.matches.join('\n')}`,
		);
	}
}

function sync(config: ProxierConfig, services: Service[], slices: EndpointSlice[]): string {
	return syncProxyRules(config, services, slices).restore;
}

const p80 = [{name: 'p80', port: 80}];
const POD = '10.0.0.2';

test('TestNoEndpointsReject', (t) => {
	const services = [
		service(
			'ns1',
			'svc1',
			{type: 'LoadBalancer', clusterIP: '172.30.0.41', externalIPs: ['192.168.99.11'], ports: [port('p80', 80, {nodePort: 3001})]},
			['1.2.3.4'],
		),
	];
	runFlows(t, sync(fakeProxierConfig(), services, []), [
		{name: 'pod to cluster IP with no endpoints', source: POD, destination: '172.30.0.41', port: 80, output: 'REJECT'},
		{name: 'external to external IP with no endpoints', source: TEST_EXTERNAL_CLIENT, destination: '192.168.99.11', port: 80, output: 'REJECT'},
		{name: 'pod to NodePort with no endpoints', source: POD, destination: TEST_NODE_IP, port: 3001, output: 'REJECT'},
		{name: 'external to NodePort with no endpoints', source: TEST_EXTERNAL_CLIENT, destination: TEST_NODE_IP, port: 3001, output: 'REJECT'},
		{name: 'pod to LoadBalancer IP with no endpoints', source: POD, destination: '1.2.3.4', port: 80, output: 'REJECT'},
		{name: 'external to LoadBalancer IP with no endpoints', source: TEST_EXTERNAL_CLIENT, destination: '1.2.3.4', port: 80, output: 'REJECT'},
	]);
});

test('TestClusterIPGeneral', (t) => {
	const services = [
		service('ns1', 'svc1', {clusterIP: '172.30.0.41', ports: [port('http', 80)]}),
		service('ns2', 'svc2', {
			clusterIP: '172.30.0.42',
			ports: [
				port('http', 80),
				port('https', 443, {targetPort: 8443}),
				port('dns-udp', 53, {protocol: 'UDP'}),
				port('dns-tcp', 53, {targetPort: 5353}),
				port('dns-sctp', 53, {protocol: 'SCTP'}),
			],
		}),
	];
	const slices = [
		slice('ns1', 'svc1', [{ip: '10.180.0.1', nodeName: TEST_NODE_NAME}], [{name: 'http', port: 80}]),
		slice('ns2', 'svc2', [{ip: '10.180.0.1', nodeName: TEST_NODE_NAME}, {ip: '10.180.2.1', nodeName: 'node2'}], [
			{name: 'http', port: 80},
			{name: 'https', port: 8443},
			{name: 'dns-udp', port: 53, protocol: 'UDP'},
			{name: 'dns-tcp', port: 5353},
			{name: 'dns-sctp', port: 53, protocol: 'SCTP'},
		]),
	];
	runFlows(t, sync(fakeProxierConfig(), services, slices), [
		{name: 'simple clusterIP', source: '10.180.0.2', destination: '172.30.0.41', port: 80, output: '10.180.0.1:80'},
		{name: 'hairpin to cluster IP', source: '10.180.0.1', destination: '172.30.0.41', port: 80, output: '10.180.0.1:80', masq: true},
		{name: 'clusterIP with multiple endpoints', source: '10.180.0.2', destination: '172.30.0.42', port: 80, output: '10.180.0.1:80, 10.180.2.1:80'},
		{name: 'clusterIP with TargetPort', source: '10.180.0.2', destination: '172.30.0.42', port: 443, output: '10.180.0.1:8443, 10.180.2.1:8443'},
		{name: 'TCP on a port shared with UDP and SCTP', source: '10.180.0.2', protocol: 'tcp', destination: '172.30.0.42', port: 53, output: '10.180.0.1:5353, 10.180.2.1:5353'},
		{name: 'UDP on a port shared with TCP and SCTP', source: '10.180.0.2', protocol: 'udp', destination: '172.30.0.42', port: 53, output: '10.180.0.1:53, 10.180.2.1:53'},
		{name: 'SCTP on a port shared with TCP and UDP', source: '10.180.0.2', protocol: 'sctp', destination: '172.30.0.42', port: 53, output: '10.180.0.1:53, 10.180.2.1:53'},
		{name: 'TCP-only port does not match UDP traffic', source: '10.180.0.2', protocol: 'udp', destination: '172.30.0.42', port: 80, output: ''},
		{name: "svc1 does not accept svc2's ports", source: '10.180.0.2', destination: '172.30.0.41', port: 443, output: ''},
	]);
});

test('TestLoadBalancer: loadBalancerSourceRanges', (t) => {
	const services = [
		service(
			'ns1',
			'svc1',
			{
				type: 'LoadBalancer',
				clusterIP: '172.30.0.41',
				ports: [port('p80', 80, {nodePort: 3001})],
				// the second with stray whitespace, which kube-proxy ignores
				loadBalancerSourceRanges: ['192.168.0.0/24', ' 203.0.113.0/25'],
			},
			['1.2.3.4', '5.6.7.8'],
		),
	];
	const ep = '10.180.0.1:80';
	runFlows(t, sync(fakeProxierConfig(), services, [slice('ns1', 'svc1', [{ip: '10.180.0.1'}], p80)]), [
		{name: 'pod to cluster IP', source: POD, destination: '172.30.0.41', port: 80, output: ep},
		{name: 'external to nodePort', source: TEST_EXTERNAL_CLIENT, destination: TEST_NODE_IP, port: 3001, output: ep, masq: true},
		{name: 'nodePort bypasses LoadBalancerSourceRanges', source: TEST_EXTERNAL_CLIENT_BLOCKED, destination: TEST_NODE_IP, port: 3001, output: ep, masq: true},
		{name: 'accepted external to LB1', source: TEST_EXTERNAL_CLIENT, destination: '1.2.3.4', port: 80, output: ep, masq: true},
		{name: 'accepted external to LB2', source: TEST_EXTERNAL_CLIENT, destination: '5.6.7.8', port: 80, output: ep, masq: true},
		{name: 'blocked external to LB1', source: TEST_EXTERNAL_CLIENT_BLOCKED, destination: '1.2.3.4', port: 80, output: 'DROP'},
		{name: 'blocked external to LB2', source: TEST_EXTERNAL_CLIENT_BLOCKED, destination: '5.6.7.8', port: 80, output: 'DROP'},
		{name: 'pod to LB1 (blocked by LoadBalancerSourceRanges)', source: POD, destination: '1.2.3.4', port: 80, output: 'DROP'},
		{name: 'pod to LB2 (blocked by LoadBalancerSourceRanges)', source: POD, destination: '5.6.7.8', port: 80, output: 'DROP'},
		{name: 'node to LB1 (allowed by LoadBalancerSourceRanges)', source: TEST_NODE_IP, destination: '1.2.3.4', port: 80, output: ep, masq: true},
		{name: 'node to LB2 (allowed by LoadBalancerSourceRanges)', source: TEST_NODE_IP, destination: '5.6.7.8', port: 80, output: ep, masq: true},
		{name: 'same node to LB1, SNATted to LB1 (implicitly allowed)', source: '1.2.3.4', destination: '1.2.3.4', port: 80, output: ep, masq: true},
		{name: 'same node to LB2, SNATted to LB2 (implicitly allowed)', source: '5.6.7.8', destination: '5.6.7.8', port: 80, output: ep, masq: true},
	]);
});

const KUBE_FIREWALL_RULE =
	'-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP\n';

for (const tc of [
	{name: 'ipv4, localhost-nodeports enabled', family: 'IPv4', localhostNodePorts: true, nodePortAddresses: [], allowAltNodeIP: true, expectFirewall: true},
	{name: 'ipv4, localhost-nodeports disabled', family: 'IPv4', localhostNodePorts: false, nodePortAddresses: [], allowAltNodeIP: true, expectFirewall: false},
	{
		name: 'ipv4, localhost-nodeports disabled, localhost in nodeport-addresses',
		family: 'IPv4',
		localhostNodePorts: false,
		nodePortAddresses: ['192.168.0.0/24', '127.0.0.1/32'],
		allowAltNodeIP: false,
		expectFirewall: false,
	},
	{
		name: 'ipv4, localhost-nodeports enabled, multiple nodeport-addresses',
		family: 'IPv4',
		localhostNodePorts: false,
		nodePortAddresses: ['192.168.0.0/24', '192.168.1.0/24', '2001:db8::/64'],
		allowAltNodeIP: true,
		expectFirewall: false,
	},
	{name: 'ipv6, localhost-nodeports enabled', family: 'IPv6', localhostNodePorts: true, nodePortAddresses: [], allowAltNodeIP: true, expectFirewall: false},
	{name: 'ipv6, localhost-nodeports disabled', family: 'IPv6', localhostNodePorts: false, nodePortAddresses: [], allowAltNodeIP: true, expectFirewall: false},
	{
		name: 'ipv6, localhost-nodeports disabled, multiple nodeport-addresses',
		family: 'IPv6',
		localhostNodePorts: false,
		nodePortAddresses: ['192.168.0.0/24', '192.168.1.0/24', '2001:db8::/64'],
		allowAltNodeIP: false,
		expectFirewall: false,
	},
] as const) {
	test(`TestNodePorts: ${tc.name}`, (t) => {
		const v4 = tc.family === 'IPv4';
		const [svcIP, ep1, ep2] = v4 ? ['172.30.0.41', '10.180.0.1', '10.180.2.1'] : ['fd00:172:30::41', 'fd00:10:180::1', 'fd00:10:180::2:1'];
		// The fake sets localhostNodePorts and nodePortAddresses directly, skipping NewProxier's
		// adjustment of the former to the latter: so does ProxierConfig here.
		const config = fakeProxierConfig(tc.family, {localhostNodePorts: tc.localhostNodePorts, nodePortAddresses: [...tc.nodePortAddresses]});
		const services = [service('ns1', 'svc1', {type: 'NodePort', clusterIP: svcIP, ports: [port('p80', 80, {nodePort: 3001})]})];
		const slices = [slice('ns1', 'svc1', [{ip: ep1}, {ip: ep2, nodeName: TEST_NODE_NAME}], p80, {addressType: tc.family})];
		const restore = sync(config, services, slices);
		const [pod, client, node, altNode, localhost] = v4
			? [POD, TEST_EXTERNAL_CLIENT, TEST_NODE_IP, TEST_NODE_IP_ALT, '127.0.0.1']
			: ['fd00:10::2', '2600:5200::1', TEST_NODE_IPV6, TEST_NODE_IPV6_ALT, '::1'];
		const output = v4 ? `${ep1}:80, ${ep2}:80` : `[${ep1}]:80, [${ep2}]:80`;
		runFlows(t, restore, [
			{name: 'pod to cluster IP', source: pod, destination: svcIP, port: 80, output},
			{name: 'external to nodePort', source: client, destination: node, port: 3001, output, masq: true},
			{name: 'node to nodePort', source: node, destination: node, port: 3001, output, masq: true},
			v4 && tc.localhostNodePorts
				? {name: 'localhost to nodePort gets masqueraded', source: localhost, destination: localhost, port: 3001, output, masq: true}
				: {name: 'localhost to nodePort is ignored', source: localhost, destination: localhost, port: 3001, output: ''},
			tc.allowAltNodeIP
				? {name: 'external to nodePort on secondary IP', source: client, destination: altNode, port: 3001, output, masq: true}
				: {name: 'secondary nodeIP ignores NodePorts', source: client, destination: altNode, port: 3001, output: ''},
		]);
		t.is(chainRules(restore, 'filter', 'KUBE-FIREWALL'), tc.expectFirewall ? KUBE_FIREWALL_RULE : '');
	});
}

test('TestHealthCheckNodePort', (t) => {
	const config = fakeProxierConfig('IPv4', {nodePortAddresses: ['127.0.0.0/8']});
	const svc = service('ns1', 'svc1', {
		type: 'LoadBalancer',
		clusterIP: '172.30.0.42',
		ports: [port('p80', 80, {nodePort: 3001})],
		healthCheckNodePort: 30000,
		externalTrafficPolicy: 'Local',
	});
	runFlows(t, sync(config, [svc], []), [
		{name: 'firewall accepts HealthCheckNodePort', source: '1.2.3.4', destination: TEST_NODE_IP, port: 30000, output: 'ACCEPT'},
	]);
	runFlows(t, sync(config, [], []), [
		{name: 'HealthCheckNodePort no longer has any rule', source: '1.2.3.4', destination: TEST_NODE_IP, port: 30000, output: ''},
	]);
});

function externalPolicyService(policy: 'Local' | 'Cluster'): Service {
	return service(
		'ns1',
		'svc1',
		{
			type: 'LoadBalancer',
			externalTrafficPolicy: policy,
			clusterIP: '172.30.0.41',
			externalIPs: ['192.168.99.11'],
			ports: [port('p80', 80, {nodePort: 3001, targetPort: 80})],
			...(policy === 'Local' ? {healthCheckNodePort: 30000} : {}),
		},
		['1.2.3.4'],
	);
}
const externalPolicySlices = [slice('ns1', 'svc1', [{ip: '10.180.0.1'}, {ip: '10.180.2.1', nodeName: TEST_NODE_NAME}], p80)];
const BOTH = '10.180.0.1:80, 10.180.2.1:80';

test('TestExternalTrafficPolicyLocal', (t) => {
	runFlows(t, sync(fakeProxierConfig(), [externalPolicyService('Local')], externalPolicySlices), [
		{name: 'pod to cluster IP hits both endpoints, unmasqueraded', source: POD, destination: '172.30.0.41', port: 80, output: BOTH},
		{name: 'pod to external IP hits both endpoints, unmasqueraded', source: POD, destination: '192.168.99.11', port: 80, output: BOTH},
		{name: 'external to external IP hits only local endpoint, unmasqueraded', source: TEST_EXTERNAL_CLIENT, destination: '192.168.99.11', port: 80, output: '10.180.2.1:80'},
		{name: 'pod to LB IP hits only both endpoints, unmasqueraded', source: POD, destination: '1.2.3.4', port: 80, output: BOTH},
		{name: 'external to LB IP hits only local endpoint, unmasqueraded', source: TEST_EXTERNAL_CLIENT, destination: '1.2.3.4', port: 80, output: '10.180.2.1:80'},
		{name: 'pod to NodePort hits both endpoints, unmasqueraded', source: POD, destination: TEST_NODE_IP, port: 3001, output: BOTH},
		{name: 'external to NodePort hits only local endpoint, unmasqueraded', source: TEST_EXTERNAL_CLIENT, destination: TEST_NODE_IP, port: 3001, output: '10.180.2.1:80'},
	]);
});

test('TestExternalTrafficPolicyCluster', (t) => {
	runFlows(t, sync(fakeProxierConfig(), [externalPolicyService('Cluster')], externalPolicySlices), [
		{name: 'pod to cluster IP hits both endpoints, unmasqueraded', source: POD, destination: '172.30.0.41', port: 80, output: BOTH},
		{name: 'pod to external IP hits both endpoints, masqueraded', source: POD, destination: '192.168.99.11', port: 80, output: BOTH, masq: true},
		{name: 'external to external IP hits both endpoints, masqueraded', source: TEST_EXTERNAL_CLIENT, destination: '192.168.99.11', port: 80, output: BOTH, masq: true},
		{name: 'pod to LB IP hits both endpoints, masqueraded', source: POD, destination: '1.2.3.4', port: 80, output: BOTH, masq: true},
		{name: 'external to LB IP hits both endpoints, masqueraded', source: TEST_EXTERNAL_CLIENT, destination: '1.2.3.4', port: 80, output: BOTH, masq: true},
		{name: 'pod to NodePort hits both endpoints, masqueraded', source: POD, destination: TEST_NODE_IP, port: 3001, output: BOTH, masq: true},
		{name: 'external to NodePort hits both endpoints, masqueraded', source: TEST_EXTERNAL_CLIENT, destination: TEST_NODE_IP, port: 3001, output: BOTH, masq: true},
	]);
});

/** A ClusterIP Service 172.30.1.1 with one unnamed port 80, as several upstream tests build it. */
function svc1Unnamed(spec: Partial<Service['spec']> = {}, ingressIPs: string[] = []): Service {
	return service('ns1', 'svc1', {clusterIP: '172.30.1.1', selector: {foo: 'bar'}, ports: [port('', 80)], ...spec}, ingressIPs);
}
const unnamed80 = [{name: '', port: 80}];
const afterDeletion = (flows: Flow[]): Flow[] => flows.map((f) => ({...f, name: `${f.name} after endpoints deleted`, output: 'REJECT', masq: false}));

for (const tc of [
	{name: 'internalTrafficPolicy is cluster', policy: 'Cluster', nodes: [TEST_NODE_NAME, 'node1', 'node2'], output: '10.0.1.1:80, 10.0.1.2:80, 10.0.1.3:80'},
	{name: 'internalTrafficPolicy is local and there is one local endpoint', policy: 'Local', nodes: [TEST_NODE_NAME, 'node1', 'node2'], output: '10.0.1.1:80'},
	{name: 'internalTrafficPolicy is local and there are multiple local endpoints', policy: 'Local', nodes: [TEST_NODE_NAME, TEST_NODE_NAME, 'node2'], output: '10.0.1.1:80, 10.0.1.2:80'},
	{name: 'internalTrafficPolicy is local and there are no local endpoints', policy: 'Local', nodes: ['node0', 'node1', 'node2'], output: 'DROP'},
] as const) {
	test(`TestInternalTrafficPolicy: ${tc.name}`, (t) => {
		const svc = svc1Unnamed({internalTrafficPolicy: tc.policy});
		const endpoints = tc.nodes.map((nodeName, i) => ({ip: `10.0.1.${i + 1}`, nodeName, ready: true}));
		const flows: Flow[] = [{name: 'pod to ClusterIP', source: POD, destination: '172.30.1.1', port: 80, output: tc.output}];
		runFlows(t, sync(fakeProxierConfig(), [svc], [slice('ns1', 'svc1', endpoints, unnamed80)]), flows);
		runFlows(t, sync(fakeProxierConfig(), [svc], []), afterDeletion(flows));
	});
}

/** The four cases of TestTerminatingEndpointsTrafficPolicyLocal / ...Cluster: only the service's eTP differs. */
function terminatingCases(policy: 'Local' | 'Cluster'): {name: string; endpoints: EndpointSpec[]; flows: Flow[]}[] {
	const ready = {ready: true, serving: true, terminating: false};
	const servingTerminating = {ready: false, serving: true, terminating: true};
	const gone = {ready: false, serving: false, terminating: true};
	const local = policy === 'Local';
	const other = local ? 'node-1' : 'another-node';
	const podTo = (output: string): Flow => ({name: 'pod to clusterIP', source: POD, destination: '172.30.1.1', port: 80, output});
	const extTo = (output: string, masq: boolean): Flow => ({name: 'external to LB', source: TEST_EXTERNAL_CLIENT, destination: '1.2.3.4', port: 80, output, masq});
	return [
		{
			name: 'ready endpoints exist',
			endpoints: [
				{ip: '10.0.1.1', nodeName: TEST_NODE_NAME, ...ready},
				{ip: '10.0.1.2', nodeName: TEST_NODE_NAME, ...ready},
				{ip: '10.0.1.3', nodeName: local ? TEST_NODE_NAME : other, ...servingTerminating},
				{ip: '10.0.1.4', nodeName: local ? TEST_NODE_NAME : other, ...gone},
				{ip: '10.0.1.5', nodeName: other, ...ready},
			],
			flows: [
				podTo('10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80'),
				local ? extTo('10.0.1.1:80, 10.0.1.2:80', false) : extTo('10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80', true),
			],
		},
		{
			name: 'only terminating endpoints exist',
			endpoints: [
				{ip: '10.0.1.2', nodeName: TEST_NODE_NAME, ...servingTerminating},
				{ip: '10.0.1.3', nodeName: TEST_NODE_NAME, ...servingTerminating},
				{ip: '10.0.1.4', nodeName: local ? TEST_NODE_NAME : other, ...gone},
				local ? {ip: '10.0.1.5', nodeName: other, ...ready} : {ip: '10.0.1.5', nodeName: other, ...servingTerminating},
			],
			flows: local
				? [podTo('10.0.1.5:80'), extTo('10.0.1.2:80, 10.0.1.3:80', false)]
				: [podTo('10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80'), extTo('10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80', true)],
		},
		{
			name: 'terminating endpoints on remote node',
			endpoints: [{ip: '10.0.1.5', nodeName: 'node-1', ...servingTerminating}],
			flows: local
				? [podTo('10.0.1.5:80'), {...extTo('DROP', false), name: 'external to LB, no locally-usable endpoints'}]
				: [podTo('10.0.1.5:80'), extTo('10.0.1.5:80', true)],
		},
		{
			name: 'no usable endpoints on any node',
			endpoints: [
				{ip: '10.0.1.5', nodeName: TEST_NODE_NAME, ...gone},
				{ip: '10.0.1.5', nodeName: 'node-1', ...gone},
			],
			flows: [podTo('REJECT'), extTo('REJECT', false)],
		},
	];
}

for (const policy of ['Local', 'Cluster'] as const) {
	for (const tc of terminatingCases(policy)) {
		test(`TestTerminatingEndpointsTrafficPolicy${policy}: ${tc.name}`, (t) => {
			const svc = svc1Unnamed(
				{type: 'LoadBalancer', externalTrafficPolicy: policy, ports: [port('', 80, {targetPort: 80})], healthCheckNodePort: 30000},
				['1.2.3.4'],
			);
			runFlows(t, sync(fakeProxierConfig(), [svc], [slice('ns1', 'svc1', tc.endpoints, unnamed80)]), tc.flows);
			runFlows(t, sync(fakeProxierConfig(), [svc], []), afterDeletion(tc.flows));
		});
	}
}

/** TestInternalExternalMasquerade's base flows: the normal case (a working local detector, no masqueradeAll). */
const MASQ_FLOWS: Flow[] = (() => {
	const [all1, all2, all3] = ['10.180.0.1:80, 10.180.1.1:80', '10.180.0.2:80, 10.180.1.2:80', '10.180.0.3:80, 10.180.1.3:80'];
	const node = TEST_NODE_IP;
	const ext = TEST_EXTERNAL_CLIENT;
	const lo = '127.0.0.1';
	const f = (name: string, source: string, destination: string, port: number, output: string, masq: boolean): Flow => ({name, source, destination, port, output, masq});
	return [
		f('pod to ClusterIP', POD, '172.30.0.41', 80, all1, false),
		f('pod to NodePort', POD, node, 3001, all1, true),
		f('pod to LB', POD, '1.2.3.4', 80, all1, true),
		f('node to ClusterIP', node, '172.30.0.41', 80, all1, true),
		f('node to NodePort', node, node, 3001, all1, true),
		f('localhost to NodePort', lo, lo, 3001, all1, true),
		f('node to LB', node, '1.2.3.4', 80, all1, true),
		f('external to ClusterIP', ext, '172.30.0.41', 80, all1, true),
		f('external to NodePort', ext, node, 3001, all1, true),
		f('external to LB', ext, '1.2.3.4', 80, all1, true),
		f('pod to ClusterIP with eTP:Local', POD, '172.30.0.42', 80, all2, false),
		f('pod to NodePort with eTP:Local', POD, node, 3002, all2, false),
		f('pod to LB with eTP:Local', POD, '5.6.7.8', 80, all2, false),
		f('node to ClusterIP with eTP:Local', node, '172.30.0.42', 80, all2, true),
		// (upstream's case targets port 3001, svc1's NodePort, as written)
		f('node to NodePort with eTP:Local', node, node, 3001, all1, true),
		f('localhost to NodePort with eTP:Local', lo, lo, 3002, all2, true),
		f('node to LB with eTP:Local', node, '5.6.7.8', 80, all2, true),
		f('external to ClusterIP with eTP:Local', ext, '172.30.0.42', 80, all2, true),
		f('external to NodePort with eTP:Local', ext, node, 3002, '10.180.0.2:80', false),
		f('external to LB with eTP:Local', ext, '5.6.7.8', 80, '10.180.0.2:80', false),
		f('pod to ClusterIP with iTP:Local', POD, '172.30.0.43', 80, '10.180.0.3:80', false),
		f('pod to NodePort with iTP:Local', POD, node, 3003, all3, true),
		f('pod to LB with iTP:Local', POD, '9.10.11.12', 80, all3, true),
		f('node to ClusterIP with iTP:Local', node, '172.30.0.43', 80, '10.180.0.3:80', true),
		f('node to NodePort with iTP:Local', node, node, 3003, all3, true),
		f('localhost to NodePort with iTP:Local', lo, lo, 3003, all3, true),
		f('node to LB with iTP:Local', node, '9.10.11.12', 80, all3, true),
		f('external to ClusterIP with iTP:Local', ext, '172.30.0.43', 80, '10.180.0.3:80', true),
		f('external to NodePort with iTP:Local', ext, node, 3003, all3, true),
		f('external to LB with iTP:Local', ext, '9.10.11.12', 80, all3, true),
	];
})();

const NO_DETECTOR_OVERRIDES: Record<string, {masq?: boolean; output?: string}> = {
	// With no local detector all ClusterIP traffic is taken to come from a pod: no masquerade.
	'node to ClusterIP': {masq: false},
	'node to ClusterIP with eTP:Local': {masq: false},
	'node to ClusterIP with iTP:Local': {masq: false},
	'external to ClusterIP': {masq: false},
	'external to ClusterIP with eTP:Local': {masq: false},
	'external to ClusterIP with iTP:Local': {masq: false},
	// and no eTP:Local short-circuit for pods, which get only the local endpoint.
	'pod to NodePort with eTP:Local': {output: '10.180.0.2:80'},
	'pod to LB with eTP:Local': {output: '10.180.0.2:80'},
};
const MASQUERADE_ALL_OVERRIDES: Record<string, {masq?: boolean; output?: string}> = {
	'pod to ClusterIP': {masq: true},
	'pod to ClusterIP with eTP:Local': {masq: true},
	'pod to ClusterIP with iTP:Local': {masq: true},
};

for (const tc of [
	{name: 'base', masqueradeAll: false, detector: true, overrides: {}},
	{name: 'no LocalTrafficDetector', masqueradeAll: false, detector: false, overrides: NO_DETECTOR_OVERRIDES},
	{name: 'masqueradeAll', masqueradeAll: true, detector: true, overrides: MASQUERADE_ALL_OVERRIDES},
	{
		name: 'masqueradeAll, no LocalTrafficDetector',
		masqueradeAll: true,
		detector: false,
		overrides: {
			...MASQUERADE_ALL_OVERRIDES,
			'pod to NodePort with eTP:Local': {output: '10.180.0.2:80'},
			'pod to LB with eTP:Local': {output: '10.180.0.2:80'},
		},
	},
]) {
	test(`TestInternalExternalMasquerade: ${tc.name}`, (t) => {
		const config = fakeProxierConfig('IPv4', {
			masqueradeAll: tc.masqueradeAll,
			...(tc.detector ? {} : {localDetector: localDetector('ClusterCIDR', undefined, undefined)}),
		});
		const lb = (n: number, extra: Partial<Service['spec']>, ingress: string): Service =>
			service(`ns${n}`, `svc${n}`, {type: 'LoadBalancer', clusterIP: `172.30.0.4${n}`, ports: [port('p80', 80, {nodePort: 3000 + n})], healthCheckNodePort: 30000 + n, ...extra}, [ingress]);
		const services = [lb(1, {}, '1.2.3.4'), lb(2, {externalTrafficPolicy: 'Local'}, '5.6.7.8'), lb(3, {internalTrafficPolicy: 'Local'}, '9.10.11.12')];
		const slices = [1, 2, 3].map((n) =>
			slice(`ns${n}`, `svc${n}`, [{ip: `10.180.0.${n}`, nodeName: TEST_NODE_NAME}, {ip: `10.180.1.${n}`, nodeName: 'remote'}], p80),
		);
		const overrides: Record<string, {masq?: boolean; output?: string}> = tc.overrides;
		runFlows(t, sync(config, services, slices), MASQ_FLOWS.map((f) => ({...f, ...overrides[f.name]})));
	});
}
