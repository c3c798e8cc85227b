// The shapes a manifest arrives in: several YAML documents, JSON, typed API lists, anchors and
// merges, several files at once, and documents with nothing in them.

import test from 'ava';
import {loadManifests} from '../../src/manifest/index.js';
import type {Service} from '../../src/sim/api/types.js';
import {load, yaml} from './load-helper.js';

test('several YAML documents, with empty and comment-only ones skipped', (t) => {
	const loaded = load(
		yaml(
			'# a comment before anything',
			'---',
			'apiVersion: v1',
			'kind: Service',
			'metadata: {name: a}',
			'spec: {ports: [{port: 80}]}',
			'---',
			'# nothing but a comment',
			'---',
			'---',
			'apiVersion: v1',
			'kind: Pod',
			'metadata: {name: p, namespace: shop}',
			'spec: {containers: [{name: c, image: nginx}]}',
			'...',
		),
	);
	t.deepEqual(
		loaded.objects.map((obj) => obj.kind),
		['Service', 'Pod'],
	);
	t.deepEqual(
		[...loaded.origins.values()].map(({line, column}) => [line, column]),
		[
			[3, 1],
			[11, 1],
		],
	);
});

test('an empty file and a file of comments load nothing', (t) => {
	t.deepEqual(load('').objects, []);
	t.deepEqual(load('# nothing here\n').objects, []);
});

test('JSON, with tabs, as `kubectl get -o json` prints it', (t) => {
	const json = JSON.stringify(
		{
			apiVersion: 'v1',
			kind: 'List',
			items: [{apiVersion: 'v1', kind: 'Service', metadata: {name: 'web', namespace: 'shop'}, spec: {ports: [{port: 80, targetPort: 8080}]}}],
		},
		null,
		'\t',
	);
	const loaded = load(json, 'cluster.json');
	const [service] = loaded.objects as Service[];
	t.is(service?.metadata.namespace, 'shop');
	t.deepEqual(service?.spec.ports, [{port: 80, protocol: 'TCP', targetPort: 8080}]);
	// Line 16 is six tabs and `"targetPort": `; a tab counts as one column.
	t.deepEqual(service && loaded.locate(service, ['spec', 'ports', 0, 'targetPort']), {file: 'cluster.json', line: 16, column: 21});
});

test('a typed API list (ServiceList) whose items have no kind', (t) => {
	const loaded = load(
		yaml('apiVersion: v1', 'kind: ServiceList', 'items:', '- metadata: {name: a}', '  spec: {ports: [{port: 1}]}', '- metadata: {name: b}', '  spec: {ports: [{port: 2}]}'),
	);
	t.deepEqual(
		loaded.objects.map((obj) => `${obj.kind} ${obj.metadata.name}`),
		['Service a', 'Service b'],
	);
});

test('an empty List loads nothing', (t) => {
	t.deepEqual(load(yaml('apiVersion: v1', 'kind: List', 'items: []')).objects, []);
	t.deepEqual(load(yaml('apiVersion: v1', 'kind: List', 'metadata: {resourceVersion: ""}')).objects, []);
});

test('anchors and `<<` merge keys, which Kubernetes YAML honours', (t) => {
	const loaded = load(
		yaml(
			'apiVersion: v1',
			'kind: Service',
			'metadata: {name: web}',
			'spec:',
			'  selector: &labels {app: web}',
			'  ports:',
			'  - &http {name: http, port: 80}',
			'  - <<: *http',
			'    name: alt',
			'    port: 8080',
		),
	);
	const [service] = loaded.objects as Service[];
	t.deepEqual(service?.spec.selector, {app: 'web'});
	t.deepEqual(
		service?.spec.ports.map((port) => `${port.name}:${port.port}`),
		['http:80', 'alt:8080'],
	);
});

test('several sources keep their own file names and order', (t) => {
	const loaded = loadManifests([
		{name: 'a.yaml', text: yaml('apiVersion: v1', 'kind: Node', 'metadata: {name: n1}')},
		{name: 'b.yaml', text: yaml('apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'kind: KubeProxyConfiguration', 'clusterCIDR: 10.244.0.0/16')},
		{name: '-', text: yaml('apiVersion: v1', 'kind: Node', 'metadata: {name: n2}')},
	]);
	t.deepEqual(
		[...loaded.origins.values()].map((origin) => `${origin.file} ${origin.name}`),
		['a.yaml n1', '- n2'],
	);
	t.is(loaded.proxyConfig?.clusterCIDR, '10.244.0.0/16');
	t.deepEqual(loaded.proxyConfig && loaded.locate(loaded.proxyConfig, ['clusterCIDR']), {file: 'b.yaml', line: 3, column: 14});
});
