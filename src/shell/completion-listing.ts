// How bash lists completions on a second Tab. Apart from complete.ts, with no imports: the Shell
// screen lays out the list without loading the shell itself (see ui/world.ts).
/**
 * The candidates as readline lists them on a second Tab (rl_display_match_list): every column as
 * wide as the longest candidate plus two, as many columns as fit the width (one fewer when they
 * would fill it exactly), filled top to bottom.
 */
export function completionListing(candidates: readonly string[], width: number): string[] {
	if (candidates.length === 0) return [];
	const longest = Math.max(...candidates.map((c) => [...c].length));
	const column = longest + 2;
	let perRow = Math.floor(width / column);
	if (perRow !== 1 && perRow * column === width) perRow--;
	perRow = Math.max(1, perRow);
	const rows = Math.ceil(candidates.length / perRow);
	const lines: string[] = [];
	for (let r = 0; r < rows; r++) {
		let line = '';
		for (let c = 0; c < perRow; c++) {
			const at = r + c * rows;
			const candidate = candidates[at];
			if (candidate === undefined) break;
			line += candidate;
			if (c + 1 < perRow && at + rows < candidates.length) line += ' '.repeat(column - [...candidate].length);
		}
		lines.push(line);
	}
	return lines;
}
