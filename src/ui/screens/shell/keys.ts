// The shell's keys: the line editor's (readline's Ctrl-A/E/U/W, ↑↓ history), Enter to run, Ctrl-C
// to drop the line, Ctrl-L to clear, PgUp/PgDn through the scrollback, Esc (or Ctrl-D on an
// empty line, or `exit`) back where it was opened from. Every other key is typed: ? and q are letters here.
import {within, type Keymap} from '../../keymap/keymap.js';
import {TEXT_INPUT_KEYS} from '../../parts/text-input/keys.js';
import type {ShellIntent, ShellScreen} from './state.js';

export const SHELL_KEYS: Keymap<ShellScreen, ShellIntent> = [
	{keys: ['enter'], label: 'Enter', does: 'run', help: 'run the line', to: {type: 'run'}},
	{keys: ['tab'], label: 'Tab', does: 'complete', help: 'complete a command, kubectl verb, resource type, name, flag or path; twice: list them', to: {type: 'complete'}},
	{keys: ['escape'], label: 'Esc', does: (s) => (s.back === 'quit' ? 'quit' : s.back !== undefined ? 'back' : 'home'), help: 'leave the shell: home, the lesson it was opened from, or out of `svc-tutor shell` (exit and Ctrl+D too); the cluster stays as it is', to: {type: 'home'}},
	{keys: ['ctrl+d'], when: (s) => s.input.text === '', to: {type: 'home'}},
	{keys: ['ctrl+c'], label: 'Ctrl+C', does: 'cancel', help: 'drop the line being typed', to: {type: 'cancel'}},
	{keys: ['ctrl+l'], label: 'Ctrl+L', does: 'clear', help: 'clear the screen', to: {type: 'clear'}},
	{keys: ['pageup'], label: 'PgUp/Dn', does: 'scroll', help: 'scroll back through the output', to: {type: 'scroll', by: '-page'}},
	{keys: ['pagedown'], to: {type: 'scroll', by: 'page'}},
	...within(TEXT_INPUT_KEYS, (s: ShellScreen) => s.input, (edit): ShellIntent => ({type: 'edit', edit})),
	{keys: ['any'], to: {type: 'ignore'}},
];
