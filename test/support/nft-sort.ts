// The order kube-proxy's nftables unit tests put a transaction in before comparing it
// (pkg/proxy/nftables/helpers_test.go, sortNFTablesTransaction): blank and `#` lines dropped; lines
// stably sorted by object type (table, chain, rule, set, map, element), then by object name (the
// fifth word); rules keep their order within a chain, other lines of one object sort as text.
const OBJECT_ORDER: Record<string, number> = {table: 10, chain: 9, rule: 8, set: 7, map: 6, element: 5};

export function sortNFTablesTransaction(tx: string): string {
	const lines = tx.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
	const order = (type: string | undefined): number => (type !== undefined ? (OBJECT_ORDER[type] ?? 0) : 0);
	// Array.prototype.sort is stable; upstream's less() answers "i before j", so compare both ways.
	const less = (li: string, lj: string): boolean => {
		const wi = li.split(' ');
		const wj = lj.split(' ');
		if (wi.length < 5 || wj.length < 5) return false;
		if (wi[1] !== wj[1]) return order(wi[1]) >= order(wj[1]);
		if (wi[4] !== wj[4]) return wi[4]! < wj[4]!;
		if (wi[1] === 'rule') return false;
		return li < lj;
	};
	return lines.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0)).join('\n');
}
