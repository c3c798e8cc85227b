// kube-proxy's log, wrapped to the width, newest at the bottom.
import {fit, line, seg, window, wrap, type Line} from '../../layout/line.js';
import type {ClusterSnapshot} from '../../world-types.js';
import {keyFor} from '../../keymap/keymap.js';
import {contentRows, rule, viewHeader} from '../view-header.js';
import {LOG_KEYS} from './keys.js';
import type {LogUi} from './state.js';

export function logStatus(ui: LogUi): Line[] {
	return [
		[seg('kube-proxy log on ', {bold: true}), seg(ui.node, {bold: true, colour: 'blue'}), seg(`   ${keyFor(LOG_KEYS, 'nextNode')}: next node`, {dim: true})],
		line('$ kubectl logs -n kube-system kube-proxy-…', {dim: true}),
		line('newest at the bottom', {dim: true}),
	];
}

const rowsCache = new WeakMap<readonly string[], {width: number; rows: Line[]}>();

/** The log's lines wrapped to the width (kept per log and width: scrolling does not redo them). */
export function logRows(lines: readonly string[], width: number): Line[] {
	const cached = rowsCache.get(lines);
	if (cached?.width === width) return cached.rows;
	const rows = lines.flatMap((text) => wrap(text, width, '    ').map((t) => fit(line(t), width)));
	rowsCache.set(lines, {width, rows});
	return rows;
}

export function logBody(snapshot: ClusterSnapshot, ui: LogUi, watch: string | undefined, columns: number, rows: number): {lines: Line[]; max: number} {
	const all = logRows(snapshot.log(ui.node), columns);
	const room = contentRows(rows);
	const {shown} = window(all, room, ui.scroll);
	return {lines: [...viewHeader(watch, logStatus(ui), columns), rule(columns), ...shown], max: Math.max(0, all.length - room)};
}
