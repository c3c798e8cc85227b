// What kube-proxy keeps of each Service port (pkg/proxy/serviceport.go): one entry per port of
// every Service that has a cluster IP of the proxier's family.
import {DEFAULT_NAMESPACE, type Service, type ServicePort} from '../api/types.js';
import {servicePortChain} from './iptables/chain-names.js';
import {sloppyCIDR, sloppyIP} from './sloppy-ip.js';
import {protoOf, type Proto} from '../netfilter/types.js';

export type IPFamily = 'IPv4' | 'IPv6';

export interface ServicePortInfo {
	namespace: string;
	name: string;
	portName: string;
	/** `ns/name` or `ns/name:portName`: the service-port name used in comments and hashes. */
	nameString: string;
	protocol: Proto;
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
	readonly clusterPolicyChain: string;
	readonly localPolicyChain: string;
	readonly externalChain: string;
	readonly firewallChain: string;
}

export const DEFAULT_STICKY_SECONDS = 10800;

type PortFacts = Omit<ServicePortInfo, 'clusterPolicyChain' | 'localPolicyChain' | 'externalChain' | 'firewallChain'>;

/**
 * A ServicePortInfo whose chain names are made when first asked for: each is a SHA-256, and most
 * Services use one or two of the four (10,000 Services would otherwise hash 40,000 names for
 * nothing). A class, so every entry has one shape and the getters stay fast.
 */
class ServicePortEntry implements ServicePortInfo {
	readonly namespace: string;
	readonly name: string;
	readonly portName: string;
	readonly nameString: string;
	readonly protocol: Proto;
	readonly clusterIP: string;
	readonly port: number;
	readonly nodePort: number;
	readonly targetPort: number | string;
	readonly externalIPs: string[];
	readonly loadBalancerVIPs: string[];
	readonly loadBalancerSourceRanges: string[];
	readonly healthCheckNodePort: number;
	readonly sessionAffinityClientIP: boolean;
	readonly stickyMaxAgeSeconds: number;
	readonly internalPolicyLocal: boolean;
	readonly externalPolicyLocal: boolean;
	readonly externallyAccessible: boolean;
	#svc: string | undefined = undefined;
	#svl: string | undefined = undefined;
	#ext: string | undefined = undefined;
	#fw: string | undefined = undefined;

	constructor(facts: PortFacts) {
		this.namespace = facts.namespace;
		this.name = facts.name;
		this.portName = facts.portName;
		this.nameString = facts.nameString;
		this.protocol = facts.protocol;
		this.clusterIP = facts.clusterIP;
		this.port = facts.port;
		this.nodePort = facts.nodePort;
		this.targetPort = facts.targetPort;
		this.externalIPs = facts.externalIPs;
		this.loadBalancerVIPs = facts.loadBalancerVIPs;
		this.loadBalancerSourceRanges = facts.loadBalancerSourceRanges;
		this.healthCheckNodePort = facts.healthCheckNodePort;
		this.sessionAffinityClientIP = facts.sessionAffinityClientIP;
		this.stickyMaxAgeSeconds = facts.stickyMaxAgeSeconds;
		this.internalPolicyLocal = facts.internalPolicyLocal;
		this.externalPolicyLocal = facts.externalPolicyLocal;
		this.externallyAccessible = facts.externallyAccessible;
	}

	get clusterPolicyChain(): string {
		return (this.#svc ??= servicePortChain('KUBE-SVC-', this.nameString, this.protocol));
	}

	get localPolicyChain(): string {
		return (this.#svl ??= servicePortChain('KUBE-SVL-', this.nameString, this.protocol));
	}

	get externalChain(): string {
		return (this.#ext ??= servicePortChain('KUBE-EXT-', this.nameString, this.protocol));
	}

	get firewallChain(): string {
		return (this.#fw ??= servicePortChain('KUBE-FW-', this.nameString, this.protocol));
	}
}

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
	const ns = service.metadata.namespace ?? DEFAULT_NAMESPACE;
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
			? // serviceport.go keeps VIP-mode ingress IPs only (proxyutil.IsVIPMode): an ipMode Proxy load
				// balancer delivers to the nodes itself, so its IP gets no rules.
				canonical((service.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip && i.ipMode !== 'Proxy' ? [i.ip] : [])), sloppyIP)
			: [];
	// Validation lets whitespace padding through; kube-proxy trims it.
	const loadBalancerSourceRanges =
		type === 'LoadBalancer' ? canonical((spec.loadBalancerSourceRanges ?? []).map((r) => r.trim()), sloppyCIDR) : [];
	return spec.ports.map((port) => {
		const nameString = servicePortName(service, port);
		const protocol = protoOf(port.protocol);
		// kube-proxy takes the port's nodePort whatever the type (the API server clears it on
		// ClusterIP Services); upstream tests give ClusterIP Services one (TestNoEndpointsMetric).
		const nodePort = port.nodePort ?? 0;
		const externallyAccessible = nodePort !== 0 || externalIPs.length > 0 || loadBalancerVIPs.length > 0;
		return new ServicePortEntry({
			namespace: service.metadata.namespace ?? DEFAULT_NAMESPACE,
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
		});
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
