// Objects the API server would store but the cluster behind them cannot use as written: a pod CIDR
// host-local refuses, a pod network smaller than one node's share, a Pod address of a family not
// modelled yet. Each is said in one line at the field, with the real component's words.
import test from 'ava';
import {errorOf, load, yaml} from './load-helper.js';

const node = (cidrField: string[]): string =>
	yaml('apiVersion: v1', 'kind: Node', 'metadata:', '  name: node01', 'spec:', ...cidrField, 'status:', '  addresses: [{type: InternalIP, address: 192.168.56.11}]');

for (const prefix of [31, 32]) {
	test(`a /${prefix} pod CIDR is refused with host-local's words, at the field`, (t) => {
		const body = `10.244.1.0/${prefix} leaves no address for Pods: flannel's host-local IPAM refuses it ("Network 10.244.1.0/${prefix} too small to allocate from"); a node's pod CIDR needs at least a /30, kubeadm gives each node a /24`;
		t.is(errorOf(node([`  podCIDR: 10.244.1.0/${prefix}`])), `cluster.yaml:6:12: Node node01: spec.podCIDR: ${body}`);
		t.is(errorOf(node(['  podCIDRs:', `    - 10.244.1.0/${prefix}`])), `cluster.yaml:7:7: Node node01: spec.podCIDRs[0]: ${body}`);
	});
}

test('a /30 pod CIDR (two Pods) and an IPv6 /64 load', (t) => {
	t.is(load(node(['  podCIDR: 10.244.1.0/30'])).objects.length, 1);
	t.is(load(node(['  podCIDRs: [10.244.1.0/24, "fd00:1::/64"]'])).objects.length, 1);
	t.is(
		errorOf(node(['  podCIDRs: [10.244.1.0/24, "fd00:1::/127"]'])),
		'cluster.yaml:6:29: Node node01: spec.podCIDRs[1]: fd00:1::/127 leaves no address for Pods: flannel\'s host-local IPAM refuses it ("Network fd00:1::/127 too small to allocate from"); a node\'s pod CIDR needs at least a /126, kubeadm gives each node a /64',
	);
});

test("a KubeProxyConfiguration clusterCIDR narrower than a node's /24 is refused in kubeadm's words", (t) => {
	const config = (cidr: string): string => yaml('apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'kind: KubeProxyConfiguration', `clusterCIDR: ${cidr}`);
	t.is(
		errorOf(config('10.244.0.0/28')),
		'cluster.yaml:3:14: KubeProxyConfiguration: clusterCIDR: Invalid value: "10.244.0.0/28": the size of pod subnet with mask 28 is smaller than the size of node subnet with mask 24 (kubeadm\'s check of the podSubnet it writes here; kube-controller-manager refuses it as --cluster-cidr)',
	);
	t.regex(errorOf(config('10.244.0.0/16,fd00::/96')), /^cluster\.yaml:3:14: KubeProxyConfiguration: clusterCIDR: Invalid value: "fd00::\/96": the size of pod subnet with mask 96 is smaller than the size of node subnet with mask 64 /);
	t.is(load(config('10.244.0.0/24')).proxyConfig?.clusterCIDR, '10.244.0.0/24');
});

test('a Pod with only an IPv6 address loads with a warning that says it is no endpoint', (t) => {
	const pod = (status: string[]): string => yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: db}', 'spec: {containers: [{name: c, image: mysql}]}', 'status:', ...status);
	const loaded = load(pod(['  podIP: fd00::2']));
	t.deepEqual(loaded.warnings, [
		"cluster.yaml:6:10: Pod default/db: status.podIP: fd00::2 is IPv6, which svc-tutor does not model yet: the Pod is no endpoint of any Service (the cluster is IPv4 single-stack, and the EndpointSlice controller puts only a Pod's IPv4 address in an IPv4 slice)",
	]);
	// Dual-stack: the IPv4 address serves; nothing to say.
	t.deepEqual(load(pod(['  podIP: 10.244.1.2', '  podIPs: [{ip: 10.244.1.2}, {ip: "fd00::2"}]'])).warnings, []);
});

test('an API error about spec.clusterIPs[0] or status.podIPs[0] points at the singular field when only that was written', (t) => {
	const loaded = load(yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: v6}', 'spec:', '  clusterIP: fd00::10', '  ports: [{port: 80}]'));
	const service = loaded.objects[0]!;
	t.is(loaded.fieldError(service, 'spec.clusterIPs[0]', 'Invalid value: []string{"fd00::10"}: IPv6 is not configured on this cluster').message, 'cluster.yaml:5:14: Service default/v6: spec.clusterIPs[0]: Invalid value: []string{"fd00::10"}: IPv6 is not configured on this cluster');
	// Written as a list, the list item is the place.
	const both = load(yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: v6}', 'spec:', '  clusterIP: 10.96.0.20', '  clusterIPs: [10.96.0.20]', '  ports: [{port: 80}]'));
	t.deepEqual(both.locate(both.objects[0]!, 'spec.clusterIPs[0]'), {file: 'cluster.yaml', line: 6, column: 16});
	const pod = load(yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: db}', 'spec: {containers: [{name: c, image: mysql}]}', 'status:', '  podIP: 10.244.1.2'));
	t.deepEqual(pod.locate(pod.objects[0]!, ['status', 'podIPs', 0, 'ip']), {file: 'cluster.yaml', line: 6, column: 10});
});

test('an EndpointSlice of another address type loads with a warning that kube-proxy ignores it', (t) => {
	const slice = (type: string, address: string): string =>
		yaml('apiVersion: discovery.k8s.io/v1', 'kind: EndpointSlice', 'metadata: {name: web-v6, labels: {kubernetes.io/service-name: web}}', `addressType: ${type}`, `endpoints: [{addresses: ["${address}"]}]`);
	t.deepEqual(load(slice('IPv6', 'fd00::2')).warnings, [
		"cluster.yaml:4:14: EndpointSlice default/web-v6: addressType: IPv6: svc-tutor models IPv4 only yet, and kube-proxy's IPv4 rules ignore this slice",
	]);
	t.deepEqual(load(slice('IPv4', '10.244.1.2')).warnings, []);
});
