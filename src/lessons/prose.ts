// Lesson prose is shown verbatim, line for line, in a pane beside the cluster view on an 80×24
// terminal. Authors break lines themselves, so the loader measures every line the way a terminal
// draws it and rejects text that would wrap or overflow the screen.

/** Columns the prose pane has beside the cluster pane. */
export const PANE_WIDTH = 40;

export interface ProseLimits {
	/** Most lines the text may have. */
	lines: number;
	/** Most terminal cells a line may take. */
	width: number;
}

export interface ProseProblem {
	/** 1-based line and column inside the text. */
	line: number;
	column: number;
	message: string;
}

const VARIATION_SELECTOR_16 = '\u{FE0F}';
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u{200B}-\u{200F}\u{FE00}-\u{FE0E}]/u;
// Emoji drawn as pictures by default (🟠 🔵) and East Asian wide characters take two cells.
const WIDE = /[\p{Emoji_Presentation}\u{1100}-\u{115F}\u{2E80}-\u{303E}\u{3041}-\u{A4CF}\u{AC00}-\u{D7A3}\u{F900}-\u{FAFF}\u{FE30}-\u{FE4F}\u{FF00}-\u{FF60}\u{FFE0}-\u{FFE6}\u{20000}-\u{3FFFD}]/u;

/** Terminal cells one code point takes. */
export function charWidth(ch: string): number {
	if (ZERO_WIDTH.test(ch)) return 0;
	return WIDE.test(ch) ? 2 : 1;
}

/** Terminal cells a single line takes. */
export function cellWidth(line: string): number {
	let cells = 0;
	for (const ch of line) cells += charWidth(ch);
	return cells;
}

/** The lines a text shows: a block scalar's final newline does not make an empty last line. */
export function proseLines(text: string): string[] {
	return text.replace(/\n$/, '').split('\n');
}

/** The first reason the text would not display cleanly, or undefined. */
export function proseProblem(text: string, limits: ProseLimits): ProseProblem | undefined {
	const lines = proseLines(text);
	for (const [index, line] of lines.entries()) {
		const problem = lineProblem(line, limits.width);
		if (problem) return {line: index + 1, ...problem};
	}
	if (lines.length > limits.lines) {
		return {
			line: limits.lines + 1,
			column: 1,
			message: `${lines.length} lines, but at most ${limits.lines} fit on one screen: split it into two steps`,
		};
	}
	return undefined;
}

function lineProblem(line: string, width: number): {column: number; message: string} | undefined {
	let cells = 0;
	let column = 0;
	for (const ch of line) {
		column += 1;
		if (ch === VARIATION_SELECTOR_16) {
			return {
				column,
				message: 'contains U+FE0F (emoji presentation selector), which terminals and string-width measure differently: use ✔ ✖ ⚠ ℹ ❯ without it',
			};
		}
		if (ch === '\t') return {column, message: 'contains a tab, whose width depends on the terminal: use spaces'};
		cells += charWidth(ch);
		if (cells > width) {
			return {column, message: `line is ${cellWidth(line)} cells wide, but at most ${width} fit beside the cluster pane`};
		}
	}
	return undefined;
}
