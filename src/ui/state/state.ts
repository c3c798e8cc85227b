// The whole UI state: plain data, changed only by the reducer. The engine's answers (clusters,
// questions, views) are not stored here; they are derived from this state through the World's
// snapshots. Each screen's own state is defined in its folder (screens/*/state.ts).
import type {Progress} from '../../tutor/progress/types.js';
import type {OutlineLesson} from '../course/outline.js';
import type {Key} from '../keymap/key.js';
import type {LogUi} from '../parts/log/state.js';
import type {QuizUi} from '../parts/quiz/state.js';
import type {RulesUi} from '../parts/rules/state.js';
import type {TraceUi} from '../parts/trace/state.js';
import type {ViewUi} from '../parts/view.js';
import type {ClusterScreen, LessonScreen, Pane, PracticeScreen} from '../screens/cluster/state.js';
import type {HomeScreen} from '../screens/home/state.js';
import type {SettingsScreen} from '../screens/settings/state.js';
import type {ShellScreen} from '../screens/shell/state.js';
import type {World} from '../world-types.js';

export {freshQuiz} from '../parts/quiz/state.js';

export interface Size {
	columns: number;
	rows: number;
}

export type Screen = HomeScreen | LessonScreen | PracticeScreen | SettingsScreen | ShellScreen;

export type {HomeScreen, LessonScreen, PracticeScreen, SettingsScreen, ShellScreen, ClusterScreen, Pane, QuizUi, ViewUi, RulesUi, LogUi, TraceUi};

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
	pending?: {lesson: string; step?: number} | 'practice' | 'shell';
	/** Keys pressed after that, replayed in order once the lesson is open. */
	queued?: Key[];
	/** Where progress is saved, for the settings screen. */
	progressFile: string;
	colourEnv: boolean;
	quit: boolean;
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
