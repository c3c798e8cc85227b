// The node shell's kubeadm cluster: the same seed gives the same cluster; its control plane,
// add-ons and applications are what kubeadm, flannel and the seed's plan make them.
import test from 'ava';
import {newShellCluster, shellClusterPlan} from '../../../src/sim/scenarios/shell-cluster.js';
import {KUBERNETES_VERSION} from '../../../src/sim/control-plane/versions.js';
import {validateServiceClusterIPRange} from '../../../src/sim/net/service-cidr.js';
import {cidrContains, cidrsOverlap} from '../../../src/sim/net/cidr.js';

function summary(seed: number): string[] {
	const c = newShellCluster({seed});
	return [
		...c.api.list('Pod').map((p) => `${p.metadata.namespace}/${p.metadata.name} ${p.spec.nodeName} ${p.status.podIP} ${p.metadata.uid}`),
		...c.api.list('Service').map((s) => `${s.metadata.namespace}/${s.metadata.name} ${s.spec.clusterIP} ${s.spec.ports.map((p) => p.nodePort ?? '').join(',')}`),
		`${c.api.count('Event')} events at ${c.clock.now().toISOString()}`,
	];
}

test('the same seed gives the same cluster, names, IPs and UIDs included; another seed another', (t) => {
	t.deepEqual(summary(11), summary(11));
	t.notDeepEqual(summary(11), summary(12));
});

test('the service range is kubeadm 10.96.0.0/12 for most seeds and another valid range for some', (t) => {
	const ranges = Array.from({length: 200}, (_, seed) => shellClusterPlan(seed).serviceCIDR);
	const kubeadm = ranges.filter((r) => r === '10.96.0.0/12').length;
	t.true(kubeadm > 90 && kubeadm < 160, `${kubeadm} of 200`);
	t.true(new Set(ranges).size >= 4);
	for (const range of new Set(ranges)) {
		t.is(validateServiceClusterIPRange(range), null);
		t.false(cidrsOverlap(range, '10.244.0.0/16'), range);
	}
});

test('controlplane, node01 and node02 on one /24, each with a /24 of flannel 10.244.0.0/16', (t) => {
	const c = newShellCluster({seed: 5});
	const plan = shellClusterPlan(5);
	t.deepEqual(
		c.nodes().map((n) => [n.metadata.name, n.status.addresses[0]!.address, n.spec.podCIDR]),
		[
			['controlplane', plan.nodeIPs['controlplane'], '10.244.0.0/24'],
			['node01', plan.nodeIPs['node01'], '10.244.1.0/24'],
			['node02', plan.nodeIPs['node02'], '10.244.2.0/24'],
		],
	);
	for (const n of c.nodes()) {
		t.true(cidrContains(plan.nodeNetwork, n.status.addresses[0]!.address));
		t.is(n.status.nodeInfo?.kubeletVersion, KUBERNETES_VERSION);
	}
	t.deepEqual(c.nodes()[0]!.spec.taints, [{key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule'}]);
});

test('kube-system holds the static Pods, kube-proxy per node and CoreDNS on the control plane; kube-flannel one flannel Pod per node', (t) => {
	const c = newShellCluster({seed: 3});
	const names = (ns: string): string[] => c.api.list('Pod', ns).map((p) => p.metadata.name.replace(/-[a-z0-9]{5}$/, '-xxxxx').replace(/-[456789bcdf]{6,10}-/, '-HASH-'));
	t.deepEqual(names('kube-system'), [
		'coredns-HASH-xxxxx',
		'coredns-HASH-xxxxx',
		'etcd-controlplane',
		'kube-apiserver-controlplane',
		'kube-controller-manager-controlplane',
		'kube-proxy-xxxxx',
		'kube-proxy-xxxxx',
		'kube-proxy-xxxxx',
		'kube-scheduler-controlplane',
	]);
	t.deepEqual(names('kube-flannel'), ['kube-flannel-ds-xxxxx', 'kube-flannel-ds-xxxxx', 'kube-flannel-ds-xxxxx']);
	for (const p of c.api.list('Pod', 'kube-system').filter((p) => p.metadata.name.startsWith('coredns-'))) {
		t.is(p.spec.nodeName, 'controlplane');
		t.regex(p.status.podIP!, /^10\.244\.0\.\d+$/);
	}
	const proxies = c.api.list('Pod', 'kube-system').filter((p) => p.metadata.name.startsWith('kube-proxy-'));
	t.deepEqual(proxies.map((p) => p.spec.nodeName).sort(), ['controlplane', 'node01', 'node02']);
	t.deepEqual(c.api.list('DaemonSet').map((d) => `${d.metadata.namespace}/${d.metadata.name} ${d.status?.numberReady}`), ['kube-flannel/kube-flannel-ds 3', 'kube-system/kube-proxy 3']);
	t.deepEqual(c.api.list('Namespace').map((n) => n.metadata.name), ['default', 'kube-flannel', 'kube-node-lease', 'kube-public', 'kube-system']);
});

test('kube-proxy ConfigMap as kubeadm writes it: config.conf with mode and clusterCIDR, kubeconfig.conf to the advertised API server', (t) => {
	const c = newShellCluster({seed: 3});
	const cm = c.api.get('ConfigMap', 'kube-proxy', 'kube-system')!;
	const config = cm.data!['config.conf']!;
	t.true(config.startsWith('apiVersion: kubeproxy.config.k8s.io/v1alpha1\nbindAddress: 0.0.0.0\n'));
	t.true(config.includes('\nclusterCIDR: 10.244.0.0/16\n'));
	t.true(config.includes('\nmode: ""\n'));
	t.true(config.includes('\n  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf\n'));
	t.true(cm.data!['kubeconfig.conf']!.includes(`    server: https://${shellClusterPlan(3).nodeIPs['controlplane']}:6443\n`));
	const corefile = c.api.get('ConfigMap', 'coredns', 'kube-system')!.data!['Corefile']!;
	t.true(corefile.includes('    kubernetes cluster.local in-addr.arpa ip6.arpa {\n'));
	const netConf = c.api.get('ConfigMap', 'kube-flannel-cfg', 'kube-flannel')!.data!['net-conf.json']!;
	t.true(netConf.includes('"Network": "10.244.0.0/16"'));
	const kubeadm = c.api.get('ConfigMap', 'kubeadm-config', 'kube-system')!.data!['ClusterConfiguration']!;
	t.true(kubeadm.includes(`  serviceSubnet: ${shellClusterPlan(3).serviceCIDR}\n`));
});

test('the kubernetes Service on the first address, kube-dns on the tenth, db-service selecting db on 3306', (t) => {
	for (const seed of [1, 2, 3, 4]) {
		const c = newShellCluster({seed});
		const range = c.serviceClusterIPRange;
		const svc = (ns: string, name: string) => c.api.get('Service', name, ns)!;
		t.is(svc('default', 'kubernetes').spec.clusterIP, range.replace(/\.0\/\d+$/, '.1'));
		t.is(svc('kube-system', 'kube-dns').spec.clusterIP, range.replace(/\.0\/\d+$/, '.10'));
		const db = svc('default', 'db-service');
		t.deepEqual(db.spec.selector, {app: 'db'});
		t.is(db.spec.ports[0]!.port, 3306);
		t.true(cidrContains(range, db.spec.clusterIP!));
		const slice = c.api.list('EndpointSlice', 'default').find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'db-service')!;
		t.is(slice.endpoints.length, 1);
		t.regex(slice.endpoints[0]!.addresses[0]!, /^10\.244\.[12]\.\d+$/);
	}
});

test("every Service's rules are on every node: kube-proxy writes db-service's chains", (t) => {
	const c = newShellCluster({seed: 9});
	for (const node of ['controlplane', 'node01', 'node02']) {
		const restore = c.kubeProxy(node)!.sync().restore;
		t.true(restore.includes('"default/db-service cluster IP"'), node);
	}
});
