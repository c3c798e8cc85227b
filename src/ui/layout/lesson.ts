// The lesson screen: the step's text on the left, the live cluster on the right; `show` steps and
// the r / t / l tools take the full width for the rules, a trace or the log.
import type {ClusterAction, Lesson, Step} from '../../lessons/schema.js';
import {lessonProgress, lessonScore} from '../../tutor/progress/model.js';
import type {AppState, LessonScreen, PracticeScreen, QuizUi, ViewUi} from '../state/state.js';
import type {ClusterRef, World} from '../world-types.js';
import {clusterPaneLines} from './cluster-pane.js';
import {bodyRows, footer, sideWidth, TEXT_WIDTH, titleBar, type Body, type Frame} from './frame.js';
import {blank, line, window, wrap, type Line} from './line.js';
import {quizPane} from './quiz.js';
import {logRows, logStatus, rule, rulesRows, rulesStatus, traceRows, traceStatus, viewHeader, HEADER_ROWS} from './views.js';

type Keys = (readonly [string, string])[];

const TAIL: Keys = [
	['b', 'home'],
	['?', 'help'],
	['q', 'quit'],
];

/** The cluster a lesson step shows: the end card shows the cluster after the last step. */
export function refFor(screen: LessonScreen | PracticeScreen, world: World): ClusterRef {
	if (screen.name === 'practice') return {kind: 'practice'};
	const steps = world.lessons[screen.lesson]?.steps.length ?? 1;
	return {kind: 'lesson', lesson: screen.lesson, step: Math.min(screen.step, steps - 1)};
}

export function lessonFrame(state: AppState, screen: LessonScreen, world: World): Frame {
	const {columns, rows} = state.size;
	const lesson = world.lessons[screen.lesson]!;
	const step: Step | undefined = lesson.steps[screen.step];
	const total = lesson.steps.length;
	const title = titleBar(
		`Lesson ${screen.lesson + 1}/${world.lessons.length} · ${lesson.title}`,
		`${screen.step < total ? `step ${screen.step + 1}/${total}` : 'the end'} · k8s ${lesson.kubernetesVersion}`,
		columns,
	);
	const ref = refFor(screen, world);
	const seed = state.progress.seed;
	const rowsAvailable = bodyRows(rows);

	const tool = screen.tool;
	if (tool) {
		const {body, keys, max} = viewBody(world, ref, seed, tool, undefined, columns, rowsAvailable);
		return {title, body, footer: footer(toolKeys(tool, keys), columns, saveStatus(state)), scroll: {view: max}};
	}
	if (step && 'show' in step && screen.show) {
		const {body, keys, max} = viewBody(world, ref, seed, screen.show, step.watch, columns, rowsAvailable);
		const nav: Keys = screen.show.kind === 'trace' ? [['Enter', 'next step'], ['⌫', 'step back']] : [['Enter/→', 'next step'], ['←', 'back']];
		return {title, body, footer: footer([...keys, ...nav, ...TAIL], columns, saveStatus(state)), scroll: {view: max}};
	}

	const side = clusterPaneLines(world.pane(ref, seed), sideWidth(columns), rowsAvailable);
	const sideWindow = window(side, rowsAvailable, screen.sideScroll);
	const sideMax = Math.max(0, side.length - rowsAvailable);
	const paneKeys: Keys = [['Tab', screen.pane === 'text' ? 'cluster pane' : 'text pane']];

	if (step && 'quiz' in step) {
		const asked = world.question({kind: 'lesson', lesson: screen.lesson, step: screen.step, attempt: screen.quiz.attempt}, seed);
		const previous = lessonProgress(state.progress, lesson.id).answers[String(screen.step)];
		const pane = quizPane(asked, screen.quiz, {
			width: TEXT_WIDTH,
			rows: rowsAvailable,
			heading: line(asked.ok && asked.question.kind !== 'authored' ? 'Quiz · generated from this cluster' : 'Quiz', {bold: true}),
			scroll: screen.textScroll,
			...(previous ? {previous} : {}),
		});
		return {
			title,
			body: {kind: 'split', left: pane.content, right: sideWindow.shown, focus: screen.pane},
			// While typing, letters are the answer's: only the field's own keys are offered.
			footer: footer(screen.quiz.editing ? quizKeys(screen.quiz, 'typed', 'text') : [...quizKeys(screen.quiz, asked.ok ? asked.question.mode : undefined, screen.pane), ...paneKeys, ...TAIL], columns, saveStatus(state)),
			scroll: {text: pane.maxScroll, side: sideMax},
		};
	}

	const left = step ? stepText(step, world.action(screen.lesson, screen.step, seed)) : endCard(state, lesson, screen.lesson, world);
	const leftWindow = window(left, rowsAvailable, screen.textScroll);
	const keys: Keys = step
		? [['Enter/→', 'next'], ['←', 'back'], ['↑↓', 'scroll'], ...paneKeys, ['r t l', 'rules trace log'], ...TAIL]
		: [['Enter', screen.lesson + 1 < world.lessons.length ? 'next lesson' : 'home'], ['←', 'back'], ...paneKeys, ...TAIL];
	return {
		title,
		body: {kind: 'split', left: {lines: leftWindow.shown}, right: sideWindow.shown, focus: screen.pane},
		footer: footer(keys, columns, saveStatus(state)),
		scroll: {text: Math.max(0, left.length - rowsAvailable), side: sideMax},
	};
}

export function quizKeys(quiz: QuizUi, mode: 'typed' | 'choice' | undefined, pane: 'text' | 'side'): Keys {
	if (quiz.verdict) return [['Enter', 'next'], ['a', 'try again'], ['↑↓', 'scroll']];
	if (mode === 'typed' && quiz.editing) return [['Enter', 'submit'], ['Esc', 'stop typing'], ['⌫', 'erase']];
	if (mode === 'typed') return [['Enter', 'type answer'], ['h', 'hint'], ['→', 'skip']];
	if (mode === 'choice' && pane === 'text') return [['↑↓', 'choose'], ['Enter', 'answer'], ['1-6', 'pick'], ['h', 'hint'], ['→', 'skip']];
	return [['Enter', 'next']];
}

export function saveStatus(state: AppState): {text: string; colour: 'red'; bold: true} | undefined {
	return state.saveError ? {text: '⚠ progress not saved', colour: 'red', bold: true} : undefined;
}

function stepText(step: Step, action: {messages: string[]; error?: string} | undefined): Line[] {
	const para = (text: string, style = {}): Line[] => text.replace(/\n$/, '').split('\n').map((t) => line(t, style));
	if ('text' in step) return para(step.text);
	if ('cluster' in step) {
		const out: Line[] = [line(`$ ${command(step.cluster)}`, {bold: true}), blank(), ...para(step.watch, {colour: 'magenta'}), blank()];
		if (action?.error) {
			out.push(line('✖ It failed:', {colour: 'red', bold: true}), ...wrap(action.error, TEXT_WIDTH, '  ').map((t) => line(t, {colour: 'red'})));
		} else if (action && action.messages.length > 0) {
			out.push(line('What happened:', {bold: true}));
			for (const message of action.messages) wrap(`· ${message}`, TEXT_WIDTH, '  ').forEach((t) => out.push(line(t, {dim: true})));
		}
		return out;
	}
	return [];
}

/** The kubectl command a cluster step stands for. */
export function command(action: ClusterAction): string {
	if ('apply' in action) {
		const kinds = [...action.apply.matchAll(/^kind:\s*(\S+)\s*$/gm)].map((m) => m[1]);
		const names = [...action.apply.matchAll(/^ {2}name:\s*(\S+)\s*$/gm)].map((m) => m[1]);
		const what = kinds.map((k, i) => `${k}${names[i] ? ` ${names[i]}` : ''}`).join(', ');
		return `kubectl apply -f -   # ${what}`;
	}
	if ('delete' in action) {
		const {kind, name, namespace} = action.delete;
		return `kubectl delete ${kind.toLowerCase()} ${name}${namespace && namespace !== 'default' ? ` -n ${namespace}` : ''}`;
	}
	const selector = Object.entries(action.scale.selector).map(([k, v]) => `${k}=${v}`).join(',');
	return `kubectl scale --replicas=${action.scale.replicas}   # Pods ${selector}`;
}

function endCard(state: AppState, lesson: Lesson, index: number, world: World): Line[] {
	const outline = world.outline[index]!;
	const score = lessonScore(state.progress, outline);
	const out: Line[] = [line('✔ Lesson complete', {bold: true, colour: 'green'}), blank(), line(lesson.title, {bold: true})];
	if (score.total > 0) out.push(line(`Quizzes right at the first try: ${score.right}/${score.total}`));
	out.push(blank());
	const next = world.lessons[index + 1];
	out.push(...(next ? [line('Next:', {dim: true}), line(`${index + 2} ${next.title}`)] : [line('That was the last lesson. Practice', {dim: true}), line('(from home) keeps the questions coming.', {dim: true})]));
	return out;
}

export function viewBody(world: World, ref: ClusterRef, seed: number, ui: ViewUi, watch: string | undefined, columns: number, rows: number): {body: Body; keys: Keys; max: number} {
	const contentRows = rows - HEADER_ROWS - 1;
	if (ui.kind === 'rules') {
		const lines = world.rules(ref, seed, {node: ui.node, format: ui.format, ...(ui.service ? {service: ui.service} : {}), only: ui.only});
		const all = rulesRows(lines, columns);
		const {shown} = window(all, contentRows, ui.scroll);
		return {
			body: {kind: 'full', lines: [...viewHeader(watch, rulesStatus(ui), columns), rule(columns), ...shown]},
			keys: [['↑↓', 'scroll'], ['f', 'format'], ['s', 'Service'], ['a', 'only'], ['n', 'node']],
			max: Math.max(0, all.length - contentRows),
		};
	}
	if (ui.kind === 'log') {
		const all = logRows(world.log(ref, seed, ui.node), columns);
		const {shown} = window(all, contentRows, ui.scroll);
		return {
			body: {kind: 'full', lines: [...viewHeader(watch, logStatus(ui), columns), rule(columns), ...shown]},
			keys: [['↑↓', 'scroll'], ['n', 'node']],
			max: Math.max(0, all.length - contentRows),
		};
	}
	const {request, labels, error} = traceRequestFor(world, ref, seed, ui);
	const data = request ? world.trace(ref, seed, request) : {ok: false as const, message: error ?? 'nothing to trace in this cluster'};
	const body = traceRows(data, ui, columns, contentRows);
	return {
		body: {kind: 'full', lines: [...viewHeader(watch, traceStatus(data, ui, labels, ui.fixed !== undefined), columns), rule(columns), ...body.lines]},
		keys: [['→ ←', 'rule'], ['e', 'all'], ['o', 'path'], ...(ui.fixed ? [] : ([['s d n', 'from to node'], [':', 'type']] as Keys))],
		max: Math.max(0, body.steps),
	};
}

/** The footer of an open view; while a trace is typed, only what typing takes. */
export function toolKeys(tool: ViewUi, keys: Keys): Keys {
	if (tool.kind === 'trace' && tool.input !== undefined) return [['Enter', 'trace'], ['Esc', 'cancel']];
	return [...keys, ['Esc', 'close'], ['?', 'help'], ['q', 'quit']];
}

/** What a trace view traces: the show step's request, or the learner's choice of source and destination. */
export function traceRequestFor(world: World, ref: ClusterRef, seed: number, ui: Extract<ViewUi, {kind: 'trace'}>) {
	if (ui.fixed) return {request: ui.fixed, labels: {}};
	if (ui.typed) {
		// A Pod's packets meet its own node's rules; an address's, the node chosen with n.
		const isAddress = /^[0-9.]+$/.test(ui.typed.from);
		const node = ui.node ?? world.nodes(ref, seed).find((n) => n !== 'controlplane');
		return {request: {...ui.typed, ...(isAddress && node ? {node} : {})}, labels: {}};
	}
	const {sources, destinations} = world.traceChoices(ref, seed);
	const source = sources[mod(ui.source, sources.length)];
	const dest = destinations[mod(ui.dest, destinations.length)];
	if (!source || !dest) return {labels: {}, error: 'this cluster has nothing to trace'};
	const node = source.node ?? ui.node ?? world.nodes(ref, seed).find((n) => n !== 'controlplane');
	return {request: {from: source.from, to: dest.to, proto: dest.proto, ...(node ? {node} : {})}, labels: {source: source.label, dest: dest.label}};
}

export function mod(n: number, m: number): number {
	return m === 0 ? 0 : ((n % m) + m) % m;
}

