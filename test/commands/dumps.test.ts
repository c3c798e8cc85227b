// Real clusters' dumps (test/fixtures/dumps/, written the way each distribution shapes its objects)
// load with no flag, and one node's rules come out in their exact text. The goldens are the
// kube-proxy restore input (`rules --format restore`) and the notes on stderr; the features each
// dump exercises are also asserted line by line, so a golden rewritten by mistake cannot hide
// them. Rewrite the goldens with `SVC_TUTOR_UPDATE_GOLDEN=1 npx ava test/commands/dumps.test.ts`
// and read the diff.
import test from 'ava';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {runCli} from '../support/run-cli.js';
import {runInProcess} from './run-in-process.js';

const DUMPS = new URL('../fixtures/dumps/', import.meta.url);

interface Dump {
	name: string;
	node: string;
	args?: string[];
	/** Default `NAME.yaml`. */
	file?: string;
}

const ALL: Dump[] = [
	{name: 'k3s', node: 'k3s-server'},
	{name: 'kind', node: 'kind-worker'},
	{name: 'eks', node: 'ip-192-168-12-34.us-west-2.compute.internal', args: ['--node-ip', '192.168.12.34']},
	{name: 'gke', node: 'gke-prod-default-pool-1a2b3c4d-t7mv'},
	{name: 'openshift', node: 'worker-0.ocp.example.com'},
	{name: 'aks', node: 'aks-nodepool1-31718369-vmss000000'},
	{name: 'kubeadm-custom', node: 'metal-1'},
	{name: 'minikube', node: 'minikube', file: 'minikube.cluster-info-dump.json'},
];

const fileOf = (dump: Dump): string => dump.file ?? `${dump.name}.yaml`;

function argsOf(dump: Dump, file: string): string[] {
	return ['rules', '--format', 'restore', '-f', file, '--node', dump.node, ...(dump.args ?? [])];
}

function golden(file: string, actual: string): string {
	const url = new URL(file, DUMPS);
	if (process.env['SVC_TUTOR_UPDATE_GOLDEN'] === '1' || !existsSync(url)) writeFileSync(url, actual);
	return readFileSync(url, 'utf8');
}

async function rules(name: string, node: string, extra: string[] = []): Promise<{stdout: string; stderr: string; status: number}> {
	const file = fileOf(ALL.find((d) => d.name === name)!);
	const text = readFileSync(new URL(file, DUMPS), 'utf8');
	return runInProcess(argsOf({name, node, args: extra}, file), {files: {[file]: text}});
}

for (const dump of ALL) {
	test(`${dump.name}: loads with no flag, and ${dump.node}'s rules are the golden ones`, async (t) => {
		const run = await rules(dump.name, dump.node, dump.args);
		t.is(run.status, 0, run.stderr);
		t.is(run.stdout, golden(`${dump.name}.rules.txt`, run.stdout));
		t.is(run.stderr, golden(`${dump.name}.stderr.txt`, run.stderr));
	});
}

test('the real binary prints the same for every dump', (t) => {
	for (const dump of ALL) {
		const run = runCli(argsOf(dump, new URL(fileOf(dump), DUMPS).pathname));
		t.is(run.status, 0, `${dump.name}: ${run.stderr}`);
		t.is(run.stdout, readFileSync(new URL(`${dump.name}.rules.txt`, DUMPS), 'utf8'), dump.name);
		t.is(run.stderr, readFileSync(new URL(`${dump.name}.stderr.txt`, DUMPS), 'utf8'), dump.name);
	}
});

const lines = (text: string): string[] => text.split('\n');

test('k3s: ClusterIPs in 10.43.0.0/16 load as they are; the other kinds are one note; legacy-db gets a mirrored slice', async (t) => {
	const run = await rules('k3s', 'k3s-server');
	t.true(run.stdout.includes('-A KUBE-SERVICES -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp -p udp -d 10.43.0.10 --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU\n'));
	t.true(run.stdout.includes('-m comment --comment "default/legacy-db:postgres -> 192.168.122.50:5432" -j KUBE-SEP-'));
	t.true(run.stdout.includes('-A KUBE-SERVICES -m comment --comment "kube-system/traefik:web loadbalancer IP" -m tcp -p tcp -d 192.168.122.10 --dport 80 -j KUBE-EXT-UQMCRMJZLI3FTLDP\n'));
	t.deepEqual(
		lines(run.stderr).filter((l) => l.startsWith('note: skipped')),
		['note: skipped 4 objects svc-tutor does not use: 1 DaemonSet, 1 Deployment, 1 ReplicaSet, 1 Endpoints'],
	);
	t.false(run.stderr.includes('service-cluster-ip-range'), 'every clusterIP is allocated: no range is assumed aloud');
});

test('eks: no Nodes (--node-ip), allocateLoadBalancerNodePorts false writes no NodePort rules, a hostname ingress none', async (t) => {
	const run = await rules('eks', 'ip-192-168-12-34.us-west-2.compute.internal', ['--node-ip', '192.168.12.34']);
	t.is(run.status, 0);
	t.false(run.stdout.includes('-A KUBE-NODEPORTS -m comment --comment default/api'));
	t.false(run.stdout.includes('KUBE-EXT-'));
	t.true(run.stdout.includes('-A KUBE-SERVICES -m comment --comment "default/api:http cluster IP" -m tcp -p tcp -d 10.100.213.57 --dport 80 -j KUBE-SVC-'));
	const without = await rules('eks', 'ip-192-168-12-34.us-west-2.compute.internal');
	t.is(without.status, 2);
	t.is(without.stderr, "svc-tutor: the input holds no Node: give \"ip-192-168-12-34.us-west-2.compute.internal\"'s InternalIP with --node-ip\n");
});

test('eks: with neither --node nor --node-ip, rules names the nodes the Pods run on', async (t) => {
	const text = readFileSync(new URL('eks.yaml', DUMPS), 'utf8');
	const run = await runInProcess(['rules', '-f', 'eks.yaml'], {files: {'eks.yaml': text}});
	t.is(run.status, 2);
	t.is(
		run.stderr,
		'svc-tutor: rules: the input holds no Node: pass --node NAME --node-ip IP (the node\'s InternalIP); its Pods and endpoints name "ip-192-168-12-34.us-west-2.compute.internal", "ip-192-168-45-67.us-west-2.compute.internal"\n',
	);
});

test('gke: 34.118.224.0/20 ClusterIPs, externalTrafficPolicy Local keeps the local endpoint only in KUBE-SVL', async (t) => {
	const run = await rules('gke', 'gke-prod-default-pool-1a2b3c4d-t7mv');
	t.true(run.stdout.includes('-d 34.118.233.150 --dport 80 -j KUBE-SVC-BILYYKAKWI7RYELB\n'));
	t.true(run.stdout.includes('-A KUBE-SVL-BILYYKAKWI7RYELB -m comment --comment "default/shop:http -> 10.8.1.9:8080" -j KUBE-SEP-6EFKFMGJX6277AQP\n'));
});

test('openshift: a Service without a clusterIP gets one from the range the kubernetes Service implies, said once', async (t) => {
	const run = await rules('openshift', 'worker-0.ocp.example.com');
	t.regex(run.stdout, /-A KUBE-SERVICES -m comment --comment "default\/hello has no endpoints" -m tcp -p tcp -d 172\.30\.\d+\.\d+ --dport 8080 -j REJECT\n/);
	t.deepEqual(
		lines(run.stderr).filter((l) => l.includes('service-cluster-ip-range')),
		['note: no --service-cluster-ip-range given: assumed 172.30.0.0/16 (from the kubernetes Service\'s 172.30.0.1, its first address) to allocate the clusterIP of Service default/hello'],
	);
	t.true(run.stderr.includes('note: skipped 2 objects svc-tutor does not use: 1 Route, 1 ConfigMap\n'));
});

test('aks: detectLocalMode InterfaceNamePrefix azv writes `! -i azv+`, not a CIDR', async (t) => {
	const run = await rules('aks', 'aks-nodepool1-31718369-vmss000000');
	t.true(run.stdout.includes('-A KUBE-SVC-PD4PRJKOUXYWASOL -m comment --comment "default/store-front cluster IP" -m tcp -p tcp -d 10.0.117.201 --dport 80 ! -i azv+ -j KUBE-MARK-MASQ\n'));
	t.false(run.stdout.includes(' -s 10.'.concat('0.0.0/')));
});

test('kubeadm-custom: the ServiceCIDR says the range; BridgeInterface cni0; ipMode Proxy has no rules; no nodePort for allocateLoadBalancerNodePorts false; nas mirrored from its Endpoints', async (t) => {
	const run = await rules('kubeadm-custom', 'metal-1');
	t.true(run.stdout.includes('-d 172.16.7.40 --dport 80 ! -i cni0 -j KUBE-MARK-MASQ\n'));
	t.false(run.stdout.includes('203.0.113.80'), 'an ipMode Proxy ingress IP gets no rule');
	t.true(run.stdout.includes('-A KUBE-NODEPORTS -m comment --comment default/edge:https -m tcp -p tcp --dport 32443 -j KUBE-EXT-QCFLP2V2YBSUHVTW\n'));
	t.false(run.stdout.includes('-A KUBE-NODEPORTS -m comment --comment ingress-nginx/ingress:http'));
	t.true(run.stdout.includes('-A KUBE-SERVICES -m comment --comment "ingress-nginx/ingress:http loadbalancer IP" -m tcp -p tcp -d 192.168.10.240 --dport 80 -j KUBE-EXT-WLU4DRDP6FQG3VYD\n'));
	t.true(run.stdout.includes('-A KUBE-SVC-HMDXSYPXLHR3UOMT -m comment --comment "default/nas:nfs -> 192.168.10.5:2049" -j KUBE-SEP-H5I5WKYTVLVI7SYB\n'));
	t.false(run.stdout.includes('192.168.10.6'), 'a notReadyAddress is mirrored as not ready, and kube-proxy does not use it');
	t.is(run.stderr, '');
});

test('--node-ip: an IPv4 address, with --node, for input without Nodes only', async (t) => {
	const text = readFileSync(new URL('kind.yaml', DUMPS), 'utf8');
	const bad = await runInProcess(['rules', '-f', 'k.yaml', '--node', 'x', '--node-ip', '10.0.0'], {files: {'k.yaml': text}});
	t.is(bad.stderr, 'svc-tutor: --node-ip "10.0.0": must be the node\'s IPv4 InternalIP (a.b.c.d)\n');
	const alone = await runInProcess(['rules', '-f', 'k.yaml', '--node-ip', '10.0.0.1'], {files: {'k.yaml': text}});
	t.is(alone.stderr, 'svc-tutor: --node-ip goes with --node NAME: the node a dump without Nodes does not hold\n');
	const present = await runInProcess(['rules', '-f', 'k.yaml', '--node', 'kind-worker', '--node-ip', '10.0.0.1'], {files: {'k.yaml': text}});
	t.is(present.stderr, 'svc-tutor: --node-ip is for input that holds no Node; this one has its Nodes, with their addresses\n');
	t.is(present.status, 2);
});

test('mode: ipvs is answered with a note, not printed silently as iptables', async (t) => {
	const text = readFileSync(new URL('kind.yaml', DUMPS), 'utf8').replace('mode: iptables', 'mode: ipvs');
	const run = await runInProcess(['rules', '-f', 'k.yaml', '--node', 'kind-worker'], {files: {'k.yaml': text}});
	t.is(run.status, 0);
	t.true(run.stderr.includes("note: the KubeProxyConfiguration says mode: ipvs, which svc-tutor does not model (it models kube-proxy's iptables proxier, and nftables)"));
});

test('minikube: `kubectl cluster-info dump` (JSON lists one after another, container logs between) loads; positions are the whole stream\'s', async (t) => {
	const run = await rules('minikube', 'minikube');
	t.is(run.status, 0);
	t.true(run.stdout.includes('-A KUBE-SVC-MFJHED5Y2WHWJ6HX -m comment --comment "default/hello-minikube -> 10.244.0.3:8080" -m recent --name KUBE-SEP-DNVGYCBZNUQGOMLU --rcheck --seconds 10800 --reap -j KUBE-SEP-DNVGYCBZNUQGOMLU\n'));
	const text = readFileSync(new URL('minikube.cluster-info-dump.json', DUMPS), 'utf8').replace('"nodePort": 31379', '"nodePort": 99999');
	const line = text.split('\n').findIndex((l) => l.includes('"nodePort": 99999')) + 1;
	const bad = await runInProcess(['rules', '-f', 'dump.json'], {files: {'dump.json': text}});
	t.is(bad.status, 2);
	t.regex(bad.stderr, new RegExp(`^svc-tutor: dump\\.json:${line}:\\d+: Service default/hello-minikube: spec\\.ports\\[0\\]\\.nodePort: Invalid value: 99999`));
});

test('`kubectl get nodes,svc,endpoints`: a Service with a selector but neither slices nor Pods gets its endpoints from its Endpoints, with a note', async (t) => {
	const text = [
		'apiVersion: v1',
		'kind: List',
		'items:',
		'- {apiVersion: v1, kind: Node, metadata: {name: n1}, spec: {podCIDR: 10.244.1.0/24}, status: {addresses: [{type: InternalIP, address: 192.168.56.11}]}}',
		'- {apiVersion: v1, kind: Service, metadata: {name: web, namespace: shop}, spec: {clusterIP: 10.96.20.30, selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}}',
		'- apiVersion: v1',
		'  kind: Endpoints',
		'  metadata: {name: web, namespace: shop}',
		'  subsets:',
		'  - addresses: [{ip: 10.244.1.7, nodeName: n1, targetRef: {kind: Pod, name: web-1, namespace: shop}}]',
		'    notReadyAddresses: [{ip: 10.244.2.9, nodeName: n2}]',
		'    ports: [{port: 8080}]',
		'',
	].join('\n');
	const run = await runInProcess(['rules', '--format', 'restore', '-f', 'd.yaml'], {files: {'d.yaml': text}});
	t.is(run.status, 0, run.stderr);
	t.true(run.stdout.includes('-A KUBE-SVC-'));
	t.true(run.stdout.includes('-m comment --comment "shop/web -> 10.244.1.7:8080" -j KUBE-SEP-'));
	t.false(run.stdout.includes('10.244.2.9'));
	t.true(
		run.stderr.includes(
			'note: Service shop/web has a selector but neither EndpointSlices nor selected Pods in the input: its endpoints come from its Endpoints, as the EndpointSlice controller would have made them from the Pods (add the Pods or EndpointSlices for their exact conditions)\n',
		),
	);
});

test('conntrack.tcpBeLiberal: kube-proxy finds nf_conntrack_tcp_be_liberal set and writes no DROP for INVALID packets', async (t) => {
	const config = (liberal: boolean) =>
		[
			'apiVersion: v1',
			'kind: Node',
			'metadata: {name: n1}',
			'spec: {podCIDR: 10.244.1.0/24}',
			'status: {addresses: [{type: InternalIP, address: 192.168.56.11}]}',
			'---',
			'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
			'kind: KubeProxyConfiguration',
			'clusterCIDR: 10.244.0.0/16',
			`conntrack: {tcpBeLiberal: ${liberal}}`,
			'',
		].join('\n');
	const strict = await runInProcess(['rules', '--format', 'restore', '-f', 'c.yaml'], {files: {'c.yaml': config(false)}});
	t.true(strict.stdout.includes('-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP\n'));
	const liberal = await runInProcess(['rules', '--format', 'restore', '-f', 'c.yaml'], {files: {'c.yaml': config(true)}});
	t.is(liberal.status, 0);
	t.false(liberal.stdout.includes('INVALID'));
});

test('detectLocalMode NodeCIDR with a Node that has no podCIDR says which one it was given', async (t) => {
	const text = [
		'apiVersion: v1',
		'kind: Node',
		'metadata: {name: n1}',
		'spec: {}',
		'status: {addresses: [{type: InternalIP, address: 192.168.56.11}]}',
		'---',
		'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
		'kind: KubeProxyConfiguration',
		'clusterCIDR: 10.32.0.0/16',
		'detectLocalMode: NodeCIDR',
		'',
	].join('\n');
	const run = await runInProcess(['rules', '-f', 'n.yaml'], {files: {'n.yaml': text}});
	t.is(run.status, 0);
	t.is(
		run.stderr,
		"note: detectLocalMode is NodeCIDR but Node n1 has no podCIDR in the input (a real kube-proxy waits for one): svc-tutor's kube-controller-manager gave it 10.32.0.0/24\n",
	);
});
