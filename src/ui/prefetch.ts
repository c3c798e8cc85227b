// While the learner reads, the step Enter leads to is worked out in advance: its cluster snapshot
// (the engine's work: applying the step, kube-proxy's sync, the views) and its layout pieces are
// cached, so the key itself only has to draw. The reducer is pure, so the speculative state is
// simply dropped; only the caches it filled remain.
//
// Its frame is also drawn once off screen (Ink's renderToString, nothing written): the code that
// turns a frame into terminal text (React, Yoga, Ink's output grid) is otherwise cold for the
// first keys of a session, and V8 runs cold code several times slower than code it has
// optimised; drawn while the learner reads, the key's own frame then takes the warm path.
import {renderToString} from 'ink';
import {createElement} from 'react';
import {FrameView} from './frame-view.js';
import {frameFor} from './layout/screen.js';
import {reducer} from './state/reducer.js';
import {colourOn, type AppState} from './state/state.js';
import {ColourContext} from './theme.js';

/**
 * Works out the step Enter leads to, and returns the off-screen drawing of its frame, to be run
 * as a separate task: a key read in between is answered first (the drawing is then not needed).
 */
export function prepareNext(state: AppState): (() => void) | undefined {
	if (!state.world || state.help || state.quit) return undefined;
	if (state.screen.name !== 'lesson' && state.screen.name !== 'practice') return undefined;
	// Not while a text field has the keyboard: Enter would submit it (pure, but work for nothing).
	if (state.screen.quiz.editing || (state.screen.tool?.kind === 'trace' && state.screen.tool.input !== undefined)) return undefined;
	const next = reducer(state, {type: 'key', key: {name: 'enter'}});
	const frame = frameFor(next);
	const {columns, rows} = next.size;
	return () => {
		renderToString(createElement(ColourContext.Provider, {value: colourOn(next)}, createElement(FrameView, {frame, columns, rows})), {columns});
	};
}

/** prepareNext and its drawing at once. */
export function warmNext(state: AppState): void {
	prepareNext(state)?.();
}
