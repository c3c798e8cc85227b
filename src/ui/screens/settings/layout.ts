// Settings: the seed, colour, practice's question kinds and Reset, with notes on where progress is.
import {QUIZ_KIND_TITLES, QUIZ_KINDS} from '../../../lessons/vocabulary.js';
import {withGlobal} from '../../keymap/global.js';
import {footerHints} from '../../keymap/keymap.js';
import {saveStatus} from '../../layout/save-status.js';
import {bodyRows, footer, titleBar, type Frame} from '../../layout/frame.js';
import {blank, fit, line, seg, wrap, type Line} from '../../layout/line.js';
import {textInputLine} from '../../parts/text-input/layout.js';
import type {AppState} from '../../state/state.js';
import {SETTINGS_KEYS} from './keys.js';
import type {SettingsScreen} from './state.js';

export function settingsFrame(state: AppState, screen: SettingsScreen): Frame {
	const {columns, rows} = state.size;
	const {seed, colour} = state.progress;
	const kindsChosen = (state.progress.practice.kinds ?? QUIZ_KINDS).length;
	const item = (index: number, label: string, value: Line, hint: string): Line => {
		const selected = index === screen.cursor;
		const l: Line = [seg(selected ? ' ❯ ' : '   ', {bold: true}), seg(label.padEnd(10), {bold: true}), ...value, seg(`   ${hint}`, {dim: true})];
		return fit(selected ? l.map((s) => ({...s, inverse: true})) : l, columns);
	};
	const seedValue: Line = screen.seedInput !== undefined ? textInputLine(screen.seedInput) : [seg(String(seed))];
	const body: Line[] = [
		blank(),
		item(0, 'Seed', seedValue, screen.seedInput !== undefined ? 'type digits · Enter set · Esc cancel' : '←/→ change · Enter type a number'),
		item(1, 'Colour', [seg(colour)], '←/→ auto · on · off'),
		item(2, 'Practice', [seg(kindsChosen === QUIZ_KINDS.length ? 'every question kind' : `${kindsChosen} of ${QUIZ_KINDS.length} question kinds`)], screen.kinds ? '' : 'Enter choose the kinds'),
		item(
			3,
			'Reset',
			screen.confirmReset ? [seg('Erase every lesson, answer and practice score? y/N', {bold: true})] : screen.resetDone ? [seg('done: the course starts over')] : [seg('course progress')],
			screen.confirmReset || screen.resetDone ? '' : 'Enter erase (seed and colour stay)',
		),
		item(4, 'Back', [], ''),
		blank(),
	];
	if (screen.kinds !== undefined) {
		// The kinds, ticked or not, instead of the notes below.
		const {cursor, chosen} = screen.kinds;
		QUIZ_KINDS.forEach((kind, i) => {
			const l: Line = [seg(i === cursor ? ' ❯ ' : '   ', {bold: true}), seg(chosen.includes(kind) ? '[x] ' : '[ ] '), seg(kind.padEnd(21), {bold: true}), seg(QUIZ_KIND_TITLES[kind], {dim: true})];
			body.push(fit(i === cursor ? l.map((s) => ({...s, inverse: true})) : l, columns));
		});
		body.push(blank(), line(chosen.length === 0 ? '   Tick at least one kind.' : '   Space tick · a all or none · Enter keep · Esc cancel', {dim: true}));
		return settingsScreenFrame(state, screen, body, columns, rows, seed);
	}
	const text = [
		'The seed generates every cluster and question: the same seed gives the same session. To choose it from the shell: svc-tutor --seed N.',
		`Colour "auto" is off when NO_COLOR is set${state.colourEnv ? '' : ' (it is, or the terminal has no colour)'}; "on" and "off" override it.`,
		'Your progress is saved after every step and answer, in:',
		`  ${state.progressFile}`,
		'Reset above starts the course over and keeps these settings; svc-tutor reset (from the shell) erases the file itself.',
	];
	for (const t of text) for (const w of wrap(t, columns - 2, '  ')) body.push(line(` ${w}`));
	return settingsScreenFrame(state, screen, body, columns, rows, seed);
}

function settingsScreenFrame(state: AppState, screen: SettingsScreen, body: Line[], columns: number, rows: number, seed: number): Frame {
	return {
		title: titleBar('svc-tutor · Settings', `seed ${seed}`, columns),
		body: {kind: 'full', lines: body.slice(0, bodyRows(rows))},
		footer: footer(withGlobal(footerHints(SETTINGS_KEYS, screen)), columns, saveStatus(state)),
		scroll: {},
	};
}

