// What kube-proxy keeps of each Service port (pkg/proxy/serviceport.go): one entry per port of
// every Service that has a cluster IP of the proxier's family.
import type {Service, ServicePort} from '../api/types.js';
import {servicePortChain} from './iptables/chain-names.js';
import {sloppyCIDR, sloppyIP} from './sloppy-ip.js';

export type IPFamily = 'IPv4' | 'IPv6';

export interface ServicePortInfo {
	namespace: string;
	name: string;
	portName: string;
	/** `ns/name` or `ns/name:portName`: the service-port name used in comments and hashes. */
	nameString: string;
	protocol: 'tcp' | 'udp' | 'sctp';
	clusterIP: string;
	port: number;
	nodePort: number;
	targetPort: number | string;
	externalIPs: string[];
	loadBalancerVIPs: string[];
	loadBalancerSourceRanges: string[];
	healthCheckNodePort: number;
	sessionAffinityClientIP: boolean;
	stickyMaxAgeSeconds: number;
	internalPolicyLocal: boolean;
	/** Only true when the Service is externally accessible and its policy is Local. */
	externalPolicyLocal: boolean;
	externallyAccessible: boolean;
	clusterPolicyChain: string;
	localPolicyChain: string;
	externalChain: string;
	firewallChain: string;
}

export const DEFAULT_STICKY_SECONDS = 10800;

export function familyOf(ip: string): IPFamily {
	return ip.includes(':') ? 'IPv6' : 'IPv4';
}

/** The Service's cluster IP of the given family, or undefined (headless, ExternalName, other family). */
export function clusterIPOf(service: Service, family: IPFamily): string | undefined {
	const spec = service.spec;
	if (spec.type === 'ExternalName') return undefined;
	const ips = spec.clusterIPs && spec.clusterIPs.length > 0 ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
	if (ips.length === 0 || ips[0] === 'None' || ips[0] === '') return undefined;
	const ip = ips.find((ip) => familyOf(ip) === family);
	// Written back in canonical form, as kube-proxy's ParseIPSloppy(...).String() does.
	return ip === undefined ? undefined : (sloppyIP(ip) ?? ip);
}

export function servicePortName(service: Service, port: ServicePort): string {
	const ns = service.metadata.namespace ?? 'default';
	return port.name ? `${ns}/${service.metadata.name}:${port.name}` : `${ns}/${service.metadata.name}`;
}

/** One ServicePortInfo per port, in spec order; empty for Services kube-proxy ignores. */
export function servicePortInfos(service: Service, family: IPFamily): ServicePortInfo[] {
	const clusterIP = clusterIPOf(service, family);
	if (clusterIP === undefined) return [];
	const spec = service.spec;
	const type = spec.type ?? 'ClusterIP';
	const sameFamily = (ip: string): boolean => familyOf(ip) === family;
	// Addresses that do not parse are dropped and the rest written in canonical form, CIDRs with
	// their host bits cleared (kube-proxy's MapIPsByIPFamily / MapCIDRsByIPFamily, upstream TestBadIPs).
	const canonical = (values: readonly string[], parse: (s: string) => string | undefined): string[] =>
		values.flatMap((v) => parse(v) ?? []).filter(sameFamily);
	const externalIPs = canonical(spec.externalIPs ?? [], sloppyIP);
	const loadBalancerVIPs =
		type === 'LoadBalancer'
			? canonical((service.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : [])), sloppyIP)
			: [];
	// Validation lets whitespace padding through; kube-proxy trims it.
	const loadBalancerSourceRanges =
		type === 'LoadBalancer' ? canonical((spec.loadBalancerSourceRanges ?? []).map((r) => r.trim()), sloppyCIDR) : [];
	return spec.ports.map((port) => {
		const nameString = servicePortName(service, port);
		const protocol = (port.protocol ?? 'TCP').toLowerCase() as ServicePortInfo['protocol'];
		// kube-proxy takes the port's nodePort whatever the type (the API server clears it on
		// ClusterIP Services); upstream tests give ClusterIP Services one (TestNoEndpointsMetric).
		const nodePort = port.nodePort ?? 0;
		const externallyAccessible = nodePort !== 0 || externalIPs.length > 0 || loadBalancerVIPs.length > 0;
		return {
			namespace: service.metadata.namespace ?? 'default',
			name: service.metadata.name,
			portName: port.name ?? '',
			nameString,
			protocol,
			clusterIP,
			port: port.port,
			nodePort,
			targetPort: port.targetPort ?? port.port,
			externalIPs,
			loadBalancerVIPs,
			loadBalancerSourceRanges,
			healthCheckNodePort:
				type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' ? (spec.healthCheckNodePort ?? 0) : 0,
			sessionAffinityClientIP: spec.sessionAffinity === 'ClientIP',
			stickyMaxAgeSeconds: spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_STICKY_SECONDS,
			internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
			externalPolicyLocal: externallyAccessible && spec.externalTrafficPolicy === 'Local',
			externallyAccessible,
			clusterPolicyChain: servicePortChain('KUBE-SVC-', nameString, protocol),
			localPolicyChain: servicePortChain('KUBE-SVL-', nameString, protocol),
			externalChain: servicePortChain('KUBE-EXT-', nameString, protocol),
			firewallChain: servicePortChain('KUBE-FW-', nameString, protocol),
		};
	});
}

/** Cluster endpoints are needed unless internal traffic is Local and nothing external arrives:
 * even with externalTrafficPolicy Local, pod and node traffic to external addresses short-circuits to them. */
export function usesClusterEndpoints(info: ServicePortInfo): boolean {
	return !info.internalPolicyLocal || info.externallyAccessible;
}

export function usesLocalEndpoints(info: ServicePortInfo): boolean {
	return info.internalPolicyLocal || (info.externallyAccessible && info.externalPolicyLocal);
}
