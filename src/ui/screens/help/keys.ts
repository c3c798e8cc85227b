// Help is read, then closed: any key does it (and does nothing else).
import type {Keymap} from '../../keymap/keymap.js';

export type HelpIntent = {type: 'close'};

export const HELP_KEYS: Keymap<unknown, HelpIntent> = [{keys: ['any'], label: 'any key', does: 'close', to: {type: 'close'}}];
