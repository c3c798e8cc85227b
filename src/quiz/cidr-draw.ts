// CIDR blocks for the arithmetic questions: the cluster's own ranges, the defaults examinees meet
// (kubeadm, kube-apiserver, flannel, weave, calico), or a seeded private block, so each seed
// practises a new block while the lesson's own ranges still come up.
import type {Cluster} from '../sim/cluster/cluster.js';
import {cidrLast, formatCIDR, tryParseCIDR} from '../sim/net/cidr.js';
import {formatIPv4} from '../sim/net/ipv4.js';
import type {Random} from '../sim/random.js';
import {QuizError} from './types.js';

export interface Block {
	cidr: string;
	prefix: number;
	/** Network and last (broadcast) address as unsigned 32-bit numbers. */
	first: number;
	last: number;
	/** What it is, when it is a known range ("kubeadm's Service range"); shown in the prompt. */
	what?: string;
}

export const WELL_KNOWN: ReadonlyArray<{cidr: string; what: string; of: 'Services' | 'Pods'}> = [
	{cidr: '10.96.0.0/12', what: "kubeadm's Service range", of: 'Services'},
	{cidr: '10.0.0.0/24', what: "kube-apiserver's fallback Service range", of: 'Services'},
	{cidr: '10.244.0.0/16', what: "flannel's Pod network", of: 'Pods'},
	{cidr: '10.32.0.0/12', what: "weave's Pod network", of: 'Pods'},
	{cidr: '192.168.0.0/16', what: "calico's Pod network", of: 'Pods'},
];

const PRIVATE_BASES: ReadonlyArray<{network: number; prefix: number}> = [
	{network: 0x0a000000, prefix: 8},
	{network: 0xac100000, prefix: 12},
	{network: 0xc0a80000, prefix: 16},
];

/** An IPv4 block from a lesson param or a generator; host bits are cleared, as Kubernetes does. */
export function block(cidr: string, what?: string): Block {
	const parsed = tryParseCIDR(cidr.trim());
	if (!parsed.ok) throw new QuizError(`not a CIDR block: ${parsed.error.message}`);
	if (parsed.value.family !== 'IPv4') throw new QuizError(`only IPv4 blocks are asked about, not ${cidr}`);
	const first = Number(parsed.value.network);
	return {cidr: formatCIDR(parsed.value), prefix: parsed.value.prefix, first, last: Number(cidrLast(parsed.value)), ...(what ? {what} : {})};
}

export function blockOf(first: number, prefix: number): Block {
	return block(`${formatIPv4(first)}/${prefix}`);
}

/** A seeded block inside the private ranges (10/8, 172.16/12, 192.168/16) with a prefix in [min, max]. */
export function randomBlock(random: Random, minPrefix: number, maxPrefix: number): Block {
	const prefix = minPrefix + random.int(maxPrefix - minPrefix + 1);
	const bases = PRIVATE_BASES.filter((b) => b.prefix <= prefix);
	const base = random.pick(bases.length > 0 ? bases : PRIVATE_BASES);
	const count = 2 ** (prefix - base.prefix);
	const network = base.network + random.int(count) * 2 ** (32 - prefix);
	return blockOf(network, prefix);
}

/** The cluster's own ranges and the well-known ones, with a prefix in [min, max]. */
export function knownBlocks(cluster: Cluster, minPrefix: number, maxPrefix: number): Block[] {
	const own: Block[] = [block(cluster.serviceClusterIPRange, "this cluster's Service range")];
	if (cluster.clusterCIDR) own.push(block(cluster.clusterCIDR, "this cluster's Pod network"));
	const all = [...own, ...WELL_KNOWN.map((k) => block(k.cidr, k.what))];
	const byCIDR = new Map<string, Block>();
	for (const b of all) if (b.prefix >= minPrefix && b.prefix <= maxPrefix && !byCIDR.has(b.cidr)) byCIDR.set(b.cidr, b);
	return [...byCIDR.values()];
}

/** Half the time a known range, half the time a fresh seeded one. */
export function drawBlock(random: Random, cluster: Cluster, minPrefix: number, maxPrefix: number): Block {
	const known = knownBlocks(cluster, minPrefix, maxPrefix);
	if (known.length > 0 && random.next() < 0.5) return random.pick(known);
	return randomBlock(random, minPrefix, maxPrefix);
}

/**
 * A block to offer as --cluster-cidr: a known Pod network, or a seeded block that overlaps no
 * Service range (the cluster's own, kubeadm's 10.96.0.0/12, kube-apiserver's 10.0.0.0/24), since
 * a Pod network must never overlap the Service range.
 */
export function drawPodBlock(random: Random, cluster: Cluster, minPrefix: number, maxPrefix: number): Block {
	const services = [cluster.serviceClusterIPRange, ...WELL_KNOWN.filter((k) => k.of === 'Services').map((k) => k.cidr)].map((c) => block(c));
	const clear = (b: Block): boolean => services.every((s) => b.last < s.first || b.first > s.last);
	const own = cluster.clusterCIDR ? [block(cluster.clusterCIDR, "this cluster's Pod network")] : [];
	const known = [...own, ...WELL_KNOWN.filter((k) => k.of === 'Pods').map((k) => block(k.cidr, k.what))].filter(
		(b, i, all) => b.prefix >= minPrefix && b.prefix <= maxPrefix && clear(b) && all.findIndex((o) => o.cidr === b.cidr) === i,
	);
	if (known.length > 0 && random.next() < 0.5) return random.pick(known);
	for (let attempt = 0; attempt < 16; attempt++) {
		const b = randomBlock(random, minPrefix, maxPrefix);
		if (clear(b)) return b;
	}
	// 172.16.0.0/12 holds none of the Service ranges above; a block of it at the prefix asked for.
	const prefix = Math.max(minPrefix, 12);
	const fallback = blockOf(0xac100000, Math.min(prefix, maxPrefix));
	if (clear(fallback)) return fallback;
	throw new QuizError(`no Pod network from /${minPrefix} to /${maxPrefix} stays clear of the Service range ${cluster.serviceClusterIPRange}`);
}

export function ipText(n: number): string {
	return formatIPv4(n);
}

/** "10.96.0.0–10.111.255.255" */
export function spanText(b: {first: number; last: number}): string {
	return `${formatIPv4(b.first)}–${formatIPv4(b.last)}`;
}

/**
 * The octet where the prefix ends, worked out as the lessons do it: "octet 2: 96 = 0110 0000,
 * 4 bits fixed, so 96 … 111". Empty when the prefix ends on an octet boundary.
 */
export function octetLines(b: Block): string[] {
	const octet = Math.floor(b.prefix / 8);
	const fixed = b.prefix % 8;
	if (fixed === 0 || octet > 3) {
		const whole = b.prefix / 8;
		return [`/${b.prefix}: the first ${whole} octet${whole === 1 ? '' : 's'} are fixed, the rest run 0 … 255.`];
	}
	const value = Math.floor(b.first / 2 ** (8 * (3 - octet))) % 256;
	const top = value + 2 ** (8 - fixed) - 1;
	const bits = value.toString(2).padStart(8, '0');
	return [
		`/${b.prefix}: ${8 * octet} bits of whole octets plus ${fixed} of octet ${octet + 1}.`,
		`Octet ${octet + 1}: ${value} = ${bits.slice(0, 4)} ${bits.slice(4)}; ${fixed} bit${fixed === 1 ? '' : 's'} fixed, ${8 - fixed} free: ${value} … ${top}.`,
	];
}
