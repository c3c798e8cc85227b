// The shape of the learner's saved progress, without zod: the first frame is drawn from it before
// the validating loader (and zod) are loaded, so the types live apart from the schema.

import type {QuizKind} from '../../lessons/vocabulary.js';

export const PROGRESS_VERSION = 1;

export type ColourSetting = 'auto' | 'on' | 'off';

/** One quiz step's record. Score counts first tries, so retrying after reading the answer does not inflate it. */
export interface QuizRecord {
	tries: number;
	firstCorrect: boolean;
	lastCorrect: boolean;
}

export interface LessonProgress {
	/** The step the learner is on (0-based; steps.length is the lesson's end card). */
	step: number;
	/** The furthest step reached. */
	furthest: number;
	done: boolean;
	/** Keyed by the quiz step's 0-based index, as a string (JSON object keys). */
	answers: Record<string, QuizRecord>;
}

export interface PracticeProgress {
	asked: number;
	correct: number;
	/** The number of the next practice question: questions are generated from it and the seed. */
	next: number;
	/** The question kinds practice asks, in QUIZ_KINDS order; absent: every kind. */
	kinds?: QuizKind[];
}

export interface Progress {
	version: typeof PROGRESS_VERSION;
	/** Every generated cluster and question derives from it: the same seed, the same session. */
	seed: number;
	colour: ColourSetting;
	/** Where "continue" goes. */
	last?: {lesson: string; step: number};
	lessons: Record<string, LessonProgress>;
	practice: PracticeProgress;
}

export function freshProgress(seed: number): Progress {
	return {version: PROGRESS_VERSION, seed, colour: 'auto', lessons: {}, practice: {asked: 0, correct: 0, next: 0}};
}

/** Seeds offered to a new learner: small enough to read out and type with --seed. */
export function newSeed(random: () => number = Math.random): number {
	return 1 + Math.floor(random() * 9999);
}
