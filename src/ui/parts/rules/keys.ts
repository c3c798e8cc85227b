import type {Keymap} from '../../keymap/keymap.js';
import {SCROLL_KEYS} from '../view-header.js';
import type {RulesIntent, RulesUi} from './state.js';

export const RULES_KEYS: Keymap<RulesUi, RulesIntent> = [
	...SCROLL_KEYS,
	{keys: ['f'], label: 'f', does: 'format', help: 'rules: iptables -L form or iptables-save form', to: {type: 'toggleFormat'}},
	{keys: ['s'], label: 's', does: 'Service', help: 'rules: mark the next Service', to: {type: 'nextService'}},
	{keys: ['a'], label: 'a', does: 'only', help: "rules: only the Service's lines, or every line", to: {type: 'toggleOnly'}},
	{keys: ['n'], label: 'n', does: 'node', help: 'the next node', to: {type: 'nextNode'}},
];
