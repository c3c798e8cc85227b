// Text helpers for questions: the UI draws a question beside the cluster pane on an 80x24
// screen, so every line the learner reads is at most 40 columns and breaks are ours, not the
// terminal's. Only single-cell characters are used (no emoji), so length is width.

export const WIDTH = 40;
export const MAX_PROMPT_LINES = 8;

/** Columns of a line: every character we emit is one cell wide. */
export function width(line: string): number {
	return [...line].length;
}

/**
 * Breaks one line at spaces so no piece is wider than `max`. Prose (no indent) continues flush
 * left; an indented line (a list item, a rule) continues one space deeper, so it still reads as
 * one item. A single word wider than `max` is cut, never left to overflow.
 */
export function wrapLine(line: string, max = WIDTH): string[] {
	if (width(line) <= max) return [line];
	const indent = /^ */.exec(line)?.[0] ?? '';
	const hang = indent === '' ? 0 : 1;
	const words = line.slice(indent.length).split(/ +/);
	const out: string[] = [];
	let current = indent;
	let lead = indent;
	for (const word of words) {
		const room = current === lead ? current + word : `${current} ${word}`;
		if (width(room) <= max) {
			current = room;
			continue;
		}
		if (current !== lead) out.push(current);
		lead = indent + ' '.repeat(hang);
		let rest = word;
		while (width(lead + rest) > max) {
			const cut = max - width(lead);
			out.push(lead + [...rest].slice(0, cut).join(''));
			rest = [...rest].slice(cut).join('');
		}
		current = lead + rest;
	}
	if (current.trim() !== '') out.push(current);
	return out;
}

export function wrapLines(lines: readonly string[], max = WIDTH): string[] {
	return lines.flatMap((line) => wrapLine(line, max));
}

/** Prose sentences, each starting on a new line, wrapped to the column limit. */
export function paragraph(...sentences: string[]): string {
	return wrapLines(sentences).join('\n');
}

/** 1048576 → "1,048,576": the form the lessons print. */
export function groupThousands(n: number): string {
	return n.toLocaleString('en-US', {maximumFractionDigits: 0});
}

/**
 * A probability as the simplest fraction within a hair of it ("1/3"), for probabilities the
 * rules produce: products of 1/k, with the kernel's 2^-31 rounding on each.
 */
export function fraction(p: number): string {
	if (p >= 1 - 1e-6) return '1';
	if (p <= 1e-6) return '0';
	for (let d = 2; d <= 10000; d++) {
		const n = Math.round(p * d);
		if (n > 0 && Math.abs(p - n / d) < 1e-6) return `${n}/${d}`;
	}
	return p.toFixed(4);
}

export function percent(p: number): string {
	return `${Number((p * 100).toFixed(1))}%`;
}

/** "1st", "2nd", "3rd", "4th", … "11th", "12th", "13th", "21st". */
export function ordinal(n: number): string {
	const tens = n % 100;
	if (tens >= 11 && tens <= 13) return `${n}th`;
	return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}
