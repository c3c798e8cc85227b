// kube-apiserver's ClusterIP allocator for one Service CIDR (pkg/registry/core/service/ipallocator):
// never the network address nor, for IPv4, the broadcast address; a user-chosen IP anywhere else in
// the range; dynamic IPs from the upper band first (KEP-3070), starting at a seeded random point.
import type {Random} from '../random.js';
import {cidrLast, cidrSize, formatCIDR, parseCIDR, type CIDR} from '../net/cidr.js';
import {formatIP, parseIP, type IPFamily} from '../net/ip.js';
import {validateServiceClusterIPRange} from '../net/service-cidr.js';
import {goStringSlice, formatFieldError, internalErrorMessage, type FieldError} from './api-errors.js';
import {pickFreeOffset} from './band-scan.js';
import {clusterIPStaticBandSize} from './static-band.js';

/**
 * Whose wording to use for an IP outside the range; the other errors read the same in all of them.
 * - `v1.33`: MultiCIDRServiceAllocator is GA: an IP outside every ServiceCIDR gets
 *   `the provided network does not match the current range` (the range is no longer revealed).
 * - `v1.27`: `the provided IP (1.1.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12`.
 * - `v1.9`: `provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12`.
 * The network and broadcast addresses of the range are inside it, so they get the not-in-range text
 * (`v1.27` wording under `v1.33`), never the mismatched-network one.
 */
export type ClusterIPWording = 'v1.33' | 'v1.27' | 'v1.9';

export interface ClusterIPAllocatorOptions {
	/** Default `v1.33`, the behaviour of the kube-apiserver versions the tutor targets. */
	wording?: ClusterIPWording;
}

export type ClusterIPFailure = 'AlreadyAllocated' | 'NotInRange' | 'MismatchedNetwork' | 'FamilyNotConfigured' | 'Full';

export interface ClusterIPError {
	reason: ClusterIPFailure;
	/** The allocator's own error: `provided IP is already allocated`. */
	message: string;
	/** For a chosen IP: the field error kube-apiserver returns (wrap it with kubectlInvalidMessage). */
	fieldError?: FieldError;
	/** The field error as text, or for a dynamic allocation the internal error's status message. */
	apiMessage: string;
}

export type ClusterIPResult = {ok: true; ip: string} | {ok: false; error: ClusterIPError};

const ALREADY_ALLOCATED = 'provided IP is already allocated';
const MISMATCHED_NETWORK = 'the provided network does not match the current range';
const FULL = 'range is full';

/** How alloc.go reports a chosen IP it could not reserve: a field error on spec.clusterIPs. */
function fieldFailure(reason: ClusterIPFailure, message: string, ip: string, clusterIPs: readonly string[]): ClusterIPResult {
	const fieldError = {field: 'spec.clusterIPs', value: goStringSlice(clusterIPs), detail: `failed to allocate IP ${ip}: ${message}`};
	return {ok: false, error: {reason, message, fieldError, apiMessage: formatFieldError(fieldError)}};
}

export class ClusterIPAllocator {
	/** The Service CIDR, normalised. */
	readonly cidr: string;
	readonly family: IPFamily;
	/** How many addresses can be allocated: all but the network address and, for IPv4, the broadcast address. */
	readonly size: number;
	/** Addresses at the bottom of the range kept for user-chosen IPs (0: no band). */
	readonly staticBandSize: number;

	readonly #block: CIDR;
	readonly #first: bigint;
	readonly #wording: ClusterIPWording;
	/** Offsets from the first usable address. */
	readonly #used = new Set<number>();

	/** Throws kube-apiserver's startup error when the range is refused (validateServiceClusterIPRange). */
	constructor(serviceCIDR: string, options: ClusterIPAllocatorOptions = {}) {
		const problem = validateServiceClusterIPRange(serviceCIDR);
		if (problem !== null) throw new Error(problem);
		this.#block = parseCIDR(serviceCIDR);
		this.#first = this.#block.network + 1n;
		this.#wording = options.wording ?? 'v1.33';
		this.cidr = formatCIDR(this.#block);
		this.family = this.#block.family;
		const total = Number(cidrSize(this.#block));
		this.size = total - (this.family === 'IPv4' ? 2 : 1);
		this.staticBandSize = clusterIPStaticBandSize(total);
	}

	#ip(offset: number): string {
		return formatIP({family: this.family, value: this.#first + BigInt(offset)});
	}

	/** The first usable address: where kube-apiserver puts the `kubernetes` Service. */
	get firstIP(): string {
		return this.#ip(0);
	}

	get lastIP(): string {
		return this.#ip(this.size - 1);
	}

	get kubernetesServiceIP(): string {
		return this.firstIP;
	}

	/** The lower band, preferred for user-chosen IPs, or null when the range is too small for one. */
	staticBand(): {first: string; last: string} | null {
		if (this.staticBandSize === 0) return null;
		return {first: this.#ip(0), last: this.#ip(this.staticBandSize - 1)};
	}

	get used(): number {
		return this.#used.size;
	}

	get free(): number {
		return this.size - this.#used.size;
	}

	/** Offset of an address that may be allocated, or the reason it may not. */
	#locate(ip: string): {offset: number} | {failure: 'NotInRange' | 'MismatchedNetwork' | 'FamilyNotConfigured'} {
		const address = parseIP(ip);
		if (address.family !== this.family) return {failure: 'FamilyNotConfigured'};
		const inBlock = address.value >= this.#block.network && address.value <= cidrLast(this.#block);
		if (!inBlock) return {failure: this.#wording === 'v1.33' ? 'MismatchedNetwork' : 'NotInRange'};
		const offset = Number(address.value - this.#first);
		if (offset < 0 || offset >= this.size) return {failure: 'NotInRange'};
		return {offset};
	}

	#notInRange(ip: string): string {
		const canonical = formatIP(parseIP(ip));
		return this.#wording === 'v1.9'
			? `provided IP is not in the valid range. The range of valid IPs is ${this.cidr}`
			: `the provided IP (${canonical}) is not in the valid range. The range of valid IPs is ${this.cidr}`;
	}

	/**
	 * Reserve a user-chosen IP (`spec.clusterIP`). `clusterIPs` is the Service's spec.clusterIPs, which
	 * the API's field error prints; it defaults to just this IP. Throws NetParseError for text that is
	 * not an IP at all: Service validation refuses that before any allocator runs.
	 */
	allocate(ip: string, clusterIPs: readonly string[] = [ip]): ClusterIPResult {
		const located = this.#locate(ip);
		if ('offset' in located) {
			if (this.#used.has(located.offset)) return fieldFailure('AlreadyAllocated', ALREADY_ALLOCATED, ip, clusterIPs);
			this.#used.add(located.offset);
			return {ok: true, ip: this.#ip(located.offset)};
		}
		if (located.failure === 'FamilyNotConfigured') {
			// Refused before any allocator runs, when kube-apiserver infers spec.ipFamilies from spec.clusterIPs.
			const fieldError = {
				field: 'spec.clusterIPs[0]',
				value: goStringSlice(clusterIPs),
				detail: `${parseIP(ip).family} is not configured on this cluster`,
			};
			const error = {reason: located.failure, message: fieldError.detail, fieldError, apiMessage: formatFieldError(fieldError)};
			return {ok: false, error};
		}
		const message = located.failure === 'MismatchedNetwork' ? MISMATCHED_NETWORK : this.#notInRange(ip);
		return fieldFailure(located.failure, message, ip, clusterIPs);
	}

	/** A free IP for a Service that did not choose one. */
	allocateNext(random: Random): ClusterIPResult {
		const offset =
			this.free > 0 ? pickFreeOffset(this.size, this.staticBandSize, (at) => this.#used.has(at), random) : undefined;
		if (offset === undefined) {
			const apiMessage = internalErrorMessage(`failed to allocate a serviceIP: ${FULL}`);
			return {ok: false, error: {reason: 'Full', message: FULL, apiMessage}};
		}
		this.#used.add(offset);
		return {ok: true, ip: this.#ip(offset)};
	}

	/** Give an IP back (Service deleted). Like the real allocator, an IP that is not allocated or not in range is ignored. */
	release(ip: string): boolean {
		const located = this.#locate(ip);
		return 'offset' in located && this.#used.delete(located.offset);
	}

	has(ip: string): boolean {
		const located = this.#locate(ip);
		return 'offset' in located && this.#used.has(located.offset);
	}

	/** Allocated IPs, lowest first. */
	allocated(): string[] {
		return [...this.#used].sort((a, b) => a - b).map((offset) => this.#ip(offset));
	}
}
