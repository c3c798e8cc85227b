// A broken lesson file must produce ONE line naming the file, the line:column of the offending
// node and what is wrong, and must not stop the other lessons from loading.

import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {collectLessons, loadLessons, parseLesson} from '../../src/lessons/load.js';
import {sampleLesson} from './helpers.js';

const FILE = 'lessons/03-nodeport.yaml';

function errorOf(text: string): string {
	const result = parseLesson(FILE, text);
	if (result.ok) throw new Error('expected the lesson to be refused');
	return result.error.text;
}

test('the sample lesson itself is valid', (t) => {
	t.true(parseLesson(FILE, sampleLesson()).ok);
});

test('bad YAML', (t) => {
	t.is(
		errorOf(sampleLesson().replace('cluster: seed-notes', 'cluster: [seed-notes')),
		`${FILE}:6:1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
	);
});

test('a duplicate key is bad YAML, at the second key', (t) => {
	t.is(errorOf(sampleLesson().replace('title: Sample', 'title: Sample\ntitle: Again')), `${FILE}:3:1: not valid YAML: Map keys must be unique`);
});

test('unknown step type, at its key', (t) => {
	t.is(
		errorOf(sampleLesson('  - explain: |\n      Hi.\n')),
		`${FILE}:9:5: steps[1]: unknown step type "explain" (expected text, cluster, show or quiz)`,
	);
});

test('authored answer out of range', (t) => {
	const quiz = `  - quiz:
      question: |
        Which chain holds the DNAT?
      choices: [KUBE-SEP-…, KUBE-SVC-…, KUBE-SERVICES, PREROUTING]
      answer: 5
      explain: |
        The endpoint's chain.
`;
	t.is(errorOf(sampleLesson(quiz)), `${FILE}:13:15: steps[1].quiz.answer: must be an index into choices (0–3), got 5`);
});

test('unknown generated quiz kind', (t) => {
	t.is(
		errorOf(sampleLesson('  - quiz: {generate: dnat}\n')),
		`${FILE}:9:22: steps[1].quiz.generate: unknown quiz kind "dnat" (known: dnat-target, cidr-range, cidr-size, cidr-contains, pod-cidr-nth, cidr-overlap, nodeport-valid, nodeport-destination, etp-local, chain-next, rule-probability, component-role)`,
	);
});

test('an apply manifest that is not valid YAML, at its own line inside the block', (t) => {
	const step = `  - cluster:
      apply: |
        apiVersion: v1
        kind: Pod
        metadata:
          name: db
         spec: {}
    watch: |
      db starts.
`;
	// The words after the path are the shared manifest loader's (src/manifest); the place is ours.
	const error = errorOf(sampleLesson(step));
	t.true(error.startsWith(`${FILE}:15:9: steps[1].cluster.apply: `), error);
	t.regex(error, /YAML/);
});

test('an apply manifest of a kind the simulation does not have', (t) => {
	const step = `  - cluster:
      apply: |
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
    watch: |
      web starts.
`;
	const error = errorOf(sampleLesson(step));
	t.true(error.startsWith(`${FILE}:11:9: steps[1].cluster.apply: `), error);
	t.regex(error, /"Deployment"/);
	t.false(error.includes('\n'));
});

test('an apply manifest with an invalid field, at that field', (t) => {
	const step = `  - cluster:
      apply: |
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          ports:
          - port: 99999
    watch: |
      web gets an IP.
`;
	const error = errorOf(sampleLesson(step));
	t.true(error.startsWith(`${FILE}:17:19: steps[1].cluster.apply: `), error);
	t.regex(error, /99999/);
});

test('a missing field names the field, at its parent', (t) => {
	t.is(errorOf(sampleLesson('  - cluster: {delete: {kind: Pod, name: db}}\n')), `${FILE}:9:5: steps[1].watch: missing, expected a string`);
});

test('a misspelt key names the allowed ones', (t) => {
	t.is(
		errorOf(sampleLesson('  - show: {log: {node: node01}}\n    wacth: x\n')),
		`${FILE}:10:5: steps[1]: unexpected key "wacth" (allowed: show, watch, shell)`,
	);
});

test('prose wider than the pane, at the overflowing character', (t) => {
	const wide = sampleLesson().replace('Hello.', 'This line is far too wide to fit beside the cluster pane.');
	t.is(errorOf(wide), `${FILE}:8:47: steps[0].text: line is 57 cells wide, but at most 40 fit beside the cluster pane`);
});

test('🟠 counts as two cells', (t) => {
	const line = `${'🟠'.repeat(20)}`;
	t.true(parseLesson(FILE, sampleLesson().replace('Hello.', line)).ok);
	t.regex(errorOf(sampleLesson().replace('Hello.', `${line}x`)), /line is 41 cells wide/);
});

test('an emoji variation selector is refused', (t) => {
	t.regex(errorOf(sampleLesson().replace('Hello.', 'Careful ⚠\u{FE0F} here.')), /^lessons\/03-nodeport\.yaml:8:16: steps\[0\]\.text: contains U\+FE0F/);
});

test('an unquoted version is explained', (t) => {
	t.is(
		errorOf(sampleLesson().replace('"1.31–1.34"', '1.31')),
		`${FILE}:3:20: kubernetesVersion: must be a quoted version or range, like "1.31–1.34" (unquoted, 1.31 is read as a number)`,
	);
});

test('several problems: the first in the file, and a count of the rest', (t) => {
	const text = sampleLesson('  - bogus: 1\n').replace('title: Sample', 'title: 42');
	t.is(errorOf(text), `${FILE}:2:8: title: expected a string, got 42 (and 1 more problem)`);
});

test('duplicate ids: the later file is refused, the earlier kept', (t) => {
	const result = collectLessons([
		{name: 'lessons/01-a.yaml', text: sampleLesson('', 'same')},
		{name: 'lessons/02-b.yaml', text: sampleLesson('', 'same')},
	]);
	t.deepEqual(
		result.lessons.map((l) => l.id),
		['same'],
	);
	t.deepEqual(
		result.errors.map((e) => e.text),
		['lessons/02-b.yaml:1:5: id: duplicate id "same", already used by lessons/01-a.yaml'],
	);
});

test('loadLessons: broken files give one line each, the good ones still load in file order', (t) => {
	const dir = mkdtempSync(join(tmpdir(), 'svc-tutor-lessons-'));
	t.teardown(() => rmSync(dir, {recursive: true, force: true}));
	writeFileSync(join(dir, '01-first.yaml'), sampleLesson('', 'first'));
	writeFileSync(join(dir, '02-bad-yaml.yaml'), 'id: [oops\n');
	writeFileSync(join(dir, '03-bad-step.yaml'), sampleLesson('  - nonsense: true\n', 'bad-step'));
	writeFileSync(join(dir, '04-dup.yaml'), sampleLesson('', 'first'));
	writeFileSync(join(dir, '10-last.yaml'), sampleLesson('', 'last'));
	writeFileSync(join(dir, 'README.md'), '# not a lesson\n');
	const {lessons, errors} = loadLessons(dir);
	t.deepEqual(
		lessons.map((l) => l.id),
		['first', 'last'],
	);
	t.is(errors.length, 3);
	for (const error of errors) {
		t.false(error.text.includes('\n'), error.text);
		t.regex(error.text, /^.+\.yaml:\d+:\d+: /);
	}
	t.deepEqual(
		errors.map((e) => [e.file, e.line, e.column]),
		[
			[join(dir, '02-bad-yaml.yaml'), 2, 1],
			[join(dir, '03-bad-step.yaml'), 9, 5],
			[join(dir, '04-dup.yaml'), 1, 5],
		],
	);
});
