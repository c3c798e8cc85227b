// locate and fieldError: later checks (the simulated API server's allocation errors) point at
// the same line and column a learner would fix, even for fields the loader defaulted.

import test from 'ava';
import {loadManifests} from '../../src/manifest/index.js';
import type {Service} from '../../src/sim/api/types.js';
import {load, yaml} from './load-helper.js';

const text = yaml(
	'apiVersion: v1', // 1
	'kind: Service', // 2
	'metadata:', // 3
	'  name: web', // 4
	'  namespace: shop', // 5
	'spec:', // 6
	'  type: NodePort', // 7
	'  selector:', // 8
	'    app.kubernetes.io/name: web', // 9
	'  ports:', // 10
	'  - name: http', // 11
	'    port: 80', // 12
	'    nodePort: 40000', // 13
	'  - name: https', // 14
	'    port: 443', // 15
);
const loaded = load(text);
const web = loaded.objects[0] as Service;

test('a scalar field is located at its value', (t) => {
	t.deepEqual(loaded.locate(web, ['spec', 'ports', 0, 'nodePort']), {file: 'cluster.yaml', line: 13, column: 15});
	t.deepEqual(loaded.locate(web, ['spec', 'type']), {file: 'cluster.yaml', line: 7, column: 9});
	t.deepEqual(loaded.locate(web, ['metadata', 'name']), {file: 'cluster.yaml', line: 4, column: 9});
});

test('a map or list field is located at its key', (t) => {
	t.deepEqual(loaded.locate(web, ['spec', 'ports']), {file: 'cluster.yaml', line: 10, column: 3});
	t.deepEqual(loaded.locate(web, ['spec']), {file: 'cluster.yaml', line: 6, column: 1});
	// A list item starts after its `- `.
	t.deepEqual(loaded.locate(web, ['spec', 'ports', 1]), {file: 'cluster.yaml', line: 14, column: 5});
});

test('a defaulted or missing field is located at its nearest written parent', (t) => {
	// protocol and targetPort were filled in by the defaults; the port entry is where to add them.
	t.deepEqual(loaded.locate(web, ['spec', 'ports', 1, 'protocol']), {file: 'cluster.yaml', line: 14, column: 5});
	t.deepEqual(loaded.locate(web, ['spec', 'clusterIP']), {file: 'cluster.yaml', line: 6, column: 1});
	t.deepEqual(loaded.locate(web, ['spec', 'ports', 7, 'port']), {file: 'cluster.yaml', line: 10, column: 3});
	t.deepEqual(loaded.locate(web, []), {file: 'cluster.yaml', line: 1, column: 1});
});

test('paths in the API text form, as the simulated API server reports causes', (t) => {
	t.deepEqual(loaded.locate(web, 'spec.ports[0].nodePort'), {file: 'cluster.yaml', line: 13, column: 15});
	t.deepEqual(loaded.locate(web, 'spec.selector[app.kubernetes.io/name]'), {file: 'cluster.yaml', line: 9, column: 29});
});

test('fieldError formats a later error like the loader does', (t) => {
	const error = loaded.fieldError(
		web,
		'spec.ports[0].nodePort',
		'Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767',
	);
	t.is(
		error.message,
		'cluster.yaml:13:15: Service shop/web: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767',
	);
	t.deepEqual(error.position, {file: 'cluster.yaml', line: 13, column: 15});
	t.is(loaded.fieldError(web, ['spec', 'clusterIP'], 'Invalid value: "10.0.0.1": x').message, 'cluster.yaml:6:1: Service shop/web: spec.clusterIP: Invalid value: "10.0.0.1": x');
});

test('an object that was not loaded has no position, and its error says so by omission', (t) => {
	const copy: Service = structuredClone(web);
	t.is(loaded.locate(copy, ['spec']), undefined);
	t.is(loaded.fieldError(copy, 'spec.clusterIP', 'Required value').message, 'Service shop/web: spec.clusterIP: Required value');
});

test('fields of List items and of merged maps are found', (t) => {
	const list = load(
		yaml(
			'apiVersion: v1', // 1
			'kind: List', // 2
			'items:', // 3
			'- apiVersion: v1', // 4
			'  kind: Service', // 5
			'  metadata: {name: a}', // 6
			'  spec:', // 7
			'    ports: [{port: 80}]', // 8
			'- apiVersion: v1', // 9
			'  kind: Service', // 10
			'  metadata: {name: b}', // 11
			'  spec:', // 12
			'    ports:', // 13
			'    - &base {port: 80, name: web, protocol: UDP}', // 14
			'    - <<: *base', // 15
			'      name: alt', // 16
			'      port: 81', // 17
		),
	);
	const [a, b] = list.objects;
	t.deepEqual(a && list.locate(a, ['spec', 'ports', 0, 'port']), {file: 'cluster.yaml', line: 8, column: 20});
	t.deepEqual(b && list.locate(b, ['spec', 'ports', 1, 'port']), {file: 'cluster.yaml', line: 17, column: 13});
	// Taken from the anchored map through `<<`: located where the anchor wrote it.
	t.deepEqual(b && list.locate(b, ['spec', 'ports', 1, 'protocol']), {file: 'cluster.yaml', line: 14, column: 45});
	t.is((b as Service | undefined)?.spec.ports[1]?.protocol, 'UDP');
	t.deepEqual(b && list.origins.get(b), {file: 'cluster.yaml', line: 9, column: 3, kind: 'Service', namespace: 'default', name: 'b'});
});

test('the KubeProxyConfiguration is located too', (t) => {
	const {proxyConfig, locate} = loadManifests([
		{name: 'proxy.yaml', text: yaml('apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'kind: KubeProxyConfiguration', 'iptables:', '  masqueradeBit: 14')},
	]);
	t.deepEqual(proxyConfig && locate(proxyConfig, 'iptables.masqueradeBit'), {file: 'proxy.yaml', line: 4, column: 18});
});
