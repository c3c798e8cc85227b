// The host-local IPAM plugin on one node, as flannel uses it (flannel → bridge → host-local with the
// node's pod CIDR): the bridge cni0 holds the gateway .1, Pods get .2, .3, … Like the real plugin
// (backend/allocator/allocator.go) it goes round-robin: each search starts after the last IP it
// reserved and wraps at the end of the range, so a freed IP is not handed out again until the rest
// of the range has been used.
import {formatIP, parseIP, type IP} from '../net/ip.js';
import {canonicalizeRange, formatRange, rangeContains, type HostLocalRange, type HostLocalRangeConfig} from './host-local-range.js';

export type HostLocalOptions = Omit<HostLocalRangeConfig, 'subnet'>;

export interface HostLocalAllocation {
	containerID: string;
	ifname: string;
	ip: string;
	/** `10.244.1.2/24`, the address as the plugin returns it (and `ip addr` shows it in the Pod). */
	address: string;
	gateway: string;
}

export type HostLocalResult =
	| {ok: true; allocation: HostLocalAllocation}
	| {
			ok: false;
			/** What the plugin returns (kubelet shows it in the FailedCreatePodSandBox event). */
			error: string;
			/** The allocator's own error, without the plugin's wrapping. */
			detail: string;
	  };

/** host-local numbers its ranges; flannel configures one, so it is always range 0. */
const RANGE_INDEX = 0;

export class HostLocalIPAM {
	readonly #range: HostLocalRange;
	/** Reserved address → who holds it (the files under /var/lib/cni/networks/<net>/). */
	readonly #reserved = new Map<bigint, {containerID: string; ifname: string}>();
	/** The last_reserved_ip.0 file: where the next search starts. Releasing never changes it. */
	#lastReserved: bigint | undefined;
	/** How many addresses the range hands out (the gateway is never one). */
	readonly #capacity: bigint;

	/** Throws the plugin's configuration error for a subnet it cannot allocate from. */
	constructor(subnet: string, options: HostLocalOptions = {}) {
		this.#range = canonicalizeRange({subnet, ...options});
		const {rangeStart, rangeEnd, gateway} = this.#range;
		this.#capacity = rangeEnd - rangeStart + 1n - (gateway >= rangeStart && gateway <= rangeEnd ? 1n : 0n);
	}

	#format(value: bigint): string {
		return formatIP({family: this.#range.subnet.family, value});
	}

	get subnet(): string {
		return `${this.#format(this.#range.subnet.network)}/${this.#range.subnet.prefix}`;
	}

	/** The gateway: with flannel's bridge plugin, the address of cni0 and every Pod's default route. */
	get gateway(): string {
		return this.#format(this.#range.gateway);
	}

	/** `10.244.1.1-10.244.1.254`, as the plugin's errors print the range set. */
	get rangeSet(): string {
		return formatRange(this.#range);
	}

	lastReservedIP(): string | undefined {
		return this.#lastReserved === undefined ? undefined : this.#format(this.#lastReserved);
	}

	#reserve(value: bigint, containerID: string, ifname: string): HostLocalAllocation {
		this.#reserved.set(value, {containerID, ifname});
		this.#lastReserved = value;
		return this.#allocation(value, containerID, ifname);
	}

	#allocation(value: bigint, containerID: string, ifname: string): HostLocalAllocation {
		const ip = this.#format(value);
		return {containerID, ifname, ip, address: `${ip}/${this.#range.subnet.prefix}`, gateway: this.gateway};
	}

	#failure(detail: string): HostLocalResult {
		return {ok: false, error: `failed to allocate for range ${RANGE_INDEX}: ${detail}`, detail};
	}

	/** Candidates in the plugin's order: after the last reserved IP, wrapping at the end, never the gateway. */
	*#candidates(): Generator<bigint> {
		const {rangeStart, rangeEnd, gateway} = this.#range;
		const last = this.#lastReserved;
		const resume = last !== undefined && rangeContains(this.#range, {family: this.#range.subnet.family, value: last});
		let cur = resume ? last : undefined;
		let start: bigint | undefined;
		for (;;) {
			if (cur === undefined) {
				cur = rangeStart;
				start = cur;
			} else {
				cur = cur === rangeEnd ? rangeStart : cur + 1n;
				if (start === undefined) start = cur;
				else if (cur === start) return;
			}
			if (cur !== gateway) yield cur;
		}
	}

	/** An IP for a new Pod sandbox (CNI ADD without a requested IP). */
	allocate(containerID: string, ifname = 'eth0'): HostLocalResult {
		for (const [value, holder] of this.#reserved) {
			if (holder.containerID === containerID && holder.ifname === ifname) {
				return this.#failure(`${this.#format(value)} has been allocated to ${containerID}, duplicate allocation is not allowed`);
			}
		}
		// Every reserved address is in the range: when they fill it, the search would find nothing.
		if (BigInt(this.#reserved.size) >= this.#capacity) return this.#failure(`no IP addresses available in range set: ${this.rangeSet}`);
		for (const candidate of this.#candidates()) {
			if (!this.#reserved.has(candidate)) return {ok: true, allocation: this.#reserve(candidate, containerID, ifname)};
		}
		return this.#failure(`no IP addresses available in range set: ${this.rangeSet}`);
	}

	/**
	 * A specific IP (CNI_ARGS IP=…). An IP outside the range set is not refused by the allocator:
	 * the plugin allocates dynamically, notices the request was not met, and releases again — which
	 * still moves the round-robin start, as on a real node.
	 */
	allocateRequested(containerID: string, ip: string, ifname = 'eth0'): HostLocalResult {
		const requested: IP = parseIP(ip);
		if (!rangeContains(this.#range, requested)) {
			const dynamic = this.allocate(containerID, ifname);
			if (!dynamic.ok) return dynamic;
			this.release(containerID, ifname);
			const error = `failed to allocate all requested IPs: ${formatIP(requested)}`;
			return {ok: false, error, detail: error};
		}
		if (requested.value === this.#range.gateway) {
			return this.#failure(`requested ip ${formatIP(requested)} is subnet's gateway`);
		}
		if (this.#reserved.has(requested.value)) {
			return this.#failure(`requested IP address ${formatIP(requested)} is not available in range set ${this.rangeSet}`);
		}
		return {ok: true, allocation: this.#reserve(requested.value, containerID, ifname)};
	}

	/** CNI DEL: frees what the container holds on this interface; returns the freed IPs. */
	release(containerID: string, ifname = 'eth0'): string[] {
		const freed: string[] = [];
		for (const [value, holder] of this.#reserved) {
			if (holder.containerID === containerID && holder.ifname === ifname) {
				this.#reserved.delete(value);
				freed.push(this.#format(value));
			}
		}
		return freed;
	}

	has(ip: string): boolean {
		const address = parseIP(ip);
		return address.family === this.#range.subnet.family && this.#reserved.has(address.value);
	}

	get used(): number {
		return this.#reserved.size;
	}

	/** Reserved IPs, lowest first. */
	allocations(): HostLocalAllocation[] {
		return [...this.#reserved]
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([value, holder]) => this.#allocation(value, holder.containerID, holder.ifname));
	}
}
