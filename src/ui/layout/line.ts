// Every screen is drawn as lines of styled segments computed by pure functions: the same lines
// feed Ink (through LinesView), the pre-rendered first frame, and the tests, and each line is
// cut to the screen's width here so the terminal never wraps anything on its own.
import {charWidth, cellWidth} from '../../lessons/prose.js';

/** Colours that read on dark and light backgrounds alike (no white, black or yellow). */
export type Colour = 'green' | 'red' | 'blue' | 'magenta' | 'cyan';

export interface Segment {
	text: string;
	colour?: Colour;
	bold?: boolean;
	dim?: boolean;
	inverse?: boolean;
}

export type Line = Segment[];

export type Style = Omit<Segment, 'text'>;

export const seg = (text: string, style: Style = {}): Segment => ({text, ...style});
export const line = (text: string, style: Style = {}): Line => [seg(text, style)];
export const blank = (): Line => [];

export {cellWidth};

export function lineWidth(l: Line): number {
	let w = 0;
	for (const s of l) w += cellWidth(s.text);
	return w;
}

export function plain(l: Line): string {
	return l.map((s) => s.text).join('');
}

/** Cuts a string to `width` cells, ending in … when something was cut. */
export function truncate(text: string, width: number): string {
	if (cellWidth(text) <= width) return text;
	if (width <= 0) return '';
	let out = '';
	let used = 0;
	for (const ch of text) {
		const w = charWidth(ch);
		if (used + w > width - 1) break;
		out += ch;
		used += w;
	}
	return out + '…';
}

/** The line cut to `width` cells (… at the cut), and padded with spaces to it when `pad`. */
export function fit(l: Line, width: number, pad = false): Line {
	let out: Line;
	let used = lineWidth(l);
	if (used <= width) {
		out = [...l];
	} else {
		// Keep width-1 cells, character by character across segments, then the ellipsis.
		out = [];
		used = 0;
		let last: Segment | undefined;
		outer: for (const s of l) {
			let text = '';
			for (const ch of s.text) {
				const w = charWidth(ch);
				if (used + w > width - 1) {
					if (text) out.push({...s, text});
					last = s;
					break outer;
				}
				text += ch;
				used += w;
			}
			if (text) out.push({...s, text});
			last = s;
		}
		if (width > 0) {
			out.push({...last, text: '…'});
			used += 1;
		}
	}
	if (pad && used < width) {
		const end = out[out.length - 1];
		// Padding carries the last segment's inverse so a highlighted bar spans the whole width.
		out.push(end?.inverse ? {text: ' '.repeat(width - used), inverse: true} : {text: ' '.repeat(width - used)});
	}
	return out;
}

/** Pads a line to exactly `width` cells (cutting it when longer). */
export function pad(l: Line, width: number): Line {
	return fit(l, width, true);
}

/**
 * Breaks text into lines of at most `width` cells, at spaces where it can (hard breaks inside
 * words longer than a line), keeping the text's own line breaks. Continuation lines start with
 * `indent`.
 */
export function wrap(text: string, width: number, indent = ''): string[] {
	const out: string[] = [];
	for (const raw of text.split('\n')) {
		if (cellWidth(raw) <= width) {
			out.push(raw);
			continue;
		}
		let rest = raw;
		let first = true;
		while (rest.length > 0) {
			const prefix = first ? '' : indent;
			const room = Math.max(1, width - cellWidth(prefix));
			if (cellWidth(rest) <= room) {
				out.push(prefix + rest);
				break;
			}
			let cut = 0;
			let used = 0;
			let lastSpace = -1;
			const chars = [...rest];
			for (let i = 0; i < chars.length; i++) {
				const w = charWidth(chars[i]!);
				if (used + w > room) break;
				used += w;
				cut = i + 1;
				if (chars[i] === ' ') lastSpace = i;
			}
			const at = lastSpace > 0 ? lastSpace : cut;
			out.push(prefix + chars.slice(0, at).join('').replace(/\s+$/, ''));
			rest = chars.slice(lastSpace > 0 ? at + 1 : at).join('');
			first = false;
		}
	}
	return out;
}

/** Two columns side by side, separated by `│` (the right one starts right after it), each cut/padded to its width. */
export function columns(left: readonly Line[], leftWidth: number, right: readonly Line[], rightWidth: number, rows: number, separator: Style = {dim: true}): Line[] {
	const out: Line[] = [];
	for (let i = 0; i < rows; i++) {
		out.push([...pad(left[i] ?? [], leftWidth), seg('│', separator), ...fit(right[i] ?? [], rightWidth)]);
	}
	return out;
}

/** The slice of `lines` that fits `rows`, from `offset` (clamped), and the clamped offset. */
export function window<T>(lines: readonly T[], rows: number, offset: number): {shown: T[]; offset: number; more: {above: number; below: number}} {
	const max = Math.max(0, lines.length - rows);
	const at = Math.max(0, Math.min(offset, max));
	const shown = lines.slice(at, at + rows);
	return {shown, offset: at, more: {above: at, below: Math.max(0, lines.length - at - rows)}};
}

/** Exactly `rows` lines: cut, or filled with blank lines. */
export function exactly(lines: readonly Line[], rows: number): Line[] {
	const out = lines.slice(0, rows);
	while (out.length < rows) out.push([]);
	return out;
}
