/**
 * Exact binomial tails for kernel tests that count where random (`-m statistic`) choices land.
 * A tolerance is chosen so that a correct kernel fails the test by chance less often than `alpha`.
 */

/** P(X = x) for X ~ Binomial(n, p), x = 0..n, computed in log space (no underflow for large n). */
export function binomialPmf(n: number, p: number): number[] {
	if (!Number.isInteger(n) || n < 0) throw new Error(`n must be a natural number, got ${n}`);
	if (!(p > 0 && p < 1)) throw new Error(`p must be in (0, 1), got ${p}`);
	const logP = Math.log(p);
	const logQ = Math.log1p(-p);
	const pmf: number[] = [];
	let logChoose = 0; // log C(n, 0)
	for (let x = 0; x <= n; x++) {
		pmf.push(Math.exp(logChoose + x * logP + (n - x) * logQ));
		logChoose += Math.log(n - x) - Math.log(x + 1);
	}
	return pmf;
}

/** P(|X − n·p| > d) for X ~ Binomial(n, p). */
export function binomialTwoSidedTail(n: number, p: number, d: number): number {
	const mean = n * p;
	return binomialPmf(n, p).reduce((sum, q, x) => (Math.abs(x - mean) > d ? sum + q : sum), 0);
}

/**
 * Smallest whole d such that, by the union bound over the categories, the chance that ANY count
 * leaves [n·pᵢ − d, n·pᵢ + d] is at most `alpha` when the true probabilities are `ps`.
 * Each category's count is Binomial(n, pᵢ) on its own, whatever the others do, so the union bound holds.
 */
export function binomialTolerance(n: number, ps: readonly number[], alpha: number): number {
	const pmfs = ps.map((p) => ({mean: n * p, pmf: binomialPmf(n, p)}));
	for (let d = 0; d <= n; d++) {
		let failure = 0;
		for (const {mean, pmf} of pmfs) {
			for (let x = 0; x <= n; x++) if (Math.abs(x - mean) > d) failure += pmf[x] ?? 0;
		}
		if (failure <= alpha) return d;
	}
	return n;
}
