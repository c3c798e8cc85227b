// API objects as kubectl handles them: plain JSON trees (what the API server returns), read with
// small typed accessors so printers need no knowledge of the engine's TypeScript types.

export type Json = string | number | boolean | null | Json[] | {[key: string]: Json};
export type JsonObject = {[key: string]: Json};

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a path of keys and indexes, or undefined. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
	let current = value;
	for (const step of path) {
		if (typeof step === 'number') current = Array.isArray(current) ? current[step] : undefined;
		else current = isObject(current) ? current[step] : undefined;
		if (current === undefined) return undefined;
	}
	return current;
}

export function str(value: unknown, ...path: (string | number)[]): string | undefined {
	const v = at(value, ...path);
	return typeof v === 'string' ? v : undefined;
}

export function num(value: unknown, ...path: (string | number)[]): number | undefined {
	const v = at(value, ...path);
	return typeof v === 'number' ? v : undefined;
}

export function list(value: unknown, ...path: (string | number)[]): unknown[] {
	const v = at(value, ...path);
	return Array.isArray(v) ? v : [];
}

export function record(value: unknown, ...path: (string | number)[]): Record<string, string> {
	const v = at(value, ...path);
	if (!isObject(v)) return {};
	const out: Record<string, string> = {};
	for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
	return out;
}

/** A deep copy as JSON (drops undefined, as encoding an API object does). */
export function toJson(value: unknown): JsonObject {
	return JSON.parse(JSON.stringify(value)) as JsonObject;
}

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
	const keys = Object.keys(labels ?? {}).sort();
	if (keys.length === 0) return '<none>';
	return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** metav1.FormatLabelSelector for matchLabels (and matchExpressions' set forms). */
export function formatLabelSelector(selector: unknown): string {
	if (!isObject(selector)) return '<none>';
	const parts: string[] = [];
	const match = record(selector, 'matchLabels');
	for (const key of Object.keys(match)) parts.push(`${key}=${match[key]}`);
	for (const expression of list(selector, 'matchExpressions')) {
		const key = str(expression, 'key') ?? '';
		const values = list(expression, 'values').map(String).sort();
		switch (str(expression, 'operator')) {
			case 'In':
				parts.push(`${key} in (${values.join(',')})`);
				break;
			case 'NotIn':
				parts.push(`${key} notin (${values.join(',')})`);
				break;
			case 'Exists':
				parts.push(key);
				break;
			case 'DoesNotExist':
				parts.push(`!${key}`);
				break;
		}
	}
	parts.sort();
	return parts.length === 0 ? '<none>' : parts.join(',');
}
