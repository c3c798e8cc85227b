// A screen as the layouts produce it: a title bar, a body and a footer of keys. The body is full
// width, or split into the 40-column text pane and the cluster pane beside it; the text pane may
// hold a list of choices, which Ink draws with ink-select-input (see ../choice-list.tsx).
import {cellWidth, fit, line, seg, wrap, type Line, type Segment} from './line.js';

/** The text pane: lesson prose is written to fit 40 columns (src/lessons/prose.ts). */
export const TEXT_WIDTH = 40;
export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export interface ChoiceBlock {
	/** The question this list belongs to (ink-select-input is remounted for each). */
	id: string;
	items: string[];
	cursor: number;
}

export type PaneContent = {lines: Line[]} | {before: Line[]; choices: ChoiceBlock; after: Line[]};

export type Body = {kind: 'full'; lines: Line[]} | {kind: 'split'; left: PaneContent; right: Line[]; focus: 'text' | 'side'};

export interface Frame {
	title: Line;
	body: Body;
	footer: Line;
	/** Largest scroll offsets, for the reducer to clamp to. */
	scroll: {text?: number; side?: number; view?: number};
}

/** Rows a frame takes: one less than the terminal, so Ink's last newline never scrolls it. */
export function frameRows(rows: number): number {
	return rows - 1;
}

export function bodyRows(rows: number): number {
	return frameRows(rows) - 2;
}

export function sideWidth(columns: number): number {
	return columns - TEXT_WIDTH - 1;
}

export function titleBar(left: string, right: string, columns: number): Line {
	const room = columns - cellWidth(right) - 2;
	const text = fit(line(` ${left}`), room, true);
	return [...text.map((s) => ({...s, inverse: true, bold: true})), seg(` ${right} `, {inverse: true})];
}

/** `[key, what]` pairs, as many as fit. */
export function footer(keys: readonly (readonly [string, string])[], columns: number, status?: Segment): Line {
	const out: Line = [];
	let used = 0;
	const reserve = status ? cellWidth(status.text) + 2 : 0;
	for (const [key, what] of keys) {
		const piece = `${out.length > 0 ? '  ' : ' '}${key} ${what}`;
		if (used + cellWidth(piece) > columns - reserve) break;
		out.push(seg(out.length > 0 ? '  ' : ' '), seg(key, {bold: true}), seg(` ${what}`, {dim: true}));
		used += cellWidth(piece);
	}
	if (status) out.push(seg(' '.repeat(Math.max(1, columns - used - cellWidth(status.text) - 1))), status);
	return fit(out, columns);
}

/** The frame for a terminal below 80×24: what to do about it. */
export function tooSmallFrame(columns: number, rows: number): Frame {
	// Wrapped, not cut: this is the one screen that must be readable however small the terminal.
	const lines = [
		...wrap(`svc-tutor needs a terminal of at least ${MIN_COLUMNS}×${MIN_ROWS}.`, columns).map((text) => line(text, {bold: true})),
		...wrap(`This one is ${columns}×${rows}: enlarge it, or press q to quit.`, columns).map((text) => line(text)),
	].map((l) => fit(l, columns));
	return {title: [], body: {kind: 'full', lines}, footer: [], scroll: {}};
}

