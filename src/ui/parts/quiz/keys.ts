// A question's keys: choose and answer, or type the answer; the hint; a new attempt after the
// verdict. Keys it does not take (Tab, scrolling, → to skip) are the screen's.
import type {Keymap} from '../../keymap/keymap.js';
import {within} from '../../keymap/keymap.js';
import type {Asked} from '../../world-types.js';
import {TEXT_INPUT_KEYS} from '../text-input/keys.js';
import {answerField, type QuizIntent, type QuizUi} from './state.js';

export interface QuizContext {
	quiz: QuizUi;
	asked: Asked;
	/** Arrows choose only while the text pane has the focus. */
	pane: 'text' | 'side';
}

const question = (c: QuizContext) => (c.asked.ok ? c.asked.question : undefined);
const open = (c: QuizContext): boolean => c.quiz.verdict === undefined && question(c) !== undefined;
const typed = (c: QuizContext): boolean => open(c) && question(c)!.mode === 'typed';
const typing = (c: QuizContext): boolean => typed(c) && c.quiz.editing;
const choosing = (c: QuizContext): boolean => open(c) && question(c)!.mode !== 'typed';

const choiceCount = (c: QuizContext): number => question(c)?.choices?.length ?? 0;

export const QUIZ_KEYS: Keymap<QuizContext, QuizIntent> = [
	// After the verdict.
	{keys: ['a'], when: (c) => c.quiz.verdict !== undefined, label: 'a', does: 'try again', help: 'try again after an answer (a new question)', to: {type: 'retry'}},
	// Typing: the field has every key.
	{keys: ['enter'], when: typing, label: 'Enter', does: 'submit', help: 'submit the typed answer', to: {type: 'submitTyped'}},
	{keys: ['escape'], when: typing, label: 'Esc', does: 'stop typing', help: 'leave the field (letters are commands again)', to: {type: 'stopTyping'}},
	...within(TEXT_INPUT_KEYS, (c: QuizContext) => (typing(c) ? answerField(c.quiz) : undefined), (edit): QuizIntent => ({type: 'edit', edit})),
	{keys: ['any'], when: (c) => typing(c), to: (_c, key) => (key.name === 'tab' ? undefined : {type: 'ignore'})},
	// A typed question, not typing.
	{keys: ['enter'], when: (c) => typed(c) && !c.quiz.editing, label: 'Enter', does: 'type answer', help: 'answer: Enter opens the field, even from the cluster pane', to: {type: 'startTyping'}},
	// Choices.
	{keys: ['up', 'k'], when: (c) => choosing(c) && c.pane === 'text', label: '↑↓', does: 'choose', to: {type: 'moveChoice', by: -1}},
	{keys: ['down', 'j'], when: (c) => choosing(c) && c.pane === 'text', to: {type: 'moveChoice', by: 1}},
	{keys: ['enter'], when: choosing, label: 'Enter', does: 'answer', help: 'answer with the choice under the cursor', to: {type: 'answerChoice'}},
	{
		keys: ['digit'],
		when: choosing,
		label: '1-6',
		does: 'pick',
		help: 'pick that choice',
		to: (c, key) => (key.name === 'char' && Number(key.char) <= choiceCount(c) ? {type: 'answerChoice', index: Number(key.char) - 1} : undefined),
	},
	{keys: ['h'], when: open, label: 'h', does: 'hint', help: 'a hint for the question', to: {type: 'hint'}},
];
