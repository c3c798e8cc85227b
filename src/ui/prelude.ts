// The first frame, drawn before Ink, React and the engine are loaded: the home screen as plain
// text with escape codes, from the same layout function Ink draws it with a moment later (so the
// two frames are identical and Ink's replaces this one in place). Keys typed meanwhile wait in
// the terminal (raw mode is on) and are handled once Ink reads them.
import type {Frame} from './layout/frame.js';
import {bodyRows, frameRows, sideWidth, TEXT_WIDTH} from './layout/frame.js';
import {columns, exactly, pad, seg, type Colour, type Line, type Segment} from './layout/line.js';
import {CLEAR_LINE_END, CURSOR_HOME, ENTER_ALT_SCREEN, HIDE_CURSOR} from './terminal.js';

const COLOUR_CODES: Record<Colour, number> = {red: 31, green: 32, blue: 34, magenta: 35, cyan: 36};

export interface Ansi {
	/** Colours (not bold, dim or inverse) are left out when false. */
	colour: boolean;
	/** No escape codes at all (a terminal Ink's chalk would not style either). */
	plain: boolean;
}

export function segmentText(s: Segment, ansi: Ansi): string {
	if (ansi.plain) return s.text;
	const codes: number[] = [];
	if (s.bold) codes.push(1);
	if (s.dim) codes.push(2);
	if (s.inverse) codes.push(7);
	if (ansi.colour && s.colour) codes.push(COLOUR_CODES[s.colour]);
	return codes.length === 0 ? s.text : `\u001B[${codes.join(';')}m${s.text}\u001B[0m`;
}

/** The frame as the terminal's rows, each exactly `columns` wide. */
export function frameLines(frame: Frame, size: {columns: number; rows: number}): Line[] {
	const body = bodyRows(size.rows);
	let middle: Line[];
	if (frame.body.kind === 'full') {
		middle = exactly(frame.body.lines, body);
	} else {
		const left = frame.body.left;
		const leftLines = 'lines' in left ? left.lines : [...left.before, ...left.choices.items.map((item, i): Line => [seg(i === left.choices.cursor ? '❯ ' : '  '), seg(item)]), ...left.after];
		middle = columns(leftLines, TEXT_WIDTH, frame.body.right, sideWidth(size.columns), body);
	}
	return [frame.title, ...middle, frame.footer].slice(0, frameRows(size.rows)).map((l) => pad(l, size.columns));
}

/** Plain text of a frame, for tests and for logs. */
export function frameText(frame: Frame, size: {columns: number; rows: number}): string {
	return frameLines(frame, size)
		.map((l) => l.map((s) => s.text).join('').replace(/\s+$/, ''))
		.join('\n');
}

/** Everything to write: alternate screen, the frame, the cursor back home for Ink. */
export function preludeOutput(frame: Frame, size: {columns: number; rows: number}, ansi: Ansi): string {
	const rows = frameLines(frame, size).map((l) => l.map((s) => segmentText(s, ansi)).join('') + CLEAR_LINE_END);
	return ENTER_ALT_SCREEN + HIDE_CURSOR + CURSOR_HOME + rows.join('\r\n') + CURSOR_HOME;
}
