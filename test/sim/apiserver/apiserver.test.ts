import test from 'ava';
import type {Service} from '../../../src/sim/api/types.js';
import {ClusterIPAllocator} from '../../../src/sim/allocation/cluster-ip-allocator.js';
import {NodePortAllocator} from '../../../src/sim/allocation/node-port-allocator.js';
import {ApiServer} from '../../../src/sim/apiserver/apiserver.js';
import {ApiError} from '../../../src/sim/apiserver/errors.js';
import type {WatchEvent} from '../../../src/sim/apiserver/store.js';
import {SimClock} from '../../../src/sim/clock.js';
import {seededRandom} from '../../../src/sim/random.js';

function api(seed = 1): ApiServer {
	return new ApiServer(new ClusterIPAllocator('10.96.0.0/12'), new NodePortAllocator(), seededRandom(seed), new SimClock());
}

function service(name: string, spec: Partial<Service['spec']> = {}): Service {
	return {apiVersion: 'v1', kind: 'Service', metadata: {name}, spec: {ports: [{port: 80}], ...spec}};
}

function refusal(fn: () => unknown): ApiError {
	try {
		fn();
	} catch (error) {
		if (error instanceof ApiError) return error;
		throw error;
	}
	throw new Error('expected an ApiError');
}

test('a Service gets the API defaults, a cluster IP from the upper band, and a NodePort when asked', (t) => {
	const server = api();
	const web = server.create(service('web', {type: 'NodePort'}));
	t.is(web.metadata.namespace, 'default');
	t.deepEqual(web.spec.ports, [{port: 80, protocol: 'TCP', targetPort: 80, nodePort: web.spec.ports[0]!.nodePort}]);
	t.is(web.spec.sessionAffinity, 'None');
	t.is(web.spec.externalTrafficPolicy, 'Cluster');
	t.is(web.spec.internalTrafficPolicy, 'Cluster');
	t.deepEqual(web.spec.clusterIPs, [web.spec.clusterIP]);
	// KEP-3070: dynamic IPs come from above the static band (the lowest 256 usable addresses of a /12: 10.96.0.1–10.96.1.0).
	const [a, b, c, d] = web.spec.clusterIP!.split('.').map(Number);
	const value = ((a! * 256 + b!) * 256 + c!) * 256 + d!;
	t.true(value > ((10 * 256 + 96) * 256 + 1) * 256 + 0, `${web.spec.clusterIP} is above 10.96.1.0`);
	t.true(value <= ((10 * 256 + 111) * 256 + 255) * 256 + 254, `${web.spec.clusterIP} is inside 10.96.0.0/12`);
	const port = web.spec.ports[0]!.nodePort!;
	t.true(port >= 30086 && port <= 32767, `nodePort ${port} above the static band 30000–30085`);
});

test('the same seed allocates the same addresses; another seed others', (t) => {
	const ips = (seed: number): string[] => {
		const server = api(seed);
		return ['a', 'b', 'c'].map((n) => server.create(service(n)).spec.clusterIP!);
	};
	t.deepEqual(ips(3), ips(3));
	t.notDeepEqual(ips(3), ips(4));
});

test('a taken clusterIP is refused in kube-apiserver\'s words, and the refused create leaves nothing allocated', (t) => {
	const server = api();
	server.create(service('a', {clusterIP: '10.96.0.20'}));
	const error = refusal(() => server.create(service('b', {clusterIP: '10.96.0.20', type: 'NodePort', ports: [{port: 80, nodePort: 30080}]})));
	t.is(error.reason, 'Invalid');
	t.is(error.message, 'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.20"}: failed to allocate IP 10.96.0.20: provided IP is already allocated');
	t.deepEqual(error.causes.map((c) => c.field), ['spec.clusterIPs']);
	// 30080 was not kept by the failed create.
	t.is(server.create(service('c', {type: 'NodePort', ports: [{port: 80, nodePort: 30080}]})).spec.ports[0]!.nodePort, 30080);
});

test('a nodePort outside the range and a duplicate name are refused', (t) => {
	const server = api();
	t.is(
		refusal(() => server.create(service('a', {type: 'NodePort', ports: [{port: 80, nodePort: 40000}]}))).message,
		'Service "a" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767',
	);
	server.create(service('web'));
	const duplicate = refusal(() => server.create(service('web')));
	t.is(duplicate.reason, 'AlreadyExists');
	t.is(duplicate.message, 'services "web" already exists');
});

test('semantic checks: externalTrafficPolicy on a ClusterIP Service, headless NodePort, nodePort on ClusterIP', (t) => {
	const server = api();
	t.is(
		refusal(() => server.create(service('a', {externalTrafficPolicy: 'Local'}))).message,
		'Service "a" is invalid: spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
	);
	t.is(
		refusal(() => server.create(service('b', {type: 'NodePort', clusterIP: 'None'}))).message,
		'Service "b" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services',
	);
	t.regex(refusal(() => server.create(service('c', {ports: [{port: 80, nodePort: 30001}]}))).message, /spec\.ports\[0\]\.nodePort: Forbidden: may not be used when `type` is 'ClusterIP'/);
});

test('deleting a Service gives its IP and NodePort back', (t) => {
	const server = api();
	server.create(service('a', {clusterIP: '10.96.0.30', type: 'NodePort', ports: [{port: 80, nodePort: 30030}]}));
	server.delete('Service', 'a');
	const again = server.create(service('b', {clusterIP: '10.96.0.30', type: 'NodePort', ports: [{port: 80, nodePort: 30030}]}));
	t.is(again.spec.clusterIP, '10.96.0.30');
	t.is(refusal(() => server.delete('Service', 'a')).message, 'services "a" not found');
});

test('an update keeps the cluster IP and NodePorts, refuses a new clusterIP, releases dropped ports', (t) => {
	const server = api();
	const created = server.create(service('a', {type: 'NodePort', ports: [{name: 'http', port: 80}, {name: 'https', port: 443}]}));
	const [http, https] = created.spec.ports.map((p) => p.nodePort!);
	const updated = server.update({...created, spec: {...created.spec, clusterIP: undefined, clusterIPs: undefined, ports: [{name: 'http', port: 80}]}} as Service);
	t.is(updated.spec.clusterIP, created.spec.clusterIP);
	t.is(updated.spec.ports[0]!.nodePort, http);
	// https's port is free again.
	t.is(server.create(service('b', {type: 'NodePort', ports: [{port: 443, nodePort: https}]})).spec.ports[0]!.nodePort, https);
	t.regex(refusal(() => server.update({...updated, spec: {...updated.spec, clusterIP: '10.96.0.99'}})).message, /spec\.clusterIPs\[0\]: Invalid value: "10\.96\.0\.99": may not change once set/);
});

test('watchers see ADDED, MODIFIED and DELETED in order, with rising resourceVersions', (t) => {
	const server = api();
	const events: WatchEvent[] = [];
	server.watch((e) => events.push(e));
	const a = server.create(service('a'));
	server.update({...a, metadata: {...a.metadata, labels: {x: 'y'}}});
	server.delete('Service', 'a');
	t.deepEqual(events.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED']);
	const versions = events.slice(0, 2).map((e) => Number(e.object.metadata.resourceVersion));
	t.true(versions[1]! > versions[0]!);
});

test('objects handed out are copies: changing one does not change the store', (t) => {
	const server = api();
	const a = server.create(service('a'));
	a.spec.ports[0]!.port = 1;
	t.is(server.get('Service', 'a')!.spec.ports[0]!.port, 80);
});

test('adopt stores what create stores (same seed, same IP and uid), keeping the object handed over', (t) => {
	const a = api(9);
	const b = api(9);
	const input = service('web', {type: 'NodePort'});
	const created = a.create(service('web', {type: 'NodePort'}));
	b.adopt(input);
	t.deepEqual(b.get('Service', 'web'), created);
	t.is(b.peekOne('Service', 'web'), input, 'no copy: the object is the API server\'s now');
	t.is(input.spec.clusterIP, created.spec.clusterIP);
	t.is(b.peekOne('Service', 'nope'), undefined);
	t.throws(() => b.adopt(service('web')), {instanceOf: ApiError, message: /already exists/});
});
