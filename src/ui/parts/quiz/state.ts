// A question being answered: the choice under the cursor, or the typed answer's field, the hint,
// and once answered the engine's verdict. Pure: the screen that holds the quiz records answers.
import type {Asked, Question, Verdict} from '../../world-types.js';
import {editText, type TextInput, type TextIntent} from '../text-input/state.js';

export interface QuizUi {
	/** Generated questions: a fresh one per attempt (the explanation gave the last one away). */
	attempt: number;
	cursor: number;
	/** The typed answer, and where its cursor is (at the end when absent). */
	input: string;
	inputCursor?: number;
	/** The typed-answer field has the keyboard: letters go into it, not to commands. */
	editing: boolean;
	hint: boolean;
	verdict?: Verdict;
	/** A typed answer the engine could not read: said, and not counted. */
	unreadable?: string;
}

export function freshQuiz(attempt = 0): QuizUi {
	return {attempt, cursor: 0, input: '', editing: false, hint: false};
}

export type QuizIntent =
	| {type: 'moveChoice'; by: -1 | 1}
	| {type: 'answerChoice'; index?: number}
	| {type: 'startTyping'}
	| {type: 'stopTyping'}
	| {type: 'submitTyped'}
	| {type: 'edit'; edit: TextIntent}
	| {type: 'hint'}
	| {type: 'retry'}
	/** A key the field swallows: while typing, nothing else happens. */
	| {type: 'ignore'};

/** The typed answer as a text field. */
export function answerField(quiz: QuizUi): TextInput {
	return {text: quiz.input, cursor: quiz.inputCursor ?? [...quiz.input].length, history: []};
}

export const ANSWER_LIMITS = {max: 80};

/** What a quiz intent does: the quiz after it, and the answer to record when one was given. */
export function updateQuiz(quiz: QuizUi, intent: QuizIntent, question: Question, check: (q: Question, answer: string | number) => Verdict): {quiz: QuizUi; answered?: Verdict} {
	switch (intent.type) {
		case 'ignore':
			return {quiz};
		case 'retry':
			return {quiz: freshQuiz(quiz.attempt + 1)};
		case 'hint':
			return {quiz: {...quiz, hint: !quiz.hint}};
		case 'moveChoice': {
			const count = question.choices?.length ?? 0;
			const cursor = intent.by < 0 ? Math.max(0, Math.min(quiz.cursor, count - 1) - 1) : Math.min(count - 1, quiz.cursor + 1);
			return {quiz: {...quiz, cursor}};
		}
		case 'answerChoice': {
			const count = question.choices?.length ?? 0;
			const index = intent.index ?? Math.min(quiz.cursor, count - 1);
			const verdict = check(question, index);
			return {quiz: {...quiz, cursor: index, verdict, editing: false}, answered: verdict};
		}
		case 'startTyping':
			return {quiz: {...quiz, editing: true}};
		case 'stopTyping':
			return {quiz: {...quiz, editing: false}};
		case 'edit': {
			const field = editText(answerField(quiz), intent.edit, ANSWER_LIMITS);
			const {unreadable: _dropped, ...rest} = quiz;
			// Changing the text takes the "could not read it" away; moving the cursor does not.
			const base = field.text !== quiz.input ? rest : quiz;
			return {quiz: {...base, input: field.text, inputCursor: field.cursor}};
		}
		case 'submitTyped': {
			if (quiz.input.trim() === '') return {quiz};
			const verdict = check(question, quiz.input);
			// An answer the engine could not read is not a wrong answer: say so, let them fix it.
			if (!verdict.correct && verdict.understood.startsWith('could not read it')) return {quiz: {...quiz, unreadable: verdict.understood}};
			return {quiz: {...quiz, verdict, editing: false}, answered: verdict};
		}
	}
}

/** The question on screen, when there is one that can be answered. */
export function askedQuestion(asked: Asked | undefined): Question | undefined {
	return asked?.ok ? asked.question : undefined;
}
