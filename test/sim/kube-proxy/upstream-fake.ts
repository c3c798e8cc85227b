// kube-proxy's unit-test world (pkg/proxy/iptables/proxier_test.go, NewFakeProxier and its helpers),
// re-expressed as svc-tutor's API objects and ProxierConfig, so upstream test cases can be replayed
// against syncProxyRules:
//
//   node "test-node"; interfaces lo (127.0.0.1, ::1) and eth0 (192.168.0.2, 192.168.1.2,
//   192.168.99.11, 2001:db8::1, 2001:db8:1::2); node IP 192.168.0.2; pod CIDR 10.0.0.0/8
//   (fd00:10::/64 for IPv6) as a ClusterCIDR local detector; localhostNodePorts on;
//   nodePortAddresses unset; both nfacct counters present; conntrack not liberal.
//
// Two differences from a real node are settings, not expectations: the fake iptables has no
// --random-fully (randomFully: false here), and the fake's mark is the literal "0x4000" where a
// real kube-proxy writes fmt.Sprintf("%#08x") = "0x00004000" (upstreamMark() rewrites ours).
import {readFileSync} from 'node:fs';
import type {Endpoint, EndpointPort, EndpointSlice, Protocol, Service, ServicePort} from '../../../src/sim/api/types.js';
import {SERVICE_NAME_LABEL} from '../../../src/sim/api/types.js';
import {syncProxyRules, type ProxierConfig} from '../../../src/sim/kube-proxy/iptables/proxier.js';
import {localDetector} from '../../../src/sim/kube-proxy/local-detector.js';
import type {IPFamily} from '../../../src/sim/kube-proxy/service-port.js';
import {sortIPTablesRules} from '../../support/kube-proxy-sort.js';

export const TEST_NODE_NAME = 'test-node';
export const TEST_NODE_IP = '192.168.0.2';
export const TEST_NODE_IP_ALT = '192.168.1.2';
export const TEST_EXTERNAL_IP = '192.168.99.11';
export const TEST_NODE_IPV6 = '2001:db8::1';
export const TEST_NODE_IPV6_ALT = '2001:db8:1::2';
export const TEST_EXTERNAL_CLIENT = '203.0.113.2';
export const TEST_EXTERNAL_CLIENT_BLOCKED = '203.0.113.130';
export const TEST_NODE_IPS = [TEST_NODE_IP, TEST_NODE_IP_ALT, TEST_EXTERNAL_IP, TEST_NODE_IPV6, TEST_NODE_IPV6_ALT];

/** The fake proxier's settings (NewFakeProxier), for IPv4 or (NewIPv6Fake) IPv6. */
export function fakeProxierConfig(family: IPFamily = 'IPv4', overrides: Partial<ProxierConfig> = {}): ProxierConfig {
	const v6 = family === 'IPv6';
	return {
		nodeName: TEST_NODE_NAME,
		family,
		nodeInterfaceIPs: v6 ? ['::1', TEST_NODE_IPV6, TEST_NODE_IPV6_ALT] : ['127.0.0.1', TEST_NODE_IP, TEST_NODE_IP_ALT, TEST_EXTERNAL_IP],
		nodeIP: TEST_NODE_IP,
		masqueradeBit: 14,
		masqueradeAll: false,
		localhostNodePorts: true,
		nodePortAddresses: [],
		localDetector: localDetector('ClusterCIDR', v6 ? 'fd00:10::/64' : '10.0.0.0/8', undefined),
		conntrackTCPLiberal: false,
		randomFully: false,
		nfacct: true,
		...overrides,
	};
}

type ServiceSpec = Service['spec'];

/** makeTestService: a Service with only what the case sets (type unset reads as ClusterIP). */
export function service(
	namespace: string,
	name: string,
	spec: Partial<ServiceSpec> & {ports: ServicePort[]},
	ingressIPs: string[] = [],
): Service {
	return {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name, namespace},
		spec,
		...(ingressIPs.length > 0 ? {status: {loadBalancer: {ingress: ingressIPs.map((ip) => ({ip}))}}} : {}),
	};
}

export function port(name: string, portNumber: number, extra: Partial<ServicePort> = {}): ServicePort {
	return {...(name !== '' ? {name} : {}), port: portNumber, protocol: 'TCP', ...extra};
}

export interface EndpointSpec {
	ip: string;
	nodeName?: string;
	ready?: boolean;
	serving?: boolean;
	terminating?: boolean;
}

/** makeTestEndpointSlice: slice `<name>-<n>` labelled for Service `name`; unset conditions stay unset. */
export function slice(
	namespace: string,
	name: string,
	endpoints: EndpointSpec[],
	ports: {name: string; port: number; protocol?: Protocol}[],
	options: {sliceNumber?: number; addressType?: 'IPv4' | 'IPv6'} = {},
): EndpointSlice {
	const toEndpoint = (ep: EndpointSpec): Endpoint => ({
		addresses: [ep.ip],
		conditions: {
			...(ep.ready !== undefined ? {ready: ep.ready} : {}),
			...(ep.serving !== undefined ? {serving: ep.serving} : {}),
			...(ep.terminating !== undefined ? {terminating: ep.terminating} : {}),
		},
		...(ep.nodeName !== undefined ? {nodeName: ep.nodeName} : {}),
	});
	const toPort = (p: {name: string; port: number; protocol?: Protocol}): EndpointPort => ({name: p.name, port: p.port, protocol: p.protocol ?? 'TCP'});
	return {
		apiVersion: 'discovery.k8s.io/v1',
		kind: 'EndpointSlice',
		metadata: {name: `${name}-${options.sliceNumber ?? 1}`, namespace, labels: {[SERVICE_NAME_LABEL]: name}},
		addressType: options.addressType ?? 'IPv4',
		endpoints: endpoints.map(toEndpoint),
		ports: ports.map(toPort),
	};
}

/** Ours with the fake's literal mark: `0x00004000` → `0x4000` (the kernel reads both the same). */
export function upstreamMark(restore: string): string {
	return restore.replaceAll('0x00004000', '0x4000');
}

/** One full sync with the fake's settings, mark rewritten, in the upstream tests' sorted order. */
export function syncSorted(config: ProxierConfig, services: readonly Service[], slices: readonly EndpointSlice[]): string {
	return sortIPTablesRules(upstreamMark(syncProxyRules(config, services, slices).restore));
}

const FIXTURES = new URL('../../fixtures/kube-proxy/', import.meta.url);

/** A fixture's text without its `#` provenance lines, one line per line, ending in a newline. */
export function fixture(name: string): string {
	return readFileSync(new URL(name, FIXTURES), 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '' && !line.startsWith('#'))
		.map((line) => `${line}\n`)
		.join('');
}

/**
 * The cluster upstream's TestOverallIPTablesRules and TestOverallNFTablesRules both build: six
 * Services covering ClusterIP, LoadBalancer (Local and Cluster policy, source ranges, affinity),
 * NodePort, external IPs and a Service with no endpoints.
 */
export function overallCluster(): {services: Service[]; slices: EndpointSlice[]} {
	const p80 = [{name: 'p80', port: 80}];
	const services = [
		// ClusterIP
		service('ns1', 'svc1', {clusterIP: '172.30.0.41', ports: [port('p80', 80)]}),
		// LoadBalancer, Local traffic policy, an external IP too
		service(
			'ns2',
			'svc2',
			{
				type: 'LoadBalancer',
				externalTrafficPolicy: 'Local',
				clusterIP: '172.30.0.42',
				ports: [port('p80', 80, {nodePort: 3001})],
				externalIPs: ['192.168.99.22'],
				healthCheckNodePort: 30000,
			},
			['1.2.3.4'],
		),
		// NodePort
		service('ns3', 'svc3', {type: 'NodePort', clusterIP: '172.30.0.43', ports: [port('p80', 80, {nodePort: 3003})]}),
		// External IP (type NodePort but no nodePort given)
		service('ns4', 'svc4', {type: 'NodePort', clusterIP: '172.30.0.44', externalIPs: ['192.168.99.33'], ports: [port('p80', 80, {targetPort: 80})]}),
		// LoadBalancer, Cluster policy, source ranges (with stray whitespace), session affinity
		service(
			'ns5',
			'svc5',
			{
				type: 'LoadBalancer',
				externalTrafficPolicy: 'Cluster',
				clusterIP: '172.30.0.45',
				ports: [port('p80', 80, {nodePort: 3002})],
				healthCheckNodePort: 30000,
				loadBalancerSourceRanges: [' 203.0.113.0/25'],
				sessionAffinity: 'ClientIP',
				sessionAffinityConfig: {clientIP: {timeoutSeconds: 10800}},
			},
			['5.6.7.8'],
		),
		// ClusterIP with no endpoints
		service('ns6', 'svc6', {type: 'ClusterIP', clusterIP: '172.30.0.46', ports: [port('p80', 80, {targetPort: 80})]}),
	];
	const slices = [
		slice('ns1', 'svc1', [{ip: '10.180.0.1'}], p80),
		// no nodeName: not local, so the Local policy has no endpoint here
		slice('ns2', 'svc2', [{ip: '10.180.0.2'}], p80),
		slice('ns3', 'svc3', [{ip: '10.180.0.3'}], p80),
		slice('ns4', 'svc4', [{ip: '10.180.0.4'}, {ip: '10.180.0.5', nodeName: TEST_NODE_NAME}], p80),
		slice('ns5', 'svc5', [{ip: '10.180.0.3'}], p80),
	];
	return {services, slices};
}
