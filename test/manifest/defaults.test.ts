// The defaults the API server (SetDefaults_Service, SetDefaults_EndpointPort, declarative protocol
// defaults), kubectl (namespace) and kube-proxy (config, endpoint conditions) would apply.

import test from 'ava';
import type {EndpointSlice, Pod, Service} from '../../src/sim/api/types.js';
import {load, yaml} from './load-helper.js';

function service(...specLines: string[]): Service {
	const [obj] = load(yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec:', ...specLines.map((line) => `  ${line}`))).objects;
	if (obj?.kind !== 'Service') throw new Error('no Service loaded');
	return obj;
}

test('a minimal Service gets type, protocol, targetPort, affinity and traffic policy', (t) => {
	const svc = service('ports: [{port: 80}]');
	t.is(svc.metadata.namespace, 'default');
	t.deepEqual(svc.spec, {
		type: 'ClusterIP',
		ports: [{port: 80, protocol: 'TCP', targetPort: 80}],
		sessionAffinity: 'None',
		internalTrafficPolicy: 'Cluster',
	});
});

test('targetPort 0 or "" means the Service port', (t) => {
	t.deepEqual(
		service('ports: [{name: a, port: 80, targetPort: 0}, {name: b, port: 81, targetPort: ""}]').spec.ports.map((port) => port.targetPort),
		[80, 81],
	);
});

test('NodePort and LoadBalancer get externalTrafficPolicy Cluster', (t) => {
	t.is(service('type: NodePort', 'ports: [{port: 80}]').spec.externalTrafficPolicy, 'Cluster');
	t.is(service('type: LoadBalancer', 'ports: [{port: 80}]').spec.externalTrafficPolicy, 'Cluster');
	t.is(service('type: NodePort', 'externalTrafficPolicy: Local', 'ports: [{port: 80}]').spec.externalTrafficPolicy, 'Local');
});

test('a ClusterIP Service with externalIPs is externally accessible too', (t) => {
	t.is(service('externalIPs: [192.0.2.10]', 'ports: [{port: 80}]').spec.externalTrafficPolicy, 'Cluster');
	t.is(service('ports: [{port: 80}]').spec.externalTrafficPolicy, undefined);
});

test('ClientIP affinity defaults its timeout to 10800 seconds; None drops any config', (t) => {
	t.deepEqual(service('sessionAffinity: ClientIP', 'ports: [{port: 80}]').spec.sessionAffinityConfig, {clientIP: {timeoutSeconds: 10800}});
	t.deepEqual(
		service('sessionAffinity: ClientIP', 'sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}', 'ports: [{port: 80}]').spec.sessionAffinityConfig,
		{clientIP: {timeoutSeconds: 60}},
	);
	t.is(service('sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}', 'ports: [{port: 80}]').spec.sessionAffinityConfig, undefined);
});

test('ExternalName Services get no internalTrafficPolicy and need no ports', (t) => {
	const svc = service('type: ExternalName', 'externalName: db.example.com.');
	t.is(svc.spec.internalTrafficPolicy, undefined);
	t.deepEqual(svc.spec.ports, []);
});

test('a headless Service may have no ports', (t) => {
	const svc = service('clusterIP: None', 'selector: {app: db}');
	t.is(svc.spec.clusterIP, 'None');
	t.deepEqual(svc.spec.ports, []);
});

test('Pods: namespace default, container port protocol TCP', (t) => {
	const [pod] = load(yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}'))
		.objects as Pod[];
	t.is(pod?.metadata.namespace, 'default');
	t.deepEqual(pod?.spec.containers[0]?.ports, [{containerPort: 8080, protocol: 'TCP'}]);
	t.deepEqual(pod?.status, {});
});

test('EndpointSlices: port name "" and protocol TCP; missing conditions read as ready and serving', (t) => {
	const [slice] = load(
		yaml(
			'apiVersion: discovery.k8s.io/v1',
			'kind: EndpointSlice',
			'metadata: {name: web-abc, labels: {kubernetes.io/service-name: web}}',
			'addressType: IPv4',
			'endpoints:',
			'- addresses: [10.244.1.5]',
			'- addresses: [10.244.2.7]',
			'  conditions: {ready: false, terminating: true}',
			'ports: [{port: 8080}]',
		),
	).objects as EndpointSlice[];
	t.is(slice?.metadata.namespace, 'default');
	t.deepEqual(
		slice?.endpoints.map((endpoint) => endpoint.conditions),
		[
			{ready: true, serving: true, terminating: false},
			{ready: false, serving: true, terminating: true},
		],
	);
	t.deepEqual(slice?.ports, [{name: '', port: 8080, protocol: 'TCP'}]);
});

test('an endpoint targetRef without namespace is in the slice namespace', (t) => {
	const [slice] = load(
		yaml(
			'apiVersion: discovery.k8s.io/v1',
			'kind: EndpointSlice',
			'metadata: {name: web-abc, namespace: shop}',
			'addressType: IPv4',
			'endpoints: [{addresses: [10.244.1.5], targetRef: {kind: Pod, name: web-1}}]',
		),
	).objects as EndpointSlice[];
	t.deepEqual(slice?.endpoints[0]?.targetRef, {kind: 'Pod', namespace: 'shop', name: 'web-1'});
});

test('KubeProxyConfiguration: masqueradeBit 14, masqueradeAll false, localhostNodePorts true', (t) => {
	const {proxyConfig} = load(yaml('apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'kind: KubeProxyConfiguration', 'mode: iptables'));
	t.deepEqual(proxyConfig, {
		apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
		kind: 'KubeProxyConfiguration',
		mode: 'iptables',
		iptables: {masqueradeBit: 14, masqueradeAll: false, localhostNodePorts: true},
	});
});

test('KubeProxyConfiguration keeps what is written', (t) => {
	const {proxyConfig} = load(
		yaml(
			'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
			'kind: KubeProxyConfiguration',
			'clusterCIDR: 10.244.0.0/16,fd00:10:244::/56',
			'detectLocalMode: NodeCIDR',
			'nodePortAddresses: [192.168.10.0/24]',
			'iptables: {masqueradeBit: 15, masqueradeAll: true, localhostNodePorts: false, syncPeriod: 30s}',
		),
	);
	t.deepEqual(proxyConfig, {
		apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
		kind: 'KubeProxyConfiguration',
		clusterCIDR: '10.244.0.0/16,fd00:10:244::/56',
		detectLocalMode: 'NodeCIDR',
		nodePortAddresses: ['192.168.10.0/24'],
		iptables: {masqueradeBit: 15, masqueradeAll: true, localhostNodePorts: false},
	});
});
