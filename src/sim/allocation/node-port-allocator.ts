// kube-apiserver's NodePort allocator (pkg/registry/core/service/portallocator): any free port of
// --service-node-port-range when the user names one, otherwise a random free port of the upper band
// first (KEP-3668), seeded so the same cluster gets the same ports.
import type {Random} from '../random.js';
import {formatFieldError, internalErrorMessage, type FieldError} from './api-errors.js';
import {pickFreeOffset} from './band-scan.js';
import {DEFAULT_NODE_PORT_RANGE, formatPortRange, parsePortRange, type PortRange} from './port-range.js';
import {nodePortStaticBandSize} from './static-band.js';

export type NodePortFailure = 'AlreadyAllocated' | 'NotInRange' | 'Full';

export interface NodePortError {
	reason: NodePortFailure;
	/** The allocator's own error: `provided port is already allocated`. */
	message: string;
	/** For a chosen port: the field error kube-apiserver returns (wrap it with kubectlInvalidMessage). */
	fieldError?: FieldError;
	/** The field error as text, or for a dynamic allocation the internal error's status message. */
	apiMessage: string;
}

export type NodePortResult = {ok: true; port: number} | {ok: false; error: NodePortError};

const FULL = 'range is full';

export class NodePortAllocator {
	readonly range: PortRange;
	/** Ports at the bottom of the range kept for user-chosen ports (0: no band). */
	readonly staticBandSize: number;
	readonly #used = new Set<number>();

	/** Throws kube-apiserver's flag error for a range it cannot parse. */
	constructor(serviceNodePortRange: string = DEFAULT_NODE_PORT_RANGE) {
		const parsed = parsePortRange(serviceNodePortRange);
		if (!parsed.ok) {
			throw new Error(`invalid argument "${serviceNodePortRange}" for "--service-node-port-range" flag: ${parsed.error}`);
		}
		this.range = parsed.value;
		this.staticBandSize = nodePortStaticBandSize(this.range.size);
	}

	/** `30000-32767`, as the error messages print it. */
	get rangeText(): string {
		return formatPortRange(this.range);
	}

	get size(): number {
		return this.range.size;
	}

	get used(): number {
		return this.#used.size;
	}

	get free(): number {
		return this.range.size - this.#used.size;
	}

	/** The lower band, preferred for user-chosen ports, or null when the range is too small for one. */
	staticBand(): {first: number; last: number} | null {
		if (this.staticBandSize === 0) return null;
		return {first: this.range.base, last: this.range.base + this.staticBandSize - 1};
	}

	#contains(port: number): boolean {
		return Number.isInteger(port) && port >= this.range.base && port - this.range.base < this.range.size;
	}

	/** Reserve a user-chosen `nodePort`; `portIndex` is its index in spec.ports, which the field error names. */
	allocate(port: number, portIndex = 0): NodePortResult {
		let reason: NodePortFailure;
		let message: string;
		if (!this.#contains(port)) {
			reason = 'NotInRange';
			message = `provided port is not in the valid range. The range of valid ports is ${this.rangeText}`;
		} else if (this.#used.has(port)) {
			reason = 'AlreadyAllocated';
			message = 'provided port is already allocated';
		} else {
			this.#used.add(port);
			return {ok: true, port};
		}
		const fieldError = {field: `spec.ports[${portIndex}].nodePort`, value: String(port), detail: message};
		return {ok: false, error: {reason, message, fieldError, apiMessage: formatFieldError(fieldError)}};
	}

	/** A free port for a Service port that did not choose one. */
	allocateNext(random: Random): NodePortResult {
		const offset =
			this.free > 0
				? pickFreeOffset(this.range.size, this.staticBandSize, (at) => this.#used.has(this.range.base + at), random)
				: undefined;
		if (offset === undefined) {
			const apiMessage = internalErrorMessage(`failed to allocate a nodePort: ${FULL}`);
			return {ok: false, error: {reason: 'Full', message: FULL, apiMessage}};
		}
		const port = this.range.base + offset;
		this.#used.add(port);
		return {ok: true, port};
	}

	/** Give a port back; a port not allocated or not in the range is ignored, as by the real allocator. */
	release(port: number): boolean {
		return this.#used.delete(port);
	}

	has(port: number): boolean {
		return this.#used.has(port);
	}

	/** Allocated ports, lowest first. */
	allocated(): number[] {
		return [...this.#used].sort((a, b) => a - b);
	}
}
