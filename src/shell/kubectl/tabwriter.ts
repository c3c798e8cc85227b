// Go's text/tabwriter, which kubectl prints its tables (minwidth 6, padding 3) and describe's
// text (minwidth 0, padding 2) through. Cells are tab-terminated, so a line's last cell is not
// part of a column; a column's width is decided over a block of consecutive lines that have a
// cell in it, so a line with fewer cells (or a blank line) ends the blocks to its right.
export interface TabwriterOptions {
	minWidth: number;
	padding: number;
}

export const TABLE_OPTIONS: TabwriterOptions = {minWidth: 6, padding: 3};
export const DESCRIBE_OPTIONS: TabwriterOptions = {minWidth: 0, padding: 2};

/** Formats text whose cells are separated by tabs (a trailing newline is kept). */
export function tabwrite(text: string, options: TabwriterOptions): string {
	const lines = text.split('\n').map((l) => l.split('\t'));
	const endsWithNewline = text.endsWith('\n');
	if (endsWithNewline) lines.pop();
	const out: string[] = [];
	const widths: number[] = [];
	const write = (from: number, to: number): void => {
		for (let i = from; i < to; i++) {
			const cells = lines[i]!;
			let line = '';
			cells.forEach((cell, j) => {
				line += cell;
				if (j < cells.length - 1 && j < widths.length) line += ' '.repeat(Math.max(0, widths[j]! - runes(cell)));
			});
			out.push(line);
		}
	};
	const format = (line0: number, line1: number): void => {
		const column = widths.length;
		let start = line0;
		for (let i = line0; i < line1; i++) {
			if (column >= lines[i]!.length - 1) continue;
			write(start, i);
			start = i;
			let width = options.minWidth;
			let j = i;
			for (; j < line1; j++) {
				const cells = lines[j]!;
				if (column >= cells.length - 1) break;
				width = Math.max(width, runes(cells[column]!) + options.padding);
			}
			widths.push(width);
			format(start, j);
			widths.pop();
			start = j;
			i = j - 1;
		}
		write(start, line1);
	};
	format(0, lines.length);
	return out.join('\n') + (endsWithNewline ? '\n' : '');
}

/** Rows of cells as one table (an empty row is a blank separator line). */
export function layoutTable(rows: readonly (readonly string[])[]): string {
	if (rows.length === 0) return '';
	return tabwrite(rows.map((r) => `${r.join('\t')}\n`).join(''), TABLE_OPTIONS);
}

function runes(text: string): number {
	return [...text].length;
}
