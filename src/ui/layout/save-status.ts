// The footer's warning when progress could not be saved (shown on every screen that saves).
import type {Segment} from './line.js';

export function saveStatus(state: {saveError?: string}): Segment | undefined {
	return state.saveError ? {text: '⚠ progress not saved', colour: 'red', bold: true} : undefined;
}
