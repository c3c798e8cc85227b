// While the learner reads, the step Enter leads to is worked out in advance: its cluster snapshot
// (the engine's work: applying the step, kube-proxy's sync, the views) and its layout pieces are
// cached, so the key itself only has to draw. The reducer is pure, so the speculative state is
// simply dropped; only the caches it filled remain.
import {frameFor} from './layout/screen.js';
import {reducer} from './state/reducer.js';
import type {AppState} from './state/state.js';

export function warmNext(state: AppState): void {
	if (!state.world || state.help || state.quit) return;
	if (state.screen.name !== 'lesson' && state.screen.name !== 'practice') return;
	// Not while a text field has the keyboard: Enter would submit it (pure, but work for nothing).
	if (state.screen.quiz.editing || (state.screen.tool?.kind === 'trace' && state.screen.tool.input !== undefined)) return;
	frameFor(reducer(state, {type: 'key', key: {name: 'enter'}}));
}
