// kube-proxy's log on a node, opened at its end (where the newest lines are).
import {nextOf, scrolled, type ScrollIntent} from '../view-header.js';
import type {ViewContext} from '../rules/state.js';

export interface LogUi {
	kind: 'log';
	node: string;
	/** From the top; the view opens at the end, where the newest lines are. */
	scroll: number;
}

export type LogIntent = ScrollIntent | {type: 'nextNode'};

export function openLog(node: string): LogUi {
	return {kind: 'log', node, scroll: Number.MAX_SAFE_INTEGER};
}

export function updateLog(ui: LogUi, intent: LogIntent, ctx: ViewContext): LogUi {
	if (intent.type === 'nextNode') return {...ui, node: nextOf(ctx.snapshot.nodes, ui.node) ?? ui.node, scroll: Number.MAX_SAFE_INTEGER};
	return {...ui, scroll: scrolled(ui.scroll, intent, ctx.page)};
}
