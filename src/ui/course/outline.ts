// The course as the home screen shows it: each lesson's id, title, summary, step count and where
// its quizzes are. Built from the validated lessons, or, for the very first frame, by a quick
// scan of the lesson files (the full loader parses YAML and validates every step and manifest,
// which takes a few hundred milliseconds; the scan takes one). The validated outline replaces
// the scanned one as soon as it is ready.
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import type {Lesson} from '../../lessons/schema.js';

export interface OutlineLesson {
	id: string;
	title: string;
	summary: string;
	kubernetesVersion: string;
	steps: number;
	quizSteps: number[];
}

export function outlineOf(lesson: Lesson): OutlineLesson {
	return {
		id: lesson.id,
		title: lesson.title,
		summary: lesson.summary.replace(/\n$/, ''),
		kubernetesVersion: lesson.kubernetesVersion,
		steps: lesson.steps.length,
		quizSteps: lesson.steps.flatMap((step, index) => ('quiz' in step ? [index] : [])),
	};
}

export function lessonFiles(dir: string): string[] {
	return readdirSync(dir)
		.filter((name) => name.endsWith('.yaml'))
		.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
		.map((name) => join(dir, name));
}

/** The quick scan. Lesson files are written in one layout (see lessons/README.md); a file it cannot read is left out until the loader speaks. */
export function scanOutline(dir: string): OutlineLesson[] {
	const out: OutlineLesson[] = [];
	let files: string[];
	try {
		files = lessonFiles(dir);
	} catch {
		return out;
	}
	for (const file of files) {
		try {
			const scanned = scanLesson(readFileSync(file, 'utf8'));
			if (scanned) out.push(scanned);
		} catch {
			// The loader reports it properly a moment later.
		}
	}
	return out;
}

export function scanLesson(text: string): OutlineLesson | undefined {
	const lines = text.split('\n');
	const scalar = (key: string): string | undefined => {
		const found = lines.find((l) => l.startsWith(`${key}:`));
		if (found === undefined) return undefined;
		const value = found.slice(key.length + 1).trim();
		return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
	};
	const id = scalar('id');
	const title = scalar('title');
	if (!id || !title || title === '|' || title === '>') return undefined;
	let summary = scalar('summary') ?? '';
	if (summary === '|' || summary === '|-') {
		const start = lines.findIndex((l) => l.startsWith('summary:')) + 1;
		const body: string[] = [];
		for (const l of lines.slice(start)) {
			if (l.startsWith('  ')) body.push(l.slice(2));
			else if (l.trim() === '') body.push('');
			else break;
		}
		summary = body.join('\n').replace(/\n+$/, '');
	}
	const stepsAt = lines.findIndex((l) => /^steps:\s*$/.test(l));
	if (stepsAt < 0) return undefined;
	let steps = 0;
	const quizSteps: number[] = [];
	for (const l of lines.slice(stepsAt + 1)) {
		const match = /^ {2}- (\w+):/.exec(l);
		if (match) {
			if (match[1] === 'quiz') quizSteps.push(steps);
			steps += 1;
		} else if (/^\S/.test(l) && !l.startsWith('#')) break;
	}
	return {id, title, summary, kubernetesVersion: scalar('kubernetesVersion') ?? '', steps, quizSteps};
}
