// The frame for the whole state: which screen, or help over it, or the too-small message.
import type {AppState} from '../state/state.js';
import {MIN_COLUMNS, MIN_ROWS, tooSmallFrame, type Frame} from './frame.js';
import {homeFrame} from './home.js';
import {lessonFrame} from './lesson.js';
import {helpFrame, practiceFrame, settingsFrame} from './other-screens.js';

export function tooSmall(state: Pick<AppState, 'size'>): boolean {
	return state.size.columns < MIN_COLUMNS || state.size.rows < MIN_ROWS;
}

export function frameFor(state: AppState): Frame {
	if (tooSmall(state)) return tooSmallFrame(state.size.columns, state.size.rows);
	if (state.help) return helpFrame(state);
	const {screen, world} = state;
	if (screen.name === 'lesson' && world) return lessonFrame(state, screen, world);
	if (screen.name === 'practice' && world) return practiceFrame(state, screen, world);
	if (screen.name === 'settings') return settingsFrame(state, screen);
	return homeFrame({
		outline: state.outline,
		progress: state.progress,
		cursor: state.homeCursor,
		columns: state.size.columns,
		rows: state.size.rows,
		...(state.notice ? {notice: state.notice} : {}),
		...(state.loadError ? {notice: `The course could not be loaded: ${state.loadError}`} : {}),
		lessonErrors: world?.errors ?? [],
		loading: !world,
	});
}

