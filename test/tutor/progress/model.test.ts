import test from 'ava';
import {continuePoint, courseSummary, lessonScore, lessonState, practiceKinds, withAnswer, withColour, withPosition, withPracticeAnswer, withPracticeKinds, withPracticeSkipped, withSeed, type LessonShape} from '../../../src/tutor/progress/model.js';
import {QUIZ_KINDS} from '../../../src/lessons/vocabulary.js';
import {freshProgress} from '../../../src/tutor/progress/types.js';

const a: LessonShape = {id: 'a', steps: 5, quizSteps: [2, 4]};
const b: LessonShape = {id: 'b', steps: 5, quizSteps: [1]};

test('a lesson is new, then in progress, then done once its end card is reached', (t) => {
	let p = freshProgress(1);
	t.is(lessonState(p, a), 'new');
	p = withPosition(p, a, 2);
	t.is(lessonState(p, a), 'in-progress');
	t.deepEqual(p.last, {lesson: 'a', step: 2});
	p = withPosition(p, a, 5);
	t.is(lessonState(p, a), 'done');
	p = withPosition(p, a, 1);
	t.is(lessonState(p, a), 'done', 'reading it again does not undo it');
	t.is(p.lessons.a?.furthest, 5);
	t.is(p.lessons.a?.step, 1);
});

test('positions are clamped to the lesson, and an unchanged position returns the same object', (t) => {
	const p = withPosition(freshProgress(1), a, 99);
	t.is(p.lessons.a?.step, 5);
	t.is(withPosition(p, a, 5), p);
});

test('the score counts first tries; retrying after the explanation does not raise it', (t) => {
	let p = freshProgress(1);
	p = withAnswer(p, 'a', 2, false);
	p = withAnswer(p, 'a', 2, true);
	p = withAnswer(p, 'a', 4, true);
	t.deepEqual(p.lessons.a?.answers['2'], {tries: 2, firstCorrect: false, lastCorrect: true});
	t.deepEqual(lessonScore(p, a), {right: 1, answered: 2, total: 2});
});

test('the course summary: lessons done, quizzes right, and a bar that moves with every step', (t) => {
	let p = withPosition(freshProgress(1), a, 5);
	p = withAnswer(p, 'a', 2, true);
	p = withPosition(p, b, 1);
	const s = courseSummary(p, [a, b]);
	t.is(s.lessonsDone, 1);
	t.is(s.quizzesRight, 1);
	t.is(s.quizzes, 3);
	t.is(s.fraction, 6 / 10);
});

test('continue goes to the last place, clamped, and not to a lesson that no longer exists', (t) => {
	let p = withPosition(freshProgress(1), a, 3);
	t.deepEqual(continuePoint(p, [a, b]), {lesson: 'a', step: 3});
	t.is(continuePoint(p, [b]), undefined);
	p = {...p, last: {lesson: 'a', step: 40}};
	t.deepEqual(continuePoint(p, [a]), {lesson: 'a', step: 5});
});

test('practice, seed and colour updates', (t) => {
	let p = withPracticeAnswer(freshProgress(1), true);
	p = withPracticeAnswer(p, false);
	p = withPracticeSkipped(p);
	t.deepEqual(p.practice, {asked: 2, correct: 1, next: 3});
	t.is(withSeed(p, 1), p);
	t.is(withSeed(p, 5).seed, 5);
	t.is(withColour(p, 'off').colour, 'off');
});

test('practice kinds: kept in the kinds\' own order; all of them, or none, means every kind', (t) => {
	const p = freshProgress(1);
	const some = withPracticeKinds(p, ['cidr-size', 'dnat-target', 'cidr-size']);
	t.deepEqual(some.practice.kinds, ['dnat-target', 'cidr-size']);
	t.deepEqual(practiceKinds(some), ['dnat-target', 'cidr-size']);
	t.false('kinds' in withPracticeKinds(some, QUIZ_KINDS).practice);
	t.false('kinds' in withPracticeKinds(some, []).practice);
	t.deepEqual(practiceKinds(p), QUIZ_KINDS);
});
