// Both proxy modes send traffic to the same places: for seeded scenarios, every Service port's
// ClusterIP (from a Pod) and NodePort (from outside) traced on each node through the nftables
// table and through the iptables rules gives the same verdicts, endpoints and probabilities
// (iptables' up to the 31-bit fractions `-m statistic` stores) and the same masquerade.
import test from 'ava';
import type {Node} from '../../../src/sim/api/types.js';
import {SimClock} from '../../../src/sim/clock.js';
import {KubeProxy} from '../../../src/sim/kube-proxy/kube-proxy.js';
import {port, service, slice} from '../kube-proxy/upstream-fake.js';
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

test('LoadBalancer source ranges, externalIPs, eTP Local and no-endpoint Services: both modes agree for Pods, the node, allowed and blocked outsiders', (t) => {
	const NODE_IP = '192.168.56.11';
	const node: Node = {apiVersion: 'v1', kind: 'Node', metadata: {name: 'node01'}, spec: {podCIDR: '10.244.1.0/24'}, status: {addresses: [{type: 'InternalIP', address: NODE_IP}]}};
	const http = [{name: 'http', port: 8080}];
	const services = [
		service('default', 'web', {type: 'NodePort', clusterIP: '10.96.0.41', externalIPs: ['192.168.56.200'], ports: [port('http', 80, {targetPort: 8080, nodePort: 30080})]}),
		service('default', 'empty', {type: 'NodePort', clusterIP: '10.96.0.42', ports: [port('http', 80, {targetPort: 8080, nodePort: 30079})]}),
		service('default', 'local', {type: 'LoadBalancer', clusterIP: '10.96.0.44', externalTrafficPolicy: 'Local', ports: [port('http', 80, {targetPort: 8080, nodePort: 30081})]}, ['198.51.100.8']),
		service('default', 'here', {type: 'NodePort', clusterIP: '10.96.0.46', externalTrafficPolicy: 'Local', ports: [port('http', 80, {targetPort: 8080, nodePort: 30083})]}),
		service('default', 'lb', {type: 'LoadBalancer', clusterIP: '10.96.0.45', loadBalancerSourceRanges: ['192.168.56.0/30', '203.0.113.0/25'], ports: [port('http', 80, {targetPort: 8080, nodePort: 30082})]}, ['198.51.100.7']),
	];
	const slices = [
		slice('default', 'web', [{ip: '10.244.1.5', nodeName: 'node01'}, {ip: '10.244.1.6', nodeName: 'node01'}, {ip: '10.244.2.7', nodeName: 'node02'}], http),
		slice('default', 'local', [{ip: '10.244.2.7', nodeName: 'node02'}], http),
		slice('default', 'here', [{ip: '10.244.1.8', nodeName: 'node01'}, {ip: '10.244.2.8', nodeName: 'node02'}], http),
		slice('default', 'lb', [{ip: '10.244.1.6', nodeName: 'node01'}, {ip: '10.244.2.6', nodeName: 'node02'}], http),
	];
	const iptables = new KubeProxy(
		{node, config: {apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', clusterCIDR: '10.244.0.0/16'}, clock: new SimClock(), serviceCIDRs: ['10.96.0.0/12']},
		{services: () => services, endpointSlices: () => slices},
	);
	const nft = iptables.withMode('nftables');
	const localAddresses = iptables.config.nodeInterfaceIPs;
	const sources: [string, Entry][] = [['10.244.1.20', 'PREROUTING'], [NODE_IP, 'OUTPUT'], ['192.168.56.1', 'PREROUTING'], ['203.0.113.200', 'PREROUTING']];
	const destinations: [string, number][] = [['10.96.0.41', 80], ['192.168.56.200', 80], [NODE_IP, 30080], ['10.96.0.42', 80], [NODE_IP, 30079], ['10.96.0.44', 80], ['198.51.100.8', 80], [NODE_IP, 30081], ['10.96.0.46', 80], [NODE_IP, 30083], ['10.96.0.45', 80], ['198.51.100.7', 80], [NODE_IP, 30082]];
	const verdicts = new Set<string>();
	for (const [src, entry] of sources) {
		for (const [dst, dport] of destinations) {
			const packet = {src, dst, dport, proto: 'tcp' as const};
			const a = endings(tracePacket({ruleset: iptables.ruleset(), entry, packet, localAddresses}).outcomes);
			const b = endings(traceNftPacket({table: nft.nftSync().table, entry, packet, localAddresses}).outcomes);
			const what = `${entry} ${src} → ${dst}:${dport}`;
			t.deepEqual(b.map((e) => [e.verdict, e.to, e.masquerade]), a.map((e) => [e.verdict, e.to, e.masquerade]), what);
			b.forEach((e, i) => t.true(Math.abs(e.probability - a[i]!.probability) < 1e-9, what));
			for (const e of b) verdicts.add(e.verdict);
		}
	}
	// The comparison covers every kind of ending.
	t.deepEqual([...verdicts].sort(), ['DNAT', 'DROP', 'REJECT']);
	// Where the modes differ, as upstream's do: a port the ClusterIP does not serve is rejected by
	// nftables' cluster-ips-check, while iptables mode lets the packet go on untouched (routed away).
	const wrongPort = {src: '10.244.1.20', dst: '10.96.0.41', dport: 81, proto: 'tcp' as const};
	t.deepEqual(tracePacket({ruleset: iptables.ruleset(), entry: 'PREROUTING', packet: wrongPort, localAddresses}).outcomes.map((o) => o.verdict), ['ACCEPT']);
	t.deepEqual(traceNftPacket({table: nft.nftSync().table, entry: 'PREROUTING', packet: wrongPort, localAddresses}).outcomes.map((o) => [o.verdict, o.decidedBy?.chain]), [['REJECT', 'cluster-ips-check']]);
});
