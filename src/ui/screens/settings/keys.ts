import type {Keymap} from '../../keymap/keymap.js';
import type {SettingsIntent, SettingsScreen} from './state.js';

const confirming = (s: SettingsScreen): boolean => s.confirmReset === true;
const choosingKinds = (s: SettingsScreen): boolean => s.kinds !== undefined;
const typingSeed = (s: SettingsScreen): boolean => s.seedInput !== undefined;
const listing = (s: SettingsScreen): boolean => !confirming(s) && !choosingKinds(s) && !typingSeed(s);
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const SETTINGS_KEYS: Keymap<SettingsScreen, SettingsIntent> = [
	// Reset's y/N: anything but y keeps the progress.
	{keys: ['y', 'Y'], when: confirming, label: 'y', does: 'erase', help: 'reset: erase the course progress', to: {type: 'reset', erase: true}},
	{keys: ['any'], when: confirming, label: 'N', does: 'keep', help: 'reset: any other key keeps it', to: {type: 'reset', erase: false}},
	// Ticking the question kinds.
	{keys: ['up', 'k'], when: choosingKinds, label: '↑↓', does: 'move', to: {type: 'kindMove', by: -1}},
	{keys: ['down', 'j'], when: choosingKinds, to: {type: 'kindMove', by: 1}},
	{keys: [' '], when: choosingKinds, label: 'Space', does: 'tick', help: 'tick or untick a question kind', to: {type: 'kindToggle'}},
	{keys: ['a'], when: choosingKinds, label: 'a', does: 'all or none', to: {type: 'kindAll'}},
	{keys: ['enter'], when: choosingKinds, label: 'Enter', does: 'keep', help: 'keep the kinds ticked (at least one)', to: {type: 'kindsKeep'}},
	{keys: ['escape'], when: choosingKinds, label: 'Esc', does: 'cancel', to: {type: 'kindsCancel'}},
	{keys: ['any'], when: choosingKinds, to: {type: 'ignore'}},
	// Typing a seed: digits only.
	{keys: DIGITS, when: typingSeed, label: '0-9', does: 'type', help: 'type the seed', to: (_s, key) => (key.name === 'char' ? {type: 'seedEdit', edit: {type: 'insert', text: key.char}} : undefined)},
	{keys: ['backspace'], when: typingSeed, label: '⌫', does: 'erase', to: {type: 'seedEdit', edit: {type: 'erase'}}},
	{keys: ['enter'], when: typingSeed, label: 'Enter', does: 'set', help: 'set the seed typed', to: {type: 'seedSet'}},
	{keys: ['escape'], when: typingSeed, label: 'Esc', does: 'cancel', to: {type: 'seedCancel'}},
	{keys: ['any'], when: typingSeed, to: {type: 'ignore'}},
	// The list.
	{keys: ['up', 'k'], when: listing, label: '↑↓', does: 'move', to: {type: 'move', by: -1}},
	{keys: ['down', 'j'], when: listing, to: {type: 'move', by: 1}},
	{keys: ['left'], when: listing, label: '←→', does: 'change', help: 'change the seed or the colour', to: {type: 'change', by: -1}},
	{keys: ['right'], when: listing, to: {type: 'change', by: 1}},
	{keys: ['enter'], when: listing, label: 'Enter', does: 'choose', help: 'type a seed, change colour, choose kinds, reset', to: {type: 'choose'}},
	{keys: ['escape', 'b'], when: listing, label: 'b', does: 'home', help: 'back home (Esc too)', to: {type: 'home'}},
	// "done: the course starts over" is said until the next key.
	{keys: ['any'], when: (s) => listing(s) && s.resetDone === true, to: {type: 'dismiss'}},
];
