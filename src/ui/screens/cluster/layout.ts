// The cluster screen: the step's text or the question on the left, the live cluster on the right;
// show steps and the r / t / l tools take the full width for the rules, a trace or the log.
import type {ClusterAction, Lesson, Step} from '../../../lessons/schema.js';
import {lessonProgress, lessonScore} from '../../../tutor/progress/model.js';
import {withGlobal} from '../../keymap/global.js';
import {footerHints, takesText} from '../../keymap/keymap.js';
import {clusterPaneLines} from '../../layout/cluster-pane.js';
import {saveStatus} from '../../layout/save-status.js';
import {bodyRows, footer, sideWidth, TEXT_WIDTH, titleBar, type Frame} from '../../layout/frame.js';
import {blank, line, window, wrap, type Line} from '../../layout/line.js';
import {quizPane} from '../../parts/quiz/layout.js';
import {viewBody} from '../../parts/view.js';
import type {AppState} from '../../state/state.js';
import type {ActionReport, World} from '../../world-types.js';
import {CLUSTER_KEYS, type ClusterContext} from './keys.js';
import {clusterContext, lessonSnapshot, snapshotOf} from './source.js';
import type {ClusterScreen, LessonScreen} from './state.js';

export function clusterFrame(state: AppState, screen: ClusterScreen, world: World): Frame {
	const {columns, rows} = state.size;
	const context = clusterContext(state, world, screen);
	const keys = footer(withGlobal(footerHints(CLUSTER_KEYS, context), takesText(CLUSTER_KEYS, context)), columns, saveStatus(state));
	const title = titleOf(state, screen, world);
	const snapshot = snapshotOf(state, world, screen);
	const rowsAvailable = bodyRows(rows);

	const step: Step | undefined = screen.name === 'lesson' ? world.lessons[screen.lesson]!.steps[screen.step] : undefined;
	const view = screen.tool ?? (screen.name === 'lesson' && step && 'show' in step ? screen.show : undefined);
	if (view) {
		const watch = !screen.tool && step && 'show' in step ? step.watch : undefined;
		const {lines, max} = viewBody(snapshot, view, watch, columns, rowsAvailable);
		return {title, body: {kind: 'full', lines}, footer: keys, scroll: {view: max}};
	}

	const side = clusterPaneLines(snapshot.pane, sideWidth(columns), rowsAvailable);
	const sideWindow = window(side, rowsAvailable, screen.sideScroll);
	const sideMax = Math.max(0, side.length - rowsAvailable);

	if (context.asked) {
		const asked = context.asked;
		const previous = screen.name === 'lesson' ? lessonProgress(state.progress, world.lessons[screen.lesson]!.id).answers[String(screen.step)] : undefined;
		const heading =
			screen.name === 'practice' ? line(asked.ok ? `Practice · ${asked.question.kind}` : 'Practice', {bold: true}) : line(asked.ok && asked.question.kind !== 'authored' ? 'Quiz · generated from this cluster' : 'Quiz', {bold: true});
		const pane = quizPane(asked, screen.quiz, {width: TEXT_WIDTH, rows: rowsAvailable, heading, scroll: screen.textScroll, ...(previous ? {previous} : {})});
		return {title, body: {kind: 'split', left: pane.content, right: sideWindow.shown, focus: screen.pane}, footer: keys, scroll: {text: pane.maxScroll, side: sideMax}};
	}

	const lesson = screen as LessonScreen;
	const left = step ? stepText(step, lessonSnapshot(state, world, lesson).action) : endCard(state, world.lessons[lesson.lesson]!, lesson.lesson, world);
	const leftWindow = window(left, rowsAvailable, screen.textScroll);
	return {
		title,
		body: {kind: 'split', left: {lines: leftWindow.shown}, right: sideWindow.shown, focus: screen.pane},
		footer: keys,
		scroll: {text: Math.max(0, left.length - rowsAvailable), side: sideMax},
	};
}

function titleOf(state: AppState, screen: ClusterScreen, world: World): Line {
	const {columns} = state.size;
	if (screen.name === 'practice') {
		const p = state.progress.practice;
		return titleBar(`Practice · question ${screen.n + 1} · ${p.correct}/${p.asked} right so far`, `seed ${state.progress.seed}`, columns);
	}
	const lesson = world.lessons[screen.lesson]!;
	const total = lesson.steps.length;
	return titleBar(`Lesson ${screen.lesson + 1}/${world.lessons.length} · ${lesson.title}`, `${screen.step < total ? `step ${screen.step + 1}/${total}` : 'the end'} · k8s ${lesson.kubernetesVersion}`, columns);
}

const stepTexts = new WeakMap<object, Line[]>();

/** A step's text, made once per step, or for a cluster step once per report (one per seed). */
function stepText(step: Step, action: ActionReport | undefined): Line[] {
	const key = 'cluster' in step && action ? action : step;
	let lines = stepTexts.get(key);
	if (!lines) stepTexts.set(key, (lines = makeStepText(step, action)));
	return lines;
}

function makeStepText(step: Step, action: ActionReport | undefined): Line[] {
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

export type {ClusterContext};
