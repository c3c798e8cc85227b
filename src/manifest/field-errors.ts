// Kubernetes field-error wording (apimachinery util/validation/field/errors.go), so what a learner
// reads here is what `kubectl apply` would print: `spec.ports[0].port: Invalid value: 0: …`.

/** A path into an object as written: keys and list indexes, e.g. `['spec', 'ports', 0, 'port']`. */
export type FieldPath = readonly (string | number)[];

const plainSegment = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `spec.ports[0].port`. Map keys that are not identifiers (label keys like `app.kubernetes.io/name`)
 * are written `[key]`, as field.Path.Key does.
 */
export function fieldPathString(path: FieldPath): string {
	let out = '';
	for (const segment of path) {
		if (typeof segment === 'number') out += `[${segment}]`;
		else if (plainSegment.test(segment)) out += out === '' ? segment : `.${segment}`;
		else out += `[${segment}]`;
	}
	return out;
}

/**
 * The inverse of fieldPathString, for paths that arrive as text (the simulated API server's
 * causes): `spec.ports[0].nodePort` → `['spec', 'ports', 0, 'nodePort']`.
 */
export function parseFieldPath(text: string): (string | number)[] {
	const path: (string | number)[] = [];
	for (const match of text.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
		const [, name, bracketed] = match;
		if (name !== undefined) path.push(name);
		else if (bracketed !== undefined) path.push(/^[0-9]+$/.test(bracketed) ? Number(bracketed) : bracketed);
	}
	return path;
}

/** The bad value as Go's field error prints it: strings quoted (%q), numbers and booleans bare (%v). */
export function formatBadValue(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	// Go prints structs with %#v, which means nothing to a YAML author; compact JSON reads better.
	const json = jsonPrefix(value, 61);
	return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/**
 * Compact JSON of a value, cut once it is `limit` characters long: a value from a manifest may be
 * a map of 100,000 keys or an expanded alias, and only its start is ever shown.
 */
function jsonPrefix(value: unknown, limit: number): string {
	let out = '';
	const write = (item: unknown): void => {
		if (out.length >= limit) return;
		if (Array.isArray(item)) {
			out += '[';
			item.some((element, index) => {
				if (index > 0) out += ',';
				write(element);
				return out.length >= limit;
			});
			out += ']';
		} else if (item !== null && typeof item === 'object') {
			out += '{';
			let first = true;
			for (const key in item) {
				if (!Object.hasOwn(item, key)) continue;
				if (!first) out += ',';
				first = false;
				out += `${JSON.stringify(key)}:`;
				write((item as Record<string, unknown>)[key]);
				if (out.length >= limit) break;
			}
			out += '}';
		} else out += JSON.stringify(item) ?? 'null';
	};
	write(value);
	return out;
}

function withDetail(head: string, detail: string | undefined): string {
	return detail ? `${head}: ${detail}` : head;
}

export function invalid(value: unknown, detail: string): string {
	return withDetail(`Invalid value: ${formatBadValue(value)}`, detail);
}

export function required(detail?: string): string {
	return withDetail('Required value', detail);
}

export function duplicate(value: unknown): string {
	return `Duplicate value: ${formatBadValue(value)}`;
}

export function forbidden(detail: string): string {
	return withDetail('Forbidden', detail);
}

/** Go's NotSupported quotes each supported value and keeps the order it is given (callers pass sets.List order). */
export function notSupported(value: unknown, supported: readonly string[]): string {
	const list = supported.map((item) => JSON.stringify(item)).join(', ');
	return withDetail(`Unsupported value: ${formatBadValue(value)}`, supported.length > 0 ? `supported values: ${list}` : undefined);
}

/** validation.InclusiveRangeError. */
export function inclusiveRange(low: number, high: number): string {
	return `must be between ${low} and ${high}, inclusive`;
}
