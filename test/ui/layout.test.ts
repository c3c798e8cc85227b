import test from 'ava';
import {basename} from 'node:path';
import {lessonFiles, outlineOf, scanOutline} from '../../src/ui/course/outline.js';
import {lessonsDir} from '../../src/ui/course/lessons-dir.js';
import {clusterPaneLines, stripKlogHeader} from '../../src/ui/layout/cluster-pane.js';
import {homeFrame} from '../../src/ui/screens/home/layout.js';
import {fit, lineWidth, line, plain, seg, truncate, wrap} from '../../src/ui/layout/line.js';
import {preludeOutput, segmentText} from '../../src/ui/prelude.js';
import {toKeys} from '../../src/ui/keymap/key.js';
import {colourFromEnv} from '../../src/ui/theme.js';
import {freshProgress} from '../../src/tutor/progress/types.js';
import {course, SIZE, world} from './helpers.js';

test('lines are cut to the width with …, counting 🟠 as two cells, and padded on request', (t) => {
	const l = [seg('🟠 orange '), seg('10.244.1.3', {bold: true})];
	t.is(lineWidth(l), 20);
	t.is(plain(fit(l, 10)), '🟠 orange…');
	t.is(lineWidth(fit(l, 10)), 10);
	t.is(lineWidth(fit(l, 30, true)), 30);
	t.is(truncate('abcdef', 4), 'abc…');
	t.deepEqual(wrap('one two three four', 9, '  '), ['one two', '  three', '  four']);
	t.deepEqual(wrap('x'.repeat(12), 5), ['xxxxx', 'xxxxx', 'xx']);
});

test('the quick scan of the lesson files gives the same outline as the validating loader', (t) => {
	const dir = lessonsDir({}, new URL('../../src/ui/course/lessons-dir.ts', import.meta.url).href);
	t.is(basename(dir), 'lessons');
	t.true(lessonFiles(dir).length >= 6);
	t.deepEqual(scanOutline(dir), world().lessons.map(outlineOf));
});

test('home: every lesson with its state and score, continue, practice, settings, all within 80×24', (t) => {
	const w = course();
	const progress = {
		...freshProgress(3),
		last: {lesson: w.outline[1]!.id, step: 2},
		lessons: {
			[w.outline[0]!.id]: {step: w.outline[0]!.steps, furthest: w.outline[0]!.steps, done: true, answers: {[String(w.outline[0]!.quizSteps[0])]: {tries: 1, firstCorrect: true, lastCorrect: true}}},
			[w.outline[1]!.id]: {step: 2, furthest: 2, done: false, answers: {}},
		},
	};
	const frame = homeFrame({outline: w.outline, progress, cursor: 0, columns: 80, rows: 24});
	const lines = [frame.title, ...(frame.body.kind === 'full' ? frame.body.lines : []), frame.footer];
	t.true(lines.length <= 23);
	for (const l of lines) t.true(lineWidth(l) <= 80, plain(l));
	const text = lines.map(plain).join('\n');
	t.regex(text, /❯ Continue: 2 db-service's rules, step 3\/\d+/);
	t.regex(text, /1 Two Pods and a Service\s+✔ done\s+1\/2 right/);
	t.regex(text, /2 db-service's rules\s+step 3\/\d+/);
	t.regex(text, /3 Last words.*new/);
	t.regex(text, /Practice/);
	t.regex(text, /Settings\s+seed 3/);
	t.regex(text, /seed 3/);
	t.regex(text, /Course\s+█+░+/);
});

test('a notice (a corrupted progress file) is shown on home', (t) => {
	const frame = homeFrame({outline: course().outline, progress: freshProgress(1), cursor: 0, columns: 80, rows: 24, notice: 'Your progress file could not be read (it is empty). It was moved to /x/progress.json.corrupt-1 and you start afresh.'});
	const text = (frame.body.kind === 'full' ? frame.body.lines : []).map(plain).join('\n');
	t.regex(text, /⚠ Your progress file could not be read[\s\S]*corrupt-1/);
});

test('the cluster pane: nodes with InternalIP and pod CIDR, Pods with their colour, Services with endpoints, the log', (t) => {
	const pane = course().lessonStep(1, 0, 1).pane;
	const text = clusterPaneLines(pane, 39, 21).map(plain).join('\n');
	t.regex(text, /node01 192\.168\.56\.11 10\.244\.1\.0\/24/);
	t.regex(text, /🟠 10\.244\.1\.2 +db/);
	t.regex(text, /db-service ClusterIP\n\s+10\.103\.132\.104:3306 → 10\.244\.1\.2:3306/);
	t.regex(text, /kube-proxy node0\d · nat rules \d+/);
	t.is(stripKlogHeader('I0112 09:30:00.037792       1 servicechangetracker.go:202] "Adding new service port"'), '"Adding new service port"');
});

test('NO_COLOR turns colour off (bold and inverse stay); FORCE_COLOR=0 too', (t) => {
	t.false(colourFromEnv({NO_COLOR: '1'}, true));
	t.false(colourFromEnv({FORCE_COLOR: '0'}, true));
	t.true(colourFromEnv({NO_COLOR: ''}, true));
	t.true(colourFromEnv({}, true));
	t.is(segmentText(seg('x', {colour: 'green', bold: true}), {colour: false, plain: false}), '\u001B[1mx\u001B[0m');
	t.is(segmentText(seg('x', {colour: 'green', bold: true}), {colour: true, plain: false}), '\u001B[1;32mx\u001B[0m');
	const frame = homeFrame({outline: course().outline, progress: freshProgress(1), cursor: 0, columns: 80, rows: 24});
	const out = preludeOutput(frame, SIZE, {colour: false, plain: false});
	t.false(/\u001B\[[0-9;]*3[0-9]m/.test(out), 'no foreground colour codes');
	t.true(out.startsWith('\u001B[?1049h'), 'the alternate screen');
	t.true(out.includes('Start the course'));
});

test('keys: arrows, Enter, Esc, Backspace (DEL), and a burst of characters one key each', (t) => {
	const none = {upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, return: false, escape: false, tab: false, backspace: false, delete: false, pageUp: false, pageDown: false, ctrl: false, shift: false};
	t.deepEqual(toKeys('', {...none, downArrow: true}), [{name: 'down'}]);
	t.deepEqual(toKeys('', {...none, delete: true}), [{name: 'backspace'}]);
	t.deepEqual(toKeys('jj\r', none), [{name: 'char', char: 'j'}, {name: 'char', char: 'j'}, {name: 'enter'}]);
	t.deepEqual(toKeys('c', {...none, ctrl: true}), [{name: 'ctrl', char: 'c'}]);
	// Esc then b in one read (what Ink calls meta+b): both keys, in order.
	t.deepEqual(toKeys('b', {...none, meta: true}), [{name: 'escape'}, {name: 'char', char: 'b'}]);
	// Backspace or Ctrl+C read together with another key: each is its own key, none dropped.
	t.deepEqual(toKeys('\u007fp', none), [{name: 'backspace'}, {name: 'char', char: 'p'}]);
	t.deepEqual(toKeys('p\u007f', none), [{name: 'char', char: 'p'}, {name: 'backspace'}]);
	t.deepEqual(toKeys('b\u0003', none), [{name: 'char', char: 'b'}, {name: 'ctrl', char: 'c'}]);
	t.deepEqual(line('x'), [{text: 'x'}]);
});
