// The file-system side of lesson loading: read every *.yaml of a directory in file-name order
// (the course order is the NN- prefix) and hand the texts to the pure collector.

import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {collectLessons, type LoadedLessons} from './collect.js';

export type {LessonFile, LoadedLessons} from './collect.js';
export type {LessonError, ParseResult} from './parse.js';
export {parseLesson} from './parse.js';
export {collectLessons} from './collect.js';
export type * from './schema.js';
export {QUIZ_KINDS, type QuizKind} from './vocabulary.js';

export function loadLessons(dir: string): LoadedLessons {
	const names = readdirSync(dir)
		.filter((name) => name.endsWith('.yaml'))
		// Code-unit order, not the locale's, so the course order is the same on every machine.
		.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return collectLessons(names.map((name) => ({name: join(dir, name), text: readFileSync(join(dir, name), 'utf8')})));
}
