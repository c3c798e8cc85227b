// kubectl's table layout: Go's text/tabwriter as cli-runtime sets it up (minwidth 6, padding 3,
// spaces). Cells are tab-terminated; the last cell of a line is not part of a column, so it is
// never padded. A line without cells (a blank separator) ends every column block above it.
const MIN_WIDTH = 6;
const PADDING = 3;

export function layoutTable(rows: readonly (readonly string[])[]): string {
	let out = '';
	let block: (readonly string[])[] = [];
	const flush = (): void => {
		out += layoutBlock(block);
		block = [];
	};
	for (const row of rows) {
		if (row.length === 0) {
			flush();
			out += '\n';
		} else block.push(row);
	}
	flush();
	return out;
}

/**
 * Columns are aligned over consecutive lines that have a cell in that column (tabwriter's
 * column blocks); rows of one table always have the same number of cells, so one width per
 * column index is what tabwriter computes for them.
 */
function layoutBlock(rows: readonly (readonly string[])[]): string {
	const widths: number[] = [];
	for (const row of rows) {
		for (let i = 0; i < row.length - 1; i++) widths[i] = Math.max(widths[i] ?? 0, Math.max(cellWidth(row[i]!) + PADDING, MIN_WIDTH));
	}
	let out = '';
	for (const row of rows) {
		let line = '';
		for (let i = 0; i < row.length; i++) {
			const cell = row[i]!;
			line += i < row.length - 1 ? cell + ' '.repeat(widths[i]! - cellWidth(cell)) : cell;
		}
		out += `${line}\n`;
	}
	return out;
}

/** tabwriter counts UTF-8 runes, not bytes. */
function cellWidth(text: string): number {
	return [...text].length;
}
