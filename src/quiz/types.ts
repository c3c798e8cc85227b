// The quiz engine's public shapes. A Question carries its own answer key so that checking needs
// no cluster: the UI can save a session as JSON, reload it after a restart and still mark the
// answer, and the key was computed from the cluster as it was when the question was asked.
import type {Cluster} from '../sim/cluster/cluster.js';
import type {QuizKind} from '../lessons/vocabulary.js';

export type {QuizKind} from '../lessons/vocabulary.js';

export type QuizMode = 'typed' | 'choice';

export type ParamValue = string | number | boolean;
export type QuizParams = Record<string, ParamValue>;

export interface QuizContext {
	cluster: Cluster;
	seed: number;
	params?: QuizParams;
	mode?: QuizMode;
}

/** Wordings a yes/no reader also understands, besides yes/no/true/false. */
export type BooleanFlavour = 'contains' | 'overlap' | 'accepted';

/** The components component-role asks about, as one canonical word each. */
export type Component =
	| 'kube-proxy'
	| 'kubelet'
	| 'container-runtime'
	| 'cni'
	| 'kube-apiserver'
	| 'kube-controller-manager'
	| 'kube-scheduler'
	| 'none';

/** How to read a typed answer, and what it must equal. Plain data, so it survives JSON. */
export type Reader =
	/** Any of these `ip:port` (each is an endpoint the tracer reached), or one of these verdicts. */
	| {type: 'destination'; endpoints: string[]; verdicts: string[]}
	/** An IPv4 range, inclusive, as unsigned 32-bit numbers. */
	| {type: 'range'; first: number; last: number}
	| {type: 'count'; value: number}
	| {type: 'boolean'; value: boolean; flavour: BooleanFlavour}
	/** Accepted when within `tolerance` of `value`, relative to `value`. */
	| {type: 'probability'; value: number; tolerance: number}
	/** Chain names, or `DNAT` for the rule that ends the walk, upper case. */
	| {type: 'chain'; accepted: string[]; dnatTo?: string}
	| {type: 'component'; value: Component}
	/** Authored questions: only a choice can answer them. */
	| {type: 'choice-only'};

/** A wrong answer someone is likely to give, and what to tell them. */
export interface Mistake {
	/** As a choice shows it, and as the reader reads it when typed. */
	answer: string;
	note: string;
}

/** What checkAnswer needs. The UI never prints it. */
export interface AnswerKey {
	reader: Reader;
	/** Index into `choices` (mode 'choice'). */
	correctChoice?: number;
	expected: string;
	explanation: string[];
	mistakes: Mistake[];
}

export interface Question {
	/** Stable: kind, seed and what was drawn. */
	id: string;
	kind: QuizKind | 'authored';
	/** Plain text, lines of at most 40 columns, at most 8 lines. */
	prompt: string;
	mode: QuizMode;
	/** Mode 'choice': the right one exactly once, no repeats, in a seeded order. */
	choices?: string[];
	/** Mode 'typed': the shape to type, e.g. "IP:port". */
	answerFormat?: string;
	/** A nudge that does not give the answer away: one or two lines. */
	hint: string;
	answerKey: AnswerKey;
}

export interface Verdict {
	correct: boolean;
	/** The learner's answer as it was read, normalised, or why it could not be read. */
	understood: string;
	/** The right answer, as shown to the learner. */
	expected: string;
	/** Lines built from the engine: a trace path, or the arithmetic. */
	explanation: string[];
}

/** A generator cannot ask its question of this cluster or with these params; said plainly. */
export class QuizError extends Error {
	override readonly name = 'QuizError';
}
