// The control plane reacting to changes: node IPAM, the scheduler, kubelet + CNI, the
// EndpointSlice controller and kube-proxy, all through the API server's watch.
import test from 'ava';
import type {Pod, Service} from '../../../src/sim/api/types.js';
import {Cluster} from '../../../src/sim/cluster/cluster.js';
import {addNode} from '../../../src/sim/scenarios/kubeadm-cluster.js';
import {seedNotesCluster} from '../../../src/sim/scenarios/seed-notes.js';
import {scaleDeployment} from '../../../src/sim/workloads/deployment.js';

function twoNodes(): Cluster {
	const cluster = new Cluster({seed: 1, kubeProxyConfig: {apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', clusterCIDR: '10.244.0.0/16'}});
	addNode(cluster, 'controlplane', '192.168.56.10', true);
	addNode(cluster, 'node01', '192.168.56.11');
	addNode(cluster, 'node02', '192.168.56.12');
	return cluster;
}

function pod(name: string, labels: Record<string, string>, extra: Partial<Pod['spec']> = {}, ports = [{name: 'http', containerPort: 8080}]): Pod {
	return {apiVersion: 'v1', kind: 'Pod', metadata: {name, labels}, spec: {containers: [{name: 'c', image: 'nginx', ports}], ...extra}, status: {}};
}

const web: Service = {apiVersion: 'v1', kind: 'Service', metadata: {name: 'web'}, spec: {selector: {app: 'web'}, ports: [{name: 'http', port: 80, targetPort: 'http'}]}};

test('nodes get pod CIDRs in registration order; Pods get IPs from their node\'s CIDR, .1 being cni0', (t) => {
	const cluster = twoNodes();
	t.deepEqual(cluster.nodes().map((n) => [n.metadata.name, n.spec.podCIDR]), [
		['controlplane', '10.244.0.0/24'],
		['node01', '10.244.1.0/24'],
		['node02', '10.244.2.0/24'],
	]);
	t.is(cluster.kubelet('node01')!.bridgeIP, '10.244.1.1');
	cluster.create(pod('a', {app: 'web'}, {nodeName: 'node01'}));
	cluster.create(pod('b', {app: 'web'}, {nodeName: 'node01'}));
	const ips = cluster.pods().map((p) => [p.metadata.name, p.status.podIP, p.status.phase, p.status.hostIP]);
	t.deepEqual(ips, [
		['a', '10.244.1.2', 'Running', '192.168.56.11'],
		['b', '10.244.1.3', 'Running', '192.168.56.11'],
	]);
});

test('the scheduler spreads Pods over workers, never the control plane while workers exist', (t) => {
	const cluster = twoNodes();
	for (const name of ['a', 'b', 'c', 'd']) cluster.create(pod(name, {app: 'web'}));
	const nodes = cluster.pods().map((p) => p.spec.nodeName);
	t.deepEqual(nodes, ['node01', 'node02', 'node01', 'node02']);
	t.true(cluster.events.some((e) => e.source === 'kube-scheduler' && e.message === 'Successfully assigned default/a to node01'));
});

test('a hostNetwork Pod has its node\'s IP and takes none from CNI', (t) => {
	const cluster = twoNodes();
	cluster.create(pod('h', {app: 'h'}, {nodeName: 'node02', hostNetwork: true}));
	cluster.create(pod('p', {app: 'p'}, {nodeName: 'node02'}));
	t.is(cluster.api.get('Pod', 'h')!.status.podIP, '192.168.56.12');
	t.is(cluster.api.get('Pod', 'p')!.status.podIP, '10.244.2.2');
});

test('the EndpointSlice controller resolves named targetPorts and follows Pods coming and going', (t) => {
	const cluster = twoNodes();
	cluster.create(web);
	const slices = (): string[] => cluster.endpointSliceList().flatMap((s) => s.endpoints.flatMap((e) => e.addresses.map((a) => `${a}:${s.ports[0]?.port} ${e.nodeName} ready=${e.conditions.ready}`)));
	t.deepEqual(slices(), [], 'no Pods: an empty placeholder slice');
	t.is(cluster.endpointSliceList().length, 1);
	t.is(cluster.endpointSliceList()[0]!.metadata.labels!['kubernetes.io/service-name'], 'web');
	cluster.create(pod('a', {app: 'web'}, {nodeName: 'node01'}));
	cluster.create(pod('b', {app: 'web'}, {nodeName: 'node02'}));
	cluster.create(pod('other', {app: 'db'}, {nodeName: 'node02'}));
	t.deepEqual(slices(), ['10.244.1.2:8080 node01 ready=true', '10.244.2.2:8080 node02 ready=true']);
	cluster.delete('Pod', 'a');
	t.deepEqual(slices(), ['10.244.2.2:8080 node02 ready=true']);
	cluster.delete('Service', 'web');
	t.deepEqual(cluster.endpointSliceList(), []);
});

test('Pods whose named port resolves differently land in different slices', (t) => {
	const cluster = twoNodes();
	cluster.create(web);
	cluster.create(pod('a', {app: 'web'}, {nodeName: 'node01'}, [{name: 'http', containerPort: 8080}]));
	cluster.create(pod('b', {app: 'web'}, {nodeName: 'node01'}, [{name: 'http', containerPort: 9090}]));
	const ports = cluster.endpointSliceList().map((s) => `${s.ports[0]!.port}:${s.endpoints.map((e) => e.addresses[0]).join(',')}`);
	t.deepEqual(ports.sort(), ['8080:10.244.1.2', '9090:10.244.1.3']);
});

test('kube-proxy on every node logs the new service port and writes its rules; deleting removes them', (t) => {
	const cluster = seedNotesCluster();
	for (const node of ['controlplane', 'node01', 'node02']) {
		const proxy = cluster.kubeProxy(node)!;
		t.true(proxy.sync().restore.includes('-j KUBE-SVC-PKJNZ2BPYAP7WCVG'), `${node} has db-service's rules`);
		t.true(proxy.logLines().some((l) => l.endsWith('"Adding new service port" portName="default/db-service" servicePort="10.103.132.104:3306/TCP"')));
		t.true(proxy.logLines('v1.11').some((l) => l.endsWith('] Adding new service port "default/db-service:" at 10.103.132.104:3306/TCP')));
	}
	cluster.delete('Service', 'db-service');
	const proxy = cluster.kubeProxy('node02')!;
	t.false(proxy.sync().restore.includes('db-service'));
	t.true(proxy.logLines().at(-1)!.endsWith('"Removing service port" portName="default/db-service"'));
});

test('the same seed builds the same cluster, event for event', (t) => {
	const a = seedNotesCluster(5);
	const b = seedNotesCluster(5);
	t.deepEqual(a.events, b.events);
	t.deepEqual(a.services(), b.services());
	t.is(a.kubeProxy('node01')!.sync().restore, b.kubeProxy('node01')!.sync().restore);
});

test('kube-proxies on demand: started when first asked for, with the same rules as ones that ran all along', (t) => {
	const build = (kubeProxies: 'every-node' | 'on-demand'): Cluster => {
		const cluster = new Cluster({seed: 3, kubeProxies, kubeProxyConfig: {apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', clusterCIDR: '10.244.0.0/16'}});
		addNode(cluster, 'controlplane', '192.168.56.10', true);
		addNode(cluster, 'node01', '192.168.56.11');
		addNode(cluster, 'node02', '192.168.56.12');
		scaleDeployment(cluster, {name: 'web', labels: {app: 'web'}, container: {name: 'web', image: 'nginx', ports: [{containerPort: 80, protocol: 'TCP'}]}}, 3);
		cluster.create({apiVersion: 'v1', kind: 'Service', metadata: {name: 'web', namespace: 'default'}, spec: {type: 'NodePort', selector: {app: 'web'}, ports: [{port: 80, protocol: 'TCP'}]}});
		return cluster;
	};
	const always = build('every-node');
	const lazy = build('on-demand');
	const node = always.nodes()[1]!.metadata.name;
	t.truthy(always.kubeProxy(node));
	t.is(lazy.kubeProxy('no-such-node'), undefined);
	const started = lazy.kubeProxy(node)!;
	t.is(lazy.kubeProxy(node), started, 'started once');
	t.is(started.sync().restore, always.kubeProxy(node)!.sync().restore);
	t.true(lazy.events.some((e) => e.source === `kube-proxy/${node}`));
});
