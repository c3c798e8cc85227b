// Questions written in a lesson (question, choices, answer, explain). Lesson authors list the
// right choice first more often than not, so the choices are put in an order seeded by the
// question's id: stable across runs and saved sessions, but not giving the answer away by place.
import {seededRandom} from '../sim/random.js';
import {wrapLines} from './text.js';
import {QuizError, type Question} from './types.js';

export interface AuthoredQuiz {
	question: string;
	choices: string[];
	/** 0-based index into `choices`. */
	answer: number;
	explain: string;
}

/** FNV-1a: a number from the id, so the order depends on nothing but the id. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
	return h;
}

const lines = (text: string): string[] => text.replace(/\s+$/, '').split('\n');

export function authoredQuestion(q: AuthoredQuiz, id: string): Question {
	const right = q.choices[q.answer];
	if (right === undefined || !Number.isInteger(q.answer)) throw new QuizError(`authored question ${id}: answer ${q.answer} is not one of its ${q.choices.length} choices`);
	if (new Set(q.choices).size !== q.choices.length) throw new QuizError(`authored question ${id}: a choice is repeated`);
	const choices = seededRandom(hash(id)).shuffle(q.choices);
	return {
		id,
		kind: 'authored',
		prompt: wrapLines(lines(q.question)).join('\n'),
		mode: 'choice',
		choices,
		hint: '',
		answerKey: {
			reader: {type: 'choice-only'},
			correctChoice: choices.indexOf(right),
			expected: right,
			explanation: wrapLines(lines(q.explain)),
			mistakes: [],
		},
	};
}
