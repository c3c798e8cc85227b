// The cluster screen: text (a lesson's step, or a question) on the left and the live cluster on
// the right, with the rules, trace and log views over it. Lessons and practice are the same
// screen; what differs is where the cluster and the question come from (see source.ts).
import {lessonProgress, withAnswer, withPosition, withPracticeAnswer, withPracticeSkipped} from '../../../tutor/progress/model.js';
import {bodyRows} from '../../layout/frame.js';
import {openLog} from '../../parts/log/state.js';
import {freshQuiz, updateQuiz, type QuizIntent, type QuizUi} from '../../parts/quiz/state.js';
import {openRules, type ViewContext} from '../../parts/rules/state.js';
import {fixedTrace, openTrace} from '../../parts/trace/state.js';
import {updateView, type ViewIntent, type ViewUi} from '../../parts/view.js';
import {viewPage} from '../../parts/view-header.js';
import {goHome, openLesson, openShell} from '../../state/navigate.js';
import type {AppState} from '../../state/state.js';
import type {ClusterSnapshot, World} from '../../world-types.js';
import {openingStep} from '../home/items.js';
import {askedOn, lessonSnapshot, snapshotOf} from './source.js';

export type Pane = 'text' | 'side';

interface ClusterScreenBase {
	pane: Pane;
	textScroll: number;
	sideScroll: number;
	quiz: QuizUi;
	/** A view opened with r / t / l, over the screen until Esc. */
	tool?: ViewUi;
}

export interface LessonScreen extends ClusterScreenBase {
	name: 'lesson';
	/** Index into world.lessons. */
	lesson: number;
	/** steps.length is the end card. */
	step: number;
	/** The view of a `show` step. */
	show?: ViewUi;
}

export interface PracticeScreen extends ClusterScreenBase {
	name: 'practice';
	/** The question's number: with the seed, it decides the question. */
	n: number;
}

export type ClusterScreen = LessonScreen | PracticeScreen;

export type ClusterIntent =
	| {type: 'next'}
	| {type: 'previous'}
	| {type: 'home'}
	| {type: 'togglePane'}
	| {type: 'scroll'; by: -1 | 1 | 'page' | '-page'}
	| {type: 'openTool'; tool: 'rules' | 'trace' | 'log'}
	| {type: 'closeTool'}
	| {type: 'tool'; intent: ViewIntent}
	| {type: 'show'; intent: ViewIntent}
	| {type: 'quiz'; intent: QuizIntent}
	/** The step's `shell:` line, typed in the shell (on the shell cluster); Esc there comes back to this step. */
	| {type: 'tryInShell'}
	| {type: 'ignore'};

const base = (attempt = 0): ClusterScreenBase => ({pane: 'text', textScroll: 0, sideScroll: 0, quiz: freshQuiz(attempt)});

export function openPracticeScreen(n: number): PracticeScreen {
	return {name: 'practice', n, ...base()};
}

function viewContext(state: AppState, snapshot: ClusterSnapshot): ViewContext {
	return {snapshot, columns: state.size.columns, page: viewPage(bodyRows(state.size.rows))};
}

/** Moves a lesson to a step (steps.length is the end card), saving the position. */
export function goStep(state: AppState, lesson: number, target: number): AppState {
	const world = state.world!;
	const shape = world.lessons[lesson]!;
	const step = Math.max(0, Math.min(target, shape.steps.length));
	const record = lessonProgress(state.progress, shape.id).answers[String(step)];
	const screen: LessonScreen = {name: 'lesson', lesson, step, ...base(record?.tries ?? 0)};
	const next = {...state, progress: withPosition(state.progress, world.outline[lesson]!, step)};
	const show = showView(next, world, screen);
	return {...next, screen: show ? {...screen, show} : screen};
}

/** The view a `show` step opens, positioned on what the learner is meant to look at. */
function showView(state: AppState, world: World, screen: LessonScreen): ViewUi | undefined {
	const step = world.lessons[screen.lesson]!.steps[screen.step];
	if (!step || !('show' in step)) return undefined;
	const show = step.show;
	const snapshot = lessonSnapshot(state, world, screen);
	if ('rules' in show) return openRules(viewContext(state, snapshot), show.rules.node, show.rules.format, show.rules.service);
	if ('log' in show) return openLog(show.log.node);
	return fixedTrace(snapshot.showTrace(show.trace));
}

export function updateCluster(state: AppState, screen: ClusterScreen, intent: ClusterIntent): AppState {
	const world = state.world!;
	const set = (next: ClusterScreen): AppState => ({...state, screen: next});
	switch (intent.type) {
		case 'ignore':
			return state;
		case 'home':
			return goHome(state);
		case 'tryInShell': {
			const step = screen.name === 'lesson' ? world.lessons[screen.lesson]!.steps[screen.step] : undefined;
			const line = step && 'shell' in step ? step.shell : undefined;
			if (line === undefined || screen.name !== 'lesson') return state;
			// On the lesson's own cluster as it is at this step, on the node the step's view shows.
			const view = 'show' in step! ? step.show : undefined;
			const node = view === undefined ? undefined : 'rules' in view ? view.rules.node : 'log' in view ? view.log.node : view.trace.node;
			return openShell(state, {line, back: screen, on: {lesson: screen.lesson, step: screen.step, ...(node !== undefined ? {node} : {})}});
		}
		case 'next':
			return screen.name === 'practice' ? nextQuestion(state, screen) : nextStep(state, world, screen);
		case 'previous':
			return screen.name === 'lesson' && screen.step > 0 ? goStep(state, screen.lesson, screen.step - 1) : state;
		case 'togglePane':
			// Tab while typing an answer leaves the field for the cluster pane.
			if (screen.quiz.editing) return set({...screen, pane: 'side', quiz: {...screen.quiz, editing: false}});
			return set({...screen, pane: screen.pane === 'text' ? 'side' : 'text'});
		case 'scroll': {
			const page = Math.max(1, bodyRows(state.size.rows) - 2);
			const by = intent.by === 'page' ? page : intent.by === '-page' ? -page : intent.by;
			return set(screen.pane === 'text' ? {...screen, textScroll: Math.max(0, screen.textScroll + by)} : {...screen, sideScroll: Math.max(0, screen.sideScroll + by)});
		}
		case 'openTool':
			return set({...screen, tool: openTool(state, snapshotOf(state, world, screen), intent.tool)});
		case 'closeTool': {
			const {tool: _closed, ...rest} = screen;
			return set(rest as ClusterScreen);
		}
		case 'tool':
			return screen.tool ? set({...screen, tool: updateView(screen.tool, intent.intent, viewContext(state, snapshotOf(state, world, screen)))}) : state;
		case 'show':
			return screen.name === 'lesson' && screen.show ? set({...screen, show: updateView(screen.show, intent.intent, viewContext(state, snapshotOf(state, world, screen)))}) : state;
		case 'quiz':
			return quizIntent(state, world, screen, intent.intent);
	}
}

function nextStep(state: AppState, world: World, screen: LessonScreen): AppState {
	if (screen.step < world.lessons[screen.lesson]!.steps.length) return goStep(state, screen.lesson, screen.step + 1);
	const next = world.lessons[screen.lesson + 1];
	return next ? openLesson(state, next.id, openingStep(world.outline[screen.lesson + 1]!, state.progress)) : goHome(state);
}

function nextQuestion(state: AppState, screen: PracticeScreen): AppState {
	// Skipping (or an unaskable question) moves on too, so the next session does not repeat it.
	const progress = screen.quiz.verdict ? state.progress : withPracticeSkipped({...state.progress, practice: {...state.progress.practice, next: screen.n}});
	return {...state, progress, screen: {...screen, n: screen.n + 1, quiz: freshQuiz(), textScroll: 0}};
}

/** r, t and l open the rules, a trace and the log of the cluster on screen. */
function openTool(state: AppState, snapshot: ClusterSnapshot, tool: 'rules' | 'trace' | 'log'): ViewUi {
	const node = snapshot.pane.view.logNode;
	if (tool === 'log') return openLog(node);
	if (tool === 'trace') return openTrace(snapshot);
	const service = snapshot.pane.view.services.find((s) => s.name !== 'kubernetes');
	return openRules(viewContext(state, snapshot), node, 'list', service ? `${service.namespace}/${service.name}` : undefined);
}

function quizIntent(state: AppState, world: World, screen: ClusterScreen, intent: QuizIntent): AppState {
	const asked = askedOn(state, world, screen);
	if (!asked?.ok) return state;
	const {quiz, answered} = updateQuiz(screen.quiz, intent, asked.question, (q, a) => world.check(q, a));
	let next: ClusterScreen = {...screen, quiz};
	// Enter always means "answer this", even with the cluster pane focused: it never skips the question.
	if (intent.type === 'startTyping') next = {...next, pane: 'text'};
	if (intent.type === 'retry' || answered) next = {...next, textScroll: 0};
	if (!answered) return {...state, screen: next};
	const progress =
		screen.name === 'lesson'
			? withAnswer(state.progress, world.lessons[screen.lesson]!.id, screen.step, answered.correct)
			: withPracticeAnswer({...state.progress, practice: {...state.progress.practice, next: screen.n}}, answered.correct);
	return {...state, progress, screen: next};
}
