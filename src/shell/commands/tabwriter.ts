// Go's text/tabwriter as crictl uses it (minwidth 20, tabwidth 1, padding 3, padchar ' ', no
// flags): every cell but a line's last is padded to its column's width, the widest cell plus the
// padding, and at least minwidth.
export function goTabwriter(rows: readonly (readonly string[])[], minWidth = 20, padding = 3): string {
	const widths: number[] = [];
	for (const row of rows) {
		row.forEach((cell, i) => {
			if (i === row.length - 1) return;
			widths[i] = Math.max(widths[i] ?? 0, Math.max(minWidth, [...cell].length + padding));
		});
	}
	return rows.map((row) => `${row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length))).join('')}\n`).join('');
}
