import type {Keymap} from '../../keymap/keymap.js';
import type {HomeIntent} from './state.js';

export const HOME_KEYS: Keymap<unknown, HomeIntent> = [
	{keys: ['up', 'k'], label: '↑↓', does: 'move', help: 'move (Home End: first, last)', to: {type: 'move', to: 'up'}},
	{keys: ['down', 'j'], to: {type: 'move', to: 'down'}},
	{keys: ['home'], to: {type: 'move', to: 'first'}},
	{keys: ['end'], to: {type: 'move', to: 'last'}},
	{keys: ['enter'], label: 'Enter', does: 'open', help: 'open: continue, a lesson, practice, settings', to: {type: 'open'}},
	{keys: ['digit'], label: '1-9', does: 'lesson', help: 'open that lesson', to: (_c, key) => (key.name === 'char' ? {type: 'openLesson', index: Number(key.char) - 1} : undefined)},
	{keys: ['p'], label: 'p', does: 'practice', help: 'practice: generated questions on a scenario cluster', to: {type: 'openPractice'}},
	{keys: ['$'], label: '$', does: 'shell', help: 'shell: kubectl, iptables and the node tools on a kubeadm cluster', footer: false, to: {type: 'openShell'}},
	{keys: ['s'], label: 's', does: 'settings', help: 'settings: seed, colour, question kinds, reset', to: {type: 'openSettings'}},
];
