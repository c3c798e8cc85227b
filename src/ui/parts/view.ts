// The three full-width views as one: a lesson's `show` step or a tool opened with r / t / l holds
// one of them, and hands it keys, updates and drawing without knowing which it is.
import {within, type Keymap} from '../keymap/keymap.js';
import type {Line} from '../layout/line.js';
import type {ClusterSnapshot} from '../world-types.js';
import {LOG_KEYS} from './log/keys.js';
import {logBody} from './log/layout.js';
import {updateLog, type LogIntent, type LogUi} from './log/state.js';
import {RULES_KEYS} from './rules/keys.js';
import {rulesBody} from './rules/layout.js';
import {updateRules, type RulesIntent, type RulesUi, type ViewContext} from './rules/state.js';
import {TRACE_KEYS} from './trace/keys.js';
import {traceBody} from './trace/layout.js';
import {updateTrace, type TraceIntent, type TraceUi} from './trace/state.js';

export type {ViewContext};
export type ViewUi = RulesUi | LogUi | TraceUi;

export type ViewIntent = {kind: 'rules'; intent: RulesIntent} | {kind: 'log'; intent: LogIntent} | {kind: 'trace'; intent: TraceIntent};

export const VIEW_KEYS: Keymap<ViewUi, ViewIntent> = [
	...within(RULES_KEYS, (ui: ViewUi) => (ui.kind === 'rules' ? ui : undefined), (intent): ViewIntent => ({kind: 'rules', intent})),
	...within(LOG_KEYS, (ui: ViewUi) => (ui.kind === 'log' ? ui : undefined), (intent): ViewIntent => ({kind: 'log', intent})),
	...within(TRACE_KEYS, (ui: ViewUi) => (ui.kind === 'trace' ? ui : undefined), (intent): ViewIntent => ({kind: 'trace', intent})),
];

export function updateView(ui: ViewUi, intent: ViewIntent, ctx: ViewContext): ViewUi {
	if (ui.kind === 'rules' && intent.kind === 'rules') return updateRules(ui, intent.intent, ctx);
	if (ui.kind === 'log' && intent.kind === 'log') return updateLog(ui, intent.intent, ctx);
	if (ui.kind === 'trace' && intent.kind === 'trace') return updateTrace(ui, intent.intent, ctx.snapshot);
	return ui;
}

/** While a trace is typed, letters are the text's. */
export function viewTyping(ui: ViewUi | undefined): boolean {
	return ui?.kind === 'trace' && ui.input !== undefined;
}

/** The view under its header; `max` is the largest scroll offset (for a trace, its number of rules). */
export function viewBody(snapshot: ClusterSnapshot, ui: ViewUi, watch: string | undefined, columns: number, rows: number): {lines: Line[]; max: number} {
	if (ui.kind === 'rules') return rulesBody(snapshot, ui, watch, columns, rows);
	if (ui.kind === 'log') return logBody(snapshot, ui, watch, columns, rows);
	return traceBody(snapshot, ui, watch, columns, rows);
}

/** Keeps a view's offset within what its frame can show. */
export function clampView(ui: ViewUi, max: number | undefined): ViewUi {
	const limit = max ?? 0;
	if (ui.kind === 'trace') {
		const revealed = Math.max(1, Math.min(ui.revealed, Math.max(1, limit)));
		return revealed === ui.revealed ? ui : {...ui, revealed};
	}
	const scroll = Math.max(0, Math.min(ui.scroll, limit));
	return scroll === ui.scroll ? ui : {...ui, scroll};
}
