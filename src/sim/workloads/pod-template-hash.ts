// The hashes the apps/v1 controllers put in names and labels: a ReplicaSet's pod-template-hash
// (`web-7c5ddbdf54`) and a DaemonSet's controller-revision-hash. Both are controller.ComputeHash:
// FNV-32a over the Pod template, its decimal value passed through apimachinery's
// rand.SafeEncodeString, which maps each digit to one of "4 5 6 7 8 9 b c d f" (hence real hashes
// hold only those characters). The real hasher prints the Go struct with spew; we hash the
// template's JSON, so the values differ from a real cluster's but have their shape and stability.
import type {PodTemplateSpec} from '../api/types.js';

const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function fnv32a(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i) & 0xff;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash >>> 0;
}

/** rand.SafeEncodeString: each character through the 27-letter alphabet by its code. */
export function safeEncodeString(text: string): string {
	let out = '';
	for (const ch of text) out += SAFE_ALPHANUMS[ch.codePointAt(0)! % SAFE_ALPHANUMS.length];
	return out;
}

/** JSON with sorted keys, so equal templates hash equally whatever order their fields came in. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/** controller.ComputeHash(template, collisionCount). */
export function computeHash(template: PodTemplateSpec, collisionCount = 0): string {
	const text = canonical(template) + (collisionCount > 0 ? String(collisionCount) : '');
	return safeEncodeString(String(fnv32a(text)));
}
