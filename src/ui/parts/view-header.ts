// What the full-width views (rules, log, trace) share: a header block (the lesson's "watch" text,
// or what is shown and the keys that change it) over a rule, over the scrollable content.
import type {Keymap} from '../keymap/keymap.js';
import {TEXT_WIDTH} from '../layout/frame.js';
import {blank, columns as sideBySide, fit, line, seg, type Line} from '../layout/line.js';

export const HEADER_ROWS = 4;

/** The header block: watch text on the left (when a lesson gives one), status on the right. */
export function viewHeader(watch: string | undefined, status: Line[], width: number): Line[] {
	if (watch === undefined) return [...status.slice(0, HEADER_ROWS).map((l) => fit(l, width)), ...Array.from({length: Math.max(0, HEADER_ROWS - status.length)}, blank)];
	const left = watch.replace(/\n$/, '').split('\n').map((t) => line(t, {colour: 'magenta'}));
	return sideBySide(left, TEXT_WIDTH, status.map((l) => [seg(' '), ...l]), width - TEXT_WIDTH - 1, HEADER_ROWS);
}

export function rule(width: number): Line {
	return line('─'.repeat(width), {dim: true});
}

/** Rows left for a view's content under its header and rule. */
export function contentRows(bodyRows: number): number {
	return bodyRows - HEADER_ROWS - 1;
}

/** A view's scrolling: the page a view moves by, under its header. */
export function viewPage(bodyRows: number): number {
	return Math.max(1, bodyRows - 7);
}

export type ScrollIntent = {type: 'scroll'; by: number | 'page' | '-page'} | {type: 'scrollTo'; to: 'top' | 'bottom'};

/** Scrolls an offset; the frame clamps it to what there is (the bottom is "as far as it goes"). */
export function scrolled(scroll: number, intent: ScrollIntent, page: number): number {
	if (intent.type === 'scrollTo') return intent.to === 'top' ? 0 : Number.MAX_SAFE_INTEGER;
	const by = intent.by === 'page' ? page : intent.by === '-page' ? -page : intent.by;
	return Math.max(0, Math.min(scroll, Number.MAX_SAFE_INTEGER - page) + by);
}

export const SCROLL_KEYS: Keymap<unknown, ScrollIntent> = [
	{keys: ['up', 'k'], label: '↑↓', does: 'scroll', help: 'scroll (PgUp PgDn Space by a page, g G top and bottom)', to: {type: 'scroll', by: -1}},
	{keys: ['down', 'j'], to: {type: 'scroll', by: 1}},
	{keys: ['pageup'], to: {type: 'scroll', by: '-page'}},
	{keys: ['pagedown', ' '], to: {type: 'scroll', by: 'page'}},
	{keys: ['home', 'g'], to: {type: 'scrollTo', to: 'top'}},
	{keys: ['end', 'G'], to: {type: 'scrollTo', to: 'bottom'}},
];

/** The next of a list after `current`, going round. */
export function nextOf<T>(list: readonly T[], current: T | undefined): T | undefined {
	if (list.length === 0) return undefined;
	const at = current === undefined ? -1 : list.indexOf(current);
	return list[(at + 1) % list.length];
}
