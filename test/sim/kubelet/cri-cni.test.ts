// Who runs the CNI plugin: since v1.24 not the kubelet (kubernetes.io "Network Plugins": CNI
// management is no longer in scope for the kubelet). The kubelet asks the container runtime over
// CRI for the Pod sandbox (RunPodSandbox, StopPodSandbox) and containerd runs CNI ADD and DEL.
import test from 'ava';
import type {Node, Pod} from '../../../src/sim/api/types.js';
import {Cluster} from '../../../src/sim/cluster/cluster.js';

const node: Node = {apiVersion: 'v1', kind: 'Node', metadata: {name: 'node01'}, spec: {podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24']}, status: {addresses: [{type: 'InternalIP', address: '192.168.56.11'}]}};
const pod: Pod = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web', namespace: 'default'}, spec: {nodeName: 'node01', containers: [{name: 'c', image: 'nginx'}]}, status: {}};

test('a Pod start: the kubelet asks containerd for the sandbox over CRI, containerd runs CNI ADD', (t) => {
	const cluster = new Cluster({seed: 1});
	cluster.create(node);
	cluster.create(pod);
	const lines = cluster.events.filter((e) => /^(kubelet|containerd)\//.test(e.source)).map((e) => `${e.source}: ${e.message}`);
	t.deepEqual(lines.slice(-3), [
		'kubelet/node01: RunPodSandbox for Pod default/web: asks containerd over CRI',
		'containerd/node01: CNI ADD for Pod default/web: flannel/bridge put it on cni0 (10.244.1.1), host-local gave it 10.244.1.2/24',
		'kubelet/node01: Pod default/web is Running and Ready at 10.244.1.2',
	]);
	t.false(cluster.events.some((e) => e.source.startsWith('kubelet/') && /^CNI /.test(e.message)), 'the kubelet runs no CNI plugin');
});

test('a Pod deletion runs CNI too: StopPodSandbox, then containerd\'s CNI DEL gives the IP back', (t) => {
	const cluster = new Cluster({seed: 1});
	cluster.create(node);
	cluster.create(pod);
	cluster.delete('Pod', 'web', 'default');
	const lines = cluster.events.filter((e) => /^(kubelet|containerd)\//.test(e.source)).map((e) => `${e.source}: ${e.message}`);
	t.deepEqual(lines.slice(-2), [
		'kubelet/node01: StopPodSandbox for Pod default/web: asks containerd over CRI',
		'containerd/node01: CNI DEL for Pod default/web: 10.244.1.2 released',
	]);
});
