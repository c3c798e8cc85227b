// kube-proxy's nftables proxier, one full sync (pkg/proxy/nftables/proxier.go, setupNFTables and
// syncProxyRules, as of kubernetes v1.34): the `ip kube-proxy` (or `ip6 kube-proxy`) table it
// programs. Services are visited sorted by namespace/name (the real one uses Go map order, which
// differs from run to run); the order only shows in the element order of the restore form.
import type {EndpointSlice, Service} from '../../api/types.js';
import {endpointsFor, indexSlices, type EndpointInfo} from '../endpoints.js';
import {masqueradeMark, nodePortIPs, type ProxierConfig} from '../iptables/proxier.js';
import {cidrHolds} from '../iptables/cidr-holds.js';
import {servicePortInfos, usesClusterEndpoints, usesLocalEndpoints, type ServicePortInfo} from '../service-port.js';
import {categorizeEndpoints} from '../topology.js';
import {endpointChainNameBase, servicePortChainNames} from './chain-names.js';
import {NftTable, type NftBaseChain} from './table.js';

export interface NftablesProxierConfig extends ProxierConfig {
	/** The cluster's ServiceCIDRs of this family: traffic to an unallocated ClusterIP in them is dropped. */
	serviceCIDRs: string[];
}

export interface NftablesSyncResult {
	table: NftTable;
	servicePorts: ServicePortInfo[];
	endpointCount: number;
}

const BASE_CHAINS: [string, NftBaseChain][] = [
	// Filtering on pre-DNAT destinations (LoadBalancerSourceRanges) runs before DNAT: dstnat-10.
	['filter-prerouting-pre-dnat', {type: 'filter', hook: 'prerouting', priority: -110}],
	['filter-output-pre-dnat', {type: 'filter', hook: 'output', priority: -110}],
	['filter-input', {type: 'filter', hook: 'input', priority: 0}],
	['filter-forward', {type: 'filter', hook: 'forward', priority: 0}],
	['filter-output', {type: 'filter', hook: 'output', priority: 0}],
	['nat-prerouting', {type: 'nat', hook: 'prerouting', priority: -100}],
	['nat-output', {type: 'nat', hook: 'output', priority: -100}],
	['nat-postrouting', {type: 'nat', hook: 'postrouting', priority: 100}],
];

/** [destination chain, base chain jumping to it, match before the jump]. */
const JUMP_CHAINS: [string, string, string][] = [
	['nodeport-endpoints-check', 'filter-input', 'ct state new'],
	['service-endpoints-check', 'filter-input', 'ct state new'],
	['service-endpoints-check', 'filter-forward', 'ct state new'],
	['service-endpoints-check', 'filter-output', 'ct state new'],
	['firewall-check', 'filter-prerouting-pre-dnat', 'ct state new'],
	['firewall-check', 'filter-output-pre-dnat', 'ct state new'],
	['services', 'nat-output', ''],
	['services', 'nat-prerouting', ''],
	['masquerading', 'nat-postrouting', ''],
	['cluster-ips-check', 'filter-forward', 'ct state new'],
	['cluster-ips-check', 'filter-output', 'ct state new'],
];

const MARK_MASQ = 'mark-for-masquerade';
const REJECT_CHAIN = 'reject-chain';

/** kube-proxy's local-traffic detector as an nftables match (IfLocalNFT / IfNotLocalNFT):
 * `ip saddr CIDR`, `iifname cni0`, `iifname azv*`, or nothing when there is no detector. */
function localMatch(config: ProxierConfig, local: boolean): string | undefined {
	const detector = config.localDetector;
	if (!detector.implemented) return undefined;
	const match = local ? detector.ifLocalNFT : detector.ifNotLocalNFT;
	return match.length > 0 ? match.join(' ') : undefined;
}

function isLoopback(ip: string): boolean {
	return ip === '::1' || ip.startsWith('127.');
}

function setupTable(config: NftablesProxierConfig, table: NftTable, ipX: string, addrType: string, mark: string): void {
	const noLocalhost = config.family === 'IPv6' ? 'ip6 daddr != ::1' : 'ip daddr != 127.0.0.0/8';
	for (const [name, base] of BASE_CHAINS) table.chain(name, {base});
	for (const [dst, src, extra] of JUMP_CHAINS) {
		table.chain(dst);
		table.rule(src, extra ? `${extra} jump ${dst}` : `jump ${dst}`);
	}
	for (const name of ['services', 'cluster-ips-check', 'masquerading', MARK_MASQ]) table.chain(name);
	table.rule(MARK_MASQ, `mark set mark or ${mark}`);
	table.rule('masquerading', `mark and ${mark} == 0 return`);
	table.rule('masquerading', `mark set mark xor ${mark}`);
	table.rule('masquerading', 'masquerade fully-random');

	table.set('set', 'cluster-ips', {type: addrType, comment: 'Active ClusterIPs'});
	table.rule('cluster-ips-check', `${ipX} daddr @cluster-ips reject`, 'Reject traffic to invalid ports of ClusterIPs');
	if (config.serviceCIDRs.length > 0) {
		table.rule('cluster-ips-check', `${ipX} daddr { ${config.serviceCIDRs.join(',')} } drop`, 'Drop traffic to unallocated ClusterIPs');
	}

	// NodePortAddresses.MatchAll: no CIDR of this family, or a zero-length one (0.0.0.0/0, ::/0).
	const zeroCIDR = config.nodePortAddresses.some((c) => c.trim().endsWith('/0') && c.includes(':') === (config.family === 'IPv6'));
	const nodeIPs = zeroCIDR ? 'all' : nodePortIPs(config);
	table.set('set', 'nodeport-ips', {type: addrType, comment: 'IPs that accept NodePort traffic'});
	if (nodeIPs === 'all') table.delete('nodeport-ips');
	else {
		// Loopback addresses are skipped: nftables mode has no localhost NodePorts.
		for (const ip of nodeIPs) if (!isLoopback(ip)) table.element('nodeport-ips', {key: [ip]});
	}

	table.set('map', 'no-endpoint-services', {type: `${addrType} . inet_proto . inet_service : verdict`, comment: 'vmap to drop or reject packets to services with no endpoints'});
	table.set('map', 'no-endpoint-nodeports', {type: 'inet_proto . inet_service : verdict', comment: 'vmap to drop or reject packets to service nodeports with no endpoints'});
	table.chain(REJECT_CHAIN, {comment: 'helper for @no-endpoint-services / @no-endpoint-nodeports'});
	table.rule(REJECT_CHAIN, 'reject');
	table.rule('service-endpoints-check', `${ipX} daddr . meta l4proto . th dport vmap @no-endpoint-services`);
	table.rule('nodeport-endpoints-check', `${nodeIPs === 'all' ? noLocalhost : `${ipX} daddr @nodeport-ips`} meta l4proto . th dport vmap @no-endpoint-nodeports`);

	table.set('map', 'firewall-ips', {type: `${addrType} . inet_proto . inet_service : verdict`, comment: 'destinations that are subject to LoadBalancerSourceRanges'});
	table.rule('firewall-check', `${ipX} daddr . meta l4proto . th dport vmap @firewall-ips`);

	table.set('map', 'service-ips', {type: `${addrType} . inet_proto . inet_service : verdict`, comment: 'ClusterIP, ExternalIP and LoadBalancer IP traffic'});
	table.set('map', 'service-nodeports', {type: 'inet_proto . inet_service : verdict', comment: 'NodePort traffic'});
	table.rule('services', `${ipX} daddr . meta l4proto . th dport vmap @service-ips`);
	table.rule('services', nodeIPs === 'all' ? `fib daddr type local ${noLocalhost} meta l4proto . th dport vmap @service-nodeports` : `${ipX} daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports`);
}

/** One full sync: the table kube-proxy's transaction leaves in the kernel. */
export function syncNftablesRules(config: NftablesProxierConfig, services: readonly Service[], slices: readonly EndpointSlice[]): NftablesSyncResult {
	const isIPv6 = config.family === 'IPv6';
	const ipX = isIPv6 ? 'ip6' : 'ip';
	const addrType = isIPv6 ? 'ipv6_addr' : 'ipv4_addr';
	const table = new NftTable(ipX);
	const mark = masqueradeMark(config.masqueradeBit);
	setupTable(config, table, ipX, addrType, mark);

	const sorted = [...services].sort((a, b) => {
		const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
		const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
		return ka < kb ? -1 : ka > kb ? 1 : 0;
	});
	const index = indexSlices(slices);
	const servicePorts: ServicePortInfo[] = [];
	let endpointCount = 0;

	for (const service of sorted) {
		const serviceSlices = index.get(`${service.metadata.namespace ?? 'default'}/${service.metadata.name}`) ?? [];
		for (const info of servicePortInfos(service, config.family)) {
			servicePorts.push(info);
			const endpoints = endpointsFor(info, serviceSlices, config.family, config.nodeName);
			endpointCount += endpoints.length;
			syncServicePort(config, table, info, endpoints, ipX, addrType);
		}
	}
	return {table, servicePorts, endpointCount};
}

function syncServicePort(config: NftablesProxierConfig, table: NftTable, info: ServicePortInfo, endpoints: EndpointInfo[], ipX: string, addrType: string): void {
	const proto = info.protocol;
	const names = servicePortChainNames(info);
	const {clusterEndpoints, localEndpoints, allLocallyReachable, hasAnyEndpoints: hasEndpoints} = categorizeEndpoints(endpoints, info);
	// One hash per endpoint: its chain and its affinity set share the name's base.
	const bases = new Map<EndpointInfo, string>();
	const base = (ep: EndpointInfo): string => {
		let b = bases.get(ep);
		if (b === undefined) bases.set(ep, (b = endpointChainNameBase(info, ep.ip, ep.port)));
		return b;
	};
	const epChain = (ep: EndpointInfo): string => `endpoint-${base(ep)}`;
	const epAffinity = (ep: EndpointInfo): string => `affinity-${base(ep)}`;

	for (const ep of allLocallyReachable) table.chain(epChain(ep));
	const usesClusterPolicyChain = clusterEndpoints.length > 0 && usesClusterEndpoints(info);
	if (usesClusterPolicyChain) table.chain(names.clusterPolicy);
	const usesLocalPolicyChain = localEndpoints.length > 0 && usesLocalEndpoints(info);
	if (usesLocalPolicyChain) table.chain(names.localPolicy);

	let internalTrafficChain = names.clusterPolicy;
	let hasInternalEndpoints = hasEndpoints;
	if (info.internalPolicyLocal) {
		internalTrafficChain = names.localPolicy;
		if (localEndpoints.length === 0) hasInternalEndpoints = false;
	}
	let externalPolicyChain = names.clusterPolicy;
	let hasExternalEndpoints = hasEndpoints;
	if (info.externalPolicyLocal) {
		externalPolicyChain = names.localPolicy;
		if (localEndpoints.length === 0) hasExternalEndpoints = false;
	}
	const externalTrafficChain = names.external;
	const usesExternalTrafficChain = hasEndpoints && info.externallyAccessible;
	if (usesExternalTrafficChain) table.chain(externalTrafficChain);

	// With no endpoints at all, REJECT; with endpoints elsewhere only (a Local policy), DROP.
	let internalVerdict = '';
	let externalVerdict = '';
	if (!hasEndpoints) {
		internalVerdict = `goto ${REJECT_CHAIN}`;
		externalVerdict = `goto ${REJECT_CHAIN}`;
	} else {
		if (!hasInternalEndpoints) internalVerdict = 'drop';
		if (!hasExternalEndpoints) externalVerdict = 'drop';
	}
	const port = String(info.port);
	const comment = info.nameString;

	table.element('cluster-ips', {key: [info.clusterIP]});
	if (hasInternalEndpoints) table.element('service-ips', {key: [info.clusterIP, proto, port], value: [`goto ${internalTrafficChain}`]});
	else table.element('no-endpoint-services', {key: [info.clusterIP, proto, port], value: [internalVerdict], comment});

	for (const externalIP of info.externalIPs) {
		if (hasEndpoints) table.element('service-ips', {key: [externalIP, proto, port], value: [`goto ${externalTrafficChain}`]});
		if (!hasExternalEndpoints) table.element('no-endpoint-services', {key: [externalIP, proto, port], value: [externalVerdict], comment});
	}

	const usesFWChain = info.loadBalancerVIPs.length > 0 && info.loadBalancerSourceRanges.length > 0;
	if (usesFWChain) table.chain(names.firewall);
	for (const lbip of info.loadBalancerVIPs) {
		if (hasEndpoints) table.element('service-ips', {key: [lbip, proto, port], value: [`goto ${externalTrafficChain}`]});
		if (usesFWChain) table.element('firewall-ips', {key: [lbip, proto, port], value: [`goto ${names.firewall}`]});
	}
	if (!hasExternalEndpoints) {
		for (const lbip of info.loadBalancerVIPs) table.element('no-endpoint-services', {key: [lbip, proto, port], value: [externalVerdict], comment});
	}

	if (info.nodePort !== 0) {
		const nodePort = String(info.nodePort);
		// NodePorts are not subject to loadBalancerSourceRanges.
		if (hasEndpoints) table.element('service-nodeports', {key: [proto, nodePort], value: [`goto ${externalTrafficChain}`]});
		if (!hasExternalEndpoints) table.element('no-endpoint-nodeports', {key: [proto, nodePort], value: [externalVerdict], comment});
	}

	if (hasInternalEndpoints) {
		const notLocal = localMatch(config, false);
		if (config.masqueradeAll) table.rule(internalTrafficChain, `${ipX} daddr ${info.clusterIP} jump ${MARK_MASQ}`);
		else if (notLocal !== undefined) table.rule(internalTrafficChain, `${ipX} daddr ${info.clusterIP} ${notLocal} jump ${MARK_MASQ}`);
	}

	if (usesExternalTrafficChain) {
		if (!info.externalPolicyLocal) {
			// Endpoints may be on other nodes: masquerade, so replies come back through this one.
			table.rule(externalTrafficChain, `jump ${MARK_MASQ}`);
		} else {
			const local = localMatch(config, true);
			if (local !== undefined) table.rule(externalTrafficChain, `${local} goto ${names.clusterPolicy}`, 'short-circuit pod traffic');
			table.rule(externalTrafficChain, `fib saddr type local jump ${MARK_MASQ}`, 'masquerade local traffic');
			table.rule(externalTrafficChain, `fib saddr type local goto ${names.clusterPolicy}`, 'short-circuit local traffic');
		}
		if (hasExternalEndpoints) table.rule(externalTrafficChain, `goto ${externalPolicyChain}`);
	}

	if (usesFWChain) {
		const sources = [...info.loadBalancerSourceRanges];
		const allowFromNode = config.nodeIP !== undefined && info.loadBalancerSourceRanges.some((cidr) => cidrHolds(cidr, config.nodeIP!));
		// A node reaching its own LB VIP loops back with the VIP as source: admit it too.
		if (allowFromNode) sources.push(...info.loadBalancerVIPs);
		table.rule(names.firewall, `${ipX} saddr != { ${sources.join(' , ')} } drop`);
	}

	if (info.sessionAffinityClientIP) {
		for (const ep of allLocallyReachable) {
			table.set('set', epAffinity(ep), {type: addrType, flags: ['dynamic', 'timeout'], timeoutSeconds: info.stickyMaxAgeSeconds});
		}
	}

	const writeServiceToEndpointRules = (chain: string, eps: EndpointInfo[]): void => {
		if (info.sessionAffinityClientIP) for (const ep of eps) table.rule(chain, `${ipX} saddr @${epAffinity(ep)} goto ${epChain(ep)}`);
		const vmap = eps.map((ep, i) => `${i} : goto ${epChain(ep)}`).join(' , ');
		table.rule(chain, `numgen random mod ${eps.length} vmap { ${vmap} }`);
	};
	if (usesClusterPolicyChain) writeServiceToEndpointRules(names.clusterPolicy, clusterEndpoints);
	if (usesLocalPolicyChain) writeServiceToEndpointRules(names.localPolicy, localEndpoints);

	for (const ep of allLocallyReachable) {
		const chain = epChain(ep);
		// Hairpin: a Pod reaching itself through the Service is masqueraded.
		table.rule(chain, `${ipX} saddr ${ep.ip} jump ${MARK_MASQ}`);
		if (info.sessionAffinityClientIP) table.rule(chain, `update @${epAffinity(ep)} { ${ipX} saddr }`);
		table.rule(chain, `meta l4proto ${proto} dnat to ${ep.endpoint}`);
	}
}
