// One kube-proxy, as the DaemonSet runs one on every node: it watches Services and EndpointSlices
// through the API server, logs service ports as they come and go, and programs the node's NAT
// table. Rules are computed on demand from the latest state (the real one batches changes
// behind --iptables-min-sync-period), so a burst of 10,000 creates costs one sync, not 10,000.
import type {EndpointSlice, KubeProxyConfiguration, Node, Service} from '../api/types.js';
import type {SimClock} from '../clock.js';
import {formatLogEntry, logVerbosity, type LogEntry, type LogFormat} from './log.js';
import {localDetector, type DetectLocalMode} from './local-detector.js';
import {syncKernelRules, syncProxyRules, type ProxierConfig, type SyncResult} from './iptables/proxier.js';
import {IptablesParseError} from '../iptables/parse.js';
import {nodeRuleset, nodeRulesetOf} from '../iptables/node-baseline.js';
import type {Ruleset} from '../iptables/rule.js';
import {servicePortInfos, type IPFamily} from './service-port.js';
import {cidrContains, indexedIP, parseCIDR} from '../net/cidr.js';
import {subnetTooSmall} from '../cni/host-local-range.js';
import {syncNftablesRules, type NftablesProxierConfig, type NftablesSyncResult} from './nftables/proxier.js';

export interface KubeProxyOptions {
	node: Node;
	config: KubeProxyConfiguration | undefined;
	family?: IPFamily;
	clock: SimClock;
	/** `--proxy-mode`: overrides the configuration's mode, as the flag does on a real kube-proxy. */
	mode?: ProxyMode;
	/** The cluster's ServiceCIDRs (the nftables proxier drops traffic to unallocated ClusterIPs in them). */
	serviceCIDRs?: string[];
}

export type ProxyMode = 'iptables' | 'nftables';

/** The proxier a configuration chooses: `mode: nftables`, else iptables (Linux's default for an empty mode). */
export function proxyModeOf(config: KubeProxyConfiguration | undefined): ProxyMode {
	return config?.mode === 'nftables' ? 'nftables' : 'iptables';
}

export const DEFAULT_MASQUERADE_BIT = 14;

export class KubeProxy {
	readonly nodeName: string;
	private readonly proxierConfig: ProxierConfig;
	private readonly logEntries: LogEntry[] = [];
	/** servicePort text per port name, to tell adds from updates and to log removals. */
	private readonly knownPorts = new Map<string, Map<string, string>>();
	private cached: SyncResult | undefined;
	private cachedNft: NftablesSyncResult | undefined;
	readonly mode: ProxyMode;
	private cachedRuleset: Ruleset | undefined;

	constructor(
		private readonly options: KubeProxyOptions,
		private readonly source: {services(): readonly Service[]; endpointSlices(): readonly EndpointSlice[]},
	) {
		const {node, config} = options;
		this.nodeName = node.metadata.name;
		this.mode = options.mode ?? proxyModeOf(config);
		this.proxierConfig = proxierConfigFor(node, config, options.family ?? 'IPv4', this.mode);
		this.log(this.mode === 'nftables' ? {event: 'startup', mode: 'nftables'} : {event: 'startup'});
		// route_localnet is the iptables proxier's (localhost NodePorts); nftables mode has none.
		if (this.mode === 'iptables' && this.proxierConfig.localhostNodePorts && this.proxierConfig.family === 'IPv4') this.log({event: 'route-localnet'});
	}

	get config(): ProxierConfig {
		return this.proxierConfig;
	}

	/** This node's kube-proxy as if started with `--proxy-mode MODE` (itself when it already runs that mode). */
	withMode(mode: ProxyMode): KubeProxy {
		return mode === this.mode ? this : new KubeProxy({...this.options, mode}, this.source);
	}

	/** Called for every Service change the watch delivers; `service` is undefined on delete. */
	onServiceChange(key: string, service: Service | undefined): void {
		this.forget();
		const before = this.knownPorts.get(key) ?? new Map<string, string>();
		const after = new Map<string, string>();
		if (service) {
			for (const info of servicePortInfos(service, this.proxierConfig.family)) {
				after.set(info.nameString, `${info.clusterIP}:${info.port}/${info.protocol.toUpperCase()}`);
			}
		}
		for (const [portName, servicePort] of after) {
			const previous = before.get(portName);
			if (previous === undefined) this.log({event: 'add', portName, servicePort});
			else if (previous !== servicePort) this.log({event: 'update', portName, servicePort});
		}
		for (const portName of before.keys()) if (!after.has(portName)) this.log({event: 'remove', portName});
		if (after.size > 0) this.knownPorts.set(key, after);
		else this.knownPorts.delete(key);
	}

	onEndpointSliceChange(): void {
		this.forget();
	}

	private forget(): void {
		this.cached = undefined;
		this.cachedNft = undefined;
		this.cachedRuleset = undefined;
	}

	/** The nftables proxier's full sync against the current state: the `ip kube-proxy` table. */
	nftSync(): NftablesSyncResult {
		const family = this.proxierConfig.family;
		const config: NftablesProxierConfig = {
			...this.proxierConfig,
			serviceCIDRs: (this.options.serviceCIDRs ?? []).filter((c) => c.includes(':') === (family === 'IPv6')),
		};
		this.cachedNft ??= syncNftablesRules(config, this.source.services(), this.source.endpointSlices());
		return this.cachedNft;
	}

	/** The result of a full sync against the current state. */
	sync(): SyncResult {
		this.cached ??= syncProxyRules(this.proxierConfig, this.source.services(), this.source.endpointSlices());
		return this.cached;
	}

	/**
	 * The node's rule set after that sync: kubelet's and kube-proxy's baseline with the sync applied
	 * by `iptables-restore --noflush`. Equal to nodeRuleset(sync().restore), built without writing
	 * the text and reading it back. If iptables-restore would refuse the input, the text is read
	 * after all, so the error names its line as the real one does.
	 */
	ruleset(): Ruleset {
		if (this.cachedRuleset === undefined) {
			try {
				this.cachedRuleset = nodeRulesetOf(syncKernelRules(this.proxierConfig, this.source.services(), this.source.endpointSlices()).tables);
			} catch (error) {
				if (!(error instanceof IptablesParseError)) throw error;
				this.cachedRuleset = nodeRuleset(this.sync().restore);
			}
		}
		return this.cachedRuleset;
	}

	logLines(format: LogFormat = 'current'): string[] {
		return this.logEntries.flatMap((entry) => formatLogEntry(entry, format) ?? []);
	}

	/** The current-format lines a kube-proxy run with --v=verbosity prints (kubeadm's runs at 0). */
	logLinesAt(verbosity: number): string[] {
		return this.logEntries.flatMap((entry) => (logVerbosity(entry) <= verbosity ? (formatLogEntry(entry, 'current') ?? []) : []));
	}

	private log(entry: Omit<LogEntry, 'time' | 'micros'>): void {
		const {date, micros} = this.options.clock.nowMicros();
		this.logEntries.push({...entry, time: date, micros});
		this.options.clock.advance(0, 173);
	}
}

/** kube-proxy's settings for this node, with its defaults where the configuration says nothing. */
export function proxierConfigFor(node: Node, config: KubeProxyConfiguration | undefined, family: IPFamily, proxyMode: ProxyMode = 'iptables'): ProxierConfig {
	const internalIPs = node.status.addresses.filter((a) => a.type === 'InternalIP').map((a) => a.address);
	const sameFamily = (ip: string): boolean => ip.includes(':') === (family === 'IPv6');
	const podCIDR = (node.spec.podCIDRs ?? (node.spec.podCIDR ? [node.spec.podCIDR] : [])).find(sameFamily);
	const loopback = family === 'IPv6' ? '::1' : '127.0.0.1';
	// The CNI bridge (cni0) holds the first address of the node's pod CIDR, which host-local gives
	// it with the first Pod: never, on a pod CIDR host-local refuses.
	const bridgeIP = podCIDR && family === 'IPv4' && subnetTooSmall(parseCIDR(podCIDR)) === undefined ? indexedIP(podCIDR, 1) : undefined;
	const mode = (config?.detectLocalMode || 'ClusterCIDR') as DetectLocalMode;
	const clusterCIDR = (config?.clusterCIDR ?? '').split(',').map((c) => c.trim()).find((c) => c !== '' && sameFamily(c));
	// In nftables mode an empty nodePortAddresses means `primary` (server_linux.go platformApplyDefaults).
	const configured = config?.nodePortAddresses ?? [];
	const nodePortAddresses = proxyMode === 'nftables' && configured.length === 0 ? ['primary'] : configured;
	return {
		nodeName: node.metadata.name,
		family,
		// Interface order on a node: lo, then the primary NIC, then the CNI bridge.
		nodeInterfaceIPs: [loopback, ...internalIPs.filter(sameFamily), ...(bridgeIP ? [bridgeIP] : [])],
		nodeIP: internalIPs.find(sameFamily),
		// The nftables proxier reads nftables.masqueradeBit (not modelled: its default, 14), never iptables'.
		masqueradeBit: proxyMode === 'nftables' ? DEFAULT_MASQUERADE_BIT : (config?.iptables?.masqueradeBit ?? DEFAULT_MASQUERADE_BIT),
		masqueradeAll: config?.iptables?.masqueradeAll ?? false,
		// NewProxier turns localhostNodePorts off unless nodePortAddresses (filtered to the family;
		// none means 0.0.0.0/0) holds 127.0.0.1, so IPv6 never has it and neither does `primary`
		// (the node's own IP): no route_localnet, no KUBE-FIREWALL rule, no localhost NodePort rules.
		localhostNodePorts: (config?.iptables?.localhostNodePorts ?? true) && family === 'IPv4' && containsIPv4Loopback(nodePortAddresses),
		nodePortAddresses,
		localDetector: localDetector(mode, clusterCIDR, podCIDR, config?.detectLocal),
		// kube-proxy sets nf_conntrack_tcp_be_liberal from conntrack.tcpBeLiberal at startup, and the
		// proxier, finding it set, writes no DROP rule for INVALID packets.
		conntrackTCPLiberal: config?.conntrack?.tcpBeLiberal ?? false,
	};
}

/** proxyutil's NodePortAddresses.ContainsIPv4Loopback for the IPv4 proxier. */
function containsIPv4Loopback(nodePortAddresses: readonly string[]): boolean {
	const cidrs = nodePortAddresses.filter((c) => c !== 'primary' && !c.includes(':'));
	if (cidrs.length === 0) return !nodePortAddresses.includes('primary');
	return cidrs.some((c) => {
		try {
			return cidrContains(c, '127.0.0.0') || parseCIDR(c).network >> 24n === 127n;
		} catch {
			return false;
		}
	});
}
