// What a Service's first packet experiences on node01 (see node.ts): exact chains, verdicts and
// probabilities for each kube-proxy rule shape.

import {readFileSync} from 'node:fs';
import test from 'ava';
import {nodeRuleset} from '../../../src/sim/iptables/node-baseline.js';
import {tracePacket} from '../../../src/sim/netfilter/traverse.js';
import type {Outcome, TraceInput} from '../../../src/sim/netfilter/types.js';
import {stored} from './build.js';
import {EXT, NODE_IP, OUTSIDE, POD, SEP, SVC, SVL_LOCAL_API, node01} from './node.js';

const ruleset = node01();

function trace(packet: Partial<TraceInput['packet']> & {dst: string; dport: number}, more: Partial<TraceInput> = {}) {
	return tracePacket({
		ruleset,
		entry: 'PREROUTING',
		packet: {src: POD, proto: 'tcp', ...packet},
		localAddresses: [NODE_IP],
		...more,
	});
}

/** Verdict, destination, probability, masquerade and path: what each test pins down. */
const summary = (o: Outcome) => ({verdict: o.verdict, to: o.to, probability: o.probability, masquerade: o.masquerade, path: o.path});

// Forwarded, nothing marked: KUBE-FORWARD lets it fall through to filter's KUBE-SERVICES checks.
const FORWARD_PLAIN = ['FORWARD', 'KUBE-PROXY-FIREWALL', 'KUBE-FORWARD', 'KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'POSTROUTING', 'KUBE-POSTROUTING'];
// Forwarded with the 0x4000 mark: KUBE-FORWARD accepts it, KUBE-POSTROUTING masquerades it.
const FORWARD_MARKED = ['FORWARD', 'KUBE-PROXY-FIREWALL', 'KUBE-FORWARD', 'POSTROUTING', 'KUBE-POSTROUTING'];

// The probabilities iptables really applies: 0.3333333333 is stored as 715827883 / 2^31.
const THIRD = stored(0.3333333333);
const SHOP = ['10.244.1.12:3000', '10.244.1.9:3000', '10.244.2.3:3000'];
const SHOP_P = [THIRD, (1 - THIRD) * 0.5, (1 - THIRD) * 0.5];

test('ClusterIP with one endpoint: DNAT to it, probability 1, no masquerade for a Pod source', (t) => {
	const result = trace({dst: '10.96.0.1', dport: 443});
	t.deepEqual(result.outcomes.map(summary), [{
		verdict: 'DNAT', to: '192.168.56.10:6443', probability: 1, masquerade: false,
		path: ['PREROUTING', 'KUBE-SERVICES', SVC.kubernetes, SEP['192.168.56.10:6443'], ...FORWARD_PLAIN],
	}]);
	// KUBE-SERVICES is scanned from the top: the first rule is this service's, so one step there.
	const services = result.outcomes[0]?.steps.filter((s) => s.table === 'nat' && s.chain === 'KUBE-SERVICES');
	t.deepEqual(services?.map((s) => [s.ruleIndex, s.matched, s.depth]), [[0, true, 1]]);
});

test('ClusterIP with three endpoints: each gets the kernel-stored share, about 1/3', (t) => {
	const {outcomes} = trace({dst: '10.96.0.70', dport: 80});
	t.deepEqual(outcomes.map(summary), SHOP.map((endpoint, i) => ({
		verdict: 'DNAT', to: endpoint, probability: SHOP_P[i], masquerade: false,
		path: ['PREROUTING', 'KUBE-SERVICES', SVC.shop, SEP[endpoint], ...FORWARD_PLAIN],
	})));
	for (const o of outcomes) t.true(Math.abs(o.probability - 1 / 3) < 1e-9);
	t.is(outcomes[0]?.probability, 715827883 / 2 ** 31);
	// The last outcome passed both statistic rules without taking them.
	const svcSteps = outcomes[2]?.steps.filter((s) => s.chain === SVC.shop).map((s) => [s.ruleIndex, s.matched, s.note]);
	t.deepEqual(svcSteps, [
		[0, false, undefined],
		[1, false, 'probability 0.33333333349: not taken (0.66666666651)'],
		[2, false, 'probability 0.50000000000: not taken (0.50000000000)'],
		[3, true, undefined],
	]);
});

test('hairpin: a Pod reaching itself through its Service is masqueraded', (t) => {
	const {outcomes} = trace({src: '10.244.1.12', dst: '10.96.0.70', dport: 80});
	t.deepEqual(outcomes.map(summary), [
		{verdict: 'DNAT', to: SHOP[0], probability: SHOP_P[0], masquerade: true,
			path: ['PREROUTING', 'KUBE-SERVICES', SVC.shop, SEP[SHOP[0] as string], 'KUBE-MARK-MASQ', ...FORWARD_MARKED]},
		...SHOP.slice(1).map((endpoint, i) => ({verdict: 'DNAT', to: endpoint, probability: SHOP_P[i + 1], masquerade: false,
			path: ['PREROUTING', 'KUBE-SERVICES', SVC.shop, SEP[endpoint], ...FORWARD_PLAIN]})),
	]);
});

test('a source outside the cluster CIDR is marked by KUBE-SVC and masqueraded', (t) => {
	const {outcomes} = trace({src: OUTSIDE, dst: '10.96.0.70', dport: 80});
	t.deepEqual(outcomes.map(summary), SHOP.map((endpoint, i) => ({
		verdict: 'DNAT', to: endpoint, probability: SHOP_P[i], masquerade: true,
		path: ['PREROUTING', 'KUBE-SERVICES', SVC.shop, 'KUBE-MARK-MASQ', SEP[endpoint], ...FORWARD_MARKED],
	})));
	const masq = outcomes[0]?.steps.find((s) => s.chain === 'KUBE-MARK-MASQ');
	t.is(masq?.note, 'mark 0x0 → 0x4000');
	const snat = outcomes[0]?.steps.at(-1);
	t.like(snat, {table: 'nat', chain: 'KUBE-POSTROUTING', ruleIndex: 2, matched: true});
});

test('a Service without endpoints is rejected by filter KUBE-SERVICES', (t) => {
	const {outcomes} = trace({dst: '10.96.0.60', dport: 5432});
	t.deepEqual(outcomes.map(summary), [{
		verdict: 'REJECT', to: undefined, probability: 1, masquerade: false,
		path: ['PREROUTING', 'KUBE-SERVICES', 'FORWARD', 'KUBE-PROXY-FIREWALL', 'KUBE-FORWARD', 'KUBE-SERVICES'],
	}]);
	t.deepEqual(outcomes[0]?.decidedBy, {table: 'filter', chain: 'KUBE-SERVICES', ruleIndex: 0});
	// The same from the node itself: filter OUTPUT's KUBE-SERVICES jump.
	const own = trace({src: NODE_IP, dst: '10.96.0.60', dport: 5432}, {entry: 'OUTPUT'}).outcomes;
	t.deepEqual(own.map(summary), [{
		verdict: 'REJECT', to: undefined, probability: 1, masquerade: false,
		path: ['OUTPUT', 'KUBE-SERVICES', 'OUTPUT', 'KUBE-PROXY-FIREWALL', 'KUBE-SERVICES'],
	}]);
});

test('NodePort, Cluster policy: addrtype LOCAL leads to KUBE-NODEPORTS, any endpoint, masqueraded', (t) => {
	const {outcomes} = trace({src: OUTSIDE, dst: NODE_IP, dport: 30080});
	t.deepEqual(outcomes.map(summary), SHOP.map((endpoint, i) => ({
		verdict: 'DNAT', to: endpoint, probability: SHOP_P[i], masquerade: true,
		path: ['PREROUTING', 'KUBE-SERVICES', 'KUBE-NODEPORTS', EXT.shop, 'KUBE-MARK-MASQ', SVC.shop, SEP[endpoint], ...FORWARD_MARKED],
	})));
	// The node address is not the cluster IP: KUBE-SVC's masquerade rule does not match it.
	t.false(outcomes[0]?.steps.find((s) => s.chain === SVC.shop)?.matched);
	// A port no Service uses: through KUBE-NODEPORTS untouched, delivered to the node.
	const other = trace({src: OUTSIDE, dst: NODE_IP, dport: 22}).outcomes;
	t.deepEqual(other.map(summary), [{
		verdict: 'ACCEPT', to: undefined, probability: 1, masquerade: false,
		path: ['PREROUTING', 'KUBE-SERVICES', 'KUBE-NODEPORTS', 'INPUT', 'KUBE-PROXY-FIREWALL', 'KUBE-NODEPORTS', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL'],
	}]);
});

test('externalTrafficPolicy Local without a local endpoint: not DNATed, dropped by KUBE-EXTERNAL-SERVICES', (t) => {
	const {outcomes} = trace({src: OUTSIDE, dst: NODE_IP, dport: 30090});
	t.deepEqual(outcomes.map(summary), [{
		verdict: 'DROP', to: undefined, probability: 1, masquerade: false,
		path: ['PREROUTING', 'KUBE-SERVICES', 'KUBE-NODEPORTS', EXT.localWeb, 'INPUT', 'KUBE-PROXY-FIREWALL', 'KUBE-NODEPORTS', 'KUBE-EXTERNAL-SERVICES'],
	}]);
	t.deepEqual(outcomes[0]?.decidedBy, {table: 'filter', chain: 'KUBE-EXTERNAL-SERVICES', ruleIndex: 0});
	// A Pod using the same NodePort is short-circuited to the cluster-wide chain: not dropped.
	const fromPod = trace({src: POD, dst: NODE_IP, dport: 30090}).outcomes;
	t.deepEqual(fromPod.map(summary), [{
		verdict: 'DNAT', to: '10.244.2.5:8080', probability: 1, masquerade: false,
		path: ['PREROUTING', 'KUBE-SERVICES', 'KUBE-NODEPORTS', EXT.localWeb, SVC.localWeb, SEP['10.244.2.5:8080'], ...FORWARD_PLAIN],
	}]);
});

test('externalTrafficPolicy Local with local endpoints: KUBE-EXT → KUBE-SVL, source kept', (t) => {
	const {outcomes} = trace({src: OUTSIDE, dst: NODE_IP, dport: 30443});
	const local = ['10.244.1.20:8443', '10.244.1.21:8443'];
	t.deepEqual(outcomes.map(summary), local.map((endpoint) => ({
		verdict: 'DNAT', to: endpoint, probability: 0.5, masquerade: false,
		path: ['PREROUTING', 'KUBE-SERVICES', 'KUBE-NODEPORTS', EXT.localApi, SVL_LOCAL_API, SEP[endpoint], ...FORWARD_PLAIN],
	})));
	// The cluster IP of the same Service still spreads over all three endpoints.
	const viaClusterIp = trace({dst: '10.96.0.90', dport: 443}).outcomes;
	t.deepEqual(viaClusterIp.map((o) => o.to), ['10.244.1.20:8443', '10.244.1.21:8443', '10.244.2.20:8443']);
});

test('sessionAffinity ClientIP, first connection: no recent entry, each endpoint by probability, source recorded', (t) => {
	const {outcomes} = trace({dst: '10.96.0.100', dport: 80});
	const endpoints = ['10.244.1.30:80', '10.244.2.30:80'];
	t.deepEqual(outcomes.map(summary), endpoints.map((endpoint) => ({
		verdict: 'DNAT', to: endpoint, probability: 0.5, masquerade: false,
		path: ['PREROUTING', 'KUBE-SERVICES', SVC.sticky, SEP[endpoint], ...FORWARD_PLAIN],
	})));
	t.deepEqual(outcomes.map((o) => o.recorded), endpoints.map((endpoint) => [{name: SEP[endpoint], address: POD}]));
	const checks = outcomes[0]?.steps.filter((s) => s.chain === SVC.sticky && s.rule.matches.some((m) => m.module === 'recent'));
	t.deepEqual(checks?.map((s) => [s.ruleIndex, s.matched]), [[1, false], [2, false]]);
});

test('sessionAffinity ClientIP with a recent entry: the connection sticks to that endpoint', (t) => {
	const second = SEP['10.244.2.30:80'] as string;
	const {outcomes} = trace({dst: '10.96.0.100', dport: 80}, {recentEntries: [{name: second, address: POD}, {name: SEP['10.244.1.30:80'] as string, address: '10.244.9.9'}]});
	t.deepEqual(outcomes.map(summary), [{
		verdict: 'DNAT', to: '10.244.2.30:80', probability: 1, masquerade: false,
		path: ['PREROUTING', 'KUBE-SERVICES', SVC.sticky, second, ...FORWARD_PLAIN],
	}]);
	const steps = outcomes[0]?.steps.filter((s) => s.chain === SVC.sticky).map((s) => [s.ruleIndex, s.matched]);
	t.deepEqual(steps, [[0, false], [1, false], [2, true]]);
});

test('from the node itself (OUTPUT): off-cluster source, so masqueraded; nat OUTPUT then filter OUTPUT', (t) => {
	const {entry, outcomes} = trace({src: NODE_IP, dst: '10.96.0.70', dport: 80}, {entry: 'OUTPUT'});
	t.is(entry, 'OUTPUT');
	t.deepEqual(outcomes.map(summary), SHOP.map((endpoint, i) => ({
		verdict: 'DNAT', to: endpoint, probability: SHOP_P[i], masquerade: true,
		path: ['OUTPUT', 'KUBE-SERVICES', SVC.shop, 'KUBE-MARK-MASQ', SEP[endpoint], 'OUTPUT', 'KUBE-PROXY-FIREWALL', 'KUBE-SERVICES', 'KUBE-FIREWALL', 'POSTROUTING', 'KUBE-POSTROUTING'],
	})));
	// A localhost NodePort: the 127.0.0.0/8 rule (with its nfacct counter) catches it first.
	const localhost = trace({src: '127.0.0.1', dst: '127.0.0.1', dport: 30080}, {entry: 'OUTPUT'}).outcomes;
	t.deepEqual(localhost.map((o) => [o.to, o.masquerade]), SHOP.map((endpoint) => [endpoint, true]));
	const nodePorts = localhost[0]?.steps.filter((s) => s.chain === 'KUBE-NODEPORTS').map((s) => [s.ruleIndex, s.matched]);
	t.deepEqual(nodePorts, [[0, false], [1, false], [2, false], [3, false], [4, true]]);
});

test('a destination that is no Service passes untouched', (t) => {
	const {outcomes} = trace({dst: '8.8.8.8', dport: 53, proto: 'udp'});
	t.deepEqual(outcomes.map(summary), [{
		verdict: 'ACCEPT', to: undefined, probability: 1, masquerade: false,
		path: ['PREROUTING', 'KUBE-SERVICES', ...FORWARD_PLAIN],
	}]);
	// Every KUBE-SERVICES rule was tested and none matched.
	const services = outcomes[0]?.steps.filter((s) => s.table === 'nat' && s.chain === 'KUBE-SERVICES');
	t.is(services?.length, 6);
	t.true(services?.every((s) => !s.matched));
});

test('KUBE-FIREWALL drops outside traffic to 127.0.0.0/8 but not the node talking to itself', (t) => {
	const {outcomes} = trace({src: OUTSIDE, dst: '127.0.0.1', dport: 10248});
	t.deepEqual(outcomes.map(summary), [{
		verdict: 'DROP', to: undefined, probability: 1, masquerade: false,
		path: ['PREROUTING', 'KUBE-SERVICES', 'KUBE-NODEPORTS', 'INPUT', 'KUBE-PROXY-FIREWALL', 'KUBE-NODEPORTS', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL'],
	}]);
	t.deepEqual(outcomes[0]?.decidedBy, {table: 'filter', chain: 'KUBE-FIREWALL', ruleIndex: 0});
	// kubelet's own health check from localhost: OUTPUT, POSTROUTING, then in through lo to INPUT.
	const own = trace({src: '127.0.0.1', dst: '127.0.0.1', dport: 10248}, {entry: 'OUTPUT'}).outcomes;
	t.deepEqual(own.map(summary), [{
		verdict: 'ACCEPT', to: undefined, probability: 1, masquerade: false,
		path: ['OUTPUT', 'KUBE-SERVICES', 'KUBE-NODEPORTS', 'OUTPUT', 'KUBE-PROXY-FIREWALL', 'KUBE-SERVICES', 'KUBE-FIREWALL', 'POSTROUTING', 'KUBE-POSTROUTING',
			'INPUT', 'KUBE-PROXY-FIREWALL', 'KUBE-NODEPORTS', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL'],
	}]);
});

test('outcomes always sum to 1', (t) => {
	for (const [dst, dport] of [['10.96.0.70', 80], ['10.96.0.90', 443], [NODE_IP, 30443], ['10.96.0.100', 80]] as const) {
		const sum = trace({src: OUTSIDE, dst, dport}).outcomes.reduce((total, o) => total + o.probability, 0);
		t.true(Math.abs(sum - 1) < 1e-12, `${dst}:${dport} sums to ${sum}`);
	}
});

test('the captured real node (test/fixtures/iptables/real-node.restore.txt): kube-dns over UDP, web over TCP', (t) => {
	const text = readFileSync(new URL('../../fixtures/iptables/real-node.restore.txt', import.meta.url), 'utf8');
	const real = nodeRuleset(text);
	const dns = tracePacket({ruleset: real, entry: 'PREROUTING', packet: {src: POD, dst: '10.96.0.10', dport: 53, proto: 'udp'}, localAddresses: [NODE_IP]});
	t.deepEqual(dns.outcomes.map(summary), ['10.244.0.2:53', '10.244.0.3:53'].map((to, i) => ({
		verdict: 'DNAT', to, probability: 0.5, masquerade: false,
		path: ['PREROUTING', 'KUBE-SERVICES', 'KUBE-SVC-TCOU7JCQXEZGVUNU', ['KUBE-SEP-YIL6JZP7A3QYXJU2', 'KUBE-SEP-6E7XQMQ4RAYOWTTM'][i], ...FORWARD_PLAIN],
	})));
	// The same address over TCP port 53 is another Service port with its own chains.
	const tcp = tracePacket({ruleset: real, entry: 'PREROUTING', packet: {src: POD, dst: '10.96.0.10', dport: 53, proto: 'tcp'}, localAddresses: [NODE_IP]});
	t.deepEqual(tcp.outcomes.map((o) => o.path[2]), ['KUBE-SVC-ERIFXISQEP7F7OF4', 'KUBE-SVC-ERIFXISQEP7F7OF4']);
	const db = tracePacket({ruleset: real, entry: 'PREROUTING', packet: {src: POD, dst: '10.96.0.60', dport: 5432, proto: 'tcp'}, localAddresses: [NODE_IP]});
	t.like(db.outcomes, [{verdict: 'REJECT', probability: 1}]);
});
