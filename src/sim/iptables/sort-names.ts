// Sorting a node's chain names (60,000 of them at 10,000 Services) in byte order, i.e. UTF-16
// code unit order as JavaScript's `<` and Array.prototype.sort() compare strings. A comparison sort
// is slow here: the names are slices of the 18 MB restore text, and comparing them costs far more
// than reading their characters one at a time. This is a most-significant-character radix sort:
// names are bucketed by their first character, each bucket by the next one, and so on; small
// buckets are finished by insertion sort. It is stable: equal names keep their given order.

/** Below this many names, a bucket is finished by insertion sort. */
const SMALL = 24;

/** Past this depth of buckets within buckets (never, for names iptables allows: at most 28
 * characters), a bucket is finished by a comparison sort rather than by going deeper. */
const DEEPEST = 64;

/** The key of names[i] at depth: its character there + 1, or 0 past its end. */
function keyAt(name: string, depth: number): number {
	return depth < name.length ? name.charCodeAt(depth) + 1 : 0;
}

/** Whether name a sorts after name b, both known equal before depth. */
function after(a: string, b: string, depth: number): boolean {
	const n = a.length < b.length ? a.length : b.length;
	for (let i = depth; i < n; i++) {
		const d = a.charCodeAt(i) - b.charCodeAt(i);
		if (d !== 0) return d > 0;
	}
	return a.length > b.length;
}

class NameSorter {
	private readonly names: readonly string[];
	/** Positions into names, sorted in place. */
	readonly order: Int32Array;
	private readonly scratch: Int32Array;
	private readonly keys: Int32Array;
	/** Counts per key (65,537 keys), kept zero between uses. */
	private readonly counts = new Int32Array(0x10001);

	constructor(names: readonly string[]) {
		this.names = names;
		const n = names.length;
		this.order = new Int32Array(n);
		for (let i = 0; i < n; i++) this.order[i] = i;
		this.scratch = new Int32Array(n);
		this.keys = new Int32Array(n);
	}

	/** Sorts order[lo, hi), whose names are all equal before depth; level counts the buckets
	 * this one is within. */
	sort(lo: number, hi: number, depth: number, level = 0): void {
		const {names, order, keys, counts, scratch} = this;
		if (level > DEEPEST) {
			this.comparison(lo, hi);
			return;
		}
		for (;;) {
			if (hi - lo <= SMALL) {
				this.insertion(lo, hi, depth);
				return;
			}
			// Skip the prefix all share (`KUBE-SEP-`) in one pass, reading each name once: the names
			// are all over memory, and a pass per character would wait for each name every time.
			depth = this.sharedPrefix(lo, hi, depth);
			// Keys at this depth; a depth where all agree (a shared prefix) needs no moving.
			const first = keyAt(names[order[lo]!]!, depth);
			let same = true;
			for (let i = lo; i < hi; i++) {
				const key = keyAt(names[order[i]!]!, depth);
				keys[i] = key;
				if (key !== first) same = false;
			}
			if (same) {
				// All end here (equal names, left in their order), or all go on to the next character.
				if (first === 0) return;
				depth++;
				continue;
			}
			break;
		}
		// Counting sort of order[lo, hi) by key, stable.
		const used: number[] = [];
		for (let i = lo; i < hi; i++) {
			const key = keys[i]!;
			if (counts[key]++ === 0) used.push(key);
		}
		used.sort((a, b) => a - b);
		const starts: number[] = new Array(used.length);
		let at = lo;
		for (let u = 0; u < used.length; u++) {
			const key = used[u]!;
			starts[u] = at;
			const count = counts[key]!;
			counts[key] = at;
			at += count;
		}
		for (let i = lo; i < hi; i++) scratch[counts[keys[i]!]!++] = order[i]!;
		for (let i = lo; i < hi; i++) order[i] = scratch[i]!;
		for (let u = 0; u < used.length; u++) counts[used[u]!] = 0;
		// Each bucket on from the next character; names that end here are equal and stay as they are.
		for (let u = 0; u < used.length; u++) {
			const start = starts[u]!;
			const end = u + 1 < used.length ? starts[u + 1]! : hi;
			if (used[u] !== 0 && end - start > 1) this.sort(start, end, depth + 1, level + 1);
		}
	}

	/** How far order[lo, hi)'s names, all equal before depth, are all equal. */
	private sharedPrefix(lo: number, hi: number, depth: number): number {
		const {names, order} = this;
		const first = names[order[lo]!]!;
		let shared = first.length;
		for (let i = lo + 1; i < hi && shared > depth; i++) {
			const name = names[order[i]!]!;
			const limit = name.length < shared ? name.length : shared;
			let k = depth;
			while (k < limit && name.charCodeAt(k) === first.charCodeAt(k)) k++;
			shared = k;
		}
		return shared;
	}

	/** order[lo, hi) by a stable comparison sort (equal names keep their order). */
	private comparison(lo: number, hi: number): void {
		const {names, order} = this;
		const part = Array.from(order.subarray(lo, hi));
		part.sort((a, b) => {
			const x = names[a]!;
			const y = names[b]!;
			return x < y ? -1 : x > y ? 1 : a - b;
		});
		order.set(part, lo);
	}

	private insertion(lo: number, hi: number, depth: number): void {
		const {names, order} = this;
		for (let i = lo + 1; i < hi; i++) {
			const item = order[i]!;
			const name = names[item]!;
			let j = i - 1;
			while (j >= lo && after(names[order[j]!]!, name, depth)) {
				order[j + 1] = order[j]!;
				j--;
			}
			order[j + 1] = item;
		}
	}
}

/** Positions of names in byte order (as `[...names].sort()` orders them), equal names in their
 * given order. */
export function sortedOrder(names: readonly string[]): Int32Array {
	const sorter = new NameSorter(names);
	if (names.length > 1) sorter.sort(0, names.length, 0);
	return sorter.order;
}
