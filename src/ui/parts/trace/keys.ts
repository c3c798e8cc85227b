import type {Keymap} from '../../keymap/keymap.js';
import {within} from '../../keymap/keymap.js';
import {TEXT_INPUT_KEYS} from '../text-input/keys.js';
import type {TraceIntent, TraceUi} from './state.js';

const typing = (ui: TraceUi): boolean => ui.input !== undefined;
const picking = (ui: TraceUi): boolean => !typing(ui) && ui.fixed === undefined;

export const TRACE_KEYS: Keymap<TraceUi, TraceIntent> = [
	// Typing a trace after `:`: the field has every key.
	{keys: ['enter'], when: typing, label: 'Enter', does: 'trace', help: 'trace what was typed', to: {type: 'submit'}},
	{keys: ['escape'], when: typing, label: 'Esc', does: 'cancel', help: 'stop typing (the trace view stays)', to: {type: 'cancelTyping'}},
	...within(TEXT_INPUT_KEYS, (ui: TraceUi) => ui.input, (edit): TraceIntent => ({type: 'edit', edit})),
	{keys: ['any'], when: typing, to: {type: 'ignore'}},
	{keys: ['right', 'down', 'j', ' '], label: '→ ←', does: 'rule', help: 'trace: the next / previous rule', to: {type: 'forward'}},
	{keys: ['left', 'up', 'k'], to: {type: 'backward'}},
	{keys: ['e', 'end'], label: 'e', does: 'all', help: 'trace: every rule up to the verdict', to: {type: 'all'}},
	{keys: ['home'], to: {type: 'first'}},
	{keys: ['o'], label: 'o', does: 'path', help: 'trace: the other paths (each endpoint, with its probability)', to: {type: 'nextOutcome'}},
	{keys: ['s'], when: picking, label: 's d n', does: 'from to node', help: 'trace: the next source, destination, node', to: {type: 'nextSource'}},
	{keys: ['d'], when: picking, to: {type: 'nextDest'}},
	{keys: ['n'], when: picking, to: {type: 'nextNode'}},
	{keys: [':'], when: picking, label: ':', does: 'type', help: 'trace: type a source (Pod or IP) and IP:PORT[/udp]', to: {type: 'startTyping'}},
];
