// Shapes of kube-proxy's output that its own unit tests do not isolate, pinned down one by one:
// probabilities, endpoint order, chain names and comments of named and unnamed ports, the
// "Adding new service port" log lines, and the settings kube-proxy derives at startup.
import test from 'ava';
import type {KubeProxyConfiguration, Node} from '../../../src/sim/api/types.js';
import {SimClock} from '../../../src/sim/clock.js';
import {KubeProxy, proxierConfigFor} from '../../../src/sim/kube-proxy/kube-proxy.js';
import {probability, syncProxyRules} from '../../../src/sim/kube-proxy/iptables/proxier.js';
import {chainRules} from '../../support/kube-proxy-sort.js';
import {fakeProxierConfig, port, service, slice, TEST_NODE_NAME} from './upstream-fake.js';

const p80 = [{name: 'p80', port: 80}];

function restoreFor(endpoints: string[], portName = 'p80'): string {
	const svc = service('ns1', 'svc1', {clusterIP: '172.30.0.41', ports: [port(portName, 80)]});
	return syncProxyRules(fakeProxierConfig(), [svc], [slice('ns1', 'svc1', endpoints.map((ip) => ({ip})), [{name: portName, port: 80}])]).restore;
}

/** The `--probability` values of KUBE-SVC-XPGD46QRK7WJZT7O's jumps, '' for the last, unconditional one. */
function probabilities(restore: string): string[] {
	return chainRules(restore, 'nat', 'KUBE-SVC-XPGD46QRK7WJZT7O')
		.split('\n')
		.filter((rule) => rule.includes('-j KUBE-SEP-'))
		.map((rule) => /--probability (\S+)/.exec(rule)?.[1] ?? '');
}

test('probability(n) is %0.10f of 1/n (upstream TestComputeProbability)', (t) => {
	const expected: Record<number, string> = {
		1: '1.0000000000',
		2: '0.5000000000',
		10: '0.1000000000',
		100: '0.0100000000',
		1000: '0.0010000000',
		10000: '0.0001000000',
		100000: '0.0000100000',
		100001: '0.0000099999',
	};
	for (const [n, p] of Object.entries(expected)) t.is(probability(Number(n)), p);
	let previous = 0;
	for (let n = 100000; n > 1; n--) {
		const current = Number(probability(n));
		if (current <= previous) t.fail(`probability(${n}) = ${current} is not above probability(${n + 1})`);
		previous = current;
	}
});

for (const [n, expected] of [
	[1, ['']],
	[2, ['0.5000000000', '']],
	[3, ['0.3333333333', '0.5000000000', '']],
	[4, ['0.2500000000', '0.3333333333', '0.5000000000', '']],
	[5, ['0.2000000000', '0.2500000000', '0.3333333333', '0.5000000000', '']],
] as const) {
	test(`${n} endpoint${n > 1 ? 's' : ''}: each jump takes 1/(the endpoints left), the last none`, (t) => {
		const ips = Array.from({length: n}, (_, i) => `10.180.0.${i + 1}`);
		t.deepEqual(probabilities(restoreFor(ips)), [...expected]);
	});
}

test('endpoints are ordered as ip:port strings: 10.0.1.10 before 10.0.1.2, even before 10.0.1.1', (t) => {
	const restore = restoreFor(['10.0.1.2', '10.0.1.10', '10.0.1.1']);
	const order = chainRules(restore, 'nat', 'KUBE-SVC-XPGD46QRK7WJZT7O')
		.split('\n')
		.flatMap((rule) => /"ns1\/svc1:p80 -> (\S+)"/.exec(rule)?.[1] ?? []);
	// Byte order of the whole `ip:port`: '0' (0x30) sorts before ':' (0x3a).
	t.deepEqual(order, ['10.0.1.10:80', '10.0.1.1:80', '10.0.1.2:80']);
	// Upstream TestUpdateEndpointsMap ("complex add and remove") expects the same order for
	// 10.1.1.11:11 and 10.1.1.1:11: '1' (0x31) before ':'.
	const svc = service('ns1', 'ep1', {clusterIP: '172.30.0.9', ports: [port('p11', 11, {protocol: 'UDP'})]});
	const eps = slice('ns1', 'ep1', [{ip: '10.1.1.1'}, {ip: '10.1.1.11'}], [{name: 'p11', port: 11, protocol: 'UDP'}]);
	const udp = syncProxyRules(fakeProxierConfig(), [svc], [eps]).restore;
	t.deepEqual(
		udp.split('\n').flatMap((rule) => (rule.includes('-j KUBE-SEP-') && rule.startsWith('-A KUBE-SVC-') ? (/-> (\S+)"/.exec(rule)?.[1] ?? []) : [])),
		['10.1.1.11:11', '10.1.1.1:11'],
	);
});

test('a named port hashes and comments as ns/name:port, an unnamed one as ns/name with no colon', (t) => {
	const named = restoreFor(['10.180.0.1'], 'p80');
	t.true(named.includes('-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O\n'));
	t.true(named.includes('-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ\n'));
	t.true(named.includes('-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80\n'));

	const unnamed = restoreFor(['10.0.1.1'], '');
	t.true(unnamed.includes('-A KUBE-SERVICES -m comment --comment "ns1/svc1 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-AQI2S6QIMU7PVVRP\n'));
	t.true(unnamed.includes('-A KUBE-SVC-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 -> 10.0.1.1:80" -j KUBE-SEP-3JOIVZTXZZRGORX4\n'));
	t.true(unnamed.includes('-A KUBE-SEP-3JOIVZTXZZRGORX4 -m comment --comment ns1/svc1 -s 10.0.1.1 -j KUBE-MARK-MASQ\n'));
	t.false(unnamed.includes('ns1/svc1:'));
});

test('IPv6 endpoints are [ip]:port in comments, DNAT and hashes', (t) => {
	const svc = service('ns1', 'svc1', {clusterIP: 'fd00:172:30::41', ports: [port('p80', 80)]});
	const {restore} = syncProxyRules(fakeProxierConfig('IPv6'), [svc], [slice('ns1', 'svc1', [{ip: 'ff06::c1'}], p80, {addressType: 'IPv6'})]);
	t.true(restore.includes('-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> [ff06::c1]:80" -j KUBE-SEP-LIGRYQQLSZN4UWQ5\n'));
	t.true(restore.includes('-A KUBE-SEP-LIGRYQQLSZN4UWQ5 -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination [ff06::c1]:80\n'));
	t.true(restore.includes('! -s fd00:10::/64 -j KUBE-MARK-MASQ\n'));
	t.true(restore.includes('-m addrtype --dst-type LOCAL ! -d ::1/128 -j KUBE-NODEPORTS\n'));
});

test('an endpoint with ready false and serving unset still serves once terminating (nil serving reads as true)', (t) => {
	const svc = service('ns1', 'svc1', {clusterIP: '172.30.0.41', ports: [port('p80', 80)]});
	const eps = slice('ns1', 'svc1', [{ip: '10.180.0.1', ready: false, terminating: true}], p80);
	const {restore} = syncProxyRules(fakeProxierConfig(), [svc], [eps]);
	t.true(restore.includes('-j DNAT --to-destination 10.180.0.1:80\n'));
	t.false(restore.includes('has no endpoints'));
});

test('an endpoint in two slices counts once, and as local if either copy is', (t) => {
	const svc = service('ns1', 'svc1', {clusterIP: '172.30.0.41', internalTrafficPolicy: 'Local', ports: [port('p80', 80)]});
	const slices = [
		slice('ns1', 'svc1', [{ip: '10.180.0.1'}], p80, {sliceNumber: 1}),
		slice('ns1', 'svc1', [{ip: '10.180.0.1', nodeName: TEST_NODE_NAME}], p80, {sliceNumber: 2}),
	];
	const {restore, endpointCount} = syncProxyRules(fakeProxierConfig(), [svc], slices);
	t.is(endpointCount, 1);
	t.true(restore.includes('-A KUBE-SVL-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ\n'));
});

test('loadBalancerSourceRanges are written with host bits cleared, as Go prints a parsed CIDR', (t) => {
	const svc = service(
		'ns1',
		'svc1',
		{type: 'LoadBalancer', clusterIP: '172.30.0.41', ports: [port('p80', 80, {nodePort: 3001})], loadBalancerSourceRanges: ['203.0.113.7/25', 'bogus', '2001:db8::/64']},
		['1.2.3.4'],
	);
	const {restore} = syncProxyRules(fakeProxierConfig(), [svc], [slice('ns1', 'svc1', [{ip: '10.180.0.1'}], p80)]);
	t.is(
		chainRules(restore, 'nat', 'KUBE-FW-XPGD46QRK7WJZT7O'),
		[
			'-A KUBE-FW-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 loadbalancer IP" -s 203.0.113.0/25 -j KUBE-EXT-XPGD46QRK7WJZT7O',
			'-A KUBE-FW-XPGD46QRK7WJZT7O -m comment --comment "other traffic to ns1/svc1:p80 will be dropped by KUBE-PROXY-FIREWALL"',
			'',
		].join('\n'),
	);
});

const node: Node = {
	apiVersion: 'v1',
	kind: 'Node',
	metadata: {name: 'node01'},
	spec: {podCIDR: '10.244.1.0/24'},
	status: {addresses: [{type: 'InternalIP', address: '192.168.56.11'}, {type: 'InternalIP', address: 'fd00:56::11'}]},
};
const kubeProxyConfig = (nodePortAddresses?: string[], localhostNodePorts?: boolean): KubeProxyConfiguration => ({
	apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
	kind: 'KubeProxyConfiguration',
	clusterCIDR: '10.244.0.0/16',
	...(nodePortAddresses ? {nodePortAddresses} : {}),
	...(localhostNodePorts !== undefined ? {iptables: {localhostNodePorts}} : {}),
});

for (const [label, npa, family, expected] of [
	['no nodePortAddresses', undefined, 'IPv4', true],
	['nodePortAddresses 0.0.0.0/0', ['0.0.0.0/0'], 'IPv4', true],
	['nodePortAddresses 127.0.0.1/32 and the node network', ['127.0.0.1/32', '192.168.56.0/24'], 'IPv4', true],
	['nodePortAddresses only the node network', ['192.168.56.0/24'], 'IPv4', false],
	['nodePortAddresses primary', ['primary'], 'IPv4', false],
	['nodePortAddresses only an IPv6 block (none of the IPv4 family: all addresses)', ['fd00::/8'], 'IPv4', true],
	['the IPv6 proxier', undefined, 'IPv6', false],
] as const) {
	test(`startup turns localhostNodePorts ${expected ? 'on' : 'off'}: ${label}`, (t) => {
		const config = proxierConfigFor(node, kubeProxyConfig(npa ? [...npa] : undefined), family);
		t.is(config.localhostNodePorts, expected);
		const {restore} = syncProxyRules(config, [], []);
		t.is(restore.includes(':KUBE-FIREWALL - [0:0]'), expected);
	});
}

test('localhostNodePorts: false in the configuration wins, and the nodeports jump skips 127.0.0.0/8', (t) => {
	const config = proxierConfigFor(node, kubeProxyConfig(undefined, false), 'IPv4');
	t.false(config.localhostNodePorts);
	t.true(syncProxyRules(config, [], []).restore.includes('-m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -j KUBE-NODEPORTS\n'));
});

test('a nodePort on a Service of type ClusterIP is honoured, as kube-proxy reads ports whatever the type', (t) => {
	const svc = service('ns1', 'svc1', {clusterIP: '172.30.0.41', ports: [port('p80', 80, {nodePort: 31201})]});
	const {restore} = syncProxyRules(fakeProxierConfig(), [svc], [slice('ns1', 'svc1', [{ip: '10.0.0.2'}], p80)]);
	t.true(restore.includes('-A KUBE-NODEPORTS -m comment --comment ns1/svc1:p80 -m tcp -p tcp --dport 31201 -j KUBE-EXT-XPGD46QRK7WJZT7O\n'));
});

function kubeProxyLogs(services: Parameters<KubeProxy['onServiceChange']>[1][], config?: KubeProxyConfiguration) {
	const proxy = new KubeProxy({node, config, clock: new SimClock()}, {services: () => [], endpointSlices: () => []});
	for (const svc of services) if (svc) proxy.onServiceChange(`${svc.metadata.namespace}/${svc.metadata.name}`, svc);
	return proxy;
}

test('"Adding new service port": current structured form and the v1.11 form, named and unnamed ports', (t) => {
	const named = service('default', 'kubernetes', {clusterIP: '10.96.0.1', ports: [port('https', 443)]});
	const unnamed = service('default', 'db-service', {clusterIP: '10.103.132.104', ports: [port('', 3306)]});
	const dns = service('kube-system', 'kube-dns', {clusterIP: '10.96.0.10', ports: [port('dns', 53, {protocol: 'UDP'})]});
	const proxy = kubeProxyLogs([named, unnamed, dns]);
	t.deepEqual(proxy.logLines(), [
		'I0112 09:30:00.000000       1 server_linux.go:169] "Using iptables Proxier"',
		'I0112 09:30:00.000173       1 proxier.go:255] "Setting route_localnet=1 to allow node-ports on localhost; to change this either disable iptables.localhostNodePorts (--iptables-localhost-nodeports) or set nodePortAddresses (--nodeport-addresses) to filter loopback addresses"',
		'I0112 09:30:00.000346       1 servicechangetracker.go:202] "Adding new service port" portName="default/kubernetes:https" servicePort="10.96.0.1:443/TCP"',
		'I0112 09:30:00.000519       1 servicechangetracker.go:202] "Adding new service port" portName="default/db-service" servicePort="10.103.132.104:3306/TCP"',
		'I0112 09:30:00.000692       1 servicechangetracker.go:202] "Adding new service port" portName="kube-system/kube-dns:dns" servicePort="10.96.0.10:53/UDP"',
	]);
	t.deepEqual(proxy.logLines('v1.11'), [
		'I0112 09:30:00.000000       1 server_others.go:140] Using iptables Proxier.',
		'I0112 09:30:00.000346       1 service.go:309] Adding new service port "default/kubernetes:https" at 10.96.0.1:443/TCP',
		'I0112 09:30:00.000519       1 service.go:309] Adding new service port "default/db-service:" at 10.103.132.104:3306/TCP',
		'I0112 09:30:00.000692       1 service.go:309] Adding new service port "kube-system/kube-dns:dns" at 10.96.0.10:53/UDP',
	]);
});

test('updated and removed service ports, in the current form and the v1.11 form', (t) => {
	const before = service('default', 'web', {clusterIP: '10.96.7.7', ports: [port('http', 80), port('', 81)]});
	const after = service('default', 'web', {clusterIP: '10.96.7.7', ports: [port('http', 8080)]});
	const proxy = kubeProxyLogs([before], kubeProxyConfig(['192.168.56.0/24']));
	proxy.onServiceChange('default/web', after);
	proxy.onServiceChange('default/web', undefined);
	t.deepEqual(proxy.logLines().slice(3), [
		'I0112 09:30:00.000519       1 servicechangetracker.go:204] "Updating existing service port" portName="default/web:http" servicePort="10.96.7.7:8080/TCP"',
		'I0112 09:30:00.000692       1 servicechangetracker.go:225] "Removing service port" portName="default/web"',
		'I0112 09:30:00.000865       1 servicechangetracker.go:225] "Removing service port" portName="default/web:http"',
	]);
	t.deepEqual(proxy.logLines('v1.11').slice(3), [
		'I0112 09:30:00.000519       1 service.go:311] Updating existing service port "default/web:http" at 10.96.7.7:8080/TCP',
		'I0112 09:30:00.000692       1 service.go:334] Removing service port "default/web:"',
		'I0112 09:30:00.000865       1 service.go:334] Removing service port "default/web:http"',
	]);
});

test('no route_localnet line when nodePortAddresses leaves out loopback', (t) => {
	const proxy = kubeProxyLogs([], kubeProxyConfig(['192.168.56.0/24']));
	t.deepEqual(proxy.logLines(), ['I0112 09:30:00.000000       1 server_linux.go:169] "Using iptables Proxier"']);
});

test('UDP and SCTP ports match with -m udp -p udp / -m sctp -p sctp and hash with their protocol', (t) => {
	const svc = service('kube-system', 'kube-dns', {
		clusterIP: '10.96.0.10',
		ports: [port('dns', 53, {protocol: 'UDP'}), port('dns-tcp', 53), port('sig', 9899, {protocol: 'SCTP'})],
	});
	const eps = slice('kube-system', 'kube-dns', [{ip: '10.244.0.2'}], [
		{name: 'dns', port: 53, protocol: 'UDP'},
		{name: 'dns-tcp', port: 53},
		{name: 'sig', port: 9899, protocol: 'SCTP'},
	]);
	const {restore} = syncProxyRules(fakeProxierConfig(), [svc], [eps]);
	t.true(restore.includes('-A KUBE-SERVICES -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp -p udp -d 10.96.0.10 --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU\n'));
	t.true(restore.includes('-A KUBE-SERVICES -m comment --comment "kube-system/kube-dns:dns-tcp cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 53 -j KUBE-SVC-ERIFXISQEP7F7OF4\n'));
	t.regex(restore, /-A KUBE-SERVICES -m comment --comment "kube-system\/kube-dns:sig cluster IP" -m sctp -p sctp -d 10\.96\.0\.10 --dport 9899 -j KUBE-SVC-\w{16}\n/);
	t.regex(restore, /-m sctp -p sctp -j DNAT --to-destination 10\.244\.0\.2:9899\n/);
});
