// Checks that hold across lessons (unique ids) on top of parsing each file alone. Pure, so the
// file-system wrapper stays a few lines.

import {LineCounter, parseDocument} from 'yaml';
import {lessonError, parseLesson, type LessonError} from './parse.js';
import {locate} from './position.js';
import type {Lesson} from './schema.js';

export interface LessonFile {
	/** As it should appear in messages, e.g. `lessons/03-nodeport.yaml`. */
	name: string;
	text: string;
}

export interface LoadedLessons {
	/** In the order of their files. */
	lessons: Lesson[];
	/** One per broken file; the other files still load. */
	errors: LessonError[];
}

export function collectLessons(files: readonly LessonFile[]): LoadedLessons {
	const lessons: Lesson[] = [];
	const errors: LessonError[] = [];
	const owners = new Map<string, string>();
	for (const file of files) {
		const result = parseLesson(file.name, file.text);
		if (!result.ok) {
			errors.push(result.error);
			continue;
		}
		const owner = owners.get(result.lesson.id);
		if (owner !== undefined) {
			errors.push(duplicateId(file, result.lesson.id, owner));
			continue;
		}
		owners.set(result.lesson.id, file.name);
		lessons.push(result.lesson);
	}
	return {lessons, errors};
}

// Progress is stored by id, so the later file of a clashing pair is refused and the earlier kept.
function duplicateId(file: LessonFile, id: string, owner: string): LessonError {
	const lineCounter = new LineCounter();
	const doc = parseDocument(file.text, {lineCounter});
	const where = locate(doc, lineCounter, file.text, {path: ['id']});
	return lessonError(file.name, [{...where, path: 'id', message: `duplicate id ${JSON.stringify(id)}, already used by ${owner}`}]);
}
