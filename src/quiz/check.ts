// Marking an answer against the key the question carries. Everything needed is in the question
// itself (computed from the cluster when it was asked), so a saved session is marked the same way
// after a restart. Nothing here throws on a learner's input: an unreadable answer is a verdict.
import {
	clean,
	readBoolean,
	readChain,
	readComponent,
	readCount,
	readDestination,
	readProbability,
	readRange,
	type Read,
} from './normalize.js';
import {wrapLines} from './text.js';
import type {Question, Reader, Verdict} from './types.js';

interface Reading {
	understood: string;
	correct: boolean;
	/** For comparing with a known mistake: equal when the two answers mean the same. */
	sameAs(other: string): boolean;
}

function reading<T>(read: Read<T>, correct: (value: T) => boolean, equal: (a: T, b: T) => boolean, reread: (text: string) => Read<T>): Reading | string {
	if (!read.ok) return read.why;
	const value = read.value;
	return {
		understood: read.understood,
		correct: correct(value),
		sameAs: (other) => {
			const theirs = reread(other);
			return theirs.ok && equal(value, theirs.value);
		},
	};
}

const same = <T>(a: T, b: T): boolean => a === b;

/** Reads a typed answer with the question's reader: a Reading, or why it could not be read. */
export function readTyped(reader: Reader, text: string): Reading | string {
	switch (reader.type) {
		case 'destination':
			return reading(readDestination(text), (v) => reader.endpoints.includes(v) || reader.verdicts.includes(v), same, readDestination);
		case 'range':
			return reading(
				readRange(text),
				(v) => v.first === reader.first && v.last === reader.last,
				(a, b) => a.first === b.first && a.last === b.last,
				readRange,
			);
		case 'count':
			return reading(readCount(text), (v) => v === reader.value, same, readCount);
		case 'boolean': {
			const read = (t: string): Read<boolean> => readBoolean(t, reader.flavour);
			return reading(read(text), (v) => v === reader.value, same, read);
		}
		case 'probability': {
			const close = (a: number, b: number): boolean => Math.abs(a - b) <= reader.tolerance * Math.max(b, 1e-9);
			return reading(readProbability(text), (v) => close(v, reader.value), (a, b) => close(a, b), readProbability);
		}
		case 'chain':
			return reading(
				readChain(text),
				(v) => reader.accepted.includes(v) || (v.startsWith('DNAT ') && reader.dnatTo !== undefined && v === `DNAT ${reader.dnatTo}`),
				same,
				readChain,
			);
		case 'component':
			return reading(readComponent(text), (v) => v === reader.value, same, readComponent);
		case 'choice-only':
			return 'answer with one of the choices';
	}
}

function verdict(question: Question, correct: boolean, understood: string, note?: string): Verdict {
	const key = question.answerKey;
	const explanation = correct || note === undefined ? key.explanation : [...wrapLines([note]), ...key.explanation];
	return {correct, understood, expected: key.expected, explanation};
}

function checkChoice(question: Question, index: number): Verdict {
	const choices = question.choices ?? [];
	const chosen = choices[index];
	if (!Number.isInteger(index) || chosen === undefined) {
		return verdict(question, false, `there is no choice ${index + 1}: pick one of the ${choices.length} shown`);
	}
	const correct = index === question.answerKey.correctChoice;
	const note = question.answerKey.mistakes.find((m) => m.answer === chosen)?.note;
	return verdict(question, correct, chosen, note);
}

const comparable = (text: string): string => clean(text).toLowerCase().replace(/[.!?]+$/, '');

export function checkAnswer(question: Question, answer: string | number): Verdict {
	if (question.mode === 'choice' && typeof answer === 'number') return checkChoice(question, answer);
	const text = String(answer);
	if (question.mode === 'choice') {
		// The text of a choice, however spaced or cased, is that choice.
		const index = (question.choices ?? []).findIndex((c) => comparable(c) === comparable(text));
		if (index >= 0) return checkChoice(question, index);
	}
	const read = readTyped(question.answerKey.reader, text);
	if (typeof read === 'string') return verdict(question, false, `could not read it: ${read}`);
	const note = read.correct ? undefined : question.answerKey.mistakes.find((m) => read.sameAs(m.answer))?.note;
	return verdict(question, read.correct, read.understood, note);
}
