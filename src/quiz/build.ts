// From what a generator worked out to the Question the UI shows: wrapped prompt, seeded choice
// order, and the answer key. Every generator goes through here, so the rules for choices (the
// right one exactly once, no repeats, 3–5 of them) are enforced in one place.
import type {Random} from '../sim/random.js';
import {readTyped} from './check.js';
import {wrapLines} from './text.js';
import {QuizError, type Mistake, type Question, type QuizKind, type QuizMode, type Reader} from './types.js';

export interface Draft {
	kind: QuizKind;
	seed: number;
	mode: QuizMode;
	/** What was drawn (service, node, numbers…): with kind, mode and seed it makes the id. */
	identity: string;
	/** Lines or sentences; each starts a new line and is wrapped to 40 columns. */
	prompt: string[];
	/** Typed mode: what the prompt ends with instead of the choices. */
	typedAsk?: string[];
	/** Choice mode: what the prompt ends with instead of `typedAsk`. */
	choiceAsk?: string[];
	answerFormat: string;
	hint: string;
	reader: Reader;
	expected: string;
	explanation: string[];
	/** The right answer written as a choice. */
	right: string;
	/** Plausible wrong answers, most tempting first, each with what to tell a learner who gives it. */
	wrong: Mistake[];
	random: Random;
}

const MAX_WRONG = 4;
const MIN_WRONG = 2;

export function buildQuestion(draft: Draft): Question {
	const {mode} = draft;
	const ask = mode === 'choice' ? (draft.choiceAsk ?? draft.typedAsk ?? []) : (draft.typedAsk ?? []);
	const prompt = wrapLines([...draft.prompt, ...ask]).join('\n');
	const hint = wrapLines([draft.hint]).join('\n');
	const explanation = wrapLines(draft.explanation);
	const wrong = usableWrong(draft);
	const base = {
		id: `${draft.kind}/${mode}/${draft.seed}/${draft.identity}`,
		kind: draft.kind,
		prompt,
		mode,
		hint,
	};
	if (mode === 'typed') {
		return {...base, answerFormat: draft.answerFormat, answerKey: {reader: draft.reader, expected: draft.expected, explanation, mistakes: wrong}};
	}
	const picked = wrong.slice(0, MAX_WRONG);
	if (picked.length < MIN_WRONG) throw new QuizError(`${draft.kind}: too few wrong answers for a choice question (${draft.identity})`);
	const choices = draft.random.shuffle([draft.right, ...picked.map((m) => m.answer)]);
	return {
		...base,
		choices,
		answerKey: {reader: draft.reader, correctChoice: choices.indexOf(draft.right), expected: draft.expected, explanation, mistakes: picked},
	};
}

/** Distinct wrong answers that the key itself would not accept: a choice must never be right twice. */
function usableWrong(draft: Draft): Mistake[] {
	const seen = new Set([draft.right.toLowerCase()]);
	const out: Mistake[] = [];
	for (const mistake of draft.wrong) {
		const text = mistake.answer.toLowerCase();
		if (seen.has(text)) continue;
		const read = readTyped(draft.reader, mistake.answer);
		if (typeof read !== 'string' && read.correct) continue;
		seen.add(text);
		out.push(mistake);
	}
	return out;
}
