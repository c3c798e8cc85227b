// A node's network as `ip addr`, `ip link` and `ip route` show it on a flannel (vxlan) node: lo;
// eth0 with the node's InternalIP on the node network; flannel.1, the VXLAN device, with the
// node's pod network address as a /32; cni0, the bridge flannel's CNI config creates at the first
// Pod, with the first address of the node's pod CIDR; one veth per Pod on the Pod network, enslaved
// to cni0, its peer being the Pod's eth0. Routes: the default via the gateway, the node network on
// eth0, the local pod CIDR on cni0, every other node's pod CIDR via its flannel.1 address, onlink.
// And a Pod's own view (kubectl exec … ip addr / ip route / cat /etc/resolv.conf).
import type {Pod} from '../api/types.js';
import type {Cluster} from '../cluster/cluster.js';
import {indexedIP, parseCIDR} from '../net/cidr.js';
import {hexId, linkLocalFromMac, macAddress, uuidFrom} from './ids.js';
import {nodePods} from './containers.js';

export interface InterfaceAddress {
	family: 'inet' | 'inet6';
	address: string;
	prefix: number;
	/** IPv4 broadcast (`brd`), when the kernel sets one. */
	broadcast?: string;
	scope: 'host' | 'global' | 'link';
}

export interface NetInterface {
	index: number;
	name: string;
	/** For a veth: the peer's index in the other namespace (`veth1234abcd@if2`). */
	peerIndex?: number;
	flags: string[];
	mtu: number;
	qdisc: string;
	/** The bridge a port belongs to (`master cni0`). */
	master?: string;
	state: 'UP' | 'DOWN' | 'UNKNOWN';
	qlen?: number;
	linkType: 'loopback' | 'ether';
	mac: string;
	brd: string;
	/** For a veth: the namespace of its peer (`link-netns cni-…`). */
	linkNetns?: string;
	addresses: InterfaceAddress[];
	/** The Pod a veth leads to (not shown by ip; for tools that want to say). */
	pod?: {namespace: string; name: string};
}

export interface Route {
	/** `default` or a CIDR. */
	dst: string;
	via?: string;
	dev: string;
	proto?: 'kernel' | 'dhcp' | 'static';
	scope?: 'link' | 'host';
	src?: string;
	metric?: number;
	onlink?: boolean;
}

const UP = ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'];

function internalIP(cluster: Cluster, node: string): string | undefined {
	return cluster.api.peekOne('Node', node)?.status.addresses.find((a) => a.type === 'InternalIP')?.address;
}

function broadcastOf(cidr: string): string {
	const c = parseCIDR(cidr);
	const size = 2 ** (32 - c.prefix);
	return indexedIP(cidr, size - 1);
}

/** The node's interfaces in ifindex order. */
export function nodeInterfaces(cluster: Cluster, node: string): NetInterface[] {
	const hosts = cluster.hosts;
	const seed = hosts?.settings.seed ?? 0;
	const ip = internalIP(cluster, node);
	const nodeNetwork = hosts?.settings.nodeNetwork;
	const prefix = nodeNetwork ? parseCIDR(nodeNetwork).prefix : 24;
	const podCIDR = cluster.api.peekOne('Node', node)?.spec.podCIDR;
	const out: NetInterface[] = [
		{
			index: 1,
			name: 'lo',
			flags: ['LOOPBACK', 'UP', 'LOWER_UP'],
			mtu: 65536,
			qdisc: 'noqueue',
			state: 'UNKNOWN',
			qlen: 1000,
			linkType: 'loopback',
			mac: '00:00:00:00:00:00',
			brd: '00:00:00:00:00:00',
			addresses: [
				{family: 'inet', address: '127.0.0.1', prefix: 8, scope: 'host'},
				{family: 'inet6', address: '::1', prefix: 128, scope: 'host'},
			],
		},
	];
	const ethMac = macAddress(seed, `${node}/eth0`);
	out.push({
		index: 2,
		name: 'eth0',
		flags: UP,
		mtu: 1500,
		qdisc: 'fq_codel',
		state: 'UP',
		qlen: 1000,
		linkType: 'ether',
		mac: ethMac,
		brd: 'ff:ff:ff:ff:ff:ff',
		addresses: [
			...(ip ? [{family: 'inet' as const, address: ip, prefix, broadcast: nodeNetwork ? broadcastOf(nodeNetwork) : undefined, scope: 'global' as const}] : []).map(dropUndefined),
			{family: 'inet6', address: linkLocalFromMac(ethMac), prefix: 64, scope: 'link'},
		],
	});
	if (!podCIDR) return out;
	const flannelMac = macAddress(seed, `${node}/flannel.1`);
	out.push({
		index: 3,
		name: 'flannel.1',
		flags: UP,
		mtu: 1450,
		qdisc: 'noqueue',
		state: 'UNKNOWN',
		linkType: 'ether',
		mac: flannelMac,
		brd: 'ff:ff:ff:ff:ff:ff',
		addresses: [
			{family: 'inet', address: indexedIP(podCIDR, 0), prefix: 32, scope: 'global'},
			{family: 'inet6', address: linkLocalFromMac(flannelMac), prefix: 64, scope: 'link'},
		],
	});
	const podNetworkPods = nodePods(cluster, node).filter((p) => !p.pod.spec.hostNetwork && p.pod.status.podIP !== undefined);
	if (podNetworkPods.length === 0) return out;
	const bridgeMac = macAddress(seed, `${node}/cni0`);
	out.push({
		index: 4,
		name: 'cni0',
		flags: UP,
		mtu: 1450,
		qdisc: 'noqueue',
		state: 'UP',
		qlen: 1000,
		linkType: 'ether',
		mac: bridgeMac,
		brd: 'ff:ff:ff:ff:ff:ff',
		addresses: [
			{family: 'inet', address: indexedIP(podCIDR, 1), prefix: parseCIDR(podCIDR).prefix, broadcast: broadcastOf(podCIDR), scope: 'global'},
			{family: 'inet6', address: linkLocalFromMac(bridgeMac), prefix: 64, scope: 'link'},
		],
	});
	[...podNetworkPods]
		.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
		.forEach(({pod, uid}, i) => {
			const mac = macAddress(seed, `veth/${uid}`);
			out.push({
				index: 5 + i,
				name: vethName(seed, uid),
				peerIndex: 2,
				flags: UP,
				mtu: 1450,
				qdisc: 'noqueue',
				master: 'cni0',
				state: 'UP',
				linkType: 'ether',
				mac,
				brd: 'ff:ff:ff:ff:ff:ff',
				linkNetns: `cni-${uuidFrom(seed, `netns/${uid}`)}`,
				addresses: [{family: 'inet6', address: linkLocalFromMac(mac), prefix: 64, scope: 'link'}],
				pod: {namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name},
			});
		});
	return out;
}

function dropUndefined(a: {family: 'inet'; address: string; prefix: number; broadcast: string | undefined; scope: 'global'}): InterfaceAddress {
	return a.broadcast === undefined ? {family: a.family, address: a.address, prefix: a.prefix, scope: a.scope} : {family: a.family, address: a.address, prefix: a.prefix, broadcast: a.broadcast, scope: a.scope};
}

/** The CNI bridge plugin names a Pod's host-side veth `veth` and eight hex digits. */
export function vethName(seed: number, podUID: string): string {
	return `veth${hexId(seed, `veth/${podUID}`, 8)}`;
}

function ipValue(cidrOrIP: string): number {
	const [ip] = cidrOrIP.split('/');
	return ip!.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

/** The main routing table as `ip route` prints it: default first, then by destination. */
export function nodeRoutes(cluster: Cluster, node: string): Route[] {
	const hosts = cluster.hosts;
	const ip = internalIP(cluster, node);
	const routes: Route[] = [];
	if (hosts) routes.push({dst: 'default', via: hosts.settings.gateway, dev: 'eth0'});
	const interfaces = nodeInterfaces(cluster, node);
	const self = cluster.api.peekOne('Node', node);
	const podCIDR = self?.spec.podCIDR;
	const more: Route[] = [];
	if (podCIDR && interfaces.some((i) => i.name === 'cni0')) more.push({dst: podCIDR, dev: 'cni0', proto: 'kernel', scope: 'link', src: indexedIP(podCIDR, 1)});
	if (podCIDR) {
		for (const other of cluster.api.peek('Node')) {
			const cidr = other.spec.podCIDR;
			if (other.metadata.name === node || !cidr) continue;
			more.push({dst: cidr, via: indexedIP(cidr, 0), dev: 'flannel.1', onlink: true});
		}
	}
	if (hosts && ip) more.push({dst: hosts.settings.nodeNetwork, dev: 'eth0', proto: 'kernel', scope: 'link', src: ip});
	more.sort((a, b) => ipValue(a.dst) - ipValue(b.dst) || Number(a.dst.split('/')[1]) - Number(b.dst.split('/')[1]));
	return [...routes, ...more];
}

/** A Pod's own network namespace: lo and eth0 (the veth's peer), for `kubectl exec POD -- ip addr`. */
export function podInterfaces(cluster: Cluster, pod: Pod): NetInterface[] {
	const node = pod.spec.nodeName;
	if (!node) return [];
	if (pod.spec.hostNetwork) return nodeInterfaces(cluster, node);
	const seed = cluster.hosts?.settings.seed ?? 0;
	const host = nodeInterfaces(cluster, node).find((i) => i.pod?.name === pod.metadata.name && i.pod.namespace === (pod.metadata.namespace ?? 'default'));
	const podCIDR = cluster.api.peekOne('Node', node)?.spec.podCIDR;
	const ip = pod.status.podIP;
	const mac = macAddress(seed, `pod-eth0/${pod.metadata.uid}`);
	return [
		{index: 1, name: 'lo', flags: ['LOOPBACK', 'UP', 'LOWER_UP'], mtu: 65536, qdisc: 'noqueue', state: 'UNKNOWN', qlen: 1000, linkType: 'loopback', mac: '00:00:00:00:00:00', brd: '00:00:00:00:00:00', addresses: [{family: 'inet', address: '127.0.0.1', prefix: 8, scope: 'host'}, {family: 'inet6', address: '::1', prefix: 128, scope: 'host'}]},
		{
			index: 2,
			name: 'eth0',
			...(host ? {peerIndex: host.index} : {}),
			flags: UP,
			mtu: 1450,
			qdisc: 'noqueue',
			state: 'UP',
			linkType: 'ether',
			mac,
			brd: 'ff:ff:ff:ff:ff:ff',
			addresses: [
				...(ip && podCIDR ? [{family: 'inet' as const, address: ip, prefix: parseCIDR(podCIDR).prefix, broadcast: broadcastOf(podCIDR), scope: 'global' as const}] : []),
				{family: 'inet6', address: linkLocalFromMac(mac), prefix: 64, scope: 'link'},
			],
		},
	];
}

/**
 * A Pod's routes as flannel's CNI config sets them up: the bridge plugin's default route via
 * cni0's address (isDefaultGateway), host-local's route to the whole flannel network, and the
 * kernel's route for the Pod's subnet.
 */
export function podRoutes(cluster: Cluster, pod: Pod): Route[] {
	const node = pod.spec.nodeName;
	if (!node) return [];
	if (pod.spec.hostNetwork) return nodeRoutes(cluster, node);
	const podCIDR = cluster.api.peekOne('Node', node)?.spec.podCIDR;
	const ip = pod.status.podIP;
	if (!podCIDR || !ip) return [];
	const gateway = indexedIP(podCIDR, 1);
	const routes: Route[] = [{dst: 'default', via: gateway, dev: 'eth0'}];
	const network = cluster.clusterCIDR;
	if (network) routes.push({dst: network, via: gateway, dev: 'eth0'});
	routes.push({dst: podCIDR, dev: 'eth0', proto: 'kernel', scope: 'link', src: ip});
	return routes;
}

/** A Pod's /etc/resolv.conf as the kubelet writes it for dnsPolicy ClusterFirst (hostNetwork and dnsPolicy Default Pods get the node's). */
export function podResolvConf(cluster: Cluster, pod: Pod): string {
	const domain = cluster.hosts?.settings.dnsDomain ?? 'cluster.local';
	const ns = pod.metadata.namespace ?? 'default';
	const policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
	if (policy === 'Default' || (pod.spec.hostNetwork && policy !== 'ClusterFirstWithHostNet')) {
		// The kubelet's --resolv-conf, /run/systemd/resolve/resolv.conf: the uplink nameserver, its root search domain dropped.
		return `nameserver ${cluster.hosts?.settings.gateway ?? '127.0.0.53'}\n`;
	}
	const dns = cluster.api.peekOne('Service', 'kube-dns', 'kube-system')?.spec.clusterIP ?? indexedIP(cluster.serviceClusterIPRange, 10);
	return `search ${ns}.svc.${domain} svc.${domain} ${domain}\nnameserver ${dns}\noptions ndots:5\n`;
}
