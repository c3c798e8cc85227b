// kube-proxy's own unit tests (kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go) that hold a
// complete expected iptables-restore dump, replayed against svc-tutor's syncProxyRules. Inputs are
// re-expressed as svc-tutor objects (upstream-fake.ts); expected dumps are transcribed verbatim into
// test/fixtures/kube-proxy/, each naming the test and the commit it came from.
import test from 'ava';
import {syncProxyRules} from '../../../src/sim/kube-proxy/iptables/proxier.js';
import {chainRules, sortIPTablesRules} from '../../support/kube-proxy-sort.js';
import {fakeProxierConfig, fixture, overallCluster, port, service, slice, syncSorted, TEST_NODE_NAME} from './upstream-fake.js';

test('sorter: TestSortIPTablesRules "basic test using each match type"', (t) => {
	t.is(sortIPTablesRules(fixture('sort-basic.input.txt')), fixture('sort-basic.output.txt'));
});

test('sorter: TestSortIPTablesRules "correctly match same service name in different styles of comments"', (t) => {
	const input = [
		'*filter',
		'COMMIT',
		'*nat',
		':KUBE-SERVICES - [0:0]',
		'-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 cluster IP" svc2 line 1',
		'-A KUBE-SERVICES -m comment --comment ns2/svc2 svc2 line 2',
		'-A KUBE-SERVICES -m comment --comment "ns2/svc2 blah" svc2 line 3',
		'-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" svc1 line 1',
		'-A KUBE-SERVICES -m comment --comment ns1/svc1 svc1 line 2',
		'-A KUBE-SERVICES -m comment --comment "ns1/svc1 blah" svc1 line 3',
		'-A KUBE-SERVICES -m comment --comment ns4/svc4 svc4 line 1',
		'-A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 cluster IP" svc4 line 2',
		'-A KUBE-SERVICES -m comment --comment "ns4/svc4 blah" svc4 line 3',
		'-A KUBE-SERVICES -m comment --comment "ns3/svc3:p80 cluster IP" svc3 line 1',
		'-A KUBE-SERVICES -m comment --comment "ns3/svc3 blah" svc3 line 2',
		'-A KUBE-SERVICES -m comment --comment ns3/svc3 svc3 line 3',
		'COMMIT',
	];
	const lines = sortIPTablesRules(input.join('\n')).trimEnd().split('\n');
	t.deepEqual(
		lines.slice(4, -1).map((line) => line.replace(/^.* (svc\d line \d)$/, '$1')),
		['svc1 line 1', 'svc1 line 2', 'svc1 line 3', 'svc2 line 1', 'svc2 line 2', 'svc2 line 3', 'svc3 line 1', 'svc3 line 2', 'svc3 line 3', 'svc4 line 1', 'svc4 line 2', 'svc4 line 3'],
	);
});

test('sorter: TestSortIPTablesRules "unexpected junk lines are preserved" (chain order)', (t) => {
	const input = [
		'*filter',
		'COMMIT',
		'*nat',
		':KUBE-SERVICES - [0:0]',
		':KUBE-SEP-RS4RBKLTHTF2IUXJ - [0:0]',
		':KUBE-AAAAA - [0:0]',
		':KUBE-ZZZZZ - [0:0]',
		':WHY-IS-THIS-CHAIN-HERE - [0:0]',
		'-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 cluster IP" svc2 line 1',
		'-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80',
		'-A KUBE-ZZZZZ -m comment --comment "mystery chain number 1"',
		'-A KUBE-SERVICES -m comment --comment ns2/svc2 svc2 line 2',
		'-A WHY-IS-THIS-CHAIN-HERE -j ACCEPT',
		'-A KUBE-SERVICES -m comment --comment "ns2/svc2 blah" svc2 line 3',
		'-A KUBE-AAAAA -m comment --comment "mystery chain number 2"',
		'COMMIT',
	];
	t.is(
		sortIPTablesRules(input.join('\n')),
		[
			'*filter',
			'COMMIT',
			'*nat',
			':KUBE-SERVICES - [0:0]',
			':KUBE-AAAAA - [0:0]',
			':KUBE-SEP-RS4RBKLTHTF2IUXJ - [0:0]',
			':KUBE-ZZZZZ - [0:0]',
			':WHY-IS-THIS-CHAIN-HERE - [0:0]',
			'-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 cluster IP" svc2 line 1',
			'-A KUBE-SERVICES -m comment --comment ns2/svc2 svc2 line 2',
			'-A KUBE-SERVICES -m comment --comment "ns2/svc2 blah" svc2 line 3',
			'-A KUBE-AAAAA -m comment --comment "mystery chain number 2"',
			'-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80',
			'-A KUBE-ZZZZZ -m comment --comment "mystery chain number 1"',
			'-A WHY-IS-THIS-CHAIN-HERE -j ACCEPT',
			'COMMIT',
			'',
		].join('\n'),
	);
});

test('TestOverallIPTablesRules', (t) => {
	const {services, slices} = overallCluster();
	t.is(syncSorted(fakeProxierConfig(), services, slices), fixture('overall-iptables-rules.restore.txt'));
});

test('TestOverallIPTablesRules: a real node writes 0x00004000 and --random-fully where the fake does not', (t) => {
	const {restore} = syncProxyRules(fakeProxierConfig('IPv4', {randomFully: true}), [], []);
	t.true(restore.includes('-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000\n'));
	t.true(restore.includes('-j MASQUERADE --random-fully\n'));
});

const p80 = [{name: 'p80', port: 80}];

test('TestSyncProxyRulesRepeated: the first (full) sync', (t) => {
	const services = [
		service('ns1', 'svc1', {type: 'ClusterIP', clusterIP: '172.30.0.41', ports: [port('p80', 80)]}),
		service('ns2', 'svc2', {type: 'ClusterIP', clusterIP: '172.30.0.42', ports: [port('p8080', 8080)]}),
	];
	const slices = [
		slice('ns1', 'svc1', [{ip: '10.0.1.1'}], p80),
		slice('ns2', 'svc2', [{ip: '10.0.2.1'}], [{name: 'p8080', port: 8080}]),
	];
	t.is(syncSorted(fakeProxierConfig(), services, slices), fixture('sync-proxy-rules-repeated.initial.restore.txt'));
});

test('TestSyncProxyRulesRepeated: the last full resync (less the deletion of chains svc-tutor never made)', (t) => {
	const services = [
		service('ns1', 'svc1', {type: 'ClusterIP', clusterIP: '172.30.0.41', ports: [port('p80', 80)]}),
		service('ns3', 'svc3', {type: 'ClusterIP', clusterIP: '172.30.0.43', ports: [port('p80', 80)]}),
	];
	const slices = [
		slice('ns1', 'svc1', [{ip: '10.0.1.1'}], p80),
		slice('ns3', 'svc3', [{ip: '10.0.3.2'}, {ip: '10.0.3.3'}], p80),
	];
	const deleted = ['KUBE-SEP-AYCN5HPXMIRJNJXU', 'KUBE-SVC-4SW47YFZTEDKD3PK'];
	const expected = fixture('sync-proxy-rules-repeated.final.restore.txt')
		.split('\n')
		.filter((line) => !deleted.some((chain) => line === `:${chain} - [0:0]` || line === `-X ${chain}`))
		.join('\n');
	t.is(syncSorted(fakeProxierConfig(), services, slices), expected);
});

test('TestBadIPs: addresses with leading zeros are written in canonical form', (t) => {
	const services = [
		service(
			'ns1',
			'svc1',
			{
				type: 'LoadBalancer',
				clusterIP: '172.30.0.041',
				ports: [port('p80', 80, {nodePort: 3001})],
				externalIPs: ['192.168.099.022'],
				loadBalancerSourceRanges: ['203.0.113.000/025'],
			},
			['1.2.3.004'],
		),
	];
	const slices = [slice('ns1', 'svc1', [{ip: '10.180.00.001'}], p80)];
	t.is(syncSorted(fakeProxierConfig(), services, slices), fixture('bad-ips.restore.txt'));
});

/** upstream countEndpointsAndComments: DNAT rules of SEP chains, how many carry a comment, and the one for `match`. */
function countEndpointsAndComments(restore: string, match: string): {matched: string; endpoints: number; comments: number} {
	let matched = '';
	let endpoints = 0;
	let comments = 0;
	for (const line of restore.split('\n')) {
		if (!line.startsWith('-A KUBE-SEP-') || !line.includes('-j DNAT')) continue;
		endpoints++;
		if (line.includes('--comment')) comments++;
		if (line.includes(match)) matched = line;
	}
	return {matched, endpoints, comments};
}

test('TestSyncProxyRulesLargeClusterMode: comments go from SEP rules above 1000 endpoints', (t) => {
	const config = fakeProxierConfig('IPv4', {masqueradeAll: true});
	const many = (prefix: string) => Array.from({length: 1000 / 2 - 1}, (_, i) => ({ip: `${prefix}.${i % 256}.${Math.floor(i / 256)}`}));
	const services = [
		service('ns1', 'svc1', {type: 'ClusterIP', clusterIP: '172.30.0.41', ports: [port('p80', 80)]}),
		service('ns2', 'svc2', {type: 'ClusterIP', clusterIP: '172.30.0.42', ports: [port('p8080', 8080)]}),
		service('ns3', 'svc3', {type: 'ClusterIP', clusterIP: '172.30.0.43', ports: [port('p8081', 8081)]}),
	];
	const slices = [slice('ns1', 'svc1', many('10.0'), p80), slice('ns2', 'svc2', many('10.1'), [{name: 'p8080', port: 8080}])];

	const below = syncProxyRules(config, services, slices);
	t.false(below.largeClusterMode);
	const first = countEndpointsAndComments(below.restore, '10.0.0.0');
	t.is(first.matched, '-A KUBE-SEP-DKGQUZGBKLTPAR56 -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.0.0.0:80');
	t.is(first.endpoints, 998);
	t.is(first.comments, 998);

	const svc3 = slice('ns3', 'svc3', [{ip: '203.0.113.4'}, {ip: '203.0.113.8'}, {ip: '203.0.113.12'}], [{name: 'p8081', port: 8081}]);
	const above = syncProxyRules(config, services, [...slices, svc3]);
	t.true(above.largeClusterMode);
	const all = countEndpointsAndComments(above.restore, '10.0.0.0');
	t.is(all.matched, '-A KUBE-SEP-DKGQUZGBKLTPAR56 -m tcp -p tcp -j DNAT --to-destination 10.0.0.0:80');
	t.is(all.endpoints, 1001);
	t.is(all.comments, 0);
	t.is(countEndpointsAndComments(above.restore, '203.0.113.4').matched, '-A KUBE-SEP-RUVVH7YV3PHQBDOS -m tcp -p tcp -j DNAT --to-destination 203.0.113.4:8081');

	const svc4 = service('ns4', 'svc4', {type: 'ClusterIP', clusterIP: '172.30.0.44', ports: [port('p8082', 8082)]});
	const svc4Slice = slice('ns4', 'svc4', [{ip: '10.4.0.1'}], [{name: 'p8082', port: 8082}]);
	const withSvc4 = syncProxyRules(config, [...services, svc4], [...slices, svc3, svc4Slice]);
	t.is(countEndpointsAndComments(withSvc4.restore, '10.4.0.1').matched, '-A KUBE-SEP-SU5STNODRYEWJAUF -m tcp -p tcp -j DNAT --to-destination 10.4.0.1:8082');
	// The chain upstream later deletes as svc4's: same hash here.
	t.true(withSvc4.restore.includes(':KUBE-SVC-EBDQOQU5SJFXRIL3 - [0:0]'));
});

const FORWARD_ACCEPTS = [
	'-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT\n',
	'-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n',
].join('');

for (const [tcpLiberal, nfacct, dropRule] of [
	[false, false, '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP\n'],
	[false, true, '-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP\n'],
	[true, false, ''],
] as const) {
	test(`TestDropInvalidRule: tcpLiberal is ${tcpLiberal} and nfacctEnsured is ${nfacct}`, (t) => {
		const restore = syncSorted(fakeProxierConfig('IPv4', {conntrackTCPLiberal: tcpLiberal, nfacct}), [], []);
		t.is(chainRules(restore, 'filter', 'KUBE-FORWARD'), dropRule + FORWARD_ACCEPTS);
	});
}

for (const randomFully of [false, true]) {
	test(`TestMasqueradeRule: randomFully ${randomFully}`, (t) => {
		const restore = syncSorted(fakeProxierConfig('IPv4', {randomFully}), [], []);
		t.is(
			chainRules(restore, 'nat', 'KUBE-POSTROUTING'),
			[
				'-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
				'-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
				`-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${randomFully ? ' --random-fully' : ''}`,
				'',
			].join('\n'),
		);
	});
}

// Dumps from an older kube-proxy (before v1.27; see each fixture's header). The one version
// difference, the filter KUBE-FIREWALL chain v1.27+ writes for localhost NodePorts, is removed from
// svc-tutor's output; nfacct counters (v1.29+) are off, as that fake had none.
function withoutKubeFirewall(restore: string): string {
	return restore
		.split('\n')
		.filter((line) => line !== ':KUBE-FIREWALL - [0:0]' && !line.startsWith('-A KUBE-FIREWALL '))
		.join('\n');
}
const preV127 = fakeProxierConfig('IPv4', {nfacct: false});

for (const [fixtureName, policy, nodes] of [
	['pre-v1.27.internal-traffic-policy.cluster.restore.txt', 'Cluster', [TEST_NODE_NAME, 'host1', 'host2']],
	['pre-v1.27.internal-traffic-policy.local-endpoints.restore.txt', 'Local', [TEST_NODE_NAME, 'host1', 'host2']],
	['pre-v1.27.internal-traffic-policy.no-local-endpoints.restore.txt', 'Local', ['host0', 'host1', 'host2']],
] as const) {
	test(`TestInternalTrafficPolicyE2E (pre-v1.27 dump): ${fixtureName}`, (t) => {
		const svc = service('ns1', 'svc1', {clusterIP: '172.30.1.1', selector: {foo: 'bar'}, internalTrafficPolicy: policy, ports: [port('', 80)]});
		const eps = slice('ns1', 'svc1', nodes.map((nodeName, i) => ({ip: `10.0.1.${i + 1}`, nodeName, ready: true})), [{name: '', port: 80}]);
		t.is(withoutKubeFirewall(syncSorted(preV127, [svc], [eps])), fixture(fixtureName));
	});
}

const terminatingLocalService = service(
	'ns1',
	'svc1',
	{
		clusterIP: '172.30.1.1',
		type: 'LoadBalancer',
		externalTrafficPolicy: 'Local',
		selector: {foo: 'bar'},
		ports: [port('', 80, {targetPort: 80})],
		healthCheckNodePort: 30000,
		sessionAffinity: 'ClientIP',
		sessionAffinityConfig: {clientIP: {timeoutSeconds: 10800}},
	},
	['1.2.3.4'],
);
const readyEp = {ready: true, serving: true, terminating: false};
const servingTerminatingEp = {ready: false, serving: true, terminating: true};
const goneEp = {ready: false, serving: false, terminating: true};

test('TestEndpointSliceWithTerminatingEndpointsTrafficPolicyLocal (pre-v1.27 dump): ready endpoints exist', (t) => {
	const eps = slice(
		'ns1',
		'svc1',
		[
			{ip: '10.0.1.1', nodeName: TEST_NODE_NAME, ...readyEp},
			{ip: '10.0.1.2', nodeName: TEST_NODE_NAME, ...readyEp},
			{ip: '10.0.1.3', nodeName: TEST_NODE_NAME, ...servingTerminatingEp},
			{ip: '10.0.1.4', nodeName: TEST_NODE_NAME, ...goneEp},
			{ip: '10.0.1.5', nodeName: 'host-1', ...readyEp},
		],
		[{name: '', port: 80}],
	);
	t.is(withoutKubeFirewall(syncSorted(preV127, [terminatingLocalService], [eps])), fixture('pre-v1.27.terminating-local.ready-endpoints-exist.restore.txt'));
});

test('TestEndpointSliceWithTerminatingEndpointsTrafficPolicyLocal (pre-v1.27 dump): only terminating endpoints exist', (t) => {
	const eps = slice(
		'ns1',
		'svc1',
		[
			{ip: '10.0.1.2', nodeName: TEST_NODE_NAME, ...servingTerminatingEp},
			{ip: '10.0.1.3', nodeName: TEST_NODE_NAME, ...servingTerminatingEp},
			{ip: '10.0.1.4', nodeName: TEST_NODE_NAME, ...goneEp},
			{ip: '10.0.1.5', nodeName: 'host-1', ...readyEp},
		],
		[{name: '', port: 80}],
	);
	t.is(withoutKubeFirewall(syncSorted(preV127, [terminatingLocalService], [eps])), fixture('pre-v1.27.terminating-local.only-terminating.restore.txt'));
});
