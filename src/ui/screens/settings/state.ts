// Settings: the seed, colour, which question kinds practice asks, and Reset (after y/N).
import {QUIZ_KINDS, type QuizKind} from '../../../lessons/vocabulary.js';
import {practiceKinds, withColour, withCourseReset, withPracticeKinds, withSeed} from '../../../tutor/progress/model.js';
import type {ColourSetting} from '../../../tutor/progress/types.js';
import {editText, textInput, type TextInput, type TextIntent} from '../../parts/text-input/state.js';
import {goHome} from '../../state/navigate.js';
import type {AppState} from '../../state/state.js';

export const SETTINGS_ITEMS = ['seed', 'colour', 'practice', 'reset', 'back'] as const;
export type SettingsItem = (typeof SETTINGS_ITEMS)[number];

export interface SettingsScreen {
	name: 'settings';
	cursor: number;
	/** A new seed being typed (digits). */
	seedInput?: TextInput;
	/** Asking "erase the course progress? y/N". */
	confirmReset?: boolean;
	/** The course progress was just erased (said until the next key). */
	resetDone?: boolean;
	/** Choosing practice's question kinds: the kinds ticked so far, and the one under the cursor. */
	kinds?: {cursor: number; chosen: readonly QuizKind[]};
}

export type SettingsIntent =
	| {type: 'move'; by: -1 | 1}
	| {type: 'change'; by: -1 | 1}
	| {type: 'choose'}
	| {type: 'home'}
	| {type: 'reset'; erase: boolean}
	| {type: 'kindMove'; by: -1 | 1}
	| {type: 'kindToggle'}
	| {type: 'kindAll'}
	| {type: 'kindsKeep'}
	| {type: 'kindsCancel'}
	| {type: 'seedEdit'; edit: TextIntent}
	| {type: 'seedSet'}
	| {type: 'seedCancel'}
	| {type: 'dismiss'}
	| {type: 'ignore'};

const COLOURS: ColourSetting[] = ['auto', 'on', 'off'];
export const SEED_LIMITS = {max: 9, accept: /[0-9]/};

export const openSettingsScreen = (cursor = 0): SettingsScreen => ({name: 'settings', cursor});

export function updateSettings(state: AppState, screen: SettingsScreen, intent: SettingsIntent): AppState {
	const at = (next: Partial<SettingsScreen> = {}, progress = state.progress): AppState => ({...state, progress, screen: {name: 'settings', cursor: screen.cursor, ...next}});
	switch (intent.type) {
		case 'ignore':
			return state;
		case 'move':
			return at({cursor: Math.max(0, Math.min(SETTINGS_ITEMS.length - 1, screen.cursor + intent.by))});
		case 'home':
			return goHome(state);
		case 'change': {
			const item = SETTINGS_ITEMS[screen.cursor];
			if (item === 'seed') return at({}, withSeed(state.progress, Math.max(0, state.progress.seed + intent.by)));
			if (item === 'colour') return at({}, withColour(state.progress, cycle(state.progress.colour, intent.by)));
			return at();
		}
		case 'choose':
			switch (SETTINGS_ITEMS[screen.cursor]) {
				case 'seed':
					return at({seedInput: textInput()});
				case 'colour':
					return at({}, withColour(state.progress, cycle(state.progress.colour, 1)));
				case 'practice':
					return at({kinds: {cursor: 0, chosen: practiceKinds(state.progress)}});
				case 'reset':
					return at({confirmReset: true});
				default:
					return goHome(state);
			}
		// y erases; anything else keeps the progress, as `svc-tutor reset` answers N by default.
		case 'reset':
			return intent.erase ? at({resetDone: true}, withCourseReset(state.progress)) : at();
		case 'kindMove': {
			const kinds = screen.kinds!;
			return at({kinds: {...kinds, cursor: Math.max(0, Math.min(QUIZ_KINDS.length - 1, kinds.cursor + intent.by))}});
		}
		case 'kindToggle': {
			const {cursor, chosen} = screen.kinds!;
			const kind = QUIZ_KINDS[cursor]!;
			return at({kinds: {cursor, chosen: chosen.includes(kind) ? chosen.filter((k) => k !== kind) : [...chosen, kind]}});
		}
		case 'kindAll': {
			const {cursor, chosen} = screen.kinds!;
			return at({kinds: {cursor, chosen: chosen.length === QUIZ_KINDS.length ? [] : [...QUIZ_KINDS]}});
		}
		case 'kindsKeep':
			// At least one kind: Enter with none ticked is refused (the screen says so).
			return screen.kinds!.chosen.length > 0 ? at({}, withPracticeKinds(state.progress, screen.kinds!.chosen)) : state;
		case 'kindsCancel':
		case 'seedCancel':
		case 'dismiss':
			return at();
		case 'seedEdit':
			return at({seedInput: editText(screen.seedInput ?? textInput(), intent.edit, SEED_LIMITS)});
		case 'seedSet': {
			const typed = screen.seedInput?.text ?? '';
			return at({}, typed === '' ? state.progress : withSeed(state.progress, Number(typed)));
		}
	}
}

function cycle(colour: ColourSetting, by: number): ColourSetting {
	return COLOURS[(((COLOURS.indexOf(colour) + by) % COLOURS.length) + COLOURS.length) % COLOURS.length]!;
}
