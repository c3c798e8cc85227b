// A node whose pod CIDR host-local cannot allocate from (a /31 or /32): the node runs, its kube-proxy
// writes rules, and each Pod that needs an IP there fails its sandbox in the plugin's words, as on
// a real node. Nothing throws.
import test from 'ava';
import type {Node, Pod} from '../../../src/sim/api/types.js';
import {Cluster} from '../../../src/sim/cluster/cluster.js';

function node(name: string, podCIDR: string, ip: string): Node {
	return {apiVersion: 'v1', kind: 'Node', metadata: {name}, spec: {podCIDR, podCIDRs: [podCIDR]}, status: {addresses: [{type: 'InternalIP', address: ip}]}};
}

const pod: Pod = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web', namespace: 'default'}, spec: {nodeName: 'node01', containers: [{name: 'c', image: 'nginx'}]}, status: {}};

for (const prefix of [31, 32]) {
	test(`a /${prefix} pod CIDR: the Pod gets no IP and the kubelet says why; kube-proxy still syncs`, (t) => {
		const cluster = new Cluster({seed: 1});
		cluster.create(node('node01', `10.244.1.0/${prefix}`, '192.168.56.11'));
		t.is(cluster.kubelet('node01')!.bridgeIP, undefined);
		cluster.create(pod);
		t.is(cluster.pods()[0]!.status.podIP, undefined);
		const kubelet = cluster.events.filter((e) => e.source === 'kubelet/node01').map((e) => e.message);
		t.true(kubelet.includes(`Failed to create pod sandbox for default/web: Network 10.244.1.0/${prefix} too small to allocate from`));
		// No cni0 address: the node's own addresses are its loopback and its InternalIP.
		const proxy = cluster.kubeProxy('node01')!;
		t.deepEqual(proxy.config.nodeInterfaceIPs, ['127.0.0.1', '192.168.56.11']);
		t.true(proxy.ruleset().tables.length > 0);
	});
}
