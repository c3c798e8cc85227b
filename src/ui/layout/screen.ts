// The frame for the whole state: the screen on top, or help over it, or the too-small message.
import {helpFrame} from '../screens/help/layout.js';
import {activeScreen} from '../screens/active.js';
import type {AppState} from '../state/state.js';
import {MIN_COLUMNS, MIN_ROWS, tooSmallFrame, type Frame} from './frame.js';

export function tooSmall(state: Pick<AppState, 'size'>): boolean {
	return state.size.columns < MIN_COLUMNS || state.size.rows < MIN_ROWS;
}

// The reducer clamps scrolling against the frame, and the app then draws the same state: one
// computation serves both (states are never changed in place, so the object is the key).
const frames = new WeakMap<AppState, Frame>();

export function frameFor(state: AppState): Frame {
	let frame = frames.get(state);
	if (!frame) {
		frame = tooSmall(state) ? tooSmallFrame(state.size.columns, state.size.rows) : state.help ? helpFrame(state) : activeScreen(state).frame();
		frames.set(state, frame);
	}
	return frame;
}
