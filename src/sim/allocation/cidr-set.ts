// The set of equal subnets kube-controller-manager hands out as node pod CIDRs
// (pkg/controller/nodeipam/ipam/cidrset). It does not return the lowest free subnet: it continues
// after the last one it handed out and wraps around, so a subnet freed by a deleted node is reused
// only once the ones after it have been used.
import {formatCIDR, cidrLast, type CIDR} from '../net/cidr.js';

export const NO_CIDRS_REMAINING =
	'CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range';

export class CIDRSet {
	readonly count: number;
	readonly #cluster: CIDR;
	readonly #maskSize: number;
	readonly #used = new Set<number>();
	#nextCandidate = 0;

	/** The caller checks that maskSize fits the cluster CIDR and that the count is manageable. */
	constructor(cluster: CIDR, maskSize: number) {
		this.#cluster = cluster;
		this.#maskSize = maskSize;
		this.count = 2 ** (maskSize - cluster.prefix);
	}

	get used(): number {
		return this.#used.size;
	}

	subnet(index: number): string {
		const network = this.#cluster.network + (BigInt(index) << BigInt(this.#cluster.bits - this.#maskSize));
		return formatCIDR({...this.#cluster, prefix: this.#maskSize, ip: network, network});
	}

	/** Index of the subnet holding an address of the cluster CIDR. */
	#index(address: bigint): number {
		return Number((address - this.#cluster.network) >> BigInt(this.#cluster.bits - this.#maskSize));
	}

	allocateNext(): {ok: true; cidr: string} | {ok: false; error: string} {
		for (let i = 0; i < this.count; i++) {
			const candidate = (this.#nextCandidate + i) % this.count;
			if (!this.#used.has(candidate)) {
				this.#nextCandidate = (candidate + 1) % this.count;
				this.#used.add(candidate);
				return {ok: true, cidr: this.subnet(candidate)};
			}
		}
		return {ok: false, error: NO_CIDRS_REMAINING};
	}

	/**
	 * Mark every subnet that overlaps `block` (a node's existing pod CIDR, or the Service CIDR that
	 * must not be handed to nodes) as used or as free. A block that covers the whole cluster CIDR
	 * covers every subnet. Returns false when the block does not overlap the cluster CIDR.
	 */
	#mark(block: CIDR, used: boolean): boolean {
		const cluster = this.#cluster;
		if (block.family !== cluster.family) return false;
		const lo = block.network > cluster.network ? block.network : cluster.network;
		const blockLast = cidrLast(block);
		const clusterLast = cidrLast(cluster);
		const hi = blockLast < clusterLast ? blockLast : clusterLast;
		if (lo > hi) return false;
		for (let i = this.#index(lo); i <= this.#index(hi); i++) {
			if (used) this.#used.add(i);
			else this.#used.delete(i);
		}
		return true;
	}

	occupy(block: CIDR): boolean {
		return this.#mark(block, true);
	}

	release(block: CIDR): boolean {
		return this.#mark(block, false);
	}
}
