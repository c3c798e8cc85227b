// The Shell screen: the terminal's lines, the prompt and the line being typed at the bottom of
// what has been printed. Lines wider than the screen wrap onto the next rows, as a terminal wraps
// them, so nothing is cut and the frame keeps its size; older rows scroll away (PgUp brings them
// back). Each printed line is wrapped once and kept, so a keypress redraws only the prompt's rows.
import {charWidth} from '../../../lessons/prose.js';
import {footerHints} from '../../keymap/keymap.js';
import {bodyRows, footer, titleBar, type Frame} from '../../layout/frame.js';
import {seg, type Line, type Segment} from '../../layout/line.js';
import {textInputLine} from '../../parts/text-input/layout.js';
import type {AppState} from '../../state/state.js';
import {SHELL_KEYS} from './keys.js';
import type {ShellLine, ShellScreen} from './state.js';

const wrapped = new WeakMap<ShellLine, {width: number; rows: Line[]}>();

/** A line cut into rows of `width` cells, character by character, as a terminal wraps it. */
export function terminalRows(segments: Line, width: number): Line[] {
	const rows: Line[] = [];
	let row: Segment[] = [];
	let used = 0;
	for (const s of segments) {
		let text = '';
		for (const ch of s.text) {
			const w = charWidth(ch);
			if (used + w > width) {
				if (text) row.push({...s, text});
				rows.push(row);
				row = [];
				used = 0;
				text = '';
			}
			text += ch;
			used += w;
		}
		if (text) row.push({...s, text});
	}
	rows.push(row);
	return rows;
}

function lineRows(line: ShellLine, width: number): Line[] {
	const cached = wrapped.get(line);
	if (cached?.width === width) return cached.rows;
	const rows = terminalRows([seg(line.text)], width);
	wrapped.set(line, {width, rows});
	return rows;
}

export function shellFrame(state: AppState, screen: ShellScreen): Frame {
	const {columns, rows} = state.size;
	const room = bodyRows(rows);
	const printed = screen.lines.flatMap((l) => lineRows(l, columns));
	const prompt = terminalRows([seg(screen.prompt, {bold: true}), ...textInputLine(screen.input)], columns);
	const all = [...printed, ...prompt];
	// The newest rows at the bottom of what is shown; before the screen fills, from the top.
	const end = Math.max(room, all.length - screen.scroll);
	const start = Math.max(0, Math.min(end, all.length) - room);
	const shown = all.slice(start, start + room);
	const back = screen.scroll > 0 ? `${Math.min(screen.scroll, Math.max(0, all.length - room))} rows back · ` : '';
	return {
		title: titleBar(screen.on ? `svc-tutor · Shell · lesson ${screen.on.lesson + 1}'s cluster at step ${screen.on.step + 1}` : 'svc-tutor · Shell · a kubeadm cluster: controlplane, node01, node02', `${back}seed ${state.progress.seed}`, columns),
		body: {kind: 'full', lines: shown},
		footer: footer(footerHints(SHELL_KEYS, screen), columns),
		scroll: {view: Math.max(0, all.length - room)},
	};
}
