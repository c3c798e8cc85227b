// One TCP connection made from a node's shell or from inside a Pod (`curl`, `wget`, `nc -zv`), as
// the kernels on its way see it. The first packet is walked through each node it crosses with the
// packet tracer (nat only sees this one: its verdict is kept by conntrack), one of the tracer's
// branches being drawn by its probability; every later packet, both ways, is walked through the
// filter and mangle tables with its conntrack state ESTABLISHED. Each rule a packet matches counts
// it, each node gets its conntrack entry, as `iptables -L -v` and `conntrack -L` then show.
//
// The packets are those of a Linux client and server (TCP timestamps on, so a SYN is 60 bytes
// with its IP header, a bare ACK or FIN 52), measured in network namespaces (kernel 6.x) against a
// server that closes its side once the client has, in the usual order:
// - probe (`nc -z`: connect, then close at once): client SYN, ACK, FIN, ACK (4 packets, 216
//   bytes); server SYN-ACK, FIN (2, 112): the FIN carries the ACK of the client's. The client's
//   socket ends in TIME_WAIT.
// - http (`curl`/`wget` GET, one small response): client SYN, ACK, the request, the ACK of the
//   response, FIN, ACK (6); server SYN-ACK, the ACK of the request, the response, FIN (4): real
//   curl 7.88 against that server.
// - abort (connect, then close with SO_LINGER 0, as a port scanner does): client SYN, ACK, RST
//   (52 bytes, timestamps included); server SYN-ACK. No timer races: the kernel test holds the counters to it exactly.
//   The entry ends in CLOSE, assured (the handshake completed).
// The probe and http exchanges race: a server that closes at once saves the ACK of the client's
// FIN when its own FIN wins against the delayed-ACK timer, and loses it on a busy machine.
// - refused (nothing listens, the host resets): client SYN, server RST-ACK (40 bytes: no options); CLOSE.
// - unanswered (nobody at the address): the SYN and Linux's 6 retransmissions (tcp_syn_retries).
import type {Pod} from '../api/types.js';
import type {Cluster} from '../cluster/cluster.js';
import {cidrContains, indexedIP} from '../net/cidr.js';
import {nodeBaseline} from '../iptables/node-baseline.js';
import {toArray, type Branch} from '../netfilter/branch.js';
import {formatIPv4} from '../netfilter/ipv4.js';
import {traceBranches, type Entry} from '../netfilter/index.js';
import {nodeKernel} from './state.js';
import {TCP_TIMEOUTS, type TcpState} from './table.js';

export type Exchange =
	| {kind: 'probe'}
	| {kind: 'http'; requestBytes: number; responseBytes: number}
	/** Connect, then abort (SO_LINGER 0): the one exchange with no race in it. */
	| {kind: 'abort'};

export interface ConnectRequest {
	/** The Pod (`namespace/name`) the program runs in; without it, the node's own program. */
	pod?: string;
	/** The node whose shell runs the program (ignored with `pod`: a Pod's node is its own). */
	node?: string;
	to: {ip: string; port: number};
	exchange: Exchange;
}

export type ConnectResult =
	| {kind: 'open'; endpoint: string; owner: string; via: string; source: string}
	/** REJECT by a rule, or a reset from the host at the address. */
	| {kind: 'refused'; source: string}
	/** DROP by a rule, or nobody at the address. */
	| {kind: 'timeout'; source: string};

/** The connection cannot be made from there (an unknown Pod or node, a Pod without an IP). */
export class ConnectError extends Error {
	override readonly name = 'ConnectError';
}

const SYN = 60;
const ACK = 52;
const RST = 40;
const SYN_SENDS = 7;

/** Bytes of each packet of a connection that was answered: [client → server, server → client]. */
function packets(exchange: Exchange): [number[], number[]] {
	if (exchange.kind === 'probe') return [[SYN, ACK, ACK, ACK], [SYN, ACK]];
	// The RST of an established socket carries the timestamps option: 52 bytes, as an ACK.
	if (exchange.kind === 'abort') return [[SYN, ACK, ACK], [SYN]];
	return [
		[SYN, ACK, ACK + exchange.requestBytes, ACK, ACK, ACK],
		[SYN, ACK, ACK + exchange.responseBytes, ACK],
	];
}

/** curl 7.88's request line and headers (`GET / HTTP/1.1`, Host, User-Agent, Accept), in bytes. */
export function curlRequestBytes(hostHeader: string, path = '/'): number {
	return `GET ${path} HTTP/1.1\r\nHost: ${hostHeader}\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n`.length;
}

/** The answer the simulated servers give a GET: a 200 with a short body (the shell does not
 * model what each application serves): `HTTP/1.1 200 OK`, Content-Length, and 3 bytes. */
export const HTTP_RESPONSE_BYTES = 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n'.length;

interface Hop {
	node: string;
	localAddresses: string[];
	entry: Entry;
	src: string;
	dst: string;
	dport: number;
	branch: Branch;
	/** After this node's NAT. */
	outSrc: string;
	outDst: string;
	outDport: number;
}

const counts = new WeakMap<Cluster, number>();

export function connect(cluster: Cluster, request: ConnectRequest): ConnectResult {
	const n = (counts.get(cluster) ?? 0) + 1;
	counts.set(cluster, n);
	const random = cluster.random.fork(`connection/${n}`);
	// Linux picks an even local port in ip_local_port_range (32768–60999) for connect().
	const sport = 32768 + 2 * random.int(14116);
	const {from, node: firstNode, entry} = source(cluster, request);
	const hops: Hop[] = [];
	let node = firstNode;
	let at = {src: from, dst: request.to.ip, dport: request.to.port, entry};
	let verdict: 'delivered' | 'REJECT' | 'DROP' = 'delivered';
	for (let i = 0; i < 4; i++) {
		const localAddresses = localAddressesOf(cluster, node);
		const ruleset = cluster.kubeProxy(node)?.ruleset() ?? nodeBaseline();
		const branches = traceBranches({ruleset, entry: at.entry, packet: {src: at.src, sport, dst: at.dst, dport: at.dport, proto: 'tcp'}, localAddresses});
		const branch = draw(branches, random.next());
		const outDst = formatIPv4(branch.dst);
		const outSrc = branch.masquerade ? outgoingAddress(cluster, node, outDst) : at.src;
		hops.push({node, localAddresses, entry: at.entry, src: at.src, dst: at.dst, dport: at.dport, branch, outSrc, outDst, outDport: branch.dport});
		if (branch.end !== undefined) {
			verdict = branch.end.verdict;
			break;
		}
		if (localAddresses.includes(outDst) || outDst.startsWith('127.')) break;
		const next = nodeOwning(cluster, outDst);
		if (next === undefined || next === node) break;
		node = next;
		at = {src: outSrc, dst: outDst, dport: branch.dport, entry: 'PREROUTING'};
	}
	const last = hops[hops.length - 1]!;
	const endpoint = `${last.outDst}:${last.outDport}`;
	if (verdict !== 'delivered') {
		settle(cluster, hops, sport, verdict === 'REJECT' ? 'rejected' : 'dropped');
		return {kind: verdict === 'REJECT' ? 'refused' : 'timeout', source: from};
	}
	const listener = listenerAt(cluster, last.node, last.outDst, last.outDport);
	if (listener === 'nobody') {
		settle(cluster, hops, sport, 'unanswered');
		return {kind: 'timeout', source: from};
	}
	if (listener === 'closed') {
		settle(cluster, hops, sport, 'reset');
		return {kind: 'refused', source: from};
	}
	settle(cluster, hops, sport, request.exchange);
	const dnat = hops.find((h) => h.branch.dnatTo !== undefined);
	const sep = dnat === undefined ? undefined : toArray(dnat.branch.path).find((c) => c.startsWith('KUBE-SEP-'));
	const via = dnat === undefined ? 'no DNAT' : `DNAT by ${sep ?? 'kube-proxy'} on ${dnat.node}`;
	return {kind: 'open', endpoint, owner: listener, via, source: from};
}

type Ending = Exchange | 'reset' | 'unanswered' | 'rejected' | 'dropped';

/** Counts every packet on every node crossed and leaves each node its conntrack entry. */
function settle(cluster: Cluster, hops: Hop[], sport: number, ending: Ending): void {
	const expires = (state: TcpState): number => cluster.clock.now().getTime() + TCP_TIMEOUTS[state] * 1000;
	hops.forEach((hop, index) => {
		const kernel = nodeKernel(cluster, hop.node);
		const ruleset = cluster.kubeProxy(hop.node)?.ruleset() ?? nodeBaseline();
		const stoppedHere = index === hops.length - 1 && (ending === 'rejected' || ending === 'dropped');
		// The first SYN, and for a DROP its retransmissions: a dropped packet's conntrack entry is
		// never confirmed, so each one is NEW again and meets nat too.
		const firsts = ending === 'dropped' && stoppedHere ? SYN_SENDS : 1;
		for (let i = 0; i < firsts; i++) kernel.counters.countBranch(hop.branch, SYN);
		if (stoppedHere) return;
		const later = (entry: Entry, from: string, fromPort: number, to: string, toPort: number, state: 'NEW' | 'ESTABLISHED'): Branch =>
			draw(
				traceBranches(
					{ruleset, entry, packet: {src: from, sport: fromPort, dst: to, dport: toPort, proto: 'tcp'}, localAddresses: hop.localAddresses},
					{established: true, state, dnat: hop.branch.ctDnat},
				),
				0,
			);
		const original = {src: hop.src, dst: hop.dst, sport, dport: hop.dport};
		const reply = {src: hop.outDst, dst: hop.outSrc, sport: hop.outDport, dport: sport};
		if (ending === 'unanswered' || ending === 'rejected' || ending === 'dropped') {
			// Retransmitted SYNs follow the confirmed entry: no nat, still NEW. (A REJECT's ICMP error
			// is not counted; a DROP further on leaves these nodes waiting like a silent host.)
			const retries = ending === 'rejected' ? 0 : SYN_SENDS - 1;
			if (retries > 0) {
				const b = later(hop.entry, hop.src, sport, hop.outDst, hop.outDport, 'NEW');
				for (let i = 0; i < retries; i++) kernel.counters.countBranch(b, SYN);
			}
			kernel.conntrack.add({proto: 'tcp', state: 'SYN_SENT', original, reply, assured: false, unreplied: true, expiresAt: expires('SYN_SENT')});
			return;
		}
		// Replies come from the endpoint: sent by this node itself when it is the endpoint.
		const backEntry: Entry = hop.localAddresses.includes(hop.outDst) || hop.outDst.startsWith('127.') ? 'OUTPUT' : 'PREROUTING';
		const forth = later(hop.entry, hop.src, sport, hop.outDst, hop.outDport, 'ESTABLISHED');
		const back = later(backEntry, hop.outDst, hop.outDport, hop.src, sport, 'ESTABLISHED');
		if (ending === 'reset') {
			kernel.counters.countBranch(back, RST);
			kernel.conntrack.add({proto: 'tcp', state: 'CLOSE', original, reply, assured: false, unreplied: false, expiresAt: expires('CLOSE')});
			return;
		}
		const [clientBytes, serverBytes] = packets(ending);
		for (const bytes of clientBytes.slice(1)) kernel.counters.countBranch(forth, bytes);
		for (const bytes of serverBytes) kernel.counters.countBranch(back, bytes);
		const state: TcpState = ending.kind === 'abort' ? 'CLOSE' : 'TIME_WAIT';
		kernel.conntrack.add({proto: 'tcp', state, original, reply, assured: true, unreplied: false, expiresAt: expires(state)});
	});
}

/** One branch by its probability (`roll` in [0, 1)), in the tracer's rule order. */
function draw(branches: Branch[], roll: number): Branch {
	const sorted = [...branches].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
	let acc = 0;
	return sorted.find((b) => (acc += b.probability) > roll) ?? sorted[sorted.length - 1]!;
}

function source(cluster: Cluster, request: ConnectRequest): {from: string; node: string; entry: Entry} {
	if (request.pod !== undefined) {
		const [namespace, name] = request.pod.includes('/') ? request.pod.split('/', 2) : ['default', request.pod];
		const pod: Pod | undefined = cluster.api.peekOne('Pod', name!, namespace);
		if (pod === undefined) throw new ConnectError(`no Pod ${request.pod}`);
		if (!pod.status.podIP || !pod.spec.nodeName) throw new ConnectError(`Pod ${request.pod} is not running`);
		if (pod.spec.hostNetwork) return {from: sourceAddress(cluster, pod.spec.nodeName, request.to.ip), node: pod.spec.nodeName, entry: 'OUTPUT'};
		return {from: pod.status.podIP, node: pod.spec.nodeName, entry: 'PREROUTING'};
	}
	const node = request.node;
	if (node === undefined || cluster.api.peekOne('Node', node) === undefined) throw new ConnectError(`no node ${node ?? '(none given)'}`);
	return {from: sourceAddress(cluster, node, request.to.ip), node, entry: 'OUTPUT'};
}

function internalIP(cluster: Cluster, node: string): string | undefined {
	return cluster.api.peekOne('Node', node)?.status.addresses.find((a) => a.type === 'InternalIP')?.address;
}

/** The addresses the node's kube-proxy counts as its own (what `addrtype LOCAL` matches). */
function localAddressesOf(cluster: Cluster, node: string): string[] {
	const ip = internalIP(cluster, node);
	const podCIDR = cluster.api.peekOne('Node', node)?.spec.podCIDR;
	// kube-proxy's list (lo, eth0, cni0), and flannel.1's address, which is the node's too.
	const addresses = cluster.kubeProxy(node)?.config.nodeInterfaceIPs ?? ['127.0.0.1', ...(ip ? [ip] : [])];
	return podCIDR ? [...addresses, indexedIP(podCIDR, 0)] : addresses;
}

/** The source address a node's socket gets for a destination: the route's preferred source
 * (cni0's for the node's own Pods, flannel.1's for other nodes' Pods, eth0's otherwise). */
function sourceAddress(cluster: Cluster, node: string, dst: string): string {
	if (dst.startsWith('127.')) return '127.0.0.1';
	return outgoingAddress(cluster, node, dst);
}

/** MASQUERADE's choice, the address of the interface the packet leaves by. */
function outgoingAddress(cluster: Cluster, node: string, dst: string): string {
	const own = cluster.api.peekOne('Node', node)?.spec.podCIDR;
	if (own && cidrContains(own, dst)) return indexedIP(own, 1);
	const owner = cluster.nodes().find((n) => n.spec.podCIDR && n.metadata.name !== node && cidrContains(n.spec.podCIDR, dst));
	if (own && owner) return indexedIP(own, 0);
	return internalIP(cluster, node) ?? '0.0.0.0';
}

/** The node a packet for `ip` goes to next: the one whose Pods or InternalIP it is. */
function nodeOwning(cluster: Cluster, ip: string): string | undefined {
	for (const n of cluster.nodes()) {
		if (n.status.addresses.some((a) => a.address === ip)) return n.metadata.name;
		if (n.spec.podCIDR && cidrContains(n.spec.podCIDR, ip)) return n.metadata.name;
	}
	return undefined;
}

/** Who answers at ip:port: a Pod whose container declares the port, a node's API server (6443)
 * or hostNetwork Pod; 'closed' when the host is there but nothing listens (it resets), 'nobody'
 * when no host has the address. */
function listenerAt(cluster: Cluster, node: string, ip: string, port: number): string | 'closed' | 'nobody' {
	const pods = cluster.api.peek('Pod');
	const pod = pods.find((p) => p.status.podIP === ip && !p.spec.hostNetwork);
	if (pod) {
		const listens = pod.spec.containers.some((c) => (c.ports ?? []).some((cp) => cp.containerPort === port));
		return listens ? `Pod ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}` : 'closed';
	}
	const host = ip.startsWith('127.') ? node : cluster.nodes().find((n) => n.status.addresses.some((a) => a.address === ip))?.metadata.name;
	if (host === undefined) return 'nobody';
	const hostPod = pods.find((p) => p.spec.hostNetwork && p.spec.nodeName === host && p.spec.containers.some((c) => (c.ports ?? []).some((cp) => cp.containerPort === port)));
	const apiserver = port === 6443 && pods.some((p) => p.spec.nodeName === host && p.metadata.name.startsWith('kube-apiserver'));
	if (apiserver || hostPod) return `node ${host}`;
	return 'closed';
}
