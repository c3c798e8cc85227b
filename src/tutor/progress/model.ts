// Pure updates and summaries of progress: the UI's reducer calls these, and the home screen's
// states and scores come from here, so the rules (what "done" means, what the score counts) are
// in one place and tested alone.
import {QUIZ_KINDS, type QuizKind} from '../../lessons/vocabulary.js';
import {freshProgress, type ColourSetting, type LessonProgress, type Progress} from './types.js';

/** What progress needs to know about a lesson. */
export interface LessonShape {
	id: string;
	steps: number;
	/** 0-based indexes of its quiz steps. */
	quizSteps: readonly number[];
}

export type LessonState = 'new' | 'in-progress' | 'done';

export interface Score {
	/** Quiz steps answered right at the first try. */
	right: number;
	answered: number;
	total: number;
}

const EMPTY: LessonProgress = {step: 0, furthest: 0, done: false, answers: {}};

export function lessonProgress(progress: Progress, id: string): LessonProgress {
	return progress.lessons[id] ?? EMPTY;
}

export function lessonState(progress: Progress, lesson: LessonShape): LessonState {
	const entry = progress.lessons[lesson.id];
	if (!entry) return 'new';
	return entry.done ? 'done' : 'in-progress';
}

export function lessonScore(progress: Progress, lesson: LessonShape): Score {
	const answers = lessonProgress(progress, lesson.id).answers;
	let right = 0;
	let answered = 0;
	for (const step of lesson.quizSteps) {
		const record = answers[String(step)];
		if (!record) continue;
		answered += 1;
		if (record.firstCorrect) right += 1;
	}
	return {right, answered, total: lesson.quizSteps.length};
}

export interface CourseSummary {
	lessonsDone: number;
	lessons: number;
	quizzesRight: number;
	quizzesAnswered: number;
	quizzes: number;
	/** 0–1: steps reached over all steps, so a half-read lesson moves the bar. */
	fraction: number;
}

export function courseSummary(progress: Progress, lessons: readonly LessonShape[]): CourseSummary {
	let reached = 0;
	let steps = 0;
	const summary: CourseSummary = {lessonsDone: 0, lessons: lessons.length, quizzesRight: 0, quizzesAnswered: 0, quizzes: 0, fraction: 0};
	for (const lesson of lessons) {
		const entry = progress.lessons[lesson.id];
		const score = lessonScore(progress, lesson);
		summary.quizzesRight += score.right;
		summary.quizzesAnswered += score.answered;
		summary.quizzes += score.total;
		steps += lesson.steps;
		if (entry?.done) {
			summary.lessonsDone += 1;
			reached += lesson.steps;
		} else if (entry) {
			reached += Math.min(entry.furthest, lesson.steps);
		}
	}
	summary.fraction = steps === 0 ? 0 : reached / steps;
	return summary;
}

/** Where "continue" lands: the remembered place when its lesson still exists, clamped to its steps. */
export function continuePoint(progress: Progress, lessons: readonly LessonShape[]): {lesson: string; step: number} | undefined {
	const last = progress.last;
	if (!last) return undefined;
	const lesson = lessons.find((l) => l.id === last.lesson);
	if (!lesson) return undefined;
	return {lesson: lesson.id, step: Math.min(last.step, lesson.steps)};
}

/** The learner is on `step` of the lesson (`lesson.steps` = its end card, which completes it). */
export function withPosition(progress: Progress, lesson: LessonShape, step: number): Progress {
	const at = Math.max(0, Math.min(step, lesson.steps));
	const entry = lessonProgress(progress, lesson.id);
	const next: LessonProgress = {...entry, step: at, furthest: Math.max(entry.furthest, at), done: entry.done || at >= lesson.steps};
	if (entry.step === next.step && entry.furthest === next.furthest && entry.done === next.done && progress.last?.lesson === lesson.id && progress.last.step === at && progress.lessons[lesson.id]) {
		return progress;
	}
	return {...progress, last: {lesson: lesson.id, step: at}, lessons: {...progress.lessons, [lesson.id]: next}};
}

export function withAnswer(progress: Progress, lessonId: string, step: number, correct: boolean): Progress {
	const entry = lessonProgress(progress, lessonId);
	const key = String(step);
	const before = entry.answers[key];
	const record = before
		? {tries: before.tries + 1, firstCorrect: before.firstCorrect, lastCorrect: correct}
		: {tries: 1, firstCorrect: correct, lastCorrect: correct};
	return {...progress, lessons: {...progress.lessons, [lessonId]: {...entry, answers: {...entry.answers, [key]: record}}}};
}

export function withPracticeAnswer(progress: Progress, correct: boolean): Progress {
	const p = progress.practice;
	return {...progress, practice: {asked: p.asked + 1, correct: p.correct + (correct ? 1 : 0), next: p.next + 1}};
}

/** Moves past a practice question that could not be asked (or that the learner skipped). */
export function withPracticeSkipped(progress: Progress): Progress {
	return {...progress, practice: {...progress.practice, next: progress.practice.next + 1}};
}

/** The course started over: no lesson seen, no answer, no practice; the seed and colour stay. */
export function withCourseReset(progress: Progress): Progress {
	return {...freshProgress(progress.seed), colour: progress.colour};
}

/** Practice asks only these kinds (kept in QUIZ_KINDS order); every kind when all or none are given. */
export function withPracticeKinds(progress: Progress, kinds: readonly QuizKind[]): Progress {
	const chosen = QUIZ_KINDS.filter((k) => kinds.includes(k));
	const {kinds: _previous, ...practice} = progress.practice;
	if (chosen.length === 0 || chosen.length === QUIZ_KINDS.length) return {...progress, practice};
	return {...progress, practice: {...practice, kinds: chosen}};
}

/** The kinds practice asks. */
export function practiceKinds(progress: Progress): readonly QuizKind[] {
	return progress.practice.kinds ?? QUIZ_KINDS;
}

export function withSeed(progress: Progress, seed: number): Progress {
	return progress.seed === seed ? progress : {...progress, seed};
}

export function withColour(progress: Progress, colour: ColourSetting): Progress {
	return progress.colour === colour ? progress : {...progress, colour};
}
