// Help over the screen it was opened on: that screen's keys as they apply right now, then the
// keys every screen has. Both come from the keymaps, so help lists exactly what the keys do.
import {GLOBAL_KEYS} from '../../keymap/global.js';
import {footerHints, helpHints} from '../../keymap/keymap.js';
import {bodyRows, footer, titleBar, type Frame} from '../../layout/frame.js';
import {blank, fit, line, seg, type Line} from '../../layout/line.js';
import type {AppState} from '../../state/state.js';
import {activeScreen} from '../active.js';
import {HELP_KEYS} from './keys.js';

export function helpFrame(state: AppState): Frame {
	const {columns, rows} = state.size;
	const here = activeScreen(state);
	const body: Line[] = [blank(), line(' Keys here', {bold: true}), blank()];
	const row = ([key, what]: readonly [string, string]): Line => fit([seg(`   ${key.padEnd(12)}`, {bold: true}), seg(what)], columns);
	for (const hint of here.help()) body.push(row(hint));
	body.push(blank(), line(' Everywhere', {bold: true}));
	for (const hint of helpHints(GLOBAL_KEYS, undefined)) body.push(row(hint));
	body.push(blank());
	body.push(line(' Typing an answer: letters go into the field; Esc leaves it.', {dim: true}));
	return {title: titleBar('svc-tutor · Help', `seed ${state.progress.seed}`, columns), body: {kind: 'full', lines: body.slice(0, bodyRows(rows))}, footer: footer(footerHints(HELP_KEYS, undefined), columns), scroll: {}};
}
