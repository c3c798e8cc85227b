// Validation of a progress file read from disk: anything that does not match is treated as
// corrupted (moved aside, never half-used), so the UI can trust every field it reads.
import {z} from 'zod';
import {QUIZ_KINDS} from '../../lessons/vocabulary.js';
import {PROGRESS_VERSION, type Progress} from './types.js';

const count = z.int().min(0);

const QuizRecordSchema = z.object({tries: count, firstCorrect: z.boolean(), lastCorrect: z.boolean()});

const LessonProgressSchema = z.object({
	step: count,
	furthest: count,
	done: z.boolean(),
	answers: z.record(z.string().regex(/^\d+$/, {error: 'must be a step number'}), QuizRecordSchema),
});

export const ProgressSchema = z.object({
	// A missing version falls through to parseProgress's "is missing" (JSON.stringify(undefined) said "version undefined").
	version: z.literal(PROGRESS_VERSION, {error: (issue) => (issue.input === undefined ? undefined : `this file is version ${JSON.stringify(issue.input)}; this svc-tutor reads version ${PROGRESS_VERSION}`)}),
	seed: count,
	colour: z.enum(['auto', 'on', 'off']),
	last: z.object({lesson: z.string().min(1), step: count}).optional(),
	lessons: z.record(z.string(), LessonProgressSchema),
	practice: z.object({asked: count, correct: count, next: count, kinds: z.array(z.enum(QUIZ_KINDS)).min(1).optional()}),
});

// Keeps the hand-written type and the schema from drifting apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: Same<z.output<typeof ProgressSchema>, Progress> = true;
void agree;

const MISSING = 'is missing';

/** Validates data read from disk; a field that is absent is reported as missing, not as "received undefined". */
export function parseProgress(data: unknown): ReturnType<typeof ProgressSchema.safeParse> {
	return ProgressSchema.safeParse(data, {error: (issue) => (issue.input === undefined ? MISSING : undefined)});
}

/** The first problem, as `path: message` (or `path is missing`), for the learner's message. */
export function describeProblem(error: z.ZodError): string {
	const issue = error.issues[0];
	if (!issue) return 'it does not have the expected shape';
	const path = issue.path.map(String).join('.');
	if (!path) return issue.message;
	return issue.message === MISSING ? `${path} ${MISSING}` : `${path}: ${issue.message}`;
}
