// Unknown fields in the structures svc-tutor reads closely are ignored like the API's non-strict
// decoding would, but reported: `selectr` silently selecting nothing is a classic lost hour.

import test from 'ava';
import {load, yaml} from './load-helper.js';

test('a typo in a Service spec and port is reported with its position', (t) => {
	const loaded = load(
		yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec:', '  selectr: {app: web}', '  ports:', '  - port: 80', '    targetport: 8080'),
	);
	t.deepEqual(loaded.warnings, [
		'cluster.yaml:5:3: Service default/web: unknown field "spec.selectr" (ignored)',
		'cluster.yaml:8:17: Service default/web: unknown field "spec.ports[0].targetport" (ignored)',
	]);
	t.deepEqual(loaded.objects[0]?.kind === 'Service' ? loaded.objects[0].spec.ports : undefined, [{port: 80, protocol: 'TCP', targetPort: 80}]);
});

test('fields the real API has, but svc-tutor does not model, are not reported', (t) => {
	const loaded = load(
		yaml(
			'apiVersion: v1',
			'kind: Service',
			'metadata: {name: web, generation: 1, finalizers: [x]}',
			'spec:',
			'  ports: [{port: 80, appProtocol: http}]',
			'  type: LoadBalancer',
			'  allocateLoadBalancerNodePorts: true',
			'  loadBalancerClass: example.com/lb',
			'  publishNotReadyAddresses: false',
			'  ipFamilyPolicy: SingleStack',
			'status: {loadBalancer: {ingress: [{ip: 203.0.113.7, ipMode: VIP}]}}',
		),
	);
	t.deepEqual(loaded.warnings, []);
	const service = loaded.objects[0];
	t.deepEqual(service?.kind === 'Service' ? service.status : undefined, {loadBalancer: {ingress: [{ip: '203.0.113.7', ipMode: 'VIP'}]}});
});

test('unknown top-level and metadata fields', (t) => {
	const loaded = load(yaml('apiVersion: v1', 'kind: Node', 'metdata: {name: n1}', 'metadata: {name: n1, label: {a: b}}'));
	t.deepEqual(loaded.warnings, [
		'cluster.yaml:3:1: Node n1: unknown field "metdata" (ignored)',
		'cluster.yaml:4:22: Node n1: unknown field "metadata.label" (ignored)',
	]);
});
