import test from 'ava';
import {authoredQuestion, checkAnswer, QuizError} from '../../src/quiz/index.js';

const quiz = {
	question: 'Who writes the forwarding rules for\na Service?\n',
	choices: ['kube-proxy, on every node', 'the kubelet of the Pod\'s node', 'kube-apiserver', 'the CNI plugin'],
	answer: 0,
	explain: 'kube-proxy watches Services and\nEndpointSlices and writes the rules.\n',
};

test('an authored question keeps its text and marks the right choice wherever it lands', (t) => {
	const q = authoredQuestion(quiz, 'behind-the-scenes/13');
	t.is(q.kind, 'authored');
	t.is(q.mode, 'choice');
	t.is(q.prompt, 'Who writes the forwarding rules for\na Service?');
	t.deepEqual([...q.choices!].sort(), [...quiz.choices].sort());
	t.is(q.choices![q.answerKey.correctChoice!], 'kube-proxy, on every node');
	const right = checkAnswer(q, q.answerKey.correctChoice!);
	t.true(right.correct);
	t.is(right.expected, 'kube-proxy, on every node');
	t.deepEqual(right.explanation, ['kube-proxy watches Services and', 'EndpointSlices and writes the rules.']);
	const wrong = checkAnswer(q, (q.answerKey.correctChoice! + 1) % 4);
	t.false(wrong.correct);
	t.true(checkAnswer(q, ' KUBE-PROXY, on every node ').correct);
	t.regex(checkAnswer(q, 'kube-proxy').understood, /answer with one of the choices/);
	t.regex(checkAnswer(q, 7).understood, /no choice 8/);
	t.regex(checkAnswer(q, -1).understood, /no choice 0/);
});

test('the order depends only on the id: stable for a saved session, not always the author\'s', (t) => {
	t.deepEqual(authoredQuestion(quiz, 'a/1'), authoredQuestion(quiz, 'a/1'));
	const firsts = new Set(Array.from({length: 12}, (_, i) => authoredQuestion(quiz, `lesson/${i}`).answerKey.correctChoice));
	t.true(firsts.size > 1);
});

test('an answer that is not one of the choices is refused', (t) => {
	t.throws(() => authoredQuestion({...quiz, answer: 4}, 'x'), {instanceOf: QuizError});
	t.throws(() => authoredQuestion({...quiz, choices: ['a', 'a', 'b'], answer: 0}, 'x'), {instanceOf: QuizError});
});
