// Both proxy modes send traffic to the same places: for seeded scenarios, every Service port's
// ClusterIP (from a Pod) and NodePort (from outside) traced on each node through the nftables
// table and through the iptables rules gives the same verdicts, endpoints and probabilities
// (iptables' up to the 31-bit fractions `-m statistic` stores) and the same masquerade.
import test from 'ava';
import {outsideClientIP} from '../../../src/sim/cluster/trace-connection.js';
import {tracePacket} from '../../../src/sim/netfilter/traverse.js';
import type {Entry, Proto} from '../../../src/sim/netfilter/types.js';
import {traceNftPacket} from '../../../src/sim/nftables-trace/index.js';
import {generateScenario} from '../../../src/sim/scenarios/generate.js';

interface Ending {
	verdict: string;
	to: string;
	probability: number;
	masquerade: boolean;
}

const endings = (outcomes: {verdict: string; to?: string; probability: number; masquerade: boolean}[]): Ending[] =>
	outcomes.map((o) => ({verdict: o.verdict, to: o.to ?? '', probability: o.probability, masquerade: o.masquerade})).sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));

for (const [seed, nodes, services] of [[7, 2, 5], [23, 3, 6], [41, 2, 10]] as const) {
	test(`seed ${seed}: every Service port reaches the same endpoints with the same probabilities in both modes`, (t) => {
		const cluster = generateScenario({seed, nodes, services});
		const outside = outsideClientIP(cluster);
		let compared = 0;
		for (const node of cluster.nodes()) {
			const iptables = cluster.kubeProxy(node.metadata.name)!.withMode('iptables');
			const nft = iptables.withMode('nftables');
			const localAddresses = iptables.config.nodeInterfaceIPs;
			const nodeIP = node.status.addresses.find((a) => a.type === 'InternalIP')!.address;
			const pod = cluster.pods().find((p) => p.spec.nodeName === node.metadata.name && !p.spec.hostNetwork && p.status.podIP);
			const asks: {src: string; dst: string; dport: number; proto: Proto; entry: Entry}[] = [];
			for (const info of nft.nftSync().servicePorts) {
				const proto = info.protocol as Proto;
				if (pod?.status.podIP) asks.push({src: pod.status.podIP, dst: info.clusterIP, dport: info.port, proto, entry: 'PREROUTING'});
				asks.push({src: nodeIP, dst: info.clusterIP, dport: info.port, proto, entry: 'OUTPUT'});
				if (info.nodePort !== 0) asks.push({src: outside, dst: nodeIP, dport: info.nodePort, proto, entry: 'PREROUTING'});
			}
			for (const {entry, ...packet} of asks) {
				const a = endings(tracePacket({ruleset: iptables.ruleset(), entry, packet, localAddresses}).outcomes);
				const b = endings(traceNftPacket({table: nft.nftSync().table, entry, packet, localAddresses}).outcomes);
				const what = `${node.metadata.name} ${entry} ${packet.proto} ${packet.src} → ${packet.dst}:${packet.dport}`;
				t.deepEqual(b.map((e) => [e.verdict, e.to, e.masquerade]), a.map((e) => [e.verdict, e.to, e.masquerade]), what);
				b.forEach((e, i) => t.true(Math.abs(e.probability - a[i]!.probability) < 1e-9, `${what}: ${e.to} ${e.probability} vs ${a[i]!.probability}`));
				compared++;
			}
		}
		t.true(compared >= 10, `only ${compared} packets compared`);
	});
}
