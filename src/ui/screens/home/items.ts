// The home screen's menu: continue (or start), every lesson, practice, settings. Shared by the
// reducer (what Enter opens) and the layout (what is drawn), so the two cannot disagree.
import {continuePoint, lessonProgress} from '../../../tutor/progress/model.js';
import type {Progress} from '../../../tutor/progress/types.js';
import type {OutlineLesson} from '../../course/outline.js';

export type HomeItem =
	| {kind: 'continue'; lesson: string; step: number; start: boolean}
	| {kind: 'lesson'; index: number}
	| {kind: 'practice'}
	| {kind: 'shell'}
	| {kind: 'settings'};

export function homeItems(outline: readonly OutlineLesson[], progress: Progress): HomeItem[] {
	const items: HomeItem[] = [];
	const point = continuePoint(progress, outline);
	if (point) items.push({kind: 'continue', lesson: point.lesson, step: point.step, start: false});
	else if (outline[0]) items.push({kind: 'continue', lesson: outline[0].id, step: 0, start: true});
	outline.forEach((_, index) => items.push({kind: 'lesson', index}));
	items.push({kind: 'practice'}, {kind: 'shell'}, {kind: 'settings'});
	return items;
}

/** Where opening a lesson from the list lands: its saved step, or the start once it is done. */
export function openingStep(outline: OutlineLesson, progress: Progress): number {
	const entry = lessonProgress(progress, outline.id);
	if (entry.done && entry.step >= outline.steps) return 0;
	return Math.min(entry.step, outline.steps);
}
