// kube-proxy's iptables proxier, one full sync (pkg/proxy/iptables/proxier.go, syncProxyRules):
// the exact iptables-restore text a current kube-proxy (v1.31–v1.34) writes for this node, in its
// own argument order. Services are visited sorted by namespace/name (the real one uses Go map
// order, which differs from run to run), ports in spec order.
import type {EndpointSlice, Service} from '../../api/types.js';
import {endpointsFor, indexSlices, type EndpointInfo} from '../endpoints.js';
import type {LocalDetector} from '../local-detector.js';
import {servicePortInfos, usesClusterEndpoints, usesLocalEndpoints, type IPFamily, type ServicePortInfo} from '../service-port.js';
import {categorizeEndpoints} from '../topology.js';
import {cidrHolds} from './cidr-holds.js';

export interface ProxierConfig {
	nodeName: string;
	family: IPFamily;
	/** Addresses on the node's interfaces, in interface order (lo first): for nodePortAddresses. */
	nodeInterfaceIPs: string[];
	/** The node's primary IP (its first InternalIP): LoadBalancer source ranges that hold it admit the node. */
	nodeIP: string | undefined;
	masqueradeBit: number;
	masqueradeAll: boolean;
	localhostNodePorts: boolean;
	/** CIDRs, or `primary`; empty means every local address. */
	nodePortAddresses: string[];
	localDetector: LocalDetector;
	/** kube-proxy's --conntrack-tcp-be-liberal; when false it drops INVALID packets in KUBE-FORWARD. */
	conntrackTCPLiberal: boolean;
	/** Whether iptables supports MASQUERADE --random-fully (every current node: default true). kube-proxy's
	 * unit tests run a fake iptables without it, so their expected rules end in plain `-j MASQUERADE`. */
	randomFully?: boolean;
	/** Whether the nfacct counters ct_state_invalid_dropped_pkts and localhost_nps_accepted_pkts could
	 * be created (default true, as on a node with nfnetlink_acct); without them kube-proxy writes the
	 * INVALID drop without `-m nfacct` and no localhost NodePort rules (upstream TestDropInvalidRule). */
	nfacct?: boolean;
}

export interface SyncResult {
	restore: string;
	/** Total endpoints across services; above 1000 kube-proxy leaves comments off SEP rules. */
	endpointCount: number;
	largeClusterMode: boolean;
	servicePorts: ServicePortInfo[];
}

const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;

/** Go's `fmt.Sprintf("%#08x", 1<<bit)`: the digits are padded to 8. */
export function masqueradeMark(bit: number): string {
	return '0x' + (2 ** bit).toString(16).padStart(8, '0');
}

/** kube-proxy's `probability(n)`: `%0.10f` of 1/n. */
export function probability(n: number): string {
	return (1 / n).toFixed(10);
}

/** A line buffer like kube-proxy's LineBuffer: words joined by spaces, one rule per line. */
class Lines {
	readonly lines: string[] = [];
	/** Reused for every line: hundreds of thousands of rules must not leave garbage behind each word. */
	private readonly words: string[] = [];
	write(...parts: (string | string[])[]): void {
		const words = this.words;
		words.length = 0;
		for (const part of parts) {
			if (typeof part === 'string') words.push(part);
			else for (const word of part) words.push(word);
		}
		this.lines.push(words.join(' '));
	}
}

interface Buffers {
	filterChains: Lines;
	filterRules: Lines;
	natChains: Lines;
	natRules: Lines;
}

const chainLine = (chain: string): string => `:${chain} - [0:0]`;
const quoted = (s: string): string => `"${s}"`;

export function syncProxyRules(config: ProxierConfig, services: readonly Service[], slices: readonly EndpointSlice[]): SyncResult {
	const b: Buffers = {filterChains: new Lines(), filterRules: new Lines(), natChains: new Lines(), natRules: new Lines()};
	const mark = masqueradeMark(config.masqueradeBit);
	const isIPv6 = config.family === 'IPv6';

	for (const chain of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL']) {
		b.filterChains.write(chainLine(chain));
	}
	for (const chain of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']) {
		b.natChains.write(chainLine(chain));
	}

	// Packets marked for SNAT leave through MASQUERADE; the mark is cleared first so a packet
	// that re-enters the stack is not masqueraded twice.
	b.natRules.write('-A', 'KUBE-POSTROUTING', '-m', 'mark', '!', '--mark', `${mark}/${mark}`, '-j', 'RETURN');
	b.natRules.write('-A', 'KUBE-POSTROUTING', '-j', 'MARK', '--xor-mark', mark);
	b.natRules.write('-A', 'KUBE-POSTROUTING', '-m', 'comment', '--comment', quoted('kubernetes service traffic requiring SNAT'), '-j', 'MASQUERADE', (config.randomFully ?? true) ? ['--random-fully'] : []);
	b.natRules.write('-A', 'KUBE-MARK-MASQ', '-j', 'MARK', '--or-mark', mark);

	if (!isIPv6 && config.localhostNodePorts) {
		// route_localnet lets NodePorts answer on 127.0.0.1; this closes the hole it opens (issue 90259).
		b.filterChains.write(chainLine('KUBE-FIREWALL'));
		b.filterRules.write(
			'-A', 'KUBE-FIREWALL', '-m', 'comment', '--comment', quoted('block incoming localnet connections'),
			'-d', '127.0.0.0/8', '!', '-s', '127.0.0.0/8', '-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP',
		);
	}

	const sliceIndex = indexSlices(slices);
	const sorted = [...services].sort((x, y) => {
		const a = `${x.metadata.namespace ?? 'default'}/${x.metadata.name}`;
		const c = `${y.metadata.namespace ?? 'default'}/${y.metadata.name}`;
		return a < c ? -1 : a > c ? 1 : 0;
	});
	const ports: {info: ServicePortInfo; endpoints: EndpointInfo[]}[] = [];
	for (const service of sorted) {
		const serviceSlices = sliceIndex.get(`${service.metadata.namespace ?? 'default'}/${service.metadata.name}`) ?? [];
		for (const info of servicePortInfos(service, config.family)) {
			ports.push({info, endpoints: endpointsFor(info, serviceSlices, config.family, config.nodeName)});
		}
	}
	const endpointCount = ports.reduce((n, p) => n + p.endpoints.length, 0);
	const largeClusterMode = endpointCount > LARGE_CLUSTER_ENDPOINTS_THRESHOLD;
	const serviceComment = (comment: string): string[] => (largeClusterMode ? [] : ['-m', 'comment', '--comment', comment]);

	for (const {info, endpoints} of ports) {
		writeServicePort(b, config, info, endpoints, serviceComment);
	}

	writeNodePortsJump(b, config);

	if (!config.conntrackTCPLiberal) {
		// INVALID packets would otherwise reset connections (issues 74839, 117924).
		const counter = (config.nfacct ?? true) ? ['-m', 'nfacct', '--nfacct-name', 'ct_state_invalid_dropped_pkts'] : [];
		b.filterRules.write('-A', 'KUBE-FORWARD', '-m', 'conntrack', '--ctstate', 'INVALID', counter, '-j', 'DROP');
	}
	b.filterRules.write('-A', 'KUBE-FORWARD', '-m', 'comment', '--comment', quoted('kubernetes forwarding rules'), '-m', 'mark', '--mark', `${mark}/${mark}`, '-j', 'ACCEPT');
	b.filterRules.write('-A', 'KUBE-FORWARD', '-m', 'comment', '--comment', quoted('kubernetes forwarding conntrack rule'), '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT');

	const restore = [
		'*filter',
		...b.filterChains.lines,
		...b.filterRules.lines,
		'COMMIT',
		'*nat',
		...b.natChains.lines,
		...b.natRules.lines,
		'COMMIT',
		'',
	].join('\n');
	return {restore, endpointCount, largeClusterMode, servicePorts: ports.map((p) => p.info)};
}

function writeServicePort(
	b: Buffers,
	config: ProxierConfig,
	info: ServicePortInfo,
	allEndpoints: EndpointInfo[],
	serviceComment: (comment: string) => string[],
): void {
	const proto = info.protocol;
	const spn = info.nameString;
	const {clusterEndpoints, localEndpoints, allLocallyReachable, hasAnyEndpoints} = categorizeEndpoints(allEndpoints, info);
	const usesClusterPolicyChain = clusterEndpoints.length > 0 && usesClusterEndpoints(info);
	const usesLocalPolicyChain = localEndpoints.length > 0 && usesLocalEndpoints(info);

	const internalTrafficChain = info.internalPolicyLocal ? info.localPolicyChain : info.clusterPolicyChain;
	const hasInternalEndpoints = hasAnyEndpoints && !(info.internalPolicyLocal && localEndpoints.length === 0);
	const externalPolicyChain = info.externalPolicyLocal ? info.localPolicyChain : info.clusterPolicyChain;
	const hasExternalEndpoints = hasAnyEndpoints && !(info.externalPolicyLocal && localEndpoints.length === 0);
	const externalTrafficChain = info.externalChain;
	// The EXT chain exists whenever there are endpoints at all: its short-circuit rules for
	// pod and node traffic are needed even when Local policy leaves no endpoint here.
	const usesExternalTrafficChain = hasAnyEndpoints && info.externallyAccessible;
	const usesFWChain = hasAnyEndpoints && info.loadBalancerVIPs.length > 0 && info.loadBalancerSourceRanges.length > 0;
	const loadBalancerTrafficChain = usesFWChain ? info.firewallChain : externalTrafficChain;

	let internalFilterTarget = '';
	let internalFilterComment = '';
	let externalFilterTarget = '';
	let externalFilterComment = '';
	if (!hasAnyEndpoints) {
		internalFilterTarget = externalFilterTarget = 'REJECT';
		internalFilterComment = externalFilterComment = quoted(`${spn} has no endpoints`);
	} else {
		if (!hasInternalEndpoints) {
			internalFilterTarget = 'DROP';
			internalFilterComment = quoted(`${spn} has no local endpoints`);
		}
		if (!hasExternalEndpoints) {
			externalFilterTarget = 'DROP';
			externalFilterComment = quoted(`${spn} has no local endpoints`);
		}
	}
	const protoArgs = ['-m', proto, '-p', proto];
	const dport = ['--dport', String(info.port)];

	// The cluster IP.
	if (hasInternalEndpoints) {
		b.natRules.write('-A', 'KUBE-SERVICES', '-m', 'comment', '--comment', quoted(`${spn} cluster IP`), protoArgs, '-d', info.clusterIP, dport, '-j', internalTrafficChain);
	} else {
		b.filterRules.write('-A', 'KUBE-SERVICES', '-m', 'comment', '--comment', internalFilterComment, protoArgs, '-d', info.clusterIP, dport, '-j', internalFilterTarget);
	}

	// externalIPs.
	for (const ip of info.externalIPs) {
		if (hasAnyEndpoints) {
			b.natRules.write('-A', 'KUBE-SERVICES', '-m', 'comment', '--comment', quoted(`${spn} external IP`), protoArgs, '-d', ip, dport, '-j', externalTrafficChain);
		}
		if (!hasExternalEndpoints) {
			b.filterRules.write('-A', 'KUBE-EXTERNAL-SERVICES', '-m', 'comment', '--comment', externalFilterComment, protoArgs, '-d', ip, dport, '-j', externalFilterTarget);
		}
	}

	// LoadBalancer ingress IPs.
	for (const ip of info.loadBalancerVIPs) {
		if (hasAnyEndpoints) {
			b.natRules.write('-A', 'KUBE-SERVICES', '-m', 'comment', '--comment', quoted(`${spn} loadbalancer IP`), protoArgs, '-d', ip, dport, '-j', loadBalancerTrafficChain);
		}
		if (usesFWChain) {
			b.filterRules.write('-A', 'KUBE-PROXY-FIREWALL', '-m', 'comment', '--comment', quoted(`${spn} traffic not accepted by ${info.firewallChain}`), protoArgs, '-d', ip, dport, '-j', 'DROP');
		}
	}
	if (!hasExternalEndpoints) {
		for (const ip of info.loadBalancerVIPs) {
			b.filterRules.write('-A', 'KUBE-EXTERNAL-SERVICES', '-m', 'comment', '--comment', externalFilterComment, protoArgs, '-d', ip, dport, '-j', externalFilterTarget);
		}
	}

	// NodePort.
	if (info.nodePort !== 0) {
		const nodePort = ['--dport', String(info.nodePort)];
		if (hasAnyEndpoints) {
			// kube-proxy turns localhostNodePorts off at startup when nodePortAddresses leaves out
			// 127.0.0.1 (proxierConfigFor does the same), and writes this rule only with its nfacct counter.
			if (config.localhostNodePorts && config.family === 'IPv4' && (config.nfacct ?? true)) {
				// Counted separately so operators can see who still relies on localhost NodePorts.
				b.natRules.write('-A', 'KUBE-NODEPORTS', '-m', 'comment', '--comment', spn, protoArgs, '-d', '127.0.0.0/8', nodePort, '-m', 'nfacct', '--nfacct-name', 'localhost_nps_accepted_pkts', '-j', externalTrafficChain);
			}
			b.natRules.write('-A', 'KUBE-NODEPORTS', '-m', 'comment', '--comment', spn, protoArgs, nodePort, '-j', externalTrafficChain);
		}
		if (!hasExternalEndpoints) {
			b.filterRules.write('-A', 'KUBE-EXTERNAL-SERVICES', '-m', 'comment', '--comment', externalFilterComment, '-m', 'addrtype', '--dst-type', 'LOCAL', protoArgs, nodePort, '-j', externalFilterTarget);
		}
	}

	// healthCheckNodePort: always open, local endpoints or not, so the load balancer can ask.
	if (info.healthCheckNodePort !== 0) {
		b.filterRules.write('-A', 'KUBE-NODEPORTS', '-m', 'comment', '--comment', quoted(`${spn} health check node port`), '-m', 'tcp', '-p', 'tcp', '--dport', String(info.healthCheckNodePort), '-j', 'ACCEPT');
	}

	// Internal traffic: masquerade what comes from outside the pod network, since the reply
	// might otherwise bypass this node.
	if (hasInternalEndpoints) {
		const args = ['-m', 'comment', '--comment', quoted(`${spn} cluster IP`), ...protoArgs, '-d', info.clusterIP, ...dport];
		if (config.masqueradeAll) {
			b.natRules.write('-A', internalTrafficChain, args, '-j', 'KUBE-MARK-MASQ');
		} else if (config.localDetector.implemented) {
			b.natRules.write('-A', internalTrafficChain, args, config.localDetector.ifNotLocal, '-j', 'KUBE-MARK-MASQ');
		}
	}

	// External traffic all goes through the EXT chain, which then picks the policy chain.
	if (usesExternalTrafficChain) {
		b.natChains.write(chainLine(externalTrafficChain));
		if (!info.externalPolicyLocal) {
			b.natRules.write('-A', externalTrafficChain, '-m', 'comment', '--comment', quoted(`masquerade traffic for ${spn} external destinations`), '-j', 'KUBE-MARK-MASQ');
		} else {
			if (config.localDetector.implemented) {
				// Pods reaching an external address of the Service behave as if they went out and came back.
				b.natRules.write('-A', externalTrafficChain, '-m', 'comment', '--comment', quoted(`pod traffic for ${spn} external destinations`), config.localDetector.ifLocal, '-j', info.clusterPolicyChain);
			}
			b.natRules.write('-A', externalTrafficChain, '-m', 'comment', '--comment', quoted(`masquerade LOCAL traffic for ${spn} external destinations`), '-m', 'addrtype', '--src-type', 'LOCAL', '-j', 'KUBE-MARK-MASQ');
			b.natRules.write('-A', externalTrafficChain, '-m', 'comment', '--comment', quoted(`route LOCAL traffic for ${spn} external destinations`), '-m', 'addrtype', '--src-type', 'LOCAL', '-j', info.clusterPolicyChain);
		}
		if (hasExternalEndpoints) {
			b.natRules.write('-A', externalTrafficChain, '-j', externalPolicyChain);
		}
	}

	// loadBalancerSourceRanges.
	if (usesFWChain) {
		b.natChains.write(chainLine(info.firewallChain));
		const args = ['-A', info.firewallChain, '-m', 'comment', '--comment', quoted(`${spn} loadbalancer IP`)];
		let allowFromNode = false;
		for (const cidr of info.loadBalancerSourceRanges) {
			b.natRules.write(args, '-s', cidr, '-j', externalTrafficChain);
			if (config.nodeIP !== undefined && cidrHolds(cidr, config.nodeIP)) allowFromNode = true;
		}
		if (allowFromNode) {
			// A node reaching its own VIP loops back with the VIP as source.
			for (const ip of info.loadBalancerVIPs) b.natRules.write(args, '-s', ip, '-j', externalTrafficChain);
		}
		b.natRules.write('-A', info.firewallChain, '-m', 'comment', '--comment', quoted(`other traffic to ${spn} will be dropped by KUBE-PROXY-FIREWALL`));
	}

	if (usesClusterPolicyChain) {
		b.natChains.write(chainLine(info.clusterPolicyChain));
		writeServiceToEndpointRules(b, info, info.clusterPolicyChain, clusterEndpoints, serviceComment);
	}
	if (usesLocalPolicyChain) {
		b.natChains.write(chainLine(info.localPolicyChain));
		writeServiceToEndpointRules(b, info, info.localPolicyChain, localEndpoints, serviceComment);
	}

	for (const ep of allLocallyReachable) {
		b.natChains.write(chainLine(ep.chainName));
		const args = ['-A', ep.chainName, ...serviceComment(spn)];
		// Hairpin: a Pod reaching itself through the Service must be SNATed or the reply short-circuits.
		b.natRules.write(args, '-s', ep.ip, '-j', 'KUBE-MARK-MASQ');
		const affinity = info.sessionAffinityClientIP ? ['-m', 'recent', '--name', ep.chainName, '--set'] : [];
		b.natRules.write(args, affinity, protoArgs, '-j', 'DNAT', '--to-destination', ep.endpoint);
	}
}

function writeServiceToEndpointRules(
	b: Buffers,
	info: ServicePortInfo,
	chain: string,
	endpoints: EndpointInfo[],
	serviceComment: (comment: string) => string[],
): void {
	if (info.sessionAffinityClientIP) {
		for (const ep of endpoints) {
			b.natRules.write('-A', chain, serviceComment(quoted(`${info.nameString} -> ${ep.endpoint}`)), '-m', 'recent', '--name', ep.chainName, '--rcheck', '--seconds', String(info.stickyMaxAgeSeconds), '--reap', '-j', ep.chainName);
		}
	}
	const n = endpoints.length;
	endpoints.forEach((ep, i) => {
		const statistic = i < n - 1 ? ['-m', 'statistic', '--mode', 'random', '--probability', probability(n - i)] : [];
		b.natRules.write('-A', chain, serviceComment(quoted(`${info.nameString} -> ${ep.endpoint}`)), statistic, '-j', ep.chainName);
	});
}

function writeNodePortsJump(b: Buffers, config: ProxierConfig): void {
	const comment = quoted('kubernetes service nodeports; NOTE: this must be the last rule in this chain');
	const nodeIPs = nodePortIPs(config);
	if (nodeIPs === 'all') {
		const destinations = ['-m', 'addrtype', '--dst-type', 'LOCAL'];
		// Localhost NodePorts never work for IPv6, and for IPv4 only with route_localnet.
		if (config.family === 'IPv6') destinations.push('!', '-d', '::1/128');
		else if (!config.localhostNodePorts) destinations.push('!', '-d', '127.0.0.0/8');
		b.natRules.write('-A', 'KUBE-SERVICES', '-m', 'comment', '--comment', comment, destinations, '-j', 'KUBE-NODEPORTS');
		return;
	}
	for (const ip of nodeIPs) {
		if (isLoopback(ip) && (config.family === 'IPv6' || !config.localhostNodePorts)) continue;
		b.natRules.write('-A', 'KUBE-SERVICES', '-m', 'comment', '--comment', comment, '-d', ip, '-j', 'KUBE-NODEPORTS');
	}
}

/** The node addresses NodePorts answer on, or 'all' when nodePortAddresses names no CIDR of this family. */
export function nodePortIPs(config: ProxierConfig): string[] | 'all' {
	const family = config.family;
	const cidrs = config.nodePortAddresses.filter((c) => c !== 'primary' && (c.includes(':') === (family === 'IPv6')));
	const primary = config.nodePortAddresses.includes('primary');
	if (cidrs.length === 0 && !primary) return 'all';
	return config.nodeInterfaceIPs.filter(
		(ip) => cidrs.some((cidr) => cidrHolds(cidr, ip)) || (primary && ip === config.nodeIP),
	);
}

function isLoopback(ip: string): boolean {
	return ip === '::1' || ip.startsWith('127.');
}


