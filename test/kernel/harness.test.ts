/**
 * Proves the kernel harness itself (test/support/kernel-node.ts) on hand-written rules in
 * kube-proxy's exact restore form: if these pass, a later test that feeds svc-tutor's generated
 * rules through the harness measures the rules, not the harness.
 */
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {OUTSIDE, maskSaveDates, withKernelNode, type KernelNodeSpec} from '../support/kernel-node.js';
import {binomialTolerance} from '../support/kernel-stats.js';
import {sharedPath} from '../support/shared.js';
import {kernelTest} from '../support/kernel-test.js';

const NODE_IP = '192.168.56.11';
const POD_CIDR = '10.244.1.0/24';
const CLUSTER_CIDR = '10.244.0.0/16';

/*
 * ns1/svc1:p80 (ClusterIP 172.30.0.41:80) with 3 endpoints, two on this node and one elsewhere;
 * ns1/svc2:p80 (172.30.0.42:80) without endpoints → REJECT;
 * ns1/svc3:p80, NodePort 30081 with externalTrafficPolicy Local and no local endpoint → DROP
 * (only its filter rule: the fragment isolates what DROP looks like to a client).
 * Chain names are hash16 (reference section 1): ns1/svc1:p80tcp → XPGD46QRK7WJZT7O;
 * + 10.244.1.5:8080 → 4DLQR6XP64U3IHTN, + 10.244.1.6:8080 → DTJWGOTMDVX5HUTF, + 10.244.2.7:8080 → 33BZODR5MMTESPP5.
 */
const SMALL_RESTORE = `*filter
:KUBE-NODEPORTS - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-EXTERNAL-SERVICES - [0:0]
:KUBE-FIREWALL - [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]
-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A KUBE-SERVICES -m comment --comment "ns1/svc2:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.42 --dport 80 -j REJECT
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns1/svc3:p80 has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30081 -j DROP
-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x00004000/0x00004000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
COMMIT
*nat
:KUBE-NODEPORTS - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
:KUBE-SEP-4DLQR6XP64U3IHTN - [0:0]
:KUBE-SEP-DTJWGOTMDVX5HUTF - [0:0]
:KUBE-SEP-33BZODR5MMTESPP5 - [0:0]
-A KUBE-POSTROUTING -m mark ! --mark 0x00004000/0x00004000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x00004000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000
-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.244.1.5:8080" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-4DLQR6XP64U3IHTN
-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.244.1.6:8080" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-DTJWGOTMDVX5HUTF
-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.244.2.7:8080" -j KUBE-SEP-33BZODR5MMTESPP5
-A KUBE-SEP-4DLQR6XP64U3IHTN -m comment --comment ns1/svc1:p80 -s 10.244.1.5 -j KUBE-MARK-MASQ
-A KUBE-SEP-4DLQR6XP64U3IHTN -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.244.1.5:8080
-A KUBE-SEP-DTJWGOTMDVX5HUTF -m comment --comment ns1/svc1:p80 -s 10.244.1.6 -j KUBE-MARK-MASQ
-A KUBE-SEP-DTJWGOTMDVX5HUTF -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.244.1.6:8080
-A KUBE-SEP-33BZODR5MMTESPP5 -m comment --comment ns1/svc1:p80 -s 10.244.2.7 -j KUBE-MARK-MASQ
-A KUBE-SEP-33BZODR5MMTESPP5 -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.244.2.7:8080
COMMIT
`;

const SVC1_ENDPOINTS = ['10.244.1.5:8080', '10.244.1.6:8080', '10.244.2.7:8080'];

const SMALL_SPEC: KernelNodeSpec = {
	nodeIP: NODE_IP,
	podCIDR: POD_CIDR,
	clusterCIDR: CLUSTER_CIDR,
	restoreText: SMALL_RESTORE,
	endpoints: SVC1_ENDPOINTS,
	clients: [
		{name: 'pod', ip: '10.244.1.20'},
		{name: 'external', ip: '192.168.56.1'},
		{name: 'node', ip: NODE_IP},
		// Same IP as an endpoint: the hairpin case (a Pod reaching its own Service).
		{name: 'web-1', ip: '10.244.1.5'},
	],
};

/** Our namespaces that still exist (for the "nothing left behind" checks). */
function ourNamespaces(names: Iterable<string>): string[] {
	const existing = execFileSync('ip', ['netns', 'list'], {encoding: 'utf8'})
		.split('\n')
		.map((line) => line.split(' ')[0] ?? '');
	const wanted = new Set(names);
	return existing.filter((name) => wanted.has(name));
}

/** Packet count of the one save line (from `iptables-save -c`) that contains `fragment`. */
function packets(saveWithCounters: string, fragment: string): number {
	const lines = saveWithCounters.split('\n').filter((line) => line.includes(fragment));
	if (lines.length !== 1) throw new Error(`expected one rule with ${fragment}, found ${lines.length}`);
	const m = /^\[(\d+):\d+\]/.exec(lines[0] ?? '');
	if (!m) throw new Error(`no counters on: ${lines[0]}`);
	return Number(m[1]);
}

kernelTest('harness: the node baseline plus kube-proxy restore text reproduce the reference iptables-save', async (t) => {
	const restoreText = readFileSync(new URL('../fixtures/kernel/node01-restore.txt', import.meta.url), 'utf8');
	// The reference file opens with a comment block about how it was made; iptables-save's own
	// comments (# Generated / # Completed) stay.
	const reference = readFileSync(sharedPath('reference', 'real-node-iptables-save.txt'), 'utf8')
		.split('\n')
		.filter((line) => !line.startsWith('# ') || /^# (Generated|Completed) /.test(line))
		.join('\n')
		// The reference file ends with an extra blank line that iptables-save does not print.
		.trimEnd();
	await withKernelNode(
		{nodeIP: NODE_IP, podCIDR: POD_CIDR, clusterCIDR: CLUSTER_CIDR, restoreText, endpoints: [], clients: []},
		async (node) => {
			t.log(`setup ${node.setupMs} ms`);
			t.is(maskSaveDates(await node.iptablesSave()).trimEnd(), reference);
		},
	);
});

kernelTest('harness: a 3-endpoint ClusterIP spreads connections ≈ 1/3 each (binomial bound)', async (t) => {
	const tries = 1500;
	// Each count is Binomial(1500, 1/3). d is the smallest tolerance with
	// Σ P(|count − 500| > d) ≤ 1e-6 (exact tails, union bound over the 3 endpoints): d = 93, so
	// a correct kernel fails this less than once in a million runs, while the classic bug of
	// giving every SVC→SEP rule probability 1/3 (expected 500/333/667) fails it almost surely.
	const tolerance = binomialTolerance(tries, [1 / 3, 1 / 3, 1 / 3], 1e-6);
	await withKernelNode(SMALL_SPEC, async (node) => {
		t.log(`setup ${node.setupMs} ms`);
		const started = performance.now();
		const tally = await node.connect('pod', '172.30.0.41:80', {tries, timeoutMs: 2000});
		t.log(`${tries} connections: ${Math.round(performance.now() - started)} ms (in the client: ${tally.elapsedMs} ms)`);
		t.log(`tolerance ±${tolerance}: ${JSON.stringify(tally.hits)}`);
		t.deepEqual(tally.failed, {refused: 0, timeout: 0, unreachable: 0, other: 0});
		t.deepEqual(Object.keys(tally.hits).sort(), [...SVC1_ENDPOINTS].sort());
		for (const endpoint of SVC1_ENDPOINTS) {
			const count = tally.hits[endpoint] ?? 0;
			t.true(Math.abs(count - tries / 3) <= tolerance, `${endpoint}: ${count} not within ${tries / 3} ± ${tolerance}`);
		}
		// A Pod source (inside clusterCIDR) is not masqueraded: the endpoints see the Pod's own IP.
		t.deepEqual(tally.sources, {'10.244.1.20': tries});
		// The DNAT happened in the node's nat table, by the rules we loaded.
		const save = await node.iptablesSave('nat', {counters: true});
		const viaSep = SVC1_ENDPOINTS.reduce((sum, e) => sum + packets(save, `--to-destination ${e}`), 0);
		t.is(viaSep, tries);
	});
});

kernelTest('harness: the node itself (nat OUTPUT), external clients and hairpin traffic are DNATed and masqueraded', async (t) => {
	await withKernelNode(SMALL_SPEC, async (node) => {
		const fromNode = await node.connect('node', '172.30.0.41:80', {tries: 60});
		t.is(sum(fromNode.hits), 60);
		t.deepEqual(Object.keys(fromNode.hits).sort(), [...SVC1_ENDPOINTS].sort());

		// Source outside clusterCIDR → KUBE-MARK-MASQ → MASQUERADE: local Pods see the podCIDR
		// gateway (10.244.1.1, cni0's address on a flannel node), the endpoint elsewhere sees the node IP.
		const external = await node.connect('external', '172.30.0.41:80', {tries: 60});
		t.is(sum(external.hits), 60);
		t.deepEqual(Object.keys(external.sources).sort(), ['10.244.1.1', NODE_IP]);
		t.is(external.sources[NODE_IP], external.hits['10.244.2.7:8080']);

		// Hairpin: web-1 (10.244.1.5) reaching its own Service and landing on itself is masqueraded
		// by its KUBE-SEP's `-s 10.244.1.5 -j KUBE-MARK-MASQ`; landing elsewhere it keeps its IP.
		const hairpin = await node.connect('web-1', '172.30.0.41:80', {tries: 60});
		t.is(sum(hairpin.hits), 60);
		t.is(hairpin.sources['10.244.1.1'], hairpin.hits['10.244.1.5:8080']);
		t.is(hairpin.sources['10.244.1.5'], 60 - (hairpin.hits['10.244.1.5:8080'] ?? 0));
	});
});

kernelTest('harness: REJECT (no endpoints) is refused, DROP times out, unknown IP:port is not DNATed', async (t) => {
	await withKernelNode(SMALL_SPEC, async (node) => {
		// REJECT (--reject-with icmp-port-unreachable) → the client's connect() fails with ECONNREFUSED,
		// at once, for every try: from a Pod (filter FORWARD) and from the node itself (filter OUTPUT).
		const started = performance.now();
		const rejected = await node.connect('pod', '172.30.0.42:80', {tries: 50, timeoutMs: 2000});
		t.log(`REJECT × 50: ${Math.round(performance.now() - started)} ms, ${JSON.stringify(rejected.errors)}`);
		t.deepEqual(rejected.hits, {});
		t.deepEqual(rejected.failed, {refused: 50, timeout: 0, unreachable: 0, other: 0});
		t.deepEqual(rejected.errors, {ECONNREFUSED: 50});
		const rejectedFromNode = await node.connect('node', '172.30.0.42:80', {tries: 5});
		t.deepEqual(rejectedFromNode.errors, {ECONNREFUSED: 5});
		const filter = await node.iptablesSave('filter', {counters: true});
		t.is(packets(filter, '"ns1/svc2:p80 has no endpoints"'), 55);

		// DROP → no answer at all: the client only sees its own timeout.
		const dropped = await node.connect('external', `${NODE_IP}:30081`, {tries: 4, timeoutMs: 400});
		t.log(`DROP × 4: ${JSON.stringify(dropped.errors)}`);
		t.deepEqual(dropped.hits, {});
		t.deepEqual(dropped.failed, {refused: 0, timeout: 4, unreachable: 0, other: 0});
		t.deepEqual(dropped.errors, {'timeout-connecting': 4});
		const filterAfter = await node.iptablesSave('filter', {counters: true});
		// ≥ 4: each connection's SYN is retransmitted once the client's RTO expires, if the timeout allows.
		t.true(packets(filterAfter, '"ns1/svc3:p80 has no local endpoints"') >= 4);

		// Not a Service: the packet leaves the node un-DNATed by its default route and reaches
		// the harness's "outside" sink. Same for a Service IP on a port it does not serve.
		const unknownIp = await node.connect('pod', '172.30.0.99:80', {tries: 10});
		t.deepEqual(unknownIp.hits, {[OUTSIDE]: 10});
		const unknownPort = await node.connect('pod', '172.30.0.41:81', {tries: 10});
		t.deepEqual(unknownPort.hits, {[OUTSIDE]: 10});
		// The node's own address on a port nobody listens on: the node's kernel answers RST.
		const closedNodePort = await node.connect('pod', `${NODE_IP}:31999`, {tries: 3});
		t.deepEqual(closedNodePort.errors, {ECONNREFUSED: 3});
		const nat = await node.iptablesSave('nat', {counters: true});
		t.is(packets(nat, '-j KUBE-SVC-XPGD46QRK7WJZT7O'), 0);
	});
});

kernelTest('harness: namespaces are gone afterwards, also when the body throws or the rules do not load', async (t) => {
	let names: string[] = [];
	await t.throwsAsync(
		withKernelNode(SMALL_SPEC, async (node) => {
			names = Object.values(node.namespaces);
			t.is(ourNamespaces(names).length, names.length);
			throw new Error('body failed');
		}),
		{message: 'body failed'},
	);
	t.true(names.length >= 5);
	t.deepEqual(ourNamespaces(names), []);

	const before = new Set(execFileSync('ip', ['netns', 'list'], {encoding: 'utf8'}).split('\n'));
	const broken = SMALL_RESTORE.replace('-j MASQUERADE --random-fully', '-j MASQUERADE --no-such-option');
	const error = await t.throwsAsync(withKernelNode({...SMALL_SPEC, restoreText: broken}, async () => undefined));
	// The error quotes the rejected line, not only iptables-restore's line number.
	t.regex(error?.message ?? '', /iptables-restore rejected the rules[\s\S]*\n {2}line \d+: -A KUBE-POSTROUTING .*--no-such-option$/);
	const after = execFileSync('ip', ['netns', 'list'], {encoding: 'utf8'}).split('\n');
	t.deepEqual(
		after.filter((line) => !before.has(line) && line.startsWith(`svct-${process.pid}-`)),
		[],
	);
});

function sum(counts: Record<string, number>): number {
	return Object.values(counts).reduce((a, b) => a + b, 0);
}
