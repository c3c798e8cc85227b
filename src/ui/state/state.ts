// The whole UI state: plain data, changed only by the reducer. The engine's answers (clusters,
// questions, views) are not stored here; they are derived from this state through the World.
import type {QuizKind} from '../../lessons/vocabulary.js';
import type {Progress} from '../../tutor/progress/types.js';
import type {OutlineLesson} from '../course/outline.js';
import type {TraceRequest, Verdict, World} from '../world-types.js';
import type {Key} from './keys.js';

export interface Size {
	columns: number;
	rows: number;
}

export type Pane = 'text' | 'side';

export interface QuizUi {
	/** Generated questions: a fresh one per attempt (the explanation gave the last one away). */
	attempt: number;
	cursor: number;
	input: string;
	/** The typed-answer field has the keyboard: letters go into it, not to commands. */
	editing: boolean;
	hint: boolean;
	verdict?: Verdict;
	/** A typed answer the engine could not read: said, and not counted. */
	unreadable?: string;
}

export interface RulesUi {
	kind: 'rules';
	node: string;
	format: 'list' | 'save';
	/** `namespace/name` of the Service whose rules are marked. */
	service?: string;
	only: boolean;
	scroll: number;
}

export interface LogUi {
	kind: 'log';
	node: string;
	/** From the top; the view opens at the end, where the newest lines are. */
	scroll: number;
}

export interface TraceUi {
	kind: 'trace';
	/** Fixed by a lesson's show step; chosen with s/d/n otherwise. */
	fixed?: TraceRequest;
	source: number;
	dest: number;
	/** A source and destination the learner typed (`:`), instead of the ones picked with s and d. */
	typed?: TraceRequest;
	/** The text being typed after `:`, and what was wrong with the last Enter. */
	input?: string;
	inputError?: string;
	/** For sources that are not Pods (a Pod's packets meet its own node's rules). */
	node?: string;
	outcome: number;
	/** Rules shown so far (the last is the current one). */
	revealed: number;
	scroll: number;
}

export type ViewUi = RulesUi | LogUi | TraceUi;

export interface LessonScreen {
	name: 'lesson';
	/** Index into world.lessons. */
	lesson: number;
	step: number;
	pane: Pane;
	textScroll: number;
	sideScroll: number;
	quiz: QuizUi;
	/** The view of a `show` step. */
	show?: ViewUi;
	/** A view opened with r / t / l, over the lesson until Esc. */
	tool?: ViewUi;
}

export interface PracticeScreen {
	name: 'practice';
	/** The question's number: with the seed, it decides the question. */
	n: number;
	pane: Pane;
	textScroll: number;
	sideScroll: number;
	quiz: QuizUi;
	tool?: ViewUi;
}

export interface SettingsScreen {
	name: 'settings';
	cursor: number;
	/** Digits typed for a new seed, while typing one. */
	seedInput?: string;
	/** Asking "erase the course progress? y/N". */
	confirmReset?: boolean;
	/** The course progress was just erased (said until the next key). */
	resetDone?: boolean;
	/** Choosing practice's question kinds: the kinds ticked so far, and the one under the cursor. */
	kinds?: {cursor: number; chosen: readonly QuizKind[]};
}

export type Screen = {name: 'home'} | LessonScreen | PracticeScreen | SettingsScreen;

export interface AppState {
	size: Size;
	progress: Progress;
	/** The scanned outline until the world is loaded, then the validated one. */
	outline: readonly OutlineLesson[];
	world?: World;
	/** Why the course could not be loaded at all. */
	loadError?: string;
	homeCursor: number;
	screen: Screen;
	help: boolean;
	/** What the learner must be told: a corrupted progress file moved aside, a failed save. */
	notice?: string;
	saveError?: string;
	/** A lesson chosen before the course finished loading: opened as soon as it has. */
	pending?: {lesson: string; step?: number} | 'practice';
	/** Keys pressed after that, replayed in order once the lesson is open. */
	queued?: Key[];
	/** Where progress is saved, for the settings screen. */
	progressFile: string;
	colourEnv: boolean;
	quit: boolean;
}

export function freshQuiz(attempt = 0): QuizUi {
	return {attempt, cursor: 0, input: '', editing: false, hint: false};
}

export interface InitialOptions {
	size: Size;
	progress: Progress;
	outline: readonly OutlineLesson[];
	notice?: string;
	progressFile: string;
	/** Colour when the setting is "auto": false under NO_COLOR or a terminal without colour. */
	colourEnv: boolean;
}

export function initialState(options: InitialOptions): AppState {
	return {
		size: options.size,
		progress: options.progress,
		outline: options.outline,
		homeCursor: 0,
		screen: {name: 'home'},
		help: false,
		...(options.notice ? {notice: options.notice} : {}),
		progressFile: options.progressFile,
		colourEnv: options.colourEnv,
		quit: false,
	};
}

export function colourOn(state: Pick<AppState, 'progress' | 'colourEnv'>): boolean {
	return state.progress.colour === 'on' || (state.progress.colour === 'auto' && state.colourEnv);
}
