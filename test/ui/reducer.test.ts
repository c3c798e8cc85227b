import test from 'ava';
import {QUIZ_KINDS} from '../../src/lessons/vocabulary.js';
import {freshProgress} from '../../src/tutor/progress/types.js';
import {reducer} from '../../src/ui/state/reducer.js';
import type {AppState, LessonScreen} from '../../src/ui/state/state.js';
import {initialState} from '../../src/ui/state/state.js';
import {course, press, SIZE, start, stepOf, text, world} from './helpers.js';

const lesson = (s: AppState): LessonScreen => {
	if (s.screen.name !== 'lesson') throw new Error(`on ${s.screen.name}, not a lesson`);
	return s.screen;
};

/** Opens lesson `index` (0-based) and walks to `step` with Enter. */
function at(index: number, step: number, from = start()): AppState {
	let s = press(from, String(index + 1));
	while (lesson(s).step < step) s = press(s, 'enter');
	return s;
}

test('a new learner starts on home, with "start the course" first; Enter opens lesson 1 at its first step', (t) => {
	const s = start();
	t.is(s.screen.name, 'home');
	t.regex(text(s), /❯ Start the course: 1 Two Pods and a Service/);
	const opened = press(s, 'enter');
	t.is(lesson(opened).lesson, 0);
	t.is(lesson(opened).step, 0);
	t.deepEqual(opened.progress.last, {lesson: 'two-pods', step: 0});
});

test('paging through a lesson saves the position at every step; Esc goes home; continue lands on the same step', (t) => {
	let s = press(start(), 'enter', 'enter', 'right', ' ');
	t.is(lesson(s).step, 3);
	t.deepEqual(s.progress.lessons['two-pods']?.step, 3);
	s = press(s, 'left');
	t.is(lesson(s).step, 2);
	s = press(s, 'escape');
	t.is(s.screen.name, 'home');
	t.regex(text(s), /❯ Continue: 1 Two Pods and a Service, step 3\/7/);
	s = press(s, 'enter');
	t.is(lesson(s).step, 2);
});

test('a cluster step changes the cluster pane: the new Pod, its IP and the new Service are marked +', (t) => {
	const podStep = stepOf(0, (st) => 'cluster' in st);
	const s = at(0, podStep);
	const frame = text(s);
	t.regex(frame, /\$ kubectl apply -f - {3}# Pod orange/);
	t.regex(frame, /│\+ 🟠 10\.244\.1\.\d+ +orange/);
	const svcStep = stepOf(0, (st) => 'cluster' in st && 'apply' in st.cluster && st.cluster.apply.includes('kind: Service'));
	const s2 = at(0, svcStep, start());
	t.regex(text(s2), /│\+orange ClusterIP/);
	t.regex(text(s2), /What happened:[\s\S]*clusterIP[\s\S]*10\.96\.0\.0\/12/);
	t.regex(text(s2), /nat rules \d+ \(\+\d+\)/, 'kube-proxy wrote new rules');
});

test('a burst of Down then Enter on a choice answers the choice under the cursor', (t) => {
	const quizStep = stepOf(0, (st) => 'quiz' in st);
	const s = at(0, quizStep);
	const asked = course().lessonStep(0, quizStep, 1).question(0);
	if (!asked.ok) throw new Error(asked.message);
	const answered = press(s, 'down', 'enter');
	const verdict = lesson(answered).quiz.verdict;
	t.is(verdict?.understood, asked.question.choices![1]);
	t.is(answered.progress.lessons['two-pods']?.answers[String(quizStep)]?.tries, 1);
	// Further keys do not change the recorded answer.
	const after = press(answered, 'down', 'up');
	t.is(lesson(after).quiz.verdict, verdict);
});

test('a right and a wrong answer are recorded, with the engine\'s explanation either way', (t) => {
	const quizStep = stepOf(0, (st) => 'quiz' in st);
	const asked = course().lessonStep(0, quizStep, 1).question(0);
	if (!asked.ok) throw new Error(asked.message);
	const right = asked.question.answerKey.correctChoice!;
	const wrong = right === 0 ? 1 : 0;
	const r = press(at(0, quizStep), String(right + 1));
	t.true(lesson(r).quiz.verdict?.correct);
	t.regex(text(r), /✔ Right\./);
	const w = press(at(0, quizStep), String(wrong + 1));
	t.false(lesson(w).quiz.verdict?.correct);
	t.regex(text(w), /✖ Not quite\.[\s\S]*The answer:/);
	t.true((lesson(w).quiz.verdict?.explanation.length ?? 0) > 0);
	t.deepEqual(w.progress.lessons['two-pods']?.answers[String(quizStep)], {tries: 1, firstCorrect: false, lastCorrect: false});
});

test('typed answers: Enter opens the field, letters go into it (q does not quit), unreadable text is not counted', (t) => {
	const quizStep = stepOf(1, (st) => 'quiz' in st && 'generate' in st.quiz && st.quiz.generate === 'dnat-target');
	let s = at(1, quizStep);
	s = press(s, 'enter', 'q', 'x');
	t.false(s.quit);
	t.is(lesson(s).quiz.input, 'qx');
	s = press(s, 'enter');
	t.regex(lesson(s).quiz.unreadable ?? '', /could not read it/);
	t.true(s.progress.lessons['db-service']?.answers[String(quizStep)] === undefined, 'not counted');
	s = press(s, 'backspace', 'backspace', '10.244.1.2:3306', 'enter');
	t.true(lesson(s).quiz.verdict?.correct, JSON.stringify(lesson(s).quiz.verdict));
	t.is(s.progress.lessons['db-service']?.answers[String(quizStep)]?.firstCorrect, true);
	// a: a fresh attempt.
	s = press(s, 'a');
	t.is(lesson(s).quiz.attempt, 1);
	t.is(lesson(s).quiz.verdict, undefined);
});

test('h shows the hint; Esc leaves the field; ? opens help and any key closes it; q quits', (t) => {
	const quizStep = stepOf(1, (st) => 'quiz' in st && 'generate' in st.quiz);
	let s = press(at(1, quizStep), 'h');
	t.regex(text(s), /Hint: /);
	s = press(s, 'enter', 'escape');
	t.false(lesson(s).quiz.editing);
	s = press(s, '?');
	t.true(s.help);
	t.regex(text(s), /Keys[\s\S]*Tab/);
	s = press(s, 'x');
	t.false(s.help);
	t.true(press(s, 'q').quit);
	t.true(press(s, 'ctrl+c').quit);
});

test('Tab moves the focus to the cluster pane, where arrows scroll it and no longer move the choice', (t) => {
	const quizStep = stepOf(0, (st) => 'quiz' in st);
	const s = press(at(0, quizStep), 'tab', 'down');
	t.is(lesson(s).pane, 'side');
	t.is(lesson(s).quiz.cursor, 0);
});

test('show steps open their view: the rules with the Service marked, format and node toggles', (t) => {
	const rulesStep = stepOf(1, (st) => 'show' in st && 'rules' in st.show);
	let s = at(1, rulesStep);
	const show = lesson(s).show;
	t.is(show?.kind, 'rules');
	t.regex(text(s), /Rules on node0\d/);
	t.regex(text(s), /❯ .*db-service/);
	s = press(s, 'f');
	t.regex(text(s), /iptables-save -t nat/);
	t.regex(text(s), /❯ :KUBE-SVC-PKJNZ2BPYAP7WCVG/);
	const node = (lesson(s).show as {node: string}).node;
	s = press(s, 'n');
	t.not((lesson(s).show as {node: string}).node, node);
	s = press(s, 'a');
	t.true((lesson(s).show as {only: boolean}).only);
});

test('the trace view steps one rule at a time, and ends on the DNAT with its probability', (t) => {
	const traceStep = stepOf(0, (st) => 'show' in st && 'trace' in st.show);
	let s = at(0, traceStep);
	t.regex(text(s), /rule 1 of \d+/);
	s = press(s, 'right', 'right');
	t.regex(text(s), /rule 3 of \d+/);
	s = press(s, 'left');
	t.regex(text(s), /rule 2 of \d+/);
	s = press(s, 'right', 'right', 'right', 'right');
	t.regex(text(s), /→ KUBE-SERVICES[\s\S]*→ KUBE-SVC-[A-Z2-7]{16}/, 'each chain entered is named');
	s = press(s, 'e');
	t.regex(text(s), /⇒ DNAT to 10\.244\.1\.\d+:80, probability 1/);
	t.regex(text(s), /path: PREROUTING → KUBE-SERVICES → KUBE-SVC-/);
	// Enter goes on to the next step.
	t.is(lesson(press(s, 'enter')).step, traceStep + 1);
});

test('r, t and l open the rules, a trace and the log over a lesson; Esc closes them', (t) => {
	let s = at(1, 0);
	s = press(s, 'r');
	t.is(lesson(s).tool?.kind, 'rules');
	s = press(s, 'escape');
	t.is(lesson(s).tool, undefined);
	t.is(s.screen.name, 'lesson');
	s = press(s, 't');
	t.regex(text(s), /Trace on node0\d/);
	s = press(s, 'd', 'e');
	t.regex(text(s), /⇒ /);
	s = press(s, 'b', 'l');
	t.regex(text(s), /kube-proxy log on/);
	t.regex(text(s), /"Adding new\s+service\s+port"\s+portName="default\/db-service"/);
	// kubeadm runs kube-proxy without --v: its V(4) lines are marked, not passed off as plain `kubectl logs` output (issue 9, item 4).
	t.regex(text(s), /kubeadm runs it without --v/);
	t.regex(text(s), /^v4│I\d{4} [\d:.]+ +1 servicechangetracker\.go:202\]/m);
	t.notRegex(text(s), /^ {3}I\d{4} [^\n]*servicechangetracker/m);
	s = press(s, 'g');
	t.regex(text(s), /^ {3}I\d{4} [\d:.]+ +1 server_linux\.go:169\] "Using iptables Proxier"/m);
});

test('a trace can be typed after `:`: a Pod and IP:PORT/proto; letters are the text, errors say what is wrong', (t) => {
	let s = press(start(), 'p', 't');
	t.regex(text(s), /: type/);
	const view = course().practice(1).pane.view;
	const pod = view.nodes.flatMap((n) => n.pods).find((p) => p.ip && p.namespace === 'kube-system') ?? view.nodes.flatMap((n) => n.pods).find((p) => p.ip)!;
	const dns = view.services.find((svc) => svc.name === 'kube-dns') ?? view.services[0]!;
	s = press(s, ':');
	t.regex(text(s), /Trace: type the source and the destination/);
	// q, b and ? are typed, not commands.
	s = press(s, 'qb?');
	t.false(s.quit);
	t.regex(text(s), /: qb\?▏/);
	s = press(s, 'backspace', 'backspace', 'backspace', 'nowhere', 'enter');
	t.regex(text(s), /type a source and a destination/);
	s = press(s, ' 10.96.0.10/udp', 'enter');
	t.regex(text(s), /the destination is IP:PORT/);
	// Esc leaves the typing, not the trace view.
	s = press(s, 'escape');
	t.regex(text(s), /Trace on /);

	s = press(s, ':', `${pod.name} ${dns.clusterIP}:53/udp`, 'enter');
	t.regex(text(s), new RegExp(`from\\s+Pod \\S*${pod.name}`));
	t.regex(text(s), new RegExp(`to\\s+${dns.clusterIP.replaceAll('.', '\\.')}:53 \\(UDP\\)`));
	// An unknown Pod: the engine's own message.
	s = press(s, ':', 'no-such-pod 10.96.0.1:443', 'enter');
	t.regex(text(s), /neither an IP address nor a Pod of the cluster/);
	// s goes back to the picked sources.
	s = press(s, 's');
	t.notRegex(text(s), /no-such-pod/);
});

test('the end card completes the lesson; Enter opens the next one', (t) => {
	const steps = course().lessons[0]!.steps.length;
	let s = at(0, steps);
	t.regex(text(s), /Lesson complete/);
	t.true(s.progress.lessons['two-pods']?.done);
	s = press(s, 'enter');
	t.is(lesson(s).lesson, 1);
	s = press(s, 'b');
	t.regex(text(s), /1 Two Pods and a Service\s+✔ done/);
});

test('practice asks generated questions on its own cluster and counts the answers', (t) => {
	let s = press(start(), 'p');
	t.is(s.screen.name, 'practice');
	t.regex(text(s), /Practice · question 1/);
	const asked = course().practice(1).question(0, QUIZ_KINDS);
	if (!asked.ok) throw new Error(asked.message);
	s = asked.question.mode === 'choice' ? press(s, 'enter') : press(s, 'enter', 'x', 'enter');
	t.truthy(s.screen.name === 'practice' && s.screen.quiz.verdict);
	t.is(s.progress.practice.asked, 1);
	t.is(s.progress.practice.next, 1);
	s = press(s, 'enter');
	t.regex(text(s), /Practice · question 2/);
});

test('settings change the seed and the colour, and are kept in progress', (t) => {
	let s = press(start(), 's');
	t.is(s.screen.name, 'settings');
	s = press(s, 'right', 'right');
	t.is(s.progress.seed, 3);
	s = press(s, 'enter', '4', '2', 'enter');
	t.is(s.progress.seed, 42);
	s = press(s, 'down', 'right');
	t.is(s.progress.colour, 'on');
	s = press(s, 'b');
	t.is(s.screen.name, 'home');
});

test('settings: reset asks first; N keeps the progress, y starts the course over and keeps seed and colour', (t) => {
	// Some progress: a lesson opened and paged, a practice question answered, seed 42, colour on.
	let s = press(start(), '1', 'enter', 'enter');
	s = press(s, 'b', 'p');
	const asked = course().practice(1).question(0, QUIZ_KINDS);
	if (!asked.ok) throw new Error(asked.message);
	s = asked.question.mode === 'choice' ? press(s, 'enter') : press(s, 'enter', 'x', 'enter');
	s = press(s, 'b', 's', 'enter', '4', '2', 'enter', 'down', 'right');
	const before = s.progress;
	t.true(Object.keys(before.lessons).length > 0 && before.practice.asked === 1 && before.last !== undefined);

	s = press(s, 'down', 'down', 'enter');
	t.regex(text(s), /Erase every lesson, answer and practice score\? y\/N/);
	s = press(s, 'n');
	t.is(s.progress, before, 'N keeps everything');
	t.notRegex(text(s), /y\/N/);

	s = press(s, 'enter', 'y');
	t.deepEqual(s.progress, {...freshProgress(42), colour: 'on'}, 'no lesson, answer or practice left; seed 42 and colour on kept');
	t.regex(text(s), /done: the course starts over/);
	s = press(s, 'b');
	t.regex(text(s), /1 Two Pods and a Service\s+new/);
});

test('settings: practice asks only the question kinds ticked, at least one, and says how many', (t) => {
	let s = press(start(), 's', 'down', 'down');
	t.regex(text(s), /Practice\s+every question kind/);
	s = press(s, 'enter');
	t.is((text(s).match(/\[x\]/g) ?? []).length, 12, 'every kind starts ticked');
	s = press(s, 'a');
	t.is((text(s).match(/\[x\]/g) ?? []).length, 0);
	s = press(s, 'enter');
	t.regex(text(s), /Tick at least one kind/, 'Enter with none ticked is refused');
	// dnat-target is first, cidr-size third.
	s = press(s, ' ', 'down', 'down', ' ', 'enter');
	t.deepEqual(s.progress.practice.kinds, ['dnat-target', 'cidr-size']);
	t.regex(text(s), /Practice\s+2 of 12 question kinds/);
	// Esc drops a change.
	s = press(s, 'enter', 'a', 'escape');
	t.deepEqual(s.progress.practice.kinds, ['dnat-target', 'cidr-size']);

	s = press(s, 'b', 'p');
	for (let n = 0; n < 6; n++) {
		const shown = text(s);
		t.regex(shown, /Practice · (dnat-target|cidr-size)/, `question ${n + 1}`);
		s = press(s, 'right');
	}
	// Ticking every kind again goes back to asking all of them (nothing kept in the file).
	s = press(s, 'b', 's', 'down', 'down', 'enter', 'a', 'enter');
	t.is(s.progress.practice.kinds, undefined);
});

test('a lesson chosen while the course is still loading opens once it has loaded, and the keys typed meanwhile follow', (t) => {
	const w = course();
	let s = initialState({size: {columns: 80, rows: 24}, progress: freshProgress(1), outline: w.outline, progressFile: '/tmp/p.json', colourEnv: false});
	s = press(s, '3', 'enter', 'enter');
	t.is(s.screen.name, 'home');
	t.deepEqual(s.pending, {lesson: w.outline[2]!.id, step: 0});
	s = reducer(s, {type: 'loaded', world: w});
	t.is(lesson(s).lesson, 2);
	t.is(lesson(s).step, 2, 'the Enters typed while it loaded paged on');
});

test('below 80×24 the frame says so, and q still quits', (t) => {
	const s = reducer(start(), {type: 'resize', size: {columns: 60, rows: 20}});
	t.regex(text(s), /needs a terminal of at least 80×24[\s\S]*60×20/);
	t.true(press(s, 'q').quit);
	const back = reducer(s, {type: 'resize', size: {columns: 100, rows: 30}});
	t.regex(text(back), /svc-tutor · Kubernetes Service networking/);
	t.is(text(back).split('\n').length, 29, 'the frame follows the new size');
});

test('every step of every lesson draws within 80×24 without throwing', (t) => {
	const w = world();
	for (let l = 0; l < w.lessons.length; l++) {
		let s = press(start(freshProgress(1), SIZE, w), String(l + 1));
		for (let i = 0; i <= w.lessons[l]!.steps.length; i++) {
			const frame = text(s);
			const lines = frame.split('\n');
			t.true(lines.length <= 23, `lesson ${l + 1} step ${i + 1}: ${lines.length} lines`);
			s = press(s, 'enter');
			if (s.screen.name === 'lesson' && s.screen.quiz.editing) s = press(s, 'escape', 'right');
		}
	}
});
