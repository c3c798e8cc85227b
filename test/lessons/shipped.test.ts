// The lessons that ship must all load, in the course order the brief sets, each saying which
// Kubernetes version it shows.

import test from 'ava';
import {loadLessons, type Lesson, type Step} from '../../src/lessons/load.js';
import {LESSONS_DIR} from './helpers.js';

const {lessons, errors} = loadLessons(LESSONS_DIR);

test('every shipped lesson loads without errors', (t) => {
	t.deepEqual(
		errors.map((e) => e.text),
		[],
	);
	t.true(lessons.length >= 6);
});

test('the lessons come in the course order', (t) => {
	t.deepEqual(
		lessons.map((l) => l.id),
		[
			'pods-and-services',
			'clusterip',
			'nodeport',
			'behind-the-scenes',
			'kube-proxy-iptables',
			'nodeport-rules-and-load-balancing',
			'service-ip-range',
			'notes-corrected',
		],
	);
});

// Every version-dependent claim says which of these versions it holds for (lessons/COVERAGE.md).
test('each lesson assumes Kubernetes 1.31–1.35', (t) => {
	for (const lesson of lessons) t.is(lesson.kubernetesVersion, '1.31–1.35', lesson.id);
});

test('a lesson that quotes v1.11 output says so in alsoShows', (t) => {
	for (const lesson of lessons) {
		const quotesOld = lesson.steps.some((step) => /v1\.11/.test(stepText(step)));
		if (quotesOld) t.true(lesson.alsoShows?.includes('1.11') ?? false, lesson.id);
	}
});

test('every lesson asks at least one question', (t) => {
	for (const lesson of lessons) t.true(lesson.steps.some((s) => 'quiz' in s), lesson.id);
});

test('the practice lesson runs on a generated scenario, the others on the notes cluster', (t) => {
	const scenario = lessons.filter((l: Lesson) => l.cluster !== 'seed-notes').map((l) => l.id);
	t.deepEqual(scenario, ['notes-corrected']);
});

function stepText(step: Step): string {
	if ('text' in step) return step.text;
	if ('quiz' in step) return 'question' in step.quiz ? `${step.quiz.question}\n${step.quiz.explain}` : '';
	return step.watch ?? '';
}
