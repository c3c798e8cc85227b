// Typed reads of one object's plain value. Every read knows its field path, so a wrong type or a
// bad value becomes one ManifestError pointing at the exact line and column where it was written.

import {formatPosition, manifestError, type Position} from './errors.js';
import {type FieldPath, fieldPathString, inclusiveRange, invalid, notSupported, required} from './field-errors.js';

export type JsonMap = Record<string, unknown>;

export interface DecodeContextOptions {
	/** Where a field of this object was written. */
	locate: (path: FieldPath) => Position;
	kind: string;
	/** Collects non-fatal notes, such as unknown fields. */
	warn: (message: string) => void;
}

export function isJsonMap(value: unknown): value is JsonMap {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class DecodeContext {
	/** Set once metadata is read, so later messages name the object: `Service default/web`. */
	namespace?: string;
	name?: string;
	/** Held until the object is read, so each warning can name it (unknown fields come before metadata). */
	private readonly pendingWarnings: {path: FieldPath; message: string}[] = [];

	constructor(private readonly options: DecodeContextOptions) {}

	get kind(): string {
		return this.options.kind;
	}

	/** `Service default/web`, `Node node-1`, or just `Service` before the name is known. */
	get label(): string {
		if (this.name === undefined) return this.kind;
		return this.namespace ? `${this.kind} ${this.namespace}/${this.name}` : `${this.kind} ${this.name}`;
	}

	locate(path: FieldPath): Position {
		return this.options.locate(path);
	}

	/**
	 * Throws `file:line:col: Kind ns/name: field.path: body`. `shownPath` is for the few API errors
	 * whose printed path differs from where the value sits (label keys are reported on the map).
	 */
	fail(path: FieldPath, body: string, shownPath: FieldPath = path): never {
		throw manifestError(this.locate(path), this.label, fieldPathString(shownPath), body);
	}

	warn(path: FieldPath, message: string): void {
		this.pendingWarnings.push({path, message});
	}

	/** Hands the warnings on, once the object has been read without error. */
	flushWarnings(): void {
		for (const {path, message} of this.pendingWarnings.splice(0))
			this.options.warn(`${formatPosition(this.locate(path))}: ${this.label}: ${message}`);
	}

	map(value: unknown, path: FieldPath, detail = 'must be a map of fields'): JsonMap | undefined {
		if (value === undefined || value === null) return undefined;
		if (!isJsonMap(value)) this.fail(path, invalid(value, detail));
		return value;
	}

	/** Lists default to empty: the API treats a missing list and `null` and `[]` alike. */
	list(value: unknown, path: FieldPath): unknown[] {
		if (value === undefined || value === null) return [];
		if (!Array.isArray(value)) this.fail(path, invalid(value, 'must be a list'));
		return value;
	}

	string(value: unknown, path: FieldPath): string | undefined {
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'string') {
			// YAML reads `version: 1.0` or `enabled: yes`-style text as a number or boolean; say how to keep it text.
			const hint = typeof value === 'number' || typeof value === 'boolean' ? 'must be a string (put the value in quotes)' : 'must be a string';
			this.fail(path, invalid(value, hint));
		}
		return value;
	}

	requiredString(value: unknown, path: FieldPath, detail?: string): string {
		const text = this.string(value, path);
		if (text === undefined || text === '') this.fail(path, required(detail));
		return text;
	}

	boolean(value: unknown, path: FieldPath): boolean | undefined {
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'boolean') this.fail(path, invalid(value, 'must be true or false'));
		return value;
	}

	/** An integer in [low, high]; a non-number says the whole rule, an out-of-range number says the API's words. */
	integer(value: unknown, path: FieldPath, low: number, high: number): number | undefined {
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'number' || !Number.isInteger(value)) this.fail(path, invalid(value, `must be an integer between ${low} and ${high}`));
		if (value < low || value > high) this.fail(path, invalid(value, inclusiveRange(low, high)));
		return value;
	}

	oneOf<T extends string>(value: unknown, path: FieldPath, supported: readonly T[]): T | undefined {
		const text = this.string(value, path);
		if (text === undefined) return undefined;
		if (!(supported as readonly string[]).includes(text)) this.fail(path, notSupported(text, supported));
		return text as T;
	}

	/** A map of string to string (labels, selectors). */
	stringMap(value: unknown, path: FieldPath): Record<string, string> | undefined {
		const map = this.map(value, path, 'must be a map of string keys to string values');
		if (!map) return undefined;
		const out: Record<string, string> = {};
		for (const [key, item] of Object.entries(map)) out[key] = this.string(item, [...path, key]) ?? '';
		return out;
	}

	/** Reports keys not in `known` as warnings: a typo such as `selectr` otherwise silently does nothing. */
	checkKnownFields(map: JsonMap, path: FieldPath, known: ReadonlySet<string>): void {
		for (const key of Object.keys(map))
			if (!known.has(key)) this.warn([...path, key], `unknown field "${fieldPathString([...path, key])}" (ignored)`);
	}
}
