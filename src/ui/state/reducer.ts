// Every key, resize and load event goes through here, one at a time, against the latest state:
// a burst of keys (Down then Enter in one read) is handled exactly as if typed slowly, so an
// answer is always the choice under the cursor. Keys go to the screen on top (screens/active.ts),
// each screen's keymap naming the intent and its reducer carrying it out; only Ctrl+C, help, quit
// and the too-small terminal are decided here.
import {dispatch} from '../keymap/keymap.js';
import {GLOBAL_KEYS} from '../keymap/global.js';
import type {Key} from '../keymap/key.js';
import {frameFor, tooSmall} from '../layout/screen.js';
import {clampView} from '../parts/view.js';
import {activeScreen} from '../screens/active.js';
import {HELP_KEYS} from '../screens/help/keys.js';
import {homeItems} from '../screens/home/items.js';
import type {World} from '../world-types.js';
import {openLesson, openPractice, openShell} from './navigate.js';
import type {AppState, Size} from './state.js';

export {parseTypedTrace} from '../parts/trace/state.js';

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
				next = pending === 'practice' ? openPractice(next) : pending === 'shell' ? openShell(next) : openLesson(next, pending.lesson, pending.step);
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
	// Ctrl+C quits, except in the shell, where it drops the line being typed (as in bash).
	if (key.name === 'ctrl' && key.char === 'c' && !(state.screen.name === 'shell' && !state.help)) return {...state, quit: true};
	if (state.pending && !state.world && state.loadError === undefined) return {...state, queued: [...(state.queued ?? []), key]};
	if (state.help) return dispatch(HELP_KEYS, undefined, key) ? {...state, help: false} : state;
	if (tooSmall(state)) return key.name === 'char' && key.char === 'q' ? {...state, quit: true} : state;
	const screen = activeScreen(state);
	// While a text field has the keyboard, ? and q are typed like any other letter.
	const global = screen.typing ? undefined : dispatch(GLOBAL_KEYS, undefined, key);
	if (global) return global.type === 'help' ? {...state, help: true} : {...state, quit: true};
	return screen.key(key) ?? state;
}

/** Keeps every scroll offset within what the current frame can show. */
function clampScroll(state: AppState): AppState {
	const s = state.screen;
	if (s.name === 'shell') {
		if (s.scroll === 0 || tooSmall(state) || state.help) return state;
		const max = frameFor(state).scroll.view ?? 0;
		return s.scroll <= max ? state : {...state, screen: {...s, scroll: max}};
	}
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
