/**
 * kube-proxy's nftables mode against the real kernel and the real nft (Debian bookworm's 1.0.6):
 * svc-tutor's table for a seeded cluster is loaded with `nft -f` into a node built of network
 * namespaces (test/support/kernel-node.ts), `nft list table ip kube-proxy` there must equal
 * svc-tutor's save form byte for byte, and real TCP connections must land where the rules say.
 * Skipped, with the reason printed, when nft (or the kernel harness) is missing.
 */
import {execFileSync} from 'node:child_process';
import type {ExecutionContext} from 'ava';
import type {EndpointSlice, Service} from '../../src/sim/api/types.js';
import {renderNftCreationOrder, renderNftDump} from '../../src/sim/kube-proxy/nftables/dump.js';
import {renderNftList} from '../../src/sim/kube-proxy/nftables/list.js';
import {syncNftablesRules, type NftablesProxierConfig} from '../../src/sim/kube-proxy/nftables/proxier.js';
import {localDetector} from '../../src/sim/kube-proxy/local-detector.js';
import {traceNftPacket} from '../../src/sim/nftables-trace/index.js';
import {binomialTolerance} from '../support/kernel-stats.js';
import {kernelTest} from '../support/kernel-test.js';
import {NFT_BIN, withKernelNode, type KernelNodeSpec} from '../support/kernel-node.js';
import {fakeProxierConfig, port, service, slice, TEST_NODE_NAME} from '../sim/kube-proxy/upstream-fake.js';

const NODE = 'node01';
const NODE_IP = '192.168.56.11';
const POD_CIDR = '10.244.1.0/24';
const CLUSTER_CIDR = '10.244.0.0/16';

function nftMissing(): string | undefined {
	try {
		execFileSync(NFT_BIN, ['--version'], {stdio: 'pipe'});
		return undefined;
	} catch (error) {
		return `nft is not installed (apt-get install nftables): ${(error as Error).message.split('\n')[0]}`;
	}
}

/** A kernel test that also needs nft: without it, it passes with the reason logged (CI installs nftables). */
function nftKernelTest(title: string, impl: (t: ExecutionContext) => Promise<void>): void {
	const missing = nftMissing();
	if (missing === undefined) kernelTest(title, impl);
	else kernelTest(`${title} [SKIPPED: no nft]`, async (t) => {
		t.log(`skipped: ${missing}`);
		t.pass();
	});
}

const CONFIG: NftablesProxierConfig = {
	nodeName: NODE,
	family: 'IPv4',
	nodeInterfaceIPs: ['127.0.0.1', NODE_IP, '10.244.1.1'],
	nodeIP: NODE_IP,
	masqueradeBit: 14,
	masqueradeAll: false,
	localhostNodePorts: false,
	// nftables mode's default: the node's primary IP takes NodePorts.
	nodePortAddresses: ['primary'],
	localDetector: localDetector('ClusterCIDR', CLUSTER_CIDR, POD_CIDR),
	conntrackTCPLiberal: false,
	serviceCIDRs: ['10.96.0.0/12'],
};

const WEB_ENDPOINTS = ['10.244.1.5:8080', '10.244.1.6:8080', '10.244.2.7:8080'];
const http = [{name: 'http', port: 8080}];

const SERVICES: Service[] = [
	service('default', 'web', {type: 'NodePort', clusterIP: '10.96.0.41', ports: [port('http', 80, {targetPort: 8080, nodePort: 30080})]}),
	service('default', 'empty', {clusterIP: '10.96.0.42', ports: [port('http', 80, {targetPort: 8080})]}),
	service('default', 'sticky', {clusterIP: '10.96.0.43', sessionAffinity: 'ClientIP', ports: [port('http', 80, {targetPort: 8080})]}),
	service('default', 'local', {type: 'NodePort', clusterIP: '10.96.0.44', externalTrafficPolicy: 'Local', ports: [port('http', 80, {targetPort: 8080, nodePort: 30081})]}),
	service('default', 'lb', {type: 'LoadBalancer', clusterIP: '10.96.0.45', loadBalancerSourceRanges: ['192.168.56.0/30', '203.0.113.0/25'], ports: [port('http', 80, {targetPort: 8080, nodePort: 30082})]}, ['198.51.100.7']),
];

const SLICES: EndpointSlice[] = [
	slice('default', 'web', [{ip: '10.244.1.5', nodeName: NODE}, {ip: '10.244.1.6', nodeName: NODE}, {ip: '10.244.2.7', nodeName: 'node02'}], http),
	slice('default', 'sticky', [{ip: '10.244.1.5', nodeName: NODE}, {ip: '10.244.1.6', nodeName: NODE}], http),
	slice('default', 'local', [{ip: '10.244.2.7', nodeName: 'node02'}], http),
	slice('default', 'lb', [{ip: '10.244.1.6', nodeName: NODE}], http),
];

const {table} = syncNftablesRules(CONFIG, SERVICES, SLICES);

function spec(nftText: string): KernelNodeSpec {
	return {
		nodeIP: NODE_IP,
		podCIDR: POD_CIDR,
		clusterCIDR: CLUSTER_CIDR,
		restoreText: '',
		nftText,
		endpoints: WEB_ENDPOINTS,
		clients: [
			{name: 'pod', ip: '10.244.1.20'},
			{name: 'external', ip: '192.168.56.1'},
			// Outside the lb Service's loadBalancerSourceRanges.
			{name: 'blocked', ip: '203.0.113.200'},
		],
	};
}

nftKernelTest('nftables: nft list table ip kube-proxy equals the save form, byte for byte', async (t) => {
	await withKernelNode(spec(renderNftCreationOrder(table)), async (node) => {
		const listed = await node.nft(['list', 'table', 'ip', 'kube-proxy']);
		t.is(listed, renderNftList(table));
	});
});

nftKernelTest('nftables: the restore form (knftables dump order) loads with nft -f and lists the same table', async (t) => {
	await withKernelNode(spec(renderNftDump(table)), async (node) => {
		const listed = await node.nft(['list', 'table', 'ip', 'kube-proxy']);
		// The same blocks; only the order of the sets, maps and chains (the order they were created in) differs.
		const blocks = (text: string): string[] => text.split('\n\n').map((b) => b.replace(/^table ip kube-proxy \{\n\tcomment "rules for kube-proxy"\n/, '').replace(/\n\}\n$/, '')).sort();
		t.deepEqual(blocks(listed), blocks(renderNftList(table)));
	});
});

nftKernelTest('nftables: real TCP lands as the rules say: numgen over ClusterIP endpoints, reject, drop, NodePort, source ranges, affinity', async (t) => {
	const tries = 900;
	const tolerance = binomialTolerance(tries, [1 / 3, 1 / 3, 1 / 3], 1e-6);
	await withKernelNode(spec(renderNftCreationOrder(table)), async (node) => {
		const tally = await node.connect('pod', '10.96.0.41:80', {tries, timeoutMs: 2000});
		t.log(`tolerance ±${tolerance}: ${JSON.stringify(tally.hits)}`);
		t.deepEqual(tally.failed, {refused: 0, timeout: 0, unreachable: 0, other: 0});
		t.deepEqual(Object.keys(tally.hits).sort(), [...WEB_ENDPOINTS].sort());
		for (const endpoint of WEB_ENDPOINTS) {
			const count = tally.hits[endpoint] ?? 0;
			t.true(Math.abs(count - tries / 3) <= tolerance, `${endpoint}: ${count} not within ${tries / 3} ± ${tolerance}`);
		}
		// Pod traffic (inside the cluster CIDR) keeps its source.
		t.deepEqual(tally.sources, {'10.244.1.20': tries});

		// No endpoints: the no-endpoint-services element sends it to reject-chain.
		const rejected = await node.connect('pod', '10.96.0.42:80', {tries: 20, timeoutMs: 2000});
		t.deepEqual(rejected.failed, {refused: 20, timeout: 0, unreachable: 0, other: 0});

		// An unallocated ClusterIP in the ServiceCIDR is dropped by cluster-ips-check.
		const unallocated = await node.connect('pod', '10.96.0.99:80', {tries: 3, timeoutMs: 400});
		t.deepEqual(unallocated.failed, {refused: 0, timeout: 3, unreachable: 0, other: 0});

		// NodePort from outside: DNATed and masqueraded (externalTrafficPolicy Cluster).
		const nodePort = await node.connect('external', `${NODE_IP}:30080`, {tries: 60, timeoutMs: 2000});
		t.deepEqual(nodePort.failed, {refused: 0, timeout: 0, unreachable: 0, other: 0});
		t.is(Object.values(nodePort.hits).reduce((a, b) => a + b, 0), 60);
		t.false(Object.keys(nodePort.sources).includes('192.168.56.1'));

		// externalTrafficPolicy Local with its only endpoint elsewhere: external NodePort traffic is dropped.
		const local = await node.connect('external', `${NODE_IP}:30081`, {tries: 3, timeoutMs: 400});
		t.deepEqual(local.failed, {refused: 0, timeout: 3, unreachable: 0, other: 0});

		// LoadBalancerSourceRanges: firewall-ips sends the LB IP to its firewall chain before DNAT.
		const allowed = await node.connect('external', '198.51.100.7:80', {tries: 10, timeoutMs: 2000});
		t.deepEqual(allowed.hits, {'10.244.1.6:8080': 10});
		const blocked = await node.connect('blocked', '198.51.100.7:80', {tries: 3, timeoutMs: 400});
		t.deepEqual(blocked.failed, {refused: 0, timeout: 3, unreachable: 0, other: 0});
		// NodePorts are not subject to the source ranges.
		const blockedNodePort = await node.connect('blocked', `${NODE_IP}:30082`, {tries: 5, timeoutMs: 2000});
		t.deepEqual(blockedNodePort.hits, {'10.244.1.6:8080': 5});

		// ClientIP affinity: after the first connection every one lands on the same endpoint.
		const sticky = await node.connect('pod', '10.96.0.43:80', {tries: 40, timeoutMs: 2000, concurrency: 1});
		t.is(Object.keys(sticky.hits).length, 1, JSON.stringify(sticky.hits));
	});
});

nftKernelTest('nftables: real TCP lands where the nftables tracer says, in its proportions, masqueraded when it says so', async (t) => {
	const clients: Record<string, string> = {pod: '10.244.1.20', external: '192.168.56.1', blocked: '203.0.113.200'};
	const cases: [string, string][] = [
		['pod', '10.96.0.41:80'],
		['external', `${NODE_IP}:30080`],
		['pod', '10.96.0.42:80'],
		['pod', '10.96.0.99:80'],
		['external', `${NODE_IP}:30081`],
		['external', '198.51.100.7:80'],
		['blocked', '198.51.100.7:80'],
		['blocked', `${NODE_IP}:30082`],
	];
	await withKernelNode(spec(renderNftCreationOrder(table)), async (node) => {
		for (const [client, to] of cases) {
			const [dst, dport] = to.split(':') as [string, string];
			const src = clients[client]!;
			const {outcomes} = traceNftPacket({table, entry: 'PREROUTING', packet: {src, dst, dport: Number(dport), proto: 'tcp'}, localAddresses: CONFIG.nodeInterfaceIPs});
			const what = `${client} → ${to}`;
			t.true(outcomes.length > 0, what);
			const verdicts = new Set(outcomes.map((o) => o.verdict));
			t.is(verdicts.size, 1, `${what}: one kind of ending`);
			const verdict = outcomes[0]!.verdict;
			if (verdict === 'DNAT') {
				const tries = outcomes.length === 1 ? 10 : 600;
				const tally = await node.connect(client, to, {tries, timeoutMs: 2000});
				t.deepEqual(tally.failed, {refused: 0, timeout: 0, unreachable: 0, other: 0}, what);
				t.deepEqual(Object.keys(tally.hits).sort(), outcomes.map((o) => o.to!).sort(), what);
				// One endpoint: every connection lands there (no spread to allow for).
				const tolerance = outcomes.length === 1 ? 0 : binomialTolerance(tries, outcomes.map((o) => o.probability), 1e-6);
				for (const o of outcomes) {
					const count = tally.hits[o.to!] ?? 0;
					t.true(Math.abs(count - tries * o.probability) <= tolerance, `${what}: ${o.to} ${count} not within ${tries * o.probability} ± ${tolerance}`);
				}
				const masquerade = outcomes.every((o) => o.masquerade);
				t.is(outcomes.some((o) => o.masquerade), masquerade, `${what}: masquerade on some branches only`);
				t.is(Object.keys(tally.sources).includes(src), !masquerade, `${what}: sources ${JSON.stringify(tally.sources)}`);
			} else {
				const tries = 3;
				const tally = await node.connect(client, to, {tries, timeoutMs: verdict === 'REJECT' ? 2000 : 400});
				const expected = verdict === 'REJECT' ? {refused: tries, timeout: 0, unreachable: 0, other: 0} : {refused: 0, timeout: tries, unreachable: 0, other: 0};
				t.deepEqual(tally.failed, expected, `${what}: the tracer says ${verdict}`);
			}
		}
	});
});

nftKernelTest('nftables: IPv6, nft list table ip6 kube-proxy equals the save form, byte for byte', async (t) => {
	const p80 = [{name: 'p80', port: 80}];
	const services = [
		service('ns1', 'svc1', {clusterIP: 'fd00:10:96::41', ports: [port('p80', 80)]}),
		service('ns2', 'svc2', {type: 'LoadBalancer', clusterIP: 'fd00:10:96::42', loadBalancerSourceRanges: ['2001:db8::/64'], sessionAffinity: 'ClientIP', ports: [port('p80', 80, {nodePort: 3001})]}, ['2001:db8:ff::4']),
		service('ns3', 'svc3', {clusterIP: 'fd00:10:96::43', ports: [port('p80', 80)]}),
	];
	const slices = [
		slice('ns1', 'svc1', [{ip: 'fd00:10:180::1'}, {ip: 'fd00:10:180::2', nodeName: TEST_NODE_NAME}], p80, {addressType: 'IPv6'}),
		slice('ns2', 'svc2', [{ip: 'fd00:10:180::3'}], p80, {addressType: 'IPv6'}),
	];
	const config: NftablesProxierConfig = {...fakeProxierConfig('IPv6'), nodeIP: '2001:db8::1', nodePortAddresses: ['2001:db8::/64'], serviceCIDRs: ['fd00:10:96::/112']};
	const {table: v6} = syncNftablesRules(config, services, slices);
	await withKernelNode({...spec(''), nftText: renderNftCreationOrder(v6)}, async (node) => {
		t.is(await node.nft(['list', 'table', 'ip6', 'kube-proxy']), renderNftList(v6));
	});
});

nftKernelTest('nftables: with detectLocalMode BridgeInterface (iifname matches), nft list equals the save form', async (t) => {
	const bridge: NftablesProxierConfig = {...CONFIG, localDetector: localDetector('BridgeInterface', undefined, undefined, {bridgeInterface: 'cni0'})};
	const {table: bridged} = syncNftablesRules(bridge, SERVICES, SLICES);
	await withKernelNode(spec(renderNftCreationOrder(bridged)), async (node) => {
		t.is(await node.nft(['list', 'table', 'ip', 'kube-proxy']), renderNftList(bridged));
	});
});
