// What svc-tutor does not model yet (IPv6) or a cluster cannot run with is handled as the real
// components handle it, never with an exception from deep inside the engine.
import test from 'ava';
import type {Pod, Service} from '../../../src/sim/api/types.js';
import {Cluster} from '../../../src/sim/cluster/cluster.js';
import {TraceRequestError, traceConnection} from '../../../src/sim/cluster/trace-connection.js';
import {addNode} from '../../../src/sim/scenarios/kubeadm-cluster.js';

const proxyConfig = {apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', clusterCIDR: '10.244.0.0/16'} as const;

function db(name: string, podIPs: string[]): Pod {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, namespace: 'default', labels: {app: 'db'}},
		spec: {nodeName: 'node01', containers: [{name: 'mysql', image: 'mysql', ports: [{containerPort: 3306}]}]},
		status: {phase: 'Running', podIP: podIPs[0]!, podIPs: podIPs.map((ip) => ({ip})), conditions: [{type: 'Ready', status: 'True'}]},
	};
}

const service: Service = {apiVersion: 'v1', kind: 'Service', metadata: {name: 'db-service', namespace: 'default'}, spec: {selector: {app: 'db'}, ports: [{port: 3306}]}};

function cluster(): Cluster {
	const c = new Cluster({seed: 1, kubeProxyConfig: proxyConfig});
	addNode(c, 'node01', '192.168.56.11');
	return c;
}

test('a selected Pod with only an IPv6 address is no endpoint of the IPv4 slice (getEndpointAddresses)', (t) => {
	const c = cluster();
	c.create(service);
	c.create(db('v6', ['fd00::2']));
	c.create(db('dual', ['10.244.1.20', 'fd00::20']));
	const addresses = c.endpointSliceList().flatMap((slice) => slice.endpoints.flatMap((e) => e.addresses));
	// The dual-stack Pod is in by its IPv4 address; the IPv6-only one is left out.
	t.deepEqual(addresses, ['10.244.1.20']);
	const restore = c.kubeProxy('node01')!.sync().restore;
	t.false(restore.includes('fd00'));
	t.true(restore.includes('-j DNAT --to-destination 10.244.1.20:3306'));
});

test('trace refuses IPv6 addresses in one line until IPv6 is modelled', (t) => {
	const c = cluster();
	c.create(service);
	c.create(db('v6', ['fd00::2']));
	const ask = (from: string, ip: string): string => t.throws(() => traceConnection(c, {node: 'node01', from, to: {ip, port: 3306}, proto: 'tcp'}), {instanceOf: TraceRequestError})!.message;
	t.is(ask('fd00::1', '10.96.0.1'), "IPv6 is not modelled yet: the source fd00::1 is an IPv6 address, and svc-tutor's nodes hold IPv4 rules only (ip6tables comes with IPv6)");
	t.is(ask('192.168.56.1', 'fd00::10'), "IPv6 is not modelled yet: the destination fd00::10 is an IPv6 address, and svc-tutor's nodes hold IPv4 rules only (ip6tables comes with IPv6)");
	// A Pod whose address is IPv6 is an IPv6 source.
	t.is(ask('v6', '10.96.0.1'), "IPv6 is not modelled yet: the source fd00::2 is an IPv6 address, and svc-tutor's nodes hold IPv4 rules only (ip6tables comes with IPv6)");
});

test('a --cluster-cidr narrower than the node mask: node IPAM does not start, as in kube-controller-manager, and the rest runs', (t) => {
	const c = new Cluster({seed: 1, clusterCIDR: '10.244.0.0/28'});
	t.deepEqual(
		c.events.map((e) => [e.source, e.message]),
		[['kube-controller-manager', 'Controller: Invalid --cluster-cidr, mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size configured for CIDR family']],
	);
	addNode(c, 'node01', '192.168.56.11');
	t.is(c.nodes()[0]!.spec.podCIDR, undefined);
	t.truthy(c.kubeProxy('node01'));
});
