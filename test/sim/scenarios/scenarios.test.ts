import test from 'ava';
import {exportManifests} from '../../../src/sim/scenarios/export.js';
import {generateScenario} from '../../../src/sim/scenarios/generate.js';
import {seedNotesCluster} from '../../../src/sim/scenarios/seed-notes.js';

test('the notes\' cluster: db at 10.244.1.2 on node01, db-service at 10.103.132.104:3306, kubeadm\'s Services', (t) => {
	const cluster = seedNotesCluster();
	const db = cluster.api.get('Pod', 'db')!;
	t.is(db.status.podIP, '10.244.1.2');
	t.is(db.spec.nodeName, 'node01');
	const svc = cluster.api.get('Service', 'db-service')!;
	t.is(svc.spec.clusterIP, '10.103.132.104');
	t.deepEqual(svc.spec.ports.map((p) => [p.port, p.protocol]), [[3306, 'TCP']]);
	t.is(cluster.api.get('Service', 'kubernetes')!.spec.clusterIP, '10.96.0.1');
	t.is(cluster.api.get('Service', 'kube-dns', 'kube-system')!.spec.clusterIP, '10.96.0.10');
	t.is(cluster.serviceClusterIPRange, '10.96.0.0/12');
});

test('a generated cluster: workers, Services with three endpoints and with none, labels as kubectl shows them', (t) => {
	const cluster = generateScenario({seed: 7, nodes: 3, services: 5});
	const nodes = cluster.nodes();
	t.is(nodes.length, 4);
	t.deepEqual(nodes.filter((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined).map((n) => n.metadata.name), ['controlplane']);
	const apps = cluster.services().filter((s) => s.metadata.namespace === 'default' && s.metadata.name !== 'kubernetes');
	t.is(apps.length, 5);
	const endpointCount = (name: string): number =>
		cluster.endpointSliceList().filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name).reduce((n, s) => n + s.endpoints.length, 0);
	const counts = apps.map((s) => endpointCount(s.metadata.name));
	t.true(counts.includes(0), 'one Service scaled to zero');
	t.true(counts.includes(3), 'one Service with three endpoints');
	const nodePorts = apps.filter((s) => s.spec.type === 'NodePort').flatMap((s) => s.spec.ports.map((p) => p.nodePort!));
	t.true(nodePorts.length > 0, 'seed 7 has a NodePort Service');
	for (const port of nodePorts) t.true(port >= 30000 && port <= 32767, `nodePort ${port} in 30000–32767`);
	for (const s of apps) t.true(s.spec.clusterIP!.startsWith('10.'), `${s.metadata.name} has a cluster IP`);
	for (const pod of cluster.pods().filter((p) => p.metadata.namespace === 'default')) {
		t.regex(pod.metadata.name, /^[a-z0-9-]+-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
		t.not(pod.spec.nodeName, 'controlplane');
	}
});

test('the same seed gives the same manifests; another seed another cluster', (t) => {
	const a = JSON.stringify(exportManifests(generateScenario({seed: 11})));
	t.is(JSON.stringify(exportManifests(generateScenario({seed: 11}))), a);
	t.not(JSON.stringify(exportManifests(generateScenario({seed: 12}))), a);
});

test('exported manifests hold the kube-proxy configuration and every slice names its Service', (t) => {
	const list = exportManifests(seedNotesCluster());
	t.is(list.kind, 'List');
	const kinds = list.items.map((i) => i.kind);
	t.is(kinds.at(-1), 'KubeProxyConfiguration');
	for (const item of list.items) if (item.kind === 'EndpointSlice') t.truthy(item.metadata.labels?.['kubernetes.io/service-name']);
});

test('scenario sizes out of range are refused', (t) => {
	t.throws(() => generateScenario({seed: 1, nodes: 0}), {instanceOf: RangeError});
	t.throws(() => generateScenario({seed: 1, services: -1}), {instanceOf: RangeError});
});

test('every generated scenario has a NodePort Service with endpoints', (t) => {
	for (let seed = 0; seed < 40; seed++) {
		const cluster = generateScenario({seed, services: 1 + (seed % 6)});
		const ready = new Set(cluster.endpointSliceList().filter((s) => s.endpoints.length > 0).map((s) => s.metadata.labels?.['kubernetes.io/service-name']));
		t.true(cluster.services().some((s) => s.spec.type === 'NodePort' && ready.has(s.metadata.name)), `seed ${seed}`);
	}
});

test('10,000 Services: once the NodePort range is used up, NodePort kinds are made ClusterIP; every Service is there', (t) => {
	const cluster = generateScenario({seed: 5, services: 10000});
	const services = cluster.api.peek('Service');
	t.is(services.length, 10002);
	const nodePorts = services.filter((s) => s.spec.type === 'NodePort').length;
	t.true(nodePorts > 2700 && nodePorts <= 2768, `${nodePorts} NodePort Services`);
	t.is(cluster.api.nodePorts.free, 2768 - nodePorts);
});
