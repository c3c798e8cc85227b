// kube-controller-manager's node IPAM range allocator (--allocate-node-cidrs, --cluster-cidr,
// --node-cidr-mask-size; pkg/controller/nodeipam): each node, in the order it registers, gets the
// next free subnet of the cluster CIDR as spec.podCIDR, and gives it back when the node is deleted.
// Subnets overlapping the Service CIDR are never handed out.
import {formatCIDR, tryParseCIDR, type CIDR} from '../net/cidr.js';
import type {IPFamily} from '../net/ip.js';
import {CIDRSet} from './cidr-set.js';

export interface NodeIPAMOptions {
	/** --cluster-cidr, e.g. 10.244.0.0/16 (single-stack). */
	clusterCIDR: string;
	/** --node-cidr-mask-size; default 24 for IPv4 and 64 for IPv6. */
	nodeCIDRMaskSize?: number;
	/** --service-cluster-ip-range, kept out of the pod CIDRs when it overlaps the cluster CIDR. */
	serviceCIDR?: string;
}

/** The Event the controller records on a node it could not give a pod CIDR. */
export interface NodeEvent {
	type: 'Warning';
	reason: 'CIDRNotAvailable';
	message: string;
}

export type NodeCIDRResult =
	| {ok: true; podCIDR: string}
	| {ok: false; error: string; event: NodeEvent};

/** An IPv6 cluster CIDR may be split into at most 2^16 node subnets (clusterSubnetMaxDiff, a bitmap limit). */
const IPV6_MAX_DIFF = 16;

/** kube-controller-manager's --node-cidr-mask-size when not given (kubeadm does not set it): a /24 per node for IPv4, a /64 for IPv6. */
export function defaultNodeCIDRMaskSize(family: IPFamily): number {
	return family === 'IPv4' ? 24 : 64;
}

/** Above this many subnets the simulation would only slow down; real clusters are far below it. */
const MAX_SUBNETS = 2 ** 24;

export class NodeIPAM {
	readonly clusterCIDR: string;
	readonly nodeCIDRMaskSize: number;
	readonly #set: CIDRSet;
	readonly #cluster: CIDR;
	/** Node name → pod CIDR, in registration order. */
	readonly #nodes = new Map<string, string>();

	/** Throws the error kube-controller-manager would fail to start the controller with. */
	constructor(options: NodeIPAMOptions) {
		const cluster = tryParseCIDR(options.clusterCIDR);
		if (!cluster.ok) throw new Error(`invalid --cluster-cidr: ${cluster.error.message}`);
		this.#cluster = cluster.value;
		const {family, bits, prefix} = this.#cluster;
		const maskSize = options.nodeCIDRMaskSize ?? defaultNodeCIDRMaskSize(family);
		if (!Number.isInteger(maskSize) || maskSize < 0 || maskSize > bits) {
			throw new Error('SubNetMask is invalid, should be lower or equal to 32 for IPv4 and to 128 for IPv6');
		}
		if (prefix > maskSize) {
			throw new Error(
				'Controller: Invalid --cluster-cidr, mask size of cluster CIDR must be less than or equal to ' +
					'--node-cidr-mask-size configured for CIDR family',
			);
		}
		if (family === 'IPv6' && maskSize - prefix > IPV6_MAX_DIFF) {
			throw new Error('New CIDR set failed; the node CIDR size is too big');
		}
		if (2 ** (maskSize - prefix) > MAX_SUBNETS) {
			throw new RangeError(`the simulator supports at most ${MAX_SUBNETS} node subnets`);
		}
		this.nodeCIDRMaskSize = maskSize;
		this.#set = new CIDRSet(this.#cluster, maskSize);
		this.clusterCIDR = formatCIDR(this.#cluster);
		if (options.serviceCIDR !== undefined) {
			const service = tryParseCIDR(options.serviceCIDR);
			if (!service.ok) throw new Error(`invalid --service-cluster-ip-range: ${service.error.message}`);
			this.#set.occupy(service.value);
		}
	}

	/** How many nodes could get a pod CIDR if the Service CIDR did not overlap: 2^(mask − prefix). */
	get capacity(): number {
		return this.#set.count;
	}

	/** Subnets in use, those blocked by the Service CIDR included. */
	get usedSubnets(): number {
		return this.#set.used;
	}

	/** A new node registered: its pod CIDR, or the controller's error and Event. A node that already has one keeps it. */
	allocate(nodeName: string): NodeCIDRResult {
		const existing = this.#nodes.get(nodeName);
		if (existing !== undefined) return {ok: true, podCIDR: existing};
		const next = this.#set.allocateNext();
		if (!next.ok) {
			return {
				ok: false,
				error: `failed to allocate cidr from cluster cidr at idx:0: ${next.error}`,
				event: {
					type: 'Warning',
					reason: 'CIDRNotAvailable',
					message: `Node ${nodeName} status is now: CIDRNotAvailable`,
				},
			};
		}
		this.#nodes.set(nodeName, next.cidr);
		return {ok: true, podCIDR: next.cidr};
	}

	/**
	 * A node that registered with spec.podCIDR already set (e.g. when the controller restarts): its
	 * subnet is marked used. Throws when the CIDR lies outside the cluster CIDR, as the controller does.
	 */
	occupy(nodeName: string, podCIDR: string): void {
		const block = tryParseCIDR(podCIDR);
		if (!block.ok) throw new Error(`failed to parse node ${nodeName}, CIDR ${podCIDR}`);
		if (!this.#set.occupy(block.value)) {
			const reason = `cidr ${podCIDR} is out the range of cluster cidr ${this.clusterCIDR}`;
			throw new Error(`failed to mark cidr[${podCIDR}] at idx [0] as occupied for node: ${nodeName}: ${reason}`);
		}
		this.#nodes.set(nodeName, podCIDR);
	}

	/** The node was deleted: its subnet becomes free (handed out again only after the ones after it). */
	release(nodeName: string): boolean {
		const podCIDR = this.#nodes.get(nodeName);
		if (podCIDR === undefined) return false;
		const block = tryParseCIDR(podCIDR);
		if (block.ok) this.#set.release(block.value);
		this.#nodes.delete(nodeName);
		return true;
	}

	podCIDR(nodeName: string): string | undefined {
		return this.#nodes.get(nodeName);
	}

	/** Nodes and their pod CIDRs in registration order. */
	nodes(): Array<{name: string; podCIDR: string}> {
		return [...this.#nodes].map(([name, podCIDR]) => ({name, podCIDR}));
	}
}
