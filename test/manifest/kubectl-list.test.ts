// A `kubectl get nodes,pods,services,endpointslices -A -o yaml` List, as kubectl prints it, loads
// whole: every object in order, extra fields (managedFields, status details) ignored, defaults applied.

import {readFileSync} from 'node:fs';
import test from 'ava';
import type {Kind, KubeObject} from '../../src/sim/api/types.js';
import {load} from './load-helper.js';

const text = readFileSync(new URL('../fixtures/manifest/kubectl-get-all.yaml', import.meta.url), 'utf8');
const loaded = load(text, 'all.yaml');

function find<K extends Kind>(kind: K, name: string): Extract<KubeObject, {kind: K}> {
	const found = loaded.objects.find((obj): obj is Extract<KubeObject, {kind: K}> => obj.kind === kind && obj.metadata.name === name);
	if (!found) throw new Error(`${kind} ${name} not loaded`);
	return found;
}

test('every item is loaded, in input order, without warnings', (t) => {
	t.deepEqual(
		loaded.objects.map((obj) => `${obj.kind} ${obj.metadata.namespace ?? ''}/${obj.metadata.name}`),
		[
			'Node /controlplane',
			'Node /node01',
			'Pod default/web-7d4b9c8f6-x2lqz',
			'Pod kube-system/kube-proxy-8kq2m',
			'Service default/kubernetes',
			'Service default/web',
			'Service kube-system/kube-dns',
			'EndpointSlice default/kubernetes',
			'EndpointSlice default/web-kx7vd',
			'EndpointSlice kube-system/kube-dns-5xq8w',
		],
	);
	t.deepEqual(loaded.warnings, []);
	t.is(loaded.proxyConfig, undefined);
});

test('origins point at each List item', (t) => {
	t.deepEqual(loaded.origins.get(find('Node', 'controlplane')), {file: 'all.yaml', line: 3, column: 3, kind: 'Node', name: 'controlplane'});
	t.deepEqual(loaded.origins.get(find('Service', 'web')), {
		file: 'all.yaml',
		line: 249,
		column: 3,
		kind: 'Service',
		namespace: 'default',
		name: 'web',
	});
});

test('a Node keeps its name, labels, Pod CIDRs and addresses', (t) => {
	const node = find('Node', 'controlplane');
	t.deepEqual(node.spec, {podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24']});
	t.deepEqual(node.status.addresses, [
		{type: 'InternalIP', address: '192.168.10.2'},
		{type: 'Hostname', address: 'controlplane'},
	]);
	t.is(node.metadata.labels?.['node-role.kubernetes.io/control-plane'], '');
	t.is(node.metadata.namespace, undefined);
});

test('a Pod keeps node, ports, IPs and the conditions types.ts knows', (t) => {
	const pod = find('Pod', 'web-7d4b9c8f6-x2lqz');
	t.is(pod.spec.nodeName, 'node01');
	t.deepEqual(pod.spec.containers, [{name: 'nginx', image: 'nginx:1.27', ports: [{name: 'http', containerPort: 80, protocol: 'TCP'}]}]);
	t.is(pod.status.podIP, '10.244.1.5');
	t.deepEqual(pod.status.podIPs, [{ip: '10.244.1.5'}]);
	t.is(pod.status.phase, 'Running');
	// PodReadyToStartContainers (v1.29+) is dropped: types.ts has no place for it.
	t.deepEqual(
		pod.status.conditions?.map((condition) => condition.type),
		['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'],
	);
	const proxy = find('Pod', 'kube-proxy-8kq2m');
	t.true(proxy.spec.hostNetwork);
	t.deepEqual(proxy.spec.containers, [{name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.31.0'}]);
});

test('Services keep what the API server stored', (t) => {
	const web = find('Service', 'web');
	t.deepEqual(web.spec, {
		type: 'NodePort',
		ports: [{port: 80, protocol: 'TCP', targetPort: 'http', nodePort: 30080}],
		selector: {app: 'web'},
		clusterIP: '10.103.132.104',
		clusterIPs: ['10.103.132.104'],
		sessionAffinity: 'None',
		externalTrafficPolicy: 'Cluster',
		internalTrafficPolicy: 'Cluster',
		ipFamilies: ['IPv4'],
	});
	const dns = find('Service', 'kube-dns');
	t.deepEqual(
		dns.spec.ports.map((port) => `${port.name}:${port.protocol}/${port.port}`),
		['dns:UDP/53', 'dns-tcp:TCP/53', 'metrics:TCP/9153'],
	);
});

test('EndpointSlices: conditions as kube-proxy reads them, null lists as empty', (t) => {
	const api = find('EndpointSlice', 'kubernetes');
	// Only `ready` was written: serving defaults to true and terminating to false.
	t.deepEqual(api.endpoints, [{addresses: ['192.168.10.2'], conditions: {ready: true, serving: true, terminating: false}}]);
	t.deepEqual(api.ports, [{name: 'https', port: 6443, protocol: 'TCP'}]);
	const web = find('EndpointSlice', 'web-kx7vd');
	t.deepEqual(web.endpoints[0]?.targetRef, {kind: 'Pod', namespace: 'default', name: 'web-7d4b9c8f6-x2lqz'});
	t.is(web.endpoints[0]?.nodeName, 'node01');
	t.is(web.metadata.labels?.['kubernetes.io/service-name'], 'web');
	const dns = find('EndpointSlice', 'kube-dns-5xq8w');
	t.deepEqual(dns.endpoints, []);
	t.deepEqual(dns.ports, []);
});
