/**
 * svc-tutor's own rules against the real kernel: for several seeded scenarios, node01's restore
 * text is loaded into a namespace node with the real iptables-restore; the real iptables-save must
 * equal svc-tutor's save form, and real TCP connections to every Service must land on the
 * endpoints the tracer names, in proportions that agree with its probabilities.
 */
import type {Cluster} from '../../src/sim/cluster/cluster.js';
import {traceConnection} from '../../src/sim/cluster/trace-connection.js';
import {nodeRuleset} from '../../src/sim/iptables/node-baseline.js';
import {renderSave} from '../../src/sim/iptables/save.js';
import {generateScenario} from '../../src/sim/scenarios/generate.js';
import {seedNotesCluster} from '../../src/sim/scenarios/seed-notes.js';
import {withKernelNode} from '../support/kernel-node.js';
import {binomialTolerance} from '../support/kernel-stats.js';
import {kernelTest} from '../support/kernel-test.js';

const NODE = 'node01';
const TRIES = 600;
/** A Pod address on node01 that no scenario Pod takes (host-local hands out from .2 upwards). */
const CLIENT_IP = '10.244.1.250';
/** A machine outside the cluster (TEST-NET-3), reaching NodePorts through node01's address. */
const OUTSIDE_IP = '203.0.113.7';

/** Everything but the date lines and counters. */
function comparable(save: string): string[] {
	return save
		.split('\n')
		.filter((line) => line !== '' && !line.startsWith('#'))
		.map((line) => line.replace(/ \[\d+:\d+\]$/, ' [0:0]'));
}

interface Target {
	label: string;
	to: {ip: string; port: number};
	/** Which client connects: a Pod on node01, a machine outside, or node01 itself (nat OUTPUT). */
	client: 'pod' | 'outside' | 'node';
}

/** Every TCP port of every Service: its cluster IP, and its NodePort on this node's address. */
function targets(cluster: Cluster, nodeIP: string): Target[] {
	return cluster.services().flatMap((s) =>
		s.spec.ports
			.filter((p) => (p.protocol ?? 'TCP') === 'TCP')
			.flatMap((p): Target[] => [
				{label: `${s.metadata.name}:${p.port} from a Pod`, to: {ip: s.spec.clusterIP!, port: p.port}, client: 'pod'},
				{label: `${s.metadata.name}:${p.port} from the node`, to: {ip: s.spec.clusterIP!, port: p.port}, client: 'node'},
				...(p.nodePort
					? [
							{label: `${s.metadata.name} nodePort ${p.nodePort} from outside`, to: {ip: nodeIP, port: p.nodePort}, client: 'outside' as const},
							{label: `${s.metadata.name} nodePort ${p.nodePort} from a Pod`, to: {ip: nodeIP, port: p.nodePort}, client: 'pod' as const},
						]
					: []),
			]),
	);
}

function endpointsOf(cluster: Cluster): string[] {
	const all = cluster.endpointSliceList().flatMap((slice) =>
		slice.ports.filter((p) => (p.protocol ?? 'TCP') === 'TCP').flatMap((p) => slice.endpoints.flatMap((e) => e.addresses.map((a) => `${a}:${p.port}`))),
	);
	return [...new Set(all)].sort();
}

const scenarios: [string, () => Cluster][] = [
	['seed-notes', () => seedNotesCluster()],
	['seed 7', () => generateScenario({seed: 7, nodes: 2, services: 5})],
	['seed 23', () => generateScenario({seed: 23, nodes: 3, services: 6})],
];

for (const [name, build] of scenarios) {
	kernelTest(`kernel: ${name}: iptables-save of node01 equals svc-tutor's, and connections land where trace says`, async (t) => {
		const cluster = build();
		const proxy = cluster.kubeProxy(NODE)!;
		const restore = proxy.sync().restore;
		const node = cluster.nodes().find((n) => n.metadata.name === NODE)!;
		const nodeIP = node.status.addresses.find((a) => a.type === 'InternalIP')!.address;
		await withKernelNode(
			{
				nodeIP,
				podCIDR: node.spec.podCIDR!,
				clusterCIDR: '10.244.0.0/16',
				restoreText: restore,
				endpoints: endpointsOf(cluster),
				clients: [
					{name: 'pod', ip: CLIENT_IP},
					{name: 'outside', ip: OUTSIDE_IP},
					{name: 'node', ip: nodeIP},
				],
			},
			async (kernel) => {
				const real = comparable(await kernel.iptablesSave());
				// What `svc-tutor rules --format save` prints (the rule set built directly), and the same
				// restore text read back by svc-tutor's own iptables-restore.
				const ours = comparable(renderSave(proxy.ruleset()));
				t.deepEqual(real, ours, 'iptables-save of the kernel vs svc-tutor rules --format save');
				t.deepEqual(real, comparable(renderSave(nodeRuleset(restore))), 'iptables-save of the kernel vs the restore text read back');

				for (const target of targets(cluster, nodeIP)) {
					const from = {pod: CLIENT_IP, outside: OUTSIDE_IP, node: nodeIP}[target.client];
					const {result} = traceConnection(cluster, {node: NODE, from, to: target.to, proto: 'tcp'});
					const tally = await kernel.connect(target.client, `${target.to.ip}:${target.to.port}`, {tries: TRIES, timeoutMs: 1500});
					const dnat = result.outcomes.filter((o) => o.verdict === 'DNAT');
					const rejected = result.outcomes.filter((o) => o.verdict === 'REJECT').reduce((p, o) => p + o.probability, 0);
					if (rejected === 1) {
						t.is(tally.failed.refused, TRIES, `${target.label}: trace says REJECT; the client must be refused every time`);
						continue;
					}
					const expected = new Map<string, number>();
					for (const o of dnat) expected.set(o.to!, (expected.get(o.to!) ?? 0) + o.probability);
					t.deepEqual(Object.keys(tally.hits).sort(), [...expected.keys()].sort(), `${target.label}: endpoints reached`);
					// One endpoint: every connection must reach it; several: a binomial bound failing < 1 in 10^6 by chance.
					const tolerance = expected.size === 1 ? 0 : binomialTolerance(TRIES, [...expected.values()], 1e-6);
					// Masquerade as trace predicts: the endpoint sees the client's own address exactly when it is not
					// masqueraded. (Not for the node itself: masquerading it may pick the very address it sent from.)
					const masquerade = new Set(dnat.map((o) => o.masquerade));
					t.is(masquerade.size, 1, `${target.label}: one masquerade answer for every endpoint`);
					if (target.client !== 'node') {
						const sawClient = (tally.sources[from] ?? 0) > 0;
						const sawOthers = Object.keys(tally.sources).some((source) => source !== from);
						const masqueraded = dnat[0]!.masquerade;
						t.true(masqueraded ? !sawClient && sawOthers : sawClient && !sawOthers, `${target.label}: trace says masquerade=${masqueraded}; endpoints saw ${JSON.stringify(tally.sources)}`);
					}
					for (const [endpoint, p] of expected) {
						const got = tally.hits[endpoint] ?? 0;
						t.true(Math.abs(got - p * TRIES) <= tolerance, `${target.label}: ${endpoint} got ${got}, trace expects ${(p * TRIES).toFixed(1)} ± ${tolerance}`);
					}
				}
			},
		);
	});
}

kernelTest("kernel: a cluster past 1,000 endpoints (large-cluster mode): iptables-save equals svc-tutor's", async (t) => {
	const cluster = generateScenario({seed: 11, nodes: 8, services: 600});
	const proxy = cluster.kubeProxy(NODE)!;
	const sync = proxy.sync();
	t.true(sync.largeClusterMode, `${sync.endpointCount} endpoints`);
	const node = cluster.nodes().find((n) => n.metadata.name === NODE)!;
	const nodeIP = node.status.addresses.find((a) => a.type === 'InternalIP')!.address;
	await withKernelNode({nodeIP, podCIDR: node.spec.podCIDR!, clusterCIDR: '10.244.0.0/16', restoreText: sync.restore, endpoints: [], clients: []}, async (kernel) => {
		const real = comparable(await kernel.iptablesSave());
		t.true(real.length > 8000, `${real.length} lines`);
		t.deepEqual(real, comparable(renderSave(proxy.ruleset())));
	});
});
