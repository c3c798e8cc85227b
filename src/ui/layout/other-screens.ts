// Practice (generated questions over a scenario cluster), settings, and the help overlay.
import {QUIZ_KIND_TITLES, QUIZ_KINDS} from '../../lessons/vocabulary.js';
import type {AppState, PracticeScreen, SettingsScreen} from '../state/state.js';
import type {QuizRef, World} from '../world-types.js';
import {clusterPaneLines} from './cluster-pane.js';
import {bodyRows, footer, sideWidth, TEXT_WIDTH, titleBar, type Frame} from './frame.js';
import {quizKeys, saveStatus, toolKeys, viewBody} from './lesson.js';
import {blank, fit, line, seg, window, wrap, type Line} from './line.js';
import {quizPane} from './quiz.js';

/** The practice question the screen is on, from the kinds the learner chose. */
export function practiceQuiz(state: AppState, n: number): QuizRef {
	const kinds = state.progress.practice.kinds;
	return kinds ? {kind: 'practice', n, kinds} : {kind: 'practice', n};
}

export function practiceFrame(state: AppState, screen: PracticeScreen, world: World): Frame {
	const {columns, rows} = state.size;
	const seed = state.progress.seed;
	const p = state.progress.practice;
	const title = titleBar(`Practice · question ${screen.n + 1} · ${p.correct}/${p.asked} right so far`, `seed ${seed}`, columns);
	const rowsAvailable = bodyRows(rows);
	if (screen.tool) {
		const {body, keys, max} = viewBody(world, {kind: 'practice'}, seed, screen.tool, undefined, columns, rowsAvailable);
		return {title, body, footer: footer(toolKeys(screen.tool, keys), columns, saveStatus(state)), scroll: {view: max}};
	}
	const asked = world.question(practiceQuiz(state, screen.n), seed);
	const pane = quizPane(asked, screen.quiz, {
		width: TEXT_WIDTH,
		rows: rowsAvailable,
		heading: line(asked.ok ? `Practice · ${asked.question.kind}` : 'Practice', {bold: true}),
		scroll: screen.textScroll,
	});
	const side = clusterPaneLines(world.pane({kind: 'practice'}, seed), sideWidth(columns), rowsAvailable);
	const sideWindow = window(side, rowsAvailable, screen.sideScroll);
	return {
		title,
		body: {kind: 'split', left: pane.content, right: sideWindow.shown, focus: screen.pane},
		footer: footer(
			screen.quiz.editing
				? quizKeys(screen.quiz, 'typed', 'text')
				: [...quizKeys(screen.quiz, asked.ok ? asked.question.mode : undefined, screen.pane), ['Tab', screen.pane === 'text' ? 'cluster pane' : 'text pane'], ['r t l', 'rules trace log'], ['b', 'home'], ['?', 'help'], ['q', 'quit']],
			columns,
			saveStatus(state),
		),
		scroll: {text: pane.maxScroll, side: Math.max(0, side.length - rowsAvailable)},
	};
}

export const SETTINGS_ITEMS = ['seed', 'colour', 'practice', 'reset', 'back'] as const;

export function settingsFrame(state: AppState, screen: SettingsScreen): Frame {
	const {columns, rows} = state.size;
	const {seed, colour} = state.progress;
	const kindsChosen = (state.progress.practice.kinds ?? QUIZ_KINDS).length;
	const item = (index: number, label: string, value: Line, hint: string): Line => {
		const selected = index === screen.cursor;
		const l: Line = [seg(selected ? ' ❯ ' : '   ', {bold: true}), seg(label.padEnd(10), {bold: true}), ...value, seg(`   ${hint}`, {dim: true})];
		return fit(selected ? l.map((s) => ({...s, inverse: true})) : l, columns);
	};
	const seedValue: Line = screen.seedInput !== undefined ? [seg(screen.seedInput), seg('▏', {bold: true})] : [seg(String(seed))];
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
		return settingsScreenFrame(state, body, columns, rows, seed);
	}
	const text = [
		'The seed generates every cluster and question: the same seed gives the same session. To choose it from the shell: svc-tutor --seed N.',
		`Colour "auto" is off when NO_COLOR is set${state.colourEnv ? '' : ' (it is, or the terminal has no colour)'}; "on" and "off" override it.`,
		'Your progress is saved after every step and answer, in:',
		`  ${state.progressFile}`,
		'Reset above starts the course over and keeps these settings; svc-tutor reset (from the shell) erases the file itself.',
	];
	for (const t of text) for (const w of wrap(t, columns - 2, '  ')) body.push(line(` ${w}`));
	return settingsScreenFrame(state, body, columns, rows, seed);
}

function settingsScreenFrame(state: AppState, body: Line[], columns: number, rows: number, seed: number): Frame {
	return {
		title: titleBar('svc-tutor · Settings', `seed ${seed}`, columns),
		body: {kind: 'full', lines: body.slice(0, bodyRows(rows))},
		footer: footer(
			[
				['↑↓', 'move'],
				['←→', 'change'],
				['Enter', 'choose'],
				['b', 'home'],
				['?', 'help'],
				['q', 'quit'],
			],
			columns,
			saveStatus(state),
		),
		scroll: {},
	};
}

const HELP: readonly (readonly [string, string])[] = [
	['↑↓  j k', 'move, choose, scroll'],
	['Enter', 'open, next step, answer'],
	['→  ←', 'next / previous step (in a trace: rule by rule)'],
	['⌫', 'previous step'],
	['Esc  b', 'back: close a view, leave a lesson'],
	['Tab', 'switch between the text and the cluster pane'],
	['h', 'a hint for the question'],
	['a', 'try again after an answer (a new question)'],
	['1-6', 'pick that choice'],
	['r  t  l', 'rules, trace, kube-proxy log of the cluster'],
	['f s a n', 'rules: format, Service, only its lines, node'],
	['e o s d', 'trace: show all, other path, source, destination'],
	[':', 'trace: type a source (Pod or IP) and IP:PORT[/udp]'],
	['?', 'this help (any key closes it)'],
	['q  Ctrl+C', 'quit (progress is already saved)'],
];

export function helpFrame(state: AppState): Frame {
	const {columns, rows} = state.size;
	const body: Line[] = [blank(), line(' Keys', {bold: true}), blank()];
	for (const [key, what] of HELP) body.push(fit([seg(`   ${key.padEnd(12)}`, {bold: true}), seg(what)], columns));
	body.push(blank());
	body.push(line(' Typing an answer: letters go into the field; Esc leaves it.', {dim: true}));
	return {title: titleBar('svc-tutor · Help', `seed ${state.progress.seed}`, columns), body: {kind: 'full', lines: body.slice(0, bodyRows(rows))}, footer: footer([['any key', 'close']], columns), scroll: {}};
}
