// The frame for the whole state: the screen on top, or help over it, or the too-small message.
import {helpFrame} from '../screens/help/layout.js';
import {activeScreen} from '../screens/active.js';
import type {AppState} from '../state/state.js';
import {MIN_COLUMNS, MIN_ROWS, tooSmallFrame, type Frame} from './frame.js';

export function tooSmall(state: Pick<AppState, 'size'>): boolean {
	return state.size.columns < MIN_COLUMNS || state.size.rows < MIN_ROWS;
}

export function frameFor(state: AppState): Frame {
	if (tooSmall(state)) return tooSmallFrame(state.size.columns, state.size.rows);
	if (state.help) return helpFrame(state);
	return activeScreen(state).frame();
}
