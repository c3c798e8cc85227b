// Keys every screen has, unless a text field has the keyboard: help and quit. Ctrl+C always quits.
import type {Keymap, KeyHint} from './keymap.js';
import {footerHints} from './keymap.js';

export type GlobalIntent = {type: 'help'} | {type: 'quit'};

export const GLOBAL_KEYS: Keymap<unknown, GlobalIntent> = [
	{keys: ['?'], label: '?', does: 'help', help: 'this help (any key closes it)', to: {type: 'help'}},
	{keys: ['q'], label: 'q', does: 'quit', help: 'quit (progress is already saved)', to: {type: 'quit'}},
	{keys: ['ctrl+c'], label: 'Ctrl+C', does: 'quit', footer: false, to: {type: 'quit'}},
];

/** A screen's footer hints followed by the global ones (left out while typing). */
export function withGlobal(hints: readonly KeyHint[], typing = false): KeyHint[] {
	return typing ? [...hints] : [...hints, ...footerHints(GLOBAL_KEYS, undefined)];
}
