// What a real cluster's dump holds beside the four kinds (loaded with otherKinds: skip, as `rules -f`
// and `trace -f` load): skipped kinds counted, typed lists of any kind, Endpoints and ServiceCIDRs
// read, the kube-proxy ConfigMap's config.conf read as the KubeProxyConfiguration, and the new
// Service and KubeProxyConfiguration fields.
import test from 'ava';
import {loadManifests, ManifestError} from '../../src/manifest/index.js';
import {errorOf, yaml} from './load-helper.js';

const dump = (text: string) => loadManifests([{name: 'dump.yaml', text}], {otherKinds: 'skip'});

function dumpError(text: string): string {
	try {
		dump(text);
	} catch (error) {
		if (error instanceof ManifestError) return error.message;
		throw error;
	}
	throw new Error('expected a ManifestError');
}

test('other kinds are counted, typed lists of any kind are read item by item', (t) => {
	const loaded = dump(
		yaml(
			'apiVersion: apps/v1',
			'kind: DaemonSetList',
			'items: [{metadata: {name: a}}, {metadata: {name: b}}]',
			'---',
			'apiVersion: v1',
			'kind: EndpointsList',
			'items: [{metadata: {name: web, namespace: shop}, subsets: [{addresses: [{ip: 10.0.0.5}], ports: [{port: 80}]}]}]',
			'---',
			'apiVersion: example.com/v1',
			'kind: Widget',
			'metadata: {name: w}',
			'---',
			'apiVersion: discovery.k8s.io/v1',
			'kind: EndpointSliceList',
			'items: []',
		),
	);
	t.deepEqual([...loaded.skipped], [['DaemonSet', 2], ['Widget', 1]]);
	t.deepEqual(loaded.endpoints, [{metadata: {name: 'web', namespace: 'shop'}, subsets: [{addresses: [{ip: '10.0.0.5'}], notReadyAddresses: [], ports: [{port: 80, protocol: 'TCP'}]}]}]);
});

test('lessons and kubectl apply still refuse a kind svc-tutor does not read', (t) => {
	t.regex(errorOf(yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}')), /unsupported kind "Deployment"/);
});

test('the kube-proxy ConfigMap: config.conf is the KubeProxyConfiguration, its errors placed inside it', (t) => {
	const configMap = (conf: string[]) =>
		yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: kube-proxy, namespace: kube-system}', 'data:', '  config.conf: |', ...conf.map((l) => `    ${l}`));
	const loaded = dump(configMap(['apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'kind: KubeProxyConfiguration', 'clusterCIDR: 10.244.0.0/16', 'mode: iptables']));
	t.is(loaded.proxyConfig?.clusterCIDR, '10.244.0.0/16');
	t.deepEqual([...loaded.skipped], []);
	t.is(
		dumpError(configMap(['apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'kind: KubeProxyConfiguration', 'detectLocalMode: InterfaceNamePrefix'])),
		'dump.yaml (ConfigMap kube-system/kube-proxy, config.conf):1:1: KubeProxyConfiguration: detectLocal.interfaceNamePrefix: Invalid value: "": must not be empty',
	);
	// Another ConfigMap is skipped like any other object.
	t.deepEqual([...dump(yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: coredns, namespace: kube-system}', 'data: {Corefile: x}')).skipped], [['ConfigMap', 1]]);
});

test('detectLocal: the interface a mode names is read; ipMode and allocateLoadBalancerNodePorts are checked', (t) => {
	const loaded = dump(yaml('apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'kind: KubeProxyConfiguration', 'detectLocalMode: BridgeInterface', 'detectLocal: {bridgeInterface: cni0}'));
	t.deepEqual(loaded.proxyConfig?.detectLocal, {bridgeInterface: 'cni0'});
	t.is(
		errorOf(yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec: {ports: [{port: 80}], allocateLoadBalancerNodePorts: false}')),
		"cluster.yaml:4:60: Service default/web: spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'",
	);
	t.is(
		errorOf(yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec: {type: LoadBalancer, ports: [{port: 80}]}', 'status: {loadBalancer: {ingress: [{ip: 1.2.3.4, ipMode: Tunnel}]}}')),
		'cluster.yaml:5:57: Service default/web: status.loadBalancer.ingress[0].ipMode: Unsupported value: "Tunnel": supported values: "VIP", "Proxy"',
	);
	const lb = dump(yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec: {type: LoadBalancer, ports: [{port: 80}]}')).objects[0];
	t.is(lb?.kind === 'Service' ? lb.spec.allocateLoadBalancerNodePorts : undefined, true, 'defaulted to true, as SetDefaults_Service does');
});
