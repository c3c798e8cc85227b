// Pure lesson parsing: text in, a lesson or one error line out. No file system here, so tests and
// the UI's hot reload can feed it text directly.

import {LineCounter, parseDocument} from 'yaml';
import type {z} from 'zod';
import {describeIssue, formatPath} from './describe.js';
import type {KeyParams} from './keyed.js';
import {locate, type Pointer, type Position} from './position.js';
import {LessonSchema, type InsideParams, type Lesson} from './schema.js';

export interface LessonError {
	file: string;
	line: number;
	column: number;
	/** Where in the lesson, as `steps[6].quiz.answer`; empty for the file as a whole. */
	path: string;
	message: string;
	/** How many further problems the file has; only the first is spelt out. */
	more: number;
	/** The one line to print: `lessons/03-nodeport.yaml:41:9: steps[6].quiz.answer: must be …`. */
	text: string;
}

export type ParseResult = {ok: true; lesson: Lesson} | {ok: false; error: LessonError};

interface Problem extends Position {
	path: string;
	message: string;
}

export function parseLesson(fileName: string, source: string): ParseResult {
	const lineCounter = new LineCounter();
	const doc = parseDocument(source, {lineCounter, prettyErrors: false, uniqueKeys: true});
	const fail = (problems: Problem[]): ParseResult => ({ok: false, error: lessonError(fileName, problems)});
	if (doc.errors.length > 0) {
		return fail(
			doc.errors.map((error) => {
				const {line, col} = lineCounter.linePos(error.pos[0]);
				return {line, column: col, path: '', message: `not valid YAML: ${error.message}`};
			}),
		);
	}
	const result = LessonSchema.safeParse(doc.toJS(), {reportInput: true});
	if (result.success) return {ok: true, lesson: result.data};
	return fail(
		result.error.issues.map((issue) => {
			const pointer = pointerOf(issue);
			const where = locate(doc, lineCounter, source, pointer);
			return {...where, path: formatPath(issue.path), message: describeIssue(issue)};
		}),
	);
}

/** Builds the error for a file from its problems: the first in the file, and a count of the rest. */
export function lessonError(file: string, problems: Problem[]): LessonError {
	const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
	const first = sorted[0] ?? {line: 1, column: 1, path: '', message: 'unknown problem'};
	const more = sorted.length - 1;
	const suffix = more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : '';
	const text = `${file}:${first.line}:${first.column}: ${first.path ? `${first.path}: ` : ''}${first.message}${suffix}`;
	return {file, line: first.line, column: first.column, path: first.path, message: first.message, more, text};
}

function pointerOf(issue: z.core.$ZodIssue): Pointer {
	if (issue.code === 'unrecognized_keys') return {path: issue.path, key: issue.keys[0]};
	if (issue.code !== 'custom' || !issue.params) return {path: issue.path};
	const params: Partial<KeyParams & InsideParams> = issue.params;
	if (typeof params.key === 'string') return {path: issue.path, key: params.key};
	if (typeof params.line === 'number' && typeof params.column === 'number') {
		return {path: issue.path, inside: {line: params.line, column: params.column}};
	}
	return {path: issue.path};
}
