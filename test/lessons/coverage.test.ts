// Fidelity to the notes: the key facts are taught, every mistake of the notes appears only where
// a lesson marks it as wrong, and lessons/COVERAGE.md points at steps that exist.

import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {loadLessons, type Lesson, type Step} from '../../src/lessons/load.js';
import {LESSONS_DIR} from './helpers.js';

const {lessons} = loadLessons(LESSONS_DIR);
const byId = new Map(lessons.map((l) => [l.id, l]));

/** Everything a learner reads or runs, one string per step. */
function stepTexts(step: Step): string[] {
	if ('text' in step) return [step.text];
	if ('quiz' in step) return 'question' in step.quiz ? [step.quiz.question, ...step.quiz.choices, step.quiz.explain] : [];
	const action = 'cluster' in step && 'apply' in step.cluster ? [step.cluster.apply] : [];
	return [...action, step.watch ?? ''];
}
const allText = lessons.flatMap((l) => l.steps.flatMap(stepTexts)).join('\n');
// Lines broken to fit the pane may split a phrase: also search with line breaks as spaces.
const flatText = allText.replace(/\s*\n\s*/g, ' ');

const facts = [
	'10.103.132.104',
	'10.244.1.2',
	'3306',
	'--service-cluster-ip-range',
	'10.0.0.0/24',
	'10.96.0.0/12',
	'10.96.0.0 – 10.111.255.255',
	'10.111.255.255',
	'/etc/kubernetes/manifests/',
	'kube-apiserver.yaml',
	'etcd.yaml',
	'kube-controller-manager.yaml',
	'kube-scheduler.yaml',
	'ps aux | grep kube-apiserver',
	'Using iptables Proxier.',
	'"Using iptables Proxier"',
	'Adding new service port "default/db-service:" at 10.103.132.104:3306/TCP',
	'/var/log/kube-proxy.log',
	'KUBE-SVC-PKJNZ2BPYAP7WCVG',
	'KUBE-SVC-TCHUXVZWN7RJIZ2A',
	'KUBE-SERVICES',
	'KUBE-SEP-',
	'KUBE-NODEPORTS',
	'DNAT',
	'iptables -L -t nat',
	'iptables -t nat -L -n',
	'iptables-save',
	'30000–32767',
	'--service-node-port-range',
	'probability 1/3',
	'probability 1/2',
	'0.33333333349',
	'kubelet',
	'CNI plugin',
	'kube-proxy',
	'ClusterIP',
	'NodePort',
	'node-scoped',
	'cluster-scoped',
	'no container, no process',
	'🟠',
	'🔵',
];

for (const fact of facts) {
	test(`the course teaches: ${fact}`, (t) => {
		t.true(allText.includes(fact) || flatText.includes(fact), `"${fact}" appears in no lesson`);
	});
}

test('an authored question checks that no process runs for a Service', (t) => {
	const quiz = lessons
		.flatMap((l) => l.steps)
		.flatMap((s) => ('quiz' in s && 'question' in s.quiz ? [s.quiz] : []))
		.find((q) => /process/.test(q.question) && /Service/.test(q.question));
	t.truthy(quiz);
	t.regex(quiz!.choices[quiz!.answer]!, /^none/);
});

// The wrong forms of the notes; each may only appear in a step that flags it.
const mistakes = [
	'–L',
	'-t net',
	'–t net',
	'kube-api-server',
	'--service-cluster-iprange',
	'/etc/kubernetes/manifest/',
	'XA5OGUC7YRHOS3PU',
	'"default/db-service:3306"',
];

test('every mistake of the notes is taught in its correct form', (t) => {
	for (const mistake of mistakes) t.true(allText.includes(mistake), `${mistake} is never discussed`);
	const corrections = ['iptables -L -t nat', 'kube-apiserver', '--service-cluster-ip-range', '/etc/kubernetes/manifests/'];
	for (const fix of corrections) t.true(allText.includes(fix), fix);
});

test('a wrong form of the notes only appears where it is flagged as wrong', (t) => {
	for (const lesson of lessons) {
		for (const [index, step] of lesson.steps.entries()) {
			for (const mistake of mistakes) {
				if ('quiz' in step && 'question' in step.quiz) {
					const right = step.quiz.choices[step.quiz.answer]!;
					t.false(right.includes(mistake), `${lesson.id} steps[${index}] gives ${mistake} as the answer`);
					continue;
				}
				const text = stepTexts(step).join('\n');
				if (!text.includes(mistake)) continue;
				t.true(/⚠|✖|notes/.test(text), `${lesson.id} steps[${index}] shows ${mistake} without flagging it`);
			}
		}
	}
});

test('lessons/COVERAGE.md ticks every item and points at steps that exist', (t) => {
	const coverage = readFileSync(join(LESSONS_DIR, 'COVERAGE.md'), 'utf8');
	const items = coverage.split('\n').filter((line) => /^- \[.\]/.test(line));
	t.true(items.length >= 30);
	for (const item of items) {
		t.true(item.startsWith('- [x]'), `not ticked: ${item}`);
		const refs = [...item.split(' → ').at(-1)!.matchAll(/([a-z0-9-]+) \[([\d, ]+)\]/g)];
		t.true(refs.length > 0, `no lesson reference: ${item}`);
		for (const [, id, list] of refs) {
			const lesson: Lesson | undefined = byId.get(id!);
			t.truthy(lesson, `unknown lesson ${id} in: ${item}`);
			for (const n of list!.split(',').map((s) => Number(s.trim()))) {
				t.true(lesson !== undefined && n < lesson.steps.length, `${id} has no steps[${n}]`);
			}
		}
	}
	for (const point of ['P1.1', 'P1.6', 'P2.1', 'P2.7', 'P3.1', 'P3.10', 'M1', 'M7']) t.true(coverage.includes(`- [x] ${point} `), point);
});
