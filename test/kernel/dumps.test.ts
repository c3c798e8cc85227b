/**
 * The realistic cluster dumps (test/fixtures/dumps/) against the real kernel: each one's restore
 * text for its node is loaded with the real iptables-restore, and the real iptables-save must equal
 * svc-tutor's save form: interface detectors (`! -i azv+`, `! -i cni0`), LoadBalancers without
 * nodePorts or with ipMode Proxy, mirrored endpoints, ranges outside 10.96.0.0/12.
 */
import {readFileSync} from 'node:fs';
import {runInProcess} from '../commands/run-in-process.js';
import {withKernelNode} from '../support/kernel-node.js';
import {kernelTest} from '../support/kernel-test.js';

const DUMPS = new URL('../fixtures/dumps/', import.meta.url);

/** Everything but the date lines and counters. */
function comparable(save: string): string[] {
	return save
		.split('\n')
		.filter((line) => line !== '' && !line.startsWith('#'))
		.map((line) => line.replace(/ \[\d+:\d+\]$/, ' [0:0]'));
}

const CASES = [
	{name: 'k3s', node: 'k3s-server', nodeIP: '192.168.122.10', podCIDR: '10.42.0.0/24', clusterCIDR: '10.42.0.0/16'},
	{name: 'kind', node: 'kind-worker', nodeIP: '172.18.0.2', podCIDR: '10.244.1.0/24', clusterCIDR: '10.244.0.0/16'},
	{name: 'eks', node: 'ip-192-168-12-34.us-west-2.compute.internal', nodeIP: '192.168.12.34', podCIDR: '192.168.20.0/24', clusterCIDR: '192.168.0.0/16', args: ['--node-ip', '192.168.12.34']},
	{name: 'gke', node: 'gke-prod-default-pool-1a2b3c4d-t7mv', nodeIP: '10.132.0.22', podCIDR: '10.8.1.0/24', clusterCIDR: '10.8.0.0/14'},
	{name: 'openshift', node: 'worker-0.ocp.example.com', nodeIP: '10.0.91.14', podCIDR: '10.129.2.0/23', clusterCIDR: '10.128.0.0/14'},
	{name: 'aks', node: 'aks-nodepool1-31718369-vmss000000', nodeIP: '10.224.0.4', podCIDR: '10.224.0.0/24', clusterCIDR: '10.224.0.0/16'},
	{name: 'kubeadm-custom', node: 'metal-1', nodeIP: '192.168.10.21', podCIDR: '10.32.1.0/24', clusterCIDR: '10.32.0.0/16'},
	{name: 'minikube', node: 'minikube', nodeIP: '192.168.49.2', podCIDR: '10.244.0.0/24', clusterCIDR: '10.244.0.0/16', file: 'minikube.cluster-info-dump.json'},
];

for (const c of CASES) {
	kernelTest(`${c.name}: ${c.node}'s rules load into the real iptables-restore, and iptables-save prints svc-tutor's save form`, async (t) => {
		const file = 'file' in c && c.file ? c.file : `${c.name}.yaml`;
		const text = readFileSync(new URL(file, DUMPS), 'utf8');
		const files = {[file]: text};
		const base = ['-f', file, '--node', c.node, ...('args' in c && c.args ? c.args : [])];
		const restore = await runInProcess(['rules', '--format', 'restore', ...base], {files});
		const save = await runInProcess(['rules', '--format', 'save', ...base], {files});
		t.is(restore.status, 0, restore.stderr);
		await withKernelNode({nodeIP: c.nodeIP, podCIDR: c.podCIDR, clusterCIDR: c.clusterCIDR, restoreText: restore.stdout, endpoints: [], clients: []}, async (node) => {
			t.deepEqual(comparable(await node.iptablesSave()), comparable(save.stdout));
		});
	});
}
