// kube-proxy's log, wrapped to the width, newest at the bottom. Lines kube-proxy logs only at
// verbosity 4 are marked `v4│`: kubeadm runs kube-proxy without --v, so `kubectl logs` on a
// default node does not show them.
import {fit, line, seg, window, wrap, type Line} from '../../layout/line.js';
import type {ClusterSnapshot} from '../../world-types.js';
import type {KubeProxyLogLine} from '../../../tutor/log-view.js';
import {keyFor} from '../../keymap/keymap.js';
import {contentRows, rule, viewHeader} from '../view-header.js';
import {LOG_KEYS} from './keys.js';
import type {LogUi} from './state.js';

/** The gutter of a line a default (kubeadm, no --v) kube-proxy does not log. */
export const VERBOSE_MARK = 'v4│';
const GUTTER = '   ';

export function logStatus(ui: LogUi): Line[] {
	return [
		[seg('kube-proxy log on ', {bold: true}), seg(ui.node, {bold: true, colour: 'blue'}), seg(`   ${keyFor(LOG_KEYS, 'nextNode')}: next node`, {dim: true})],
		line('$ kubectl logs -n kube-system kube-proxy-…', {dim: true}),
		line('kubeadm runs it without --v: it shows', {dim: true}),
		line(`unmarked lines; ${VERBOSE_MARK} only with --v=4`, {dim: true}),
	];
}

const rowsCache = new WeakMap<readonly KubeProxyLogLine[], {width: number; rows: Line[]}>();

/** The log's lines wrapped to the width (kept per log and width: scrolling does not redo them). */
export function logRows(lines: readonly KubeProxyLogLine[], width: number): Line[] {
	const cached = rowsCache.get(lines);
	if (cached?.width === width) return cached.rows;
	const rows = lines.flatMap(({text, verbosity}) =>
		wrap(text, Math.max(1, width - GUTTER.length), '    ').map((t, i) =>
			fit(verbosity > 0 ? [seg(i === 0 ? VERBOSE_MARK : GUTTER, {colour: 'magenta'}), seg(t, {dim: true})] : [seg(GUTTER), seg(t)], width),
		),
	);
	rowsCache.set(lines, {width, rows});
	return rows;
}

export function logBody(snapshot: ClusterSnapshot, ui: LogUi, watch: string | undefined, columns: number, rows: number): {lines: Line[]; max: number} {
	const all = logRows(snapshot.log(ui.node), columns);
	const room = contentRows(rows);
	const {shown} = window(all, room, ui.scroll);
	return {lines: [...viewHeader(watch, logStatus(ui), columns), rule(columns), ...shown], max: Math.max(0, all.length - room)};
}
