// The keys a text field takes while it has the keyboard: printable characters are typed, and the
// usual line-editing keys (readline's Ctrl-A/E/U/W too). Enter and Esc belong to whoever owns the field.
import type {Keymap} from '../../keymap/keymap.js';
import type {TextInput, TextIntent} from './state.js';

export const TEXT_INPUT_KEYS: Keymap<TextInput, TextIntent> = [
	{keys: ['backspace'], label: '⌫', does: 'erase', to: {type: 'erase'}},
	{keys: ['left'], label: '← →', does: 'move', help: 'move the cursor in the text', footer: false, to: {type: 'move', to: 'left'}},
	{keys: ['right'], to: {type: 'move', to: 'right'}},
	{keys: ['home', 'ctrl+a'], label: 'Ctrl+A E', does: 'start, end of the text', footer: false, to: {type: 'move', to: 'start'}},
	{keys: ['end', 'ctrl+e'], to: {type: 'move', to: 'end'}},
	{keys: ['ctrl+u'], label: 'Ctrl+U W', does: 'erase to the start, a word', footer: false, to: {type: 'eraseToStart'}},
	{keys: ['ctrl+w'], to: {type: 'eraseWord'}},
	{keys: ['up'], when: (input) => input.history.length > 0, label: '↑↓', does: 'earlier lines', footer: false, to: {type: 'recall', by: -1}},
	{keys: ['down'], when: (input) => input.history.length > 0, to: {type: 'recall', by: 1}},
	{keys: ['char'], to: (_input, key) => (key.name === 'char' ? {type: 'insert', text: key.char} : undefined)},
];
