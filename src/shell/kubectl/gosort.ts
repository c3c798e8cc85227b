// Go's sort.Sort (pattern-defeating quicksort, Go 1.19+), which kubectl's --sort-by uses. It is
// not stable: objects with equal keys come out in the order this exact algorithm leaves them, so
// reproducing it is what makes `--sort-by=.metadata.creationTimestamp` list ties as kubectl does.
export interface SortData {
	length: number;
	less(i: number, j: number): boolean;
	swap(i: number, j: number): void;
}

const enum Hint {
	Unknown,
	Increasing,
	Decreasing,
}

function bitsLen(n: number): number {
	return n <= 0 ? 0 : Math.floor(Math.log2(n)) + 1;
}

export function goSort(data: SortData): void {
	const n = data.length;
	if (n <= 1) return;
	pdqsort(data, 0, n, bitsLen(n));
}

function insertionSort(d: SortData, a: number, b: number): void {
	for (let i = a + 1; i < b; i++) for (let j = i; j > a && d.less(j, j - 1); j--) d.swap(j, j - 1);
}

function siftDown(d: SortData, lo: number, hi: number, first: number): void {
	let root = lo;
	for (;;) {
		let child = 2 * root + 1;
		if (child >= hi) return;
		if (child + 1 < hi && d.less(first + child, first + child + 1)) child++;
		if (!d.less(first + root, first + child)) return;
		d.swap(first + root, first + child);
		root = child;
	}
}

function heapSort(d: SortData, a: number, b: number): void {
	const first = a;
	const hi = b - a;
	for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) siftDown(d, i, hi, first);
	for (let i = hi - 1; i >= 0; i--) {
		d.swap(first, first + i);
		siftDown(d, 0, i, first);
	}
}

function pdqsort(d: SortData, a: number, b: number, limit: number): void {
	const maxInsertion = 12;
	let wasBalanced = true;
	let wasPartitioned = true;
	for (;;) {
		const length = b - a;
		if (length <= maxInsertion) {
			insertionSort(d, a, b);
			return;
		}
		if (limit === 0) {
			heapSort(d, a, b);
			return;
		}
		if (!wasBalanced) {
			breakPatterns(d, a, b);
			limit--;
		}
		let [pivot, hint] = choosePivot(d, a, b);
		if (hint === Hint.Decreasing) {
			reverseRange(d, a, b);
			pivot = b - 1 - (pivot - a);
			hint = Hint.Increasing;
		}
		if (wasBalanced && wasPartitioned && hint === Hint.Increasing && partialInsertionSort(d, a, b)) return;
		if (a > 0 && !d.less(a - 1, pivot)) {
			a = partitionEqual(d, a, b, pivot);
			continue;
		}
		const [mid, alreadyPartitioned] = partition(d, a, b, pivot);
		wasPartitioned = alreadyPartitioned;
		const leftLen = mid - a;
		const rightLen = b - mid;
		const balanceThreshold = Math.trunc(length / 8);
		if (leftLen < rightLen) {
			wasBalanced = leftLen >= balanceThreshold;
			pdqsort(d, a, mid, limit);
			a = mid + 1;
		} else {
			wasBalanced = rightLen >= balanceThreshold;
			pdqsort(d, mid + 1, b, limit);
			b = mid;
		}
	}
}

function partition(d: SortData, a: number, b: number, pivot: number): [number, boolean] {
	d.swap(a, pivot);
	let i = a + 1;
	let j = b - 1;
	while (i <= j && d.less(i, a)) i++;
	while (i <= j && !d.less(j, a)) j--;
	if (i > j) {
		d.swap(j, a);
		return [j, true];
	}
	d.swap(i, j);
	i++;
	j--;
	for (;;) {
		while (i <= j && d.less(i, a)) i++;
		while (i <= j && !d.less(j, a)) j--;
		if (i > j) break;
		d.swap(i, j);
		i++;
		j--;
	}
	d.swap(j, a);
	return [j, false];
}

function partitionEqual(d: SortData, a: number, b: number, pivot: number): number {
	d.swap(a, pivot);
	let i = a + 1;
	let j = b - 1;
	for (;;) {
		while (i <= j && !d.less(a, i)) i++;
		while (i <= j && d.less(a, j)) j--;
		if (i > j) break;
		d.swap(i, j);
		i++;
		j--;
	}
	return i;
}

function partialInsertionSort(d: SortData, a: number, b: number): boolean {
	const maxSteps = 5;
	const shortestShifting = 50;
	let i = a + 1;
	for (let step = 0; step < maxSteps; step++) {
		while (i < b && !d.less(i, i - 1)) i++;
		if (i === b) return true;
		if (b - a < shortestShifting) return false;
		d.swap(i, i - 1);
		if (i - a >= 2) {
			for (let j = i - 1; j >= 1; j--) {
				if (!d.less(j, j - 1)) break;
				d.swap(j, j - 1);
			}
		}
		if (b - i >= 2) {
			for (let j = i + 1; j < b; j++) {
				if (!d.less(j, j - 1)) break;
				d.swap(j, j - 1);
			}
		}
	}
	return false;
}

const MASK64 = (1n << 64n) - 1n;

function breakPatterns(d: SortData, a: number, b: number): void {
	const length = b - a;
	if (length < 8) return;
	let random = BigInt(length);
	const next = (): bigint => {
		random ^= (random << 13n) & MASK64;
		random ^= random >> 7n;
		random ^= (random << 17n) & MASK64;
		return random;
	};
	const modulus = BigInt(2 ** bitsLen(length));
	const base = a + Math.trunc(length / 4) * 2;
	for (let idx = base - 1; idx <= base + 1; idx++) {
		let other = Number(next() & (modulus - 1n));
		if (other >= length) other -= length;
		d.swap(idx, a + other);
	}
}

function choosePivot(d: SortData, a: number, b: number): [number, Hint] {
	const shortestNinther = 50;
	const maxSwaps = 4 * 3;
	const l = b - a;
	const swaps = {count: 0};
	let i = a + Math.trunc(l / 4) * 1;
	let j = a + Math.trunc(l / 4) * 2;
	let k = a + Math.trunc(l / 4) * 3;
	if (l >= 8) {
		if (l >= shortestNinther) {
			i = median(d, i - 1, i, i + 1, swaps);
			j = median(d, j - 1, j, j + 1, swaps);
			k = median(d, k - 1, k, k + 1, swaps);
		}
		j = median(d, i, j, k, swaps);
	}
	if (swaps.count === 0) return [j, Hint.Increasing];
	if (swaps.count === maxSwaps) return [j, Hint.Decreasing];
	return [j, Hint.Unknown];
}

function order2(d: SortData, a: number, b: number, swaps: {count: number}): [number, number] {
	if (d.less(b, a)) {
		swaps.count++;
		return [b, a];
	}
	return [a, b];
}

function median(d: SortData, a: number, b: number, c: number, swaps: {count: number}): number {
	[a, b] = order2(d, a, b, swaps);
	[b, c] = order2(d, b, c, swaps);
	[a, b] = order2(d, a, b, swaps);
	return b;
}

function reverseRange(d: SortData, a: number, b: number): void {
	for (let i = a, j = b - 1; i < j; i++, j--) d.swap(i, j);
}
