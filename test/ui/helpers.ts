// Shared by the UI tests: a small fixture course (test/ui/fixtures/course) for the UI's mechanics
// and the shipped course for what is about its lessons (each loaded once, with the real engine),
// a state on any screen, keys pressed through the reducer, and frames as plain text.
import {frameFor} from '../../src/ui/layout/screen.js';
import {frameText} from '../../src/ui/prelude.js';
import type {Key} from '../../src/ui/keymap/key.js';
import {reducer, type Action} from '../../src/ui/state/reducer.js';
import {initialState, type AppState} from '../../src/ui/state/state.js';
import {loadWorld} from '../../src/ui/world.js';
import type {World} from '../../src/ui/world-types.js';
import {freshProgress, type Progress} from '../../src/tutor/progress/types.js';

let shipped: World | undefined;
/** The shipped course, lessons/. */
export function world(): World {
	shipped ??= loadWorld('lessons');
	return shipped;
}

let fixture: World | undefined;
/** The fixture course: two-pods (cluster steps, a trace, two authored quizzes), db-service (rules, a typed quiz), last-words. */
export function course(): World {
	fixture ??= loadWorld('test/ui/fixtures/course');
	return fixture;
}

export const SIZE = {columns: 80, rows: 24};

export function start(progress: Progress = freshProgress(1), size = SIZE, w: World = course()): AppState {
	const state = initialState({size, progress, outline: w.outline, progressFile: '/tmp/progress.json', colourEnv: false});
	return reducer(state, {type: 'loaded', world: w});
}

const NAMED = new Set(['up', 'down', 'left', 'right', 'enter', 'escape', 'tab', 'backspace', 'pageup', 'pagedown', 'home', 'end']);

export function key(name: string): Key {
	if (NAMED.has(name)) return {name} as Key;
	if (name.startsWith('ctrl+')) return {name: 'ctrl', char: name.slice(5)};
	return {name: 'char', char: name};
}

/** Presses keys in order; a string longer than one character that is not a key name is typed. */
export function press(state: AppState, ...keys: string[]): AppState {
	let s = state;
	for (const k of keys) {
		const list = NAMED.has(k) || k.startsWith('ctrl+') || [...k].length === 1 ? [key(k)] : [...k].map(key);
		for (const one of list) s = reducer(s, {type: 'key', key: one} satisfies Action);
	}
	return s;
}

export function text(state: AppState): string {
	return frameText(frameFor(state), state.size);
}

/** Index of the first step of `kind` in lesson `lesson` (0-based), from `from` on. */
export function stepOf(lesson: number, predicate: (step: World['lessons'][number]['steps'][number]) => boolean, from = 0, w: World = course()): number {
	const steps = w.lessons[lesson]!.steps;
	for (let i = from; i < steps.length; i++) if (predicate(steps[i]!)) return i;
	throw new Error(`no such step in lesson ${lesson}`);
}
