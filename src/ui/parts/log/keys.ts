import type {Keymap} from '../../keymap/keymap.js';
import {SCROLL_KEYS} from '../view-header.js';
import type {LogIntent, LogUi} from './state.js';

export const LOG_KEYS: Keymap<LogUi, LogIntent> = [...SCROLL_KEYS, {keys: ['n'], label: 'n', does: 'node', help: 'the next node', to: {type: 'nextNode'}}];
