// Every key, resize and load event goes through here, one at a time, against the latest state:
// a burst of keys (Down then Enter in one read) is handled exactly as if typed slowly, so an
// answer is always the choice under the cursor. Derived data (questions, views, scroll limits)
// comes from the World and the layouts, which are deterministic for a given state.
import {lessonProgress, practiceKinds, withAnswer, withColour, withCourseReset, withPosition, withPracticeAnswer, withPracticeKinds, withPracticeSkipped, withSeed} from '../../tutor/progress/model.js';
import {QUIZ_KINDS} from '../../lessons/vocabulary.js';
import type {ColourSetting} from '../../tutor/progress/types.js';
import {bodyRows} from '../layout/frame.js';
import {mod, refFor} from '../layout/lesson.js';
import {firstMarkedRow} from '../layout/views.js';
import {practiceQuiz, SETTINGS_ITEMS} from '../layout/other-screens.js';
import {frameFor, tooSmall} from '../layout/screen.js';
import type {ClusterRef, Question, TraceRequest, World} from '../world-types.js';
import {homeItems, openingStep, type HomeItem} from './home-items.js';
import {isChar, type Key} from './keys.js';
import {freshQuiz, type AppState, type LessonScreen, type PracticeScreen, type QuizUi, type Size, type ViewUi} from './state.js';

export type Action =
	| {type: 'key'; key: Key}
	| {type: 'resize'; size: Size}
	| {type: 'loaded'; world: World}
	| {type: 'loadFailed'; message: string}
	| {type: 'saveStatus'; error?: string};

export function reducer(state: AppState, action: Action): AppState {
	switch (action.type) {
		case 'resize':
			return clampScroll({...state, size: action.size});
		case 'loaded': {
			const items = homeItems(action.world.outline, state.progress).length;
			let next: AppState = {...state, world: action.world, outline: action.world.outline, homeCursor: Math.min(state.homeCursor, items - 1)};
			const pending = state.pending;
			if (pending) {
				const queued = state.queued ?? [];
				delete next.pending;
				delete next.queued;
				next = pending === 'practice' ? openPractice(next) : openLesson(next, pending.lesson, pending.step);
				// Keys typed while waiting mean what they would have meant on the opened screen.
				for (const key of queued) next = reducer(next, {type: 'key', key});
			}
			return next;
		}
		case 'loadFailed':
			return {...state, loadError: action.message};
		case 'saveStatus': {
			if (action.error === state.saveError) return state;
			const next = {...state};
			if (action.error === undefined) delete next.saveError;
			else next.saveError = action.error;
			return next;
		}
		case 'key':
			return clampScroll(onKey(state, action.key));
	}
}

function onKey(state: AppState, key: Key): AppState {
	if (key.name === 'ctrl' && key.char === 'c') return {...state, quit: true};
	if (state.pending && !state.world) return {...state, queued: [...(state.queued ?? []), key]};
	if (state.help) return {...state, help: false};
	if (tooSmall(state)) return isChar(key, 'q') ? {...state, quit: true} : state;
	if (!capturesText(state)) {
		if (isChar(key, '?')) return {...state, help: true};
		if (isChar(key, 'q')) return {...state, quit: true};
	}
	switch (state.screen.name) {
		case 'home':
			return homeKey(state, key);
		case 'lesson':
			return lessonKey(state, state.screen, key);
		case 'practice':
			return practiceKey(state, state.screen, key);
		case 'settings':
			return settingsKey(state, state.screen, key);
	}
}

/** While typing an answer or a trace, letters are the text's, not commands. */
function capturesText(state: AppState): boolean {
	const s = state.screen;
	if (s.name !== 'lesson' && s.name !== 'practice') return false;
	if (s.tool?.kind === 'trace' && s.tool.input !== undefined) return true;
	return s.quiz.editing && !s.tool;
}

const isUp = (key: Key): boolean => key.name === 'up' || isChar(key, 'k');
const isDown = (key: Key): boolean => key.name === 'down' || isChar(key, 'j');
const isBack = (key: Key): boolean => key.name === 'escape' || isChar(key, 'b');

// --- home --------------------------------------------------------------------------------------

function homeKey(state: AppState, key: Key): AppState {
	const items = homeItems(state.outline, state.progress);
	const move = (to: number): AppState => ({...state, homeCursor: Math.max(0, Math.min(items.length - 1, to))});
	if (isUp(key)) return move(state.homeCursor - 1);
	if (isDown(key)) return move(state.homeCursor + 1);
	if (key.name === 'home') return move(0);
	if (key.name === 'end') return move(items.length - 1);
	if (key.name === 'enter') {
		const item = items[state.homeCursor];
		return item ? openItem(state, item) : state;
	}
	if (key.name === 'char' && /^[1-9]$/.test(key.char)) {
		const lesson = state.outline[Number(key.char) - 1];
		return lesson ? openItem(state, {kind: 'lesson', index: Number(key.char) - 1}) : state;
	}
	if (isChar(key, 'p')) return openItem(state, {kind: 'practice'});
	if (isChar(key, 's')) return openItem(state, {kind: 'settings'});
	return state;
}

function openItem(state: AppState, item: HomeItem): AppState {
	const cleared: AppState = {...state};
	// A notice has been seen once the learner moves on.
	delete cleared.notice;
	switch (item.kind) {
		case 'continue':
			return openLesson(cleared, item.lesson, item.step);
		case 'lesson': {
			const outline = state.outline[item.index]!;
			return openLesson(cleared, outline.id, openingStep(outline, state.progress));
		}
		case 'practice':
			return openPractice(cleared);
		case 'settings':
			return {...cleared, screen: {name: 'settings', cursor: 0}};
	}
}

function openLesson(state: AppState, id: string, step?: number): AppState {
	const world = state.world;
	if (!world) return {...state, pending: {lesson: id, ...(step !== undefined ? {step} : {})}};
	const index = world.lessons.findIndex((l) => l.id === id);
	if (index < 0) return {...state, screen: {name: 'home'}, notice: `The lesson "${id}" could not be loaded; its problem is listed below.`};
	const outline = world.outline[index]!;
	const at = step ?? openingStep(outline, state.progress);
	const screen: LessonScreen = {name: 'lesson', lesson: index, step: 0, pane: 'text', textScroll: 0, sideScroll: 0, quiz: freshQuiz()};
	return goStep(state, screen, at);
}

function openPractice(state: AppState): AppState {
	if (!state.world) return {...state, pending: 'practice'};
	return {...state, screen: {name: 'practice', n: state.progress.practice.next, pane: 'text', textScroll: 0, sideScroll: 0, quiz: freshQuiz()}};
}

function home(state: AppState): AppState {
	return {...state, screen: {name: 'home'}};
}

// --- lesson ------------------------------------------------------------------------------------

/** Moves to a step (steps.length is the end card), saving the position. */
function goStep(state: AppState, screen: LessonScreen, target: number): AppState {
	const world = state.world!;
	const lesson = world.lessons[screen.lesson]!;
	const outline = world.outline[screen.lesson]!;
	const step = Math.max(0, Math.min(target, lesson.steps.length));
	const record = lessonProgress(state.progress, lesson.id).answers[String(step)];
	const next: LessonScreen = {name: 'lesson', lesson: screen.lesson, step, pane: 'text', textScroll: 0, sideScroll: 0, quiz: freshQuiz(record?.tries ?? 0)};
	const withShow = {...state, progress: withPosition(state.progress, outline, step)};
	const show = showUi(withShow, next);
	return {...withShow, screen: show ? {...next, show} : next};
}

/** The view a `show` step opens, positioned on what the learner is meant to look at. */
function showUi(state: AppState, screen: LessonScreen): ViewUi | undefined {
	const world = state.world!;
	const step = world.lessons[screen.lesson]!.steps[screen.step];
	if (!step || !('show' in step)) return undefined;
	const show = step.show;
	const ref = refFor(screen, world);
	const seed = state.progress.seed;
	if ('rules' in show) {
		const service = show.rules.service ? qualified(show.rules.service) : undefined;
		const lines = world.rules(ref, seed, {node: show.rules.node, format: show.rules.format, ...(service ? {service} : {})});
		return {kind: 'rules', node: show.rules.node, format: show.rules.format, ...(service ? {service} : {}), only: false, scroll: Math.max(0, firstMarkedRow(lines, state.size.columns) - 2)};
	}
	if ('log' in show) return {kind: 'log', node: show.log.node, scroll: Number.MAX_SAFE_INTEGER};
	const request = world.showTraceRequest(ref, seed, show.trace);
	return 'error' in request ? {kind: 'trace', source: 0, dest: 0, outcome: 0, revealed: 1, scroll: 0} : {kind: 'trace', fixed: request, source: 0, dest: 0, outcome: 0, revealed: 1, scroll: 0};
}

function qualified(ref: string): string {
	return ref.includes('/') ? ref : `default/${ref}`;
}

function lessonKey(state: AppState, screen: LessonScreen, key: Key): AppState {
	const world = state.world!;
	const ref = refFor(screen, world);
	if (screen.tool) return toolKey(state, screen.tool, key, ref, (tool) => ({...state, screen: tool ? {...screen, tool} : withoutTool(screen)}));
	const lesson = world.lessons[screen.lesson]!;
	const step = lesson.steps[screen.step];
	const set = (next: LessonScreen): AppState => ({...state, screen: next});

	if (step && 'quiz' in step) {
		const quizRef = {kind: 'lesson' as const, lesson: screen.lesson, step: screen.step, attempt: screen.quiz.attempt};
		const handled = quizKey(state, screen, key, () => world.question(quizRef, state.progress.seed), (question, answer, quiz) => {
			const verdict = world.check(question, answer);
			return {...state, progress: withAnswer(state.progress, lesson.id, screen.step, verdict.correct), screen: {...screen, quiz: {...quiz, verdict, editing: false}, textScroll: 0}};
		});
		if (handled) return handled;
	}
	if (step && 'show' in step && screen.show) {
		const show = screen.show;
		if (show.kind === 'trace' && (key.name === 'left' || key.name === 'right')) {
			return set({...screen, show: traceKey(show, key, world, ref, state.progress.seed) ?? show});
		}
		const next = viewKey(show, key, world, ref, state.progress.seed, state.size);
		if (next) return set({...screen, show: next});
	}

	if (key.name === 'enter' || key.name === 'right' || isChar(key, ' ')) {
		if (screen.step >= lesson.steps.length) {
			const next = world.lessons[screen.lesson + 1];
			return next ? openLesson(state, next.id, openingStep(world.outline[screen.lesson + 1]!, state.progress)) : home(state);
		}
		return goStep(state, screen, screen.step + 1);
	}
	if (key.name === 'left' || key.name === 'backspace') return screen.step > 0 ? goStep(state, screen, screen.step - 1) : state;
	if (isBack(key)) return home(state);
	if (key.name === 'tab') return set({...screen, pane: screen.pane === 'text' ? 'side' : 'text'});
	const scrolled = scrollPane(screen, key, state.size);
	if (scrolled) return set(scrolled);
	const tool = openTool(state, key, ref);
	if (tool) return set({...screen, tool});
	return state;
}

function withoutTool<T extends LessonScreen | PracticeScreen>(screen: T): T {
	const copy = {...screen};
	delete copy.tool;
	return copy;
}

function scrollPane<T extends LessonScreen | PracticeScreen>(screen: T, key: Key, size: Size): T | undefined {
	const page = Math.max(1, bodyRows(size.rows) - 2);
	const delta = isUp(key) ? -1 : isDown(key) ? 1 : key.name === 'pageup' ? -page : key.name === 'pagedown' ? page : 0;
	if (delta === 0) return undefined;
	return screen.pane === 'text' ? {...screen, textScroll: Math.max(0, screen.textScroll + delta)} : {...screen, sideScroll: Math.max(0, screen.sideScroll + delta)};
}

/** r, t and l open the rules, a trace and the log of the cluster on screen. */
function openTool(state: AppState, key: Key, ref: ClusterRef): ViewUi | undefined {
	const world = state.world!;
	const seed = state.progress.seed;
	const node = world.pane(ref, seed).view.logNode;
	if (isChar(key, 'r')) {
		const service = world.pane(ref, seed).view.services.find((s) => s.name !== 'kubernetes');
		const name = service ? `${service.namespace}/${service.name}` : undefined;
		const lines = world.rules(ref, seed, {node, format: 'list', ...(name ? {service: name} : {})});
		return {kind: 'rules', node, format: 'list', ...(name ? {service: name} : {}), only: false, scroll: Math.max(0, firstMarkedRow(lines, state.size.columns) - 2)};
	}
	if (isChar(key, 'l')) return {kind: 'log', node, scroll: Number.MAX_SAFE_INTEGER};
	if (isChar(key, 't')) {
		const {sources, destinations} = world.traceChoices(ref, seed);
		// Start with something worth tracing: an application Pod to an application Service.
		const source = Math.max(0, sources.findIndex((s) => s.node !== undefined && s.from.includes('/')));
		const dest = Math.max(0, destinations.findIndex((d) => !d.label.startsWith('kubernetes')));
		return {kind: 'trace', source, dest, outcome: 0, revealed: 1, scroll: 0};
	}
	return undefined;
}

function toolKey(state: AppState, tool: ViewUi, key: Key, ref: ClusterRef, set: (tool: ViewUi | undefined) => AppState): AppState {
	if (tool.kind === 'trace' && tool.input !== undefined) return set(traceInputKey(tool, key));
	if (isBack(key) || key.name === 'backspace') return set(undefined);
	const world = state.world!;
	if (tool.kind === 'trace') {
		const next = traceKey(tool, key, world, ref, state.progress.seed);
		if (next) return set(next);
	}
	const next = viewKey(tool, key, world, ref, state.progress.seed, state.size);
	return next ? set(next) : state;
}

/** Keys the rules, log and trace views share with nothing else. */
function viewKey(ui: ViewUi, key: Key, world: World, ref: ClusterRef, seed: number, size: Size): ViewUi | undefined {
	if (ui.kind === 'trace') return traceKey(ui, key, world, ref, seed);
	const page = Math.max(1, bodyRows(size.rows) - 7);
	const delta = isUp(key) ? -1 : isDown(key) ? 1 : key.name === 'pageup' ? -page : key.name === 'pagedown' || isChar(key, ' ') ? page : 0;
	if (delta !== 0) return {...ui, scroll: Math.max(0, Math.min(ui.scroll, Number.MAX_SAFE_INTEGER - page) + delta)};
	if (key.name === 'home' || isChar(key, 'g')) return {...ui, scroll: 0};
	if (key.name === 'end' || isChar(key, 'G')) return {...ui, scroll: Number.MAX_SAFE_INTEGER};
	if (isChar(key, 'n')) {
		const nodes = world.nodes(ref, seed);
		const node = nodes[mod(nodes.indexOf(ui.node) + 1, nodes.length)] ?? ui.node;
		return {...ui, node, scroll: ui.kind === 'log' ? Number.MAX_SAFE_INTEGER : 0};
	}
	if (ui.kind !== 'rules') return undefined;
	if (isChar(key, 'f')) return remark({...ui, format: ui.format === 'list' ? 'save' : 'list'}, world, ref, seed, size);
	if (isChar(key, 'a')) return remark({...ui, only: !ui.only}, world, ref, seed, size);
	if (isChar(key, 's')) {
		const services = world.services(ref, seed);
		const at = ui.service === undefined ? -1 : services.indexOf(ui.service);
		const next = services[at + 1];
		const copy: ViewUi = {...ui, only: next === undefined ? false : ui.only};
		if (next === undefined) delete copy.service;
		else copy.service = next;
		return remark(copy, world, ref, seed, size);
	}
	return undefined;
}

/** After the marked Service or the format changes, scroll to its first line. */
function remark(ui: Extract<ViewUi, {kind: 'rules'}>, world: World, ref: ClusterRef, seed: number, size: Size): ViewUi {
	const lines = world.rules(ref, seed, {node: ui.node, format: ui.format, ...(ui.service ? {service: ui.service} : {}), only: ui.only});
	return {...ui, scroll: Math.max(0, firstMarkedRow(lines, size.columns) - 2)};
}

function traceKey(ui: Extract<ViewUi, {kind: 'trace'}>, key: Key, world: World, ref: ClusterRef, seed: number): ViewUi | undefined {
	const forward = key.name === 'right' || isDown(key) || isChar(key, ' ');
	const backward = key.name === 'left' || isUp(key);
	if (forward) return {...ui, revealed: ui.revealed + 1};
	if (backward) return {...ui, revealed: Math.max(1, ui.revealed - 1)};
	if (isChar(key, 'e') || key.name === 'end') return {...ui, revealed: Number.MAX_SAFE_INTEGER};
	if (key.name === 'home') return {...ui, revealed: 1};
	if (isChar(key, 'o')) return {...ui, outcome: ui.outcome + 1};
	if (ui.fixed) return undefined;
	const reset = {outcome: 0, revealed: 1};
	if (isChar(key, ':')) return {...ui, input: ''};
	// s and d go back to the lists, from where they were.
	if (isChar(key, 's')) return {...withoutTyped(ui), ...reset, source: ui.typed ? ui.source : ui.source + 1};
	if (isChar(key, 'd')) return {...withoutTyped(ui), ...reset, dest: ui.typed ? ui.dest : ui.dest + 1};
	if (isChar(key, 'n')) {
		const nodes = world.nodes(ref, seed).filter((n) => n !== 'controlplane');
		const at = ui.node === undefined ? 0 : nodes.indexOf(ui.node);
		const node = nodes[mod(at + 1, nodes.length)];
		return node ? {...ui, ...reset, node} : ui;
	}
	return undefined;
}

/** Typing a trace after `:`: SOURCE DESTINATION, e.g. `web-7d4b9c-x2x4k 10.96.0.10:53/udp`. */
function traceInputKey(ui: Extract<ViewUi, {kind: 'trace'}>, key: Key): ViewUi {
	const input = ui.input ?? '';
	const {inputError: _error, ...rest} = ui;
	if (key.name === 'escape') {
		const {input: _input, ...closed} = rest;
		return closed;
	}
	if (key.name === 'backspace') return {...rest, input: input.slice(0, -1)};
	if (key.name === 'char') return {...rest, input: (input + key.char).slice(0, 120)};
	if (key.name !== 'enter') return ui;
	const parsed = parseTypedTrace(input);
	if ('error' in parsed) return {...ui, inputError: parsed.error};
	const {input: _input, ...done} = rest;
	return {...done, typed: parsed, outcome: 0, revealed: 1};
}

function withoutTyped(ui: Extract<ViewUi, {kind: 'trace'}>): Extract<ViewUi, {kind: 'trace'}> {
	const {typed: _typed, ...rest} = ui;
	return rest;
}

/**
 * `SOURCE DESTINATION[/PROTO]`, with an optional `to` or `->` between: the source a Pod (NAME or
 * NAMESPACE/NAME) or an IP, the destination IP:PORT. The engine then checks that they exist.
 */
export function parseTypedTrace(text: string): TraceRequest | {error: string} {
	const words = text.trim().split(/\s+/).filter((w) => w !== '' && w !== 'to' && w !== '->');
	if (words.length !== 2) return {error: 'type a source and a destination: POD-or-IP IP:PORT[/udp]'};
	const [from, target] = words as [string, string];
	const slash = target.lastIndexOf('/');
	const protoText = slash >= 0 ? target.slice(slash + 1).toLowerCase() : 'tcp';
	const to = slash >= 0 ? target.slice(0, slash) : target;
	if (protoText !== 'tcp' && protoText !== 'udp' && protoText !== 'sctp') return {error: `the protocol is tcp, udp or sctp, not "${protoText}"`};
	if (!/^[0-9.]+:[0-9]+$/.test(to)) return {error: `the destination is IP:PORT, e.g. 10.96.0.10:53/udp, not "${target}"`};
	return {from, to, proto: protoText};
}

// --- quizzes (lessons and practice) --------------------------------------------------------------

/**
 * Keys a question takes, or undefined to let the screen handle the key. `submit` marks the answer
 * (the choice under the cursor now, or the text typed) and records it.
 */
function quizKey<T extends LessonScreen | PracticeScreen>(
	state: AppState,
	screen: T,
	key: Key,
	ask: () => ReturnType<World['question']>,
	submit: (question: Question, answer: string | number, quiz: QuizUi) => AppState,
): AppState | undefined {
	const quiz = screen.quiz;
	const set = (next: Partial<QuizUi>): AppState => ({...state, screen: {...screen, quiz: {...quiz, ...next}}});
	if (quiz.verdict) {
		if (isChar(key, 'a')) return {...state, screen: {...screen, quiz: freshQuiz(quiz.attempt + 1), textScroll: 0}};
		return undefined;
	}
	const asked = ask();
	if (!asked.ok) return undefined;
	const question = asked.question;
	if (question.mode === 'typed') {
		if (quiz.editing) {
			if (key.name === 'enter') {
				if (quiz.input.trim() === '') return state;
				const verdict = state.world!.check(question, quiz.input);
				// An answer the engine could not read is not a wrong answer: say so, let them fix it.
				if (!verdict.correct && verdict.understood.startsWith('could not read it')) return set({unreadable: verdict.understood});
				return submit(question, quiz.input, quiz);
			}
			if (key.name === 'escape' || key.name === 'tab') {
				const next = set({editing: false});
				return key.name === 'tab' ? {...next, screen: {...next.screen, pane: 'side'} as T} : next;
			}
			if (key.name === 'backspace') return set({input: [...quiz.input].slice(0, -1).join('')});
			if (key.name === 'ctrl' && key.char === 'u') return set({input: ''});
			if (key.name === 'char') {
				const next: Partial<QuizUi> = {input: (quiz.input + key.char).slice(0, 80)};
				return quiz.unreadable ? {...set(next), screen: {...screen, quiz: dropUnreadable({...quiz, ...next})}} : set(next);
			}
			return state;
		}
		// Enter always means "answer this", even with the cluster pane focused: it never skips the question.
		if (key.name === 'enter') return {...state, screen: {...screen, pane: 'text', quiz: {...quiz, editing: true}}};
		if (isChar(key, 'h')) return set({hint: !quiz.hint});
		return undefined;
	}
	const count = question.choices?.length ?? 0;
	if (screen.pane === 'text') {
		if (isUp(key)) return set({cursor: Math.max(0, Math.min(quiz.cursor, count - 1) - 1)});
		if (isDown(key)) return set({cursor: Math.min(count - 1, quiz.cursor + 1)});
	}
	if (key.name === 'enter') return submit(question, Math.min(quiz.cursor, count - 1), {...quiz, cursor: Math.min(quiz.cursor, count - 1)});
	if (key.name === 'char' && /^[1-9]$/.test(key.char) && Number(key.char) <= count) {
		const index = Number(key.char) - 1;
		return submit(question, index, {...quiz, cursor: index});
	}
	if (isChar(key, 'h')) return set({hint: !quiz.hint});
	return undefined;
}

function dropUnreadable(quiz: QuizUi): QuizUi {
	const copy = {...quiz};
	delete copy.unreadable;
	return copy;
}

// --- practice ----------------------------------------------------------------------------------

function practiceKey(state: AppState, screen: PracticeScreen, key: Key): AppState {
	const world = state.world!;
	const ref: ClusterRef = {kind: 'practice'};
	if (screen.tool) return toolKey(state, screen.tool, key, ref, (tool) => ({...state, screen: tool ? {...screen, tool} : withoutTool(screen)}));
	const handled = quizKey(state, screen, key, () => world.question(practiceQuiz(state, screen.n), state.progress.seed), (question, answer, quiz) => {
		const verdict = world.check(question, answer);
		const progress = withPracticeAnswer({...state.progress, practice: {...state.progress.practice, next: screen.n}}, verdict.correct);
		return {...state, progress, screen: {...screen, quiz: {...quiz, verdict, editing: false}, textScroll: 0}};
	});
	if (handled) return handled;
	const nextQuestion = (): AppState => {
		// Skipping (or an unaskable question) moves on too, so the next session does not repeat it.
		const progress = screen.quiz.verdict ? state.progress : withPracticeSkipped({...state.progress, practice: {...state.progress.practice, next: screen.n}});
		return {...state, progress, screen: {...screen, n: screen.n + 1, quiz: freshQuiz(), textScroll: 0}};
	};
	if (key.name === 'enter' && (screen.quiz.verdict || !world.question(practiceQuiz(state, screen.n), state.progress.seed).ok)) return nextQuestion();
	if (key.name === 'right') return nextQuestion();
	if (isBack(key)) return home(state);
	if (key.name === 'tab') return {...state, screen: {...screen, pane: screen.pane === 'text' ? 'side' : 'text'}};
	const scrolled = scrollPane(screen, key, state.size);
	if (scrolled) return {...state, screen: scrolled};
	const tool = openTool(state, key, ref);
	if (tool) return {...state, screen: {...screen, tool}};
	return state;
}

// --- settings ----------------------------------------------------------------------------------

const COLOURS: ColourSetting[] = ['auto', 'on', 'off'];

function settingsKey(state: AppState, screen: Extract<AppState['screen'], {name: 'settings'}>, key: Key): AppState {
	const set = (next: Partial<typeof screen>): AppState => ({...state, screen: {name: 'settings', cursor: screen.cursor, ...next}});
	if (screen.confirmReset) {
		// y erases; anything else keeps the progress, as `svc-tutor reset` answers N by default.
		if (isChar(key, 'y') || isChar(key, 'Y')) return {...state, progress: withCourseReset(state.progress), screen: {name: 'settings', cursor: screen.cursor, resetDone: true}};
		return set({});
	}
	if (screen.kinds !== undefined) {
		// Space ticks or unticks, a ticks every kind, Enter keeps the choice (at least one), Esc drops it.
		const {cursor, chosen} = screen.kinds;
		const kind = QUIZ_KINDS[cursor]!;
		if (isUp(key)) return set({kinds: {cursor: Math.max(0, cursor - 1), chosen}});
		if (isDown(key)) return set({kinds: {cursor: Math.min(QUIZ_KINDS.length - 1, cursor + 1), chosen}});
		if (isChar(key, ' ')) return set({kinds: {cursor, chosen: chosen.includes(kind) ? chosen.filter((k) => k !== kind) : [...chosen, kind]}});
		if (isChar(key, 'a')) return set({kinds: {cursor, chosen: chosen.length === QUIZ_KINDS.length ? [] : [...QUIZ_KINDS]}});
		if (key.name === 'enter' && chosen.length > 0) return {...state, progress: withPracticeKinds(state.progress, chosen), screen: {name: 'settings', cursor: screen.cursor}};
		if (key.name === 'escape') return set({});
		return state;
	}
	if (screen.seedInput !== undefined) {
		if (key.name === 'char' && /^[0-9]$/.test(key.char)) return set({seedInput: (screen.seedInput + key.char).slice(0, 9)});
		if (key.name === 'backspace') return set({seedInput: screen.seedInput.slice(0, -1)});
		if (key.name === 'escape') return {...state, screen: {name: 'settings', cursor: screen.cursor}};
		if (key.name === 'enter') {
			const seed = screen.seedInput === '' ? state.progress.seed : Number(screen.seedInput);
			return {...state, progress: withSeed(state.progress, seed), screen: {name: 'settings', cursor: screen.cursor}};
		}
		return state;
	}
	const item = SETTINGS_ITEMS[screen.cursor];
	if (isUp(key)) return set({cursor: Math.max(0, screen.cursor - 1)});
	if (isDown(key)) return set({cursor: Math.min(SETTINGS_ITEMS.length - 1, screen.cursor + 1)});
	if (isBack(key)) return home(state);
	const step = key.name === 'left' ? -1 : key.name === 'right' ? 1 : 0;
	if (item === 'seed') {
		if (step !== 0) return {...state, progress: withSeed(state.progress, Math.max(0, state.progress.seed + step))};
		if (key.name === 'enter') return set({seedInput: ''});
	}
	if (item === 'colour' && (step !== 0 || key.name === 'enter')) {
		const colour = COLOURS[mod(COLOURS.indexOf(state.progress.colour) + (step === 0 ? 1 : step), COLOURS.length)]!;
		return {...state, progress: withColour(state.progress, colour)};
	}
	if (item === 'practice' && key.name === 'enter') return set({kinds: {cursor: 0, chosen: practiceKinds(state.progress)}});
	if (item === 'reset' && key.name === 'enter') return set({confirmReset: true});
	if (item === 'back' && key.name === 'enter') return home(state);
	return screen.resetDone ? set({}) : state;
}

// --- scrolling ---------------------------------------------------------------------------------

/** Keeps every scroll offset within what the current frame can show. */
function clampScroll(state: AppState): AppState {
	const s = state.screen;
	if (s.name !== 'lesson' && s.name !== 'practice') return state;
	if (!state.world || tooSmall(state) || state.help) return state;
	const frame = frameFor(state);
	const clamp = (value: number, max: number | undefined): number => Math.max(0, Math.min(value, max ?? 0));
	let next = {...s};
	if (next.tool) next = {...next, tool: clampView(next.tool, frame.scroll.view)};
	else if (next.name === 'lesson' && next.show) next = {...next, show: clampView(next.show, frame.scroll.view)};
	next.textScroll = clamp(next.textScroll, frame.scroll.text);
	next.sideScroll = clamp(next.sideScroll, frame.scroll.side);
	const same = next.textScroll === s.textScroll && next.sideScroll === s.sideScroll && next.tool === s.tool && (next.name !== 'lesson' || s.name !== 'lesson' || next.show === s.show);
	return same ? state : {...state, screen: next};
}

function clampView(ui: ViewUi, max: number | undefined): ViewUi {
	const limit = max ?? 0;
	if (ui.kind === 'trace') {
		const revealed = Math.max(1, Math.min(ui.revealed, Math.max(1, limit)));
		return revealed === ui.revealed ? ui : {...ui, revealed};
	}
	const scroll = Math.max(0, Math.min(ui.scroll, limit));
	return scroll === ui.scroll ? ui : {...ui, scroll};
}
