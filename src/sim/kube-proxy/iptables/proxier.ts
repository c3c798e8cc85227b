// kube-proxy's iptables proxier, one full sync (pkg/proxy/iptables/proxier.go, syncProxyRules):
// the exact iptables-restore text a current kube-proxy (v1.31–v1.34) writes for this node, in its
// own argument order. Services are visited sorted by namespace/name (the real one uses Go map
// order, which differs from run to run), ports in spec order.
import {DEFAULT_NAMESPACE, type EndpointSlice, type Service} from '../../api/types.js';
import {endpointsFor, indexSlices, type EndpointInfo} from '../endpoints.js';
import type {LocalDetector} from '../local-detector.js';
import {servicePortInfos, usesClusterEndpoints, usesLocalEndpoints, type IPFamily, type ServicePortInfo} from '../service-port.js';
import {categorizeEndpoints} from '../topology.js';
import type {ReadTable} from '../../iptables/parse.js';
import {cidrHolds} from './cidr-holds.js';
import {RuleWriter, TableOutput, type RuleOutput} from './rule-writer.js';

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

interface SyncFacts {
	/** Total endpoints across services; above 1000 kube-proxy leaves comments off SEP rules. */
	endpointCount: number;
	largeClusterMode: boolean;
	servicePorts: ServicePortInfo[];
}

export interface SyncResult extends SyncFacts {
	/** The iptables-restore input, as kube-proxy feeds it to `iptables-restore --noflush`. */
	restore: string;
}

export interface KernelSyncResult extends SyncFacts {
	/** The same input as iptables-restore reads it: for nodeRulesetOf. */
	tables: ReadTable[];
}

const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;

/** Go's `fmt.Sprintf("%#08x", 1<<bit)`: the digits are padded to 8. */
export function masqueradeMark(bit: number): string {
	return '0x' + (2 ** bit).toString(16).padStart(8, '0');
}

// A Service's n endpoints need 1/n … 1/2: the same few texts on every Service.
const PROBABILITY_TEXT: string[] = [];

/** kube-proxy's `probability(n)`: `%0.10f` of 1/n. */
export function probability(n: number): string {
	return (PROBABILITY_TEXT[n] ??= (1 / n).toFixed(10));
}

interface Output {
	filter: TableOutput;
	nat: TableOutput;
	w: RuleWriter;
	/** `-m comment --comment TEXT` on the per-endpoint rules, which large-cluster mode leaves off. */
	serviceComment(w: RuleWriter, text: string, quote: boolean): RuleWriter;
}

interface Sync {
	out: Output;
	endpointCount: number;
	largeClusterMode: boolean;
	servicePorts: ServicePortInfo[];
}

/** One full sync: the restore text kube-proxy writes. */
export function syncProxyRules(config: ProxierConfig, services: readonly Service[], slices: readonly EndpointSlice[]): SyncResult {
	const {out, endpointCount, largeClusterMode, servicePorts} = sync(config, services, slices, {text: true, kernel: false});
	const restore = [
		'*filter',
		...out.filter.chainLines,
		...out.filter.ruleLines,
		'COMMIT',
		'*nat',
		...out.nat.chainLines,
		...out.nat.ruleLines,
		'COMMIT',
		'',
	].join('\n');
	return {restore, endpointCount, largeClusterMode, servicePorts};
}

/** One full sync as iptables-restore reads it: each table's declared chains and its Rules, what
 * nodeRuleset(syncProxyRules(…).restore) builds from the text, built without the text. */
export function syncKernelRules(config: ProxierConfig, services: readonly Service[], slices: readonly EndpointSlice[]): KernelSyncResult {
	const {out, endpointCount, largeClusterMode, servicePorts} = sync(config, services, slices, {text: false, kernel: true});
	// A TableOutput is a ReadTable: its declared chains and its rules.
	return {tables: [out.filter, out.nat], endpointCount, largeClusterMode, servicePorts};
}

function sync(config: ProxierConfig, services: readonly Service[], slices: readonly EndpointSlice[], output: RuleOutput): Sync {
	const w = new RuleWriter();
	const filter = new TableOutput('filter', output);
	const nat = new TableOutput('nat', output);
	const mark = masqueradeMark(config.masqueradeBit);
	const isIPv6 = config.family === 'IPv6';

	for (const chain of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL']) filter.declare(chain);
	for (const chain of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']) nat.declare(chain);

	// Packets marked for SNAT leave through MASQUERADE; the mark is cleared first so a packet
	// that re-enters the stack is not masqueraded twice.
	w.start(nat, 'KUBE-POSTROUTING').other(['-m', 'mark', '!', '--mark', `${mark}/${mark}`]).jump('RETURN');
	w.start(nat, 'KUBE-POSTROUTING').target(['MARK', '--xor-mark', mark]);
	w.start(nat, 'KUBE-POSTROUTING').comment('kubernetes service traffic requiring SNAT').target((config.randomFully ?? true) ? ['MASQUERADE', '--random-fully'] : ['MASQUERADE']);
	w.start(nat, 'KUBE-MARK-MASQ').target(['MARK', '--or-mark', mark]);

	if (!isIPv6 && config.localhostNodePorts) {
		// route_localnet lets NodePorts answer on 127.0.0.1; this closes the hole it opens (issue 90259).
		filter.declare('KUBE-FIREWALL');
		w.start(filter, 'KUBE-FIREWALL')
			.comment('block incoming localnet connections')
			.destination('127.0.0.0/8')
			.source('127.0.0.0/8', true)
			.other(['-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT'])
			.jump('DROP');
	}

	const sliceIndex = indexSlices(slices);
	const sorted = services
		.map((service) => ({key: `${service.metadata.namespace ?? DEFAULT_NAMESPACE}/${service.metadata.name}`, service}))
		.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
	const ports: {info: ServicePortInfo; endpoints: EndpointInfo[]}[] = [];
	for (const {key, service} of sorted) {
		const serviceSlices = sliceIndex.get(key) ?? [];
		for (const info of servicePortInfos(service, config.family)) {
			ports.push({info, endpoints: endpointsFor(info, serviceSlices, config.family, config.nodeName)});
		}
	}
	const endpointCount = ports.reduce((n, p) => n + p.endpoints.length, 0);
	const largeClusterMode = endpointCount > LARGE_CLUSTER_ENDPOINTS_THRESHOLD;
	const out: Output = {
		filter,
		nat,
		w,
		serviceComment: (writer, text, quote) => (largeClusterMode ? writer : writer.comment(text, quote)),
	};

	for (const {info, endpoints} of ports) {
		writeServicePort(out, config, info, endpoints);
	}

	writeNodePortsJump(out, config);

	if (!config.conntrackTCPLiberal) {
		// INVALID packets would otherwise reset connections (issues 74839, 117924).
		const counter = (config.nfacct ?? true) ? ['-m', 'nfacct', '--nfacct-name', 'ct_state_invalid_dropped_pkts'] : [];
		w.start(filter, 'KUBE-FORWARD').other(['-m', 'conntrack', '--ctstate', 'INVALID', ...counter]).jump('DROP');
	}
	w.start(filter, 'KUBE-FORWARD').comment('kubernetes forwarding rules').other(['-m', 'mark', '--mark', `${mark}/${mark}`]).jump('ACCEPT');
	w.start(filter, 'KUBE-FORWARD').comment('kubernetes forwarding conntrack rule').other(['-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED']).jump('ACCEPT');

	return {out, endpointCount, largeClusterMode, servicePorts: ports.map((p) => p.info)};
}

function writeServicePort(out: Output, config: ProxierConfig, info: ServicePortInfo, allEndpoints: EndpointInfo[]): void {
	const {filter, nat, w} = out;
	const proto = info.protocol;
	const spn = info.nameString;
	const {clusterEndpoints, localEndpoints, allLocallyReachable, hasAnyEndpoints} = categorizeEndpoints(allEndpoints, info);
	const usesClusterPolicyChain = clusterEndpoints.length > 0 && usesClusterEndpoints(info);
	const usesLocalPolicyChain = localEndpoints.length > 0 && usesLocalEndpoints(info);

	const internalTrafficChain = info.internalPolicyLocal ? info.localPolicyChain : info.clusterPolicyChain;
	const hasInternalEndpoints = hasAnyEndpoints && !(info.internalPolicyLocal && localEndpoints.length === 0);
	const externalPolicyChain = info.externalPolicyLocal ? info.localPolicyChain : info.clusterPolicyChain;
	const hasExternalEndpoints = hasAnyEndpoints && !(info.externalPolicyLocal && localEndpoints.length === 0);
	// The EXT chain exists whenever there are endpoints at all: its short-circuit rules for
	// pod and node traffic are needed even when Local policy leaves no endpoint here.
	const usesExternalTrafficChain = hasAnyEndpoints && info.externallyAccessible;
	const usesFWChain = hasAnyEndpoints && info.loadBalancerVIPs.length > 0 && info.loadBalancerSourceRanges.length > 0;

	let internalFilterTarget = '';
	let internalFilterComment = '';
	let externalFilterTarget = '';
	let externalFilterComment = '';
	if (!hasAnyEndpoints) {
		internalFilterTarget = externalFilterTarget = 'REJECT';
		internalFilterComment = externalFilterComment = `${spn} has no endpoints`;
	} else {
		if (!hasInternalEndpoints) {
			internalFilterTarget = 'DROP';
			internalFilterComment = `${spn} has no local endpoints`;
		}
		if (!hasExternalEndpoints) {
			externalFilterTarget = 'DROP';
			externalFilterComment = `${spn} has no local endpoints`;
		}
	}

	// The cluster IP.
	if (hasInternalEndpoints) {
		w.start(nat, 'KUBE-SERVICES').comment(`${spn} cluster IP`).protocolMatch(proto).destination(info.clusterIP).dport(info.port).jump(internalTrafficChain);
	} else {
		w.start(filter, 'KUBE-SERVICES').comment(internalFilterComment).protocolMatch(proto).destination(info.clusterIP).dport(info.port).jump(internalFilterTarget);
	}

	// externalIPs.
	for (const ip of info.externalIPs) {
		if (hasAnyEndpoints) {
			w.start(nat, 'KUBE-SERVICES').comment(`${spn} external IP`).protocolMatch(proto).destination(ip).dport(info.port).jump(info.externalChain);
		}
		if (!hasExternalEndpoints) {
			w.start(filter, 'KUBE-EXTERNAL-SERVICES').comment(externalFilterComment).protocolMatch(proto).destination(ip).dport(info.port).jump(externalFilterTarget);
		}
	}

	// LoadBalancer ingress IPs.
	for (const ip of info.loadBalancerVIPs) {
		if (hasAnyEndpoints) {
			w.start(nat, 'KUBE-SERVICES').comment(`${spn} loadbalancer IP`).protocolMatch(proto).destination(ip).dport(info.port).jump(usesFWChain ? info.firewallChain : info.externalChain);
		}
		if (usesFWChain) {
			w.start(filter, 'KUBE-PROXY-FIREWALL').comment(`${spn} traffic not accepted by ${info.firewallChain}`).protocolMatch(proto).destination(ip).dport(info.port).jump('DROP');
		}
	}
	if (!hasExternalEndpoints) {
		for (const ip of info.loadBalancerVIPs) {
			w.start(filter, 'KUBE-EXTERNAL-SERVICES').comment(externalFilterComment).protocolMatch(proto).destination(ip).dport(info.port).jump(externalFilterTarget);
		}
	}

	// NodePort.
	if (info.nodePort !== 0) {
		if (hasAnyEndpoints) {
			// kube-proxy turns localhostNodePorts off at startup when nodePortAddresses leaves out
			// 127.0.0.1 (proxierConfigFor does the same), and writes this rule only with its nfacct counter.
			if (config.localhostNodePorts && config.family === 'IPv4' && (config.nfacct ?? true)) {
				// Counted separately so operators can see who still relies on localhost NodePorts.
				w.start(nat, 'KUBE-NODEPORTS')
					.comment(spn, false)
					.protocolMatch(proto)
					.destination('127.0.0.0/8')
					.dport(info.nodePort)
					.other(['-m', 'nfacct', '--nfacct-name', 'localhost_nps_accepted_pkts'])
					.jump(info.externalChain);
			}
			w.start(nat, 'KUBE-NODEPORTS').comment(spn, false).protocolMatch(proto).dport(info.nodePort).jump(info.externalChain);
		}
		if (!hasExternalEndpoints) {
			w.start(filter, 'KUBE-EXTERNAL-SERVICES')
				.comment(externalFilterComment)
				.other(['-m', 'addrtype', '--dst-type', 'LOCAL'])
				.protocolMatch(proto)
				.dport(info.nodePort)
				.jump(externalFilterTarget);
		}
	}

	// healthCheckNodePort: always open, local endpoints or not, so the load balancer can ask.
	if (info.healthCheckNodePort !== 0) {
		w.start(filter, 'KUBE-NODEPORTS').comment(`${spn} health check node port`).protocolMatch('tcp').dport(info.healthCheckNodePort).jump('ACCEPT');
	}

	// Internal traffic: masquerade what comes from outside the pod network, since the reply
	// might otherwise bypass this node.
	if (hasInternalEndpoints && (config.masqueradeAll || config.localDetector.implemented)) {
		w.start(nat, internalTrafficChain).comment(`${spn} cluster IP`).protocolMatch(proto).destination(info.clusterIP).dport(info.port);
		if (!config.masqueradeAll) w.detector(config.localDetector.ifNotLocal);
		w.jump('KUBE-MARK-MASQ');
	}

	// External traffic all goes through the EXT chain, which then picks the policy chain.
	if (usesExternalTrafficChain) {
		nat.declare(info.externalChain);
		if (!info.externalPolicyLocal) {
			w.start(nat, info.externalChain).comment(`masquerade traffic for ${spn} external destinations`).jump('KUBE-MARK-MASQ');
		} else {
			if (config.localDetector.implemented) {
				// Pods reaching an external address of the Service behave as if they went out and came back.
				w.start(nat, info.externalChain).comment(`pod traffic for ${spn} external destinations`).detector(config.localDetector.ifLocal).jump(info.clusterPolicyChain);
			}
			const localSource = ['-m', 'addrtype', '--src-type', 'LOCAL'];
			w.start(nat, info.externalChain).comment(`masquerade LOCAL traffic for ${spn} external destinations`).other(localSource).jump('KUBE-MARK-MASQ');
			w.start(nat, info.externalChain).comment(`route LOCAL traffic for ${spn} external destinations`).other(localSource).jump(info.clusterPolicyChain);
		}
		if (hasExternalEndpoints) {
			w.start(nat, info.externalChain).jump(externalPolicyChain);
		}
	}

	// loadBalancerSourceRanges.
	if (usesFWChain) {
		nat.declare(info.firewallChain);
		let allowFromNode = false;
		for (const cidr of info.loadBalancerSourceRanges) {
			w.start(nat, info.firewallChain).comment(`${spn} loadbalancer IP`).source(cidr).jump(info.externalChain);
			if (config.nodeIP !== undefined && cidrHolds(cidr, config.nodeIP)) allowFromNode = true;
		}
		if (allowFromNode) {
			// A node reaching its own VIP loops back with the VIP as source.
			for (const ip of info.loadBalancerVIPs) w.start(nat, info.firewallChain).comment(`${spn} loadbalancer IP`).source(ip).jump(info.externalChain);
		}
		w.start(nat, info.firewallChain).comment(`other traffic to ${spn} will be dropped by KUBE-PROXY-FIREWALL`).end();
	}

	if (usesClusterPolicyChain) {
		nat.declare(info.clusterPolicyChain);
		writeServiceToEndpointRules(out, info, info.clusterPolicyChain, clusterEndpoints);
	}
	if (usesLocalPolicyChain) {
		nat.declare(info.localPolicyChain);
		writeServiceToEndpointRules(out, info, info.localPolicyChain, localEndpoints);
	}

	for (const ep of allLocallyReachable) {
		nat.declare(ep.chainName);
		// Hairpin: a Pod reaching itself through the Service must be SNATed or the reply short-circuits.
		out.serviceComment(w.start(nat, ep.chainName), spn, false).source(ep.ip).jump('KUBE-MARK-MASQ');
		out.serviceComment(w.start(nat, ep.chainName), spn, false);
		if (info.sessionAffinityClientIP) w.other(['-m', 'recent', '--name', ep.chainName, '--set']);
		w.protocolMatch(proto).dnat(ep.endpoint);
	}
}

function writeServiceToEndpointRules(out: Output, info: ServicePortInfo, chain: string, endpoints: EndpointInfo[]): void {
	const {nat, w} = out;
	if (info.sessionAffinityClientIP) {
		for (const ep of endpoints) {
			out.serviceComment(w.start(nat, chain), `${info.nameString} -> ${ep.endpoint}`, true)
				.other(['-m', 'recent', '--name', ep.chainName, '--rcheck', '--seconds', String(info.stickyMaxAgeSeconds), '--reap'])
				.jump(ep.chainName);
		}
	}
	const n = endpoints.length;
	endpoints.forEach((ep, i) => {
		out.serviceComment(w.start(nat, chain), `${info.nameString} -> ${ep.endpoint}`, true);
		if (i < n - 1) w.probability(probability(n - i));
		w.jump(ep.chainName);
	});
}

function writeNodePortsJump(out: Output, config: ProxierConfig): void {
	const {nat, w} = out;
	const comment = 'kubernetes service nodeports; NOTE: this must be the last rule in this chain';
	const nodeIPs = nodePortIPs(config);
	if (nodeIPs === 'all') {
		w.start(nat, 'KUBE-SERVICES').comment(comment).other(['-m', 'addrtype', '--dst-type', 'LOCAL']);
		// Localhost NodePorts never work for IPv6, and for IPv4 only with route_localnet.
		if (config.family === 'IPv6') w.destination('::1/128', true);
		else if (!config.localhostNodePorts) w.destination('127.0.0.0/8', true);
		w.jump('KUBE-NODEPORTS');
		return;
	}
	for (const ip of nodeIPs) {
		if (isLoopback(ip) && (config.family === 'IPv6' || !config.localhostNodePorts)) continue;
		w.start(nat, 'KUBE-SERVICES').comment(comment).destination(ip).jump('KUBE-NODEPORTS');
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


