// The course as a learner meets it: the built binary (dist/svc-tutor.js) in tmux at 80×24.
import test from 'ava';
import {spawnSync} from 'node:child_process';
import {cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {BINARY, choiceNumber, hasTmux, sleep, Terminal, tmuxTest} from './tmux.js';

const terminals: Terminal[] = [];
test.afterEach.always(() => {
	for (const t of terminals.splice(0)) t.kill();
});
function open(options: ConstructorParameters<typeof Terminal>[0] = {}): Terminal {
	const terminal = new Terminal(options);
	terminals.push(terminal);
	return terminal.start();
}

/** Progress is written in the background: wait until the file says what a test expects. */
async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		try {
			if (check()) return;
		} catch {
			// Not written yet.
		}
		await sleep(25);
	}
	throw new Error('progress.json never showed what was expected');
}

const progressOf = (terminal: Terminal): {last?: {lesson: string; step: number}; seed: number; lessons: Record<string, {step: number; done: boolean; answers: Record<string, {tries: number; firstCorrect: boolean}>}>} =>
	JSON.parse(readFileSync(join(terminal.configDir, 'progress.json'), 'utf8'));

// Lesson 1's first two quizzes (lessons/01-pods-and-services.yaml), at steps 9 and 10 of 11.
const Q1_RIGHT = "the Service's IP or its name";
const Q2_WRONG = 'a ClusterIP Service';

tmuxTest('a new learner: lesson 1, paging, one answer right and one wrong, quit, and back at the same step', async (t) => {
	const term = open({args: ['--seed', '1']});
	await term.waitFor('❯ Start the course: 1 Pods, and why Services exist');
	t.regex(term.screen(), /seed 1/);
	term.keys('Enter');
	await term.waitFor('step 1/11');
	t.regex(term.screen(), /Your notes start with two Pods/);
	t.regex(term.screen(), /│ node01 192\.168\.56\.11 10\.244\.1\.0\/24/);
	for (let step = 2; step <= 9; step++) {
		term.keys('Enter');
		await term.waitFor(`step ${step}/11`);
		if (step === 2) t.regex(term.screen(), /│\+ 🟠 10\.244\.1\.\d+ +orange/, 'the new Pod appears, marked');
	}
	let screen = await term.waitFor('Quiz');
	term.keys(String(choiceNumber(screen, Q1_RIGHT)));
	screen = await term.waitFor('✔ Right.');
	t.regex(screen, /A Service for 🟠 gets an IP address/, 'the explanation');
	term.keys('Enter');
	screen = await term.waitFor(/step 10\/11[\s\S]*Which of these runs on one node/);
	term.keys(String(choiceNumber(screen, Q2_WRONG)));
	screen = await term.waitFor('✖ Not quite.');
	t.regex(screen, /The answer: a Pod/);
	t.regex(screen, /A Pod runs on one node/);

	await eventually(() => progressOf(term).lessons['pods-and-services']?.answers['9'] !== undefined);
	const saved = progressOf(term);
	t.deepEqual(saved.last, {lesson: 'pods-and-services', step: 9});
	t.is(saved.lessons['pods-and-services']?.answers['8']?.firstCorrect, true);
	t.is(saved.lessons['pods-and-services']?.answers['9']?.firstCorrect, false);

	term.keys('q');
	t.is(await term.exited(), 0);
	t.regex(term.transcript(), /progress saved in .*progress\.json\. Run svc-tutor to continue with "Pods, and why Services exist", step 10/);

	const again = open({configDir: term.configDir});
	await again.waitFor('❯ Continue: 1 Pods, and why Services exist, step 10/11');
	t.regex(again.screen(), /seed 1/, 'the seed is kept');
	t.regex(again.screen(), /1 Pods, and why Services exist\s+step 10\/11\s+1\/3 right/);
	again.keys('Enter');
	screen = await again.waitFor(/Lesson 1\/8 .*step 10\/11/);
	t.regex(screen, /Which of these runs on one node/);
	t.regex(screen, /Answered before: ✖ not right/);
});

tmuxTest('settings: practice kinds ticked with Space are kept and asked; Reset asks y/N; a trace typed after ":"', async (t) => {
	const term = open({args: ['--seed', '2']});
	await term.waitFor('❯ Start the course');
	term.keys('s');
	await term.waitFor('svc-tutor · Settings');
	term.keys('Down', 'Down', 'Enter');
	await term.waitFor('[x] dnat-target');
	// None, then cidr-size (third) alone.
	term.keys('a');
	await term.waitFor('[ ] dnat-target');
	term.keys('Down', 'Down', 'Space', 'Enter');
	await term.waitFor(/Practice\s+1 of 12 question kinds/);
	await eventually(() => JSON.stringify(JSON.parse(readFileSync(join(term.configDir, 'progress.json'), 'utf8')).practice.kinds) === '["cidr-size"]');

	term.keys('b', 'p');
	await term.waitFor('Practice · cidr-size');
	// A trace typed in the practice cluster: kube-dns from an address outside the cluster.
	term.keys('t');
	await term.waitFor('Trace on');
	term.type(':');
	await term.waitFor('Trace: type the source and the destination');
	term.type('203.0.113.9 10.96.0.10:53/udq');
	term.keys('Enter');
	await term.waitFor('the protocol is tcp, udp or sctp, not "udq"');
	// Backspace and the next letter in one read (a busy app, a paste): both are applied, in order.
	term.burst('BSpace', 'p');
	term.keys('Enter');
	const traced = await term.waitFor(/to\s+10\.96\.0\.10:53 \(UDP\)/);
	t.regex(traced, /Trace on node\d+ · PREROUTING/, 'arriving packets start in PREROUTING');
	t.regex(traced, /from 203\.0\.113\.9/);

	// Reset from Settings: N keeps, y starts over and keeps the seed.
	// Esc and b in one read, as under load: Esc then b (not Alt+b, which would lose the Esc).
	term.burst('Escape', 'b');
	term.keys('s', 'Down', 'Down', 'Down', 'Enter');
	await term.waitFor('Erase every lesson, answer and practice score? y/N');
	term.keys('y');
	await term.waitFor('done: the course starts over');
	await eventually(() => {
		const saved = JSON.parse(readFileSync(join(term.configDir, 'progress.json'), 'utf8'));
		return saved.seed === 2 && saved.practice.kinds === undefined && saved.practice.next === 0;
	});
	term.keys('q');
	t.is(await term.exited(), 0);
});

tmuxTest('Down and Enter in one burst choose the item under the cursor', async (t) => {
	const term = new Terminal();
	terminals.push(term);
	writeFileSync(
		join(term.configDir, 'progress.json'),
		JSON.stringify({version: 1, seed: 1, colour: 'auto', last: {lesson: 'pods-and-services', step: 8}, lessons: {'pods-and-services': {step: 8, furthest: 8, done: false, answers: {}}}, practice: {asked: 0, correct: 0, next: 0}}),
	);
	term.start();
	await term.waitFor('❯ Continue');
	term.keys('Enter');
	const screen = await term.waitFor(/❯ 1 /);
	const second = /^  2 (.+?)\s+│/m.exec(screen)?.[1];
	t.truthy(second);
	term.burst('Down', 'Enter');
	const after = await term.waitFor(/✔ Right\.|✖ Not quite\./);
	const right = second === Q1_RIGHT;
	t.regex(after, new RegExp(`^${right ? '✔' : '✖'} ${second!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'), 'the second item is the one answered');
	await eventually(() => progressOf(term).lessons['pods-and-services']?.answers['8']?.firstCorrect === right);
	t.pass();
});

tmuxTest('a corrupted progress file is moved aside with a message, and the learner starts afresh', async (t) => {
	const term = new Terminal();
	terminals.push(term);
	writeFileSync(join(term.configDir, 'progress.json'), '{"version": 1, "seed": 4, "lessons": {');
	term.start();
	const screen = await term.waitFor(/⚠ Your progress file could not be read/);
	t.regex(screen, /not valid JSON/);
	t.regex(screen, /Start the course/);
	const aside = readdirSync(term.configDir).filter((f) => f.startsWith('progress.json.corrupt-'));
	t.is(aside.length, 1);
	t.is(readFileSync(join(term.configDir, aside[0]!), 'utf8'), '{"version": 1, "seed": 4, "lessons": {');
	term.keys('q');
	t.is(await term.exited(), 0);
	t.is(progressOf(term).seed > 0, true, 'a fresh, valid file is written');
});

tmuxTest('resizing redraws; below 80×24 the app says what it needs; NO_COLOR leaves colours out', async (t) => {
	const term = open({env: {NO_COLOR: '1'}});
	await term.waitFor('Start the course');
	t.false(/\u001B\[[0-9;]*3[1-6]m/.test(term.screen(true)), 'no colour codes under NO_COLOR');
	term.resize(100, 30);
	await term.waitFor(/svc-tutor · Kubernetes Service networking on a simulated cluster {20,}seed/);
	term.resize(70, 20);
	await term.waitFor('needs a terminal of at least 80×24');
	term.resize(80, 24);
	await term.waitFor('Start the course');
	term.keys('Enter', 'Enter');
	await term.waitFor('step 2/');
	t.false(/\u001B\[[0-9;]*3[1-6]m/.test(term.screen(true)), 'no colour codes under NO_COLOR');
	t.regex(term.screen(), /│\+ 🟠 10\.244\.1\.\d+ +orange/, 'what is new is still marked, with + instead of colour');
	const coloured = open();
	await coloured.waitFor('Start the course');
	coloured.keys('Enter', 'Enter');
	await coloured.waitFor('step 2/');
	t.true(/\u001B\[[0-9;]*3[1-6]m/.test(coloured.screen(true)), 'colours without NO_COLOR');
});

tmuxTest('svc-tutor reset asks first: n keeps the progress, y erases it', async (t) => {
	const first = open({args: ['--seed', '3']});
	await first.waitFor('Start the course');
	first.keys('q');
	await first.exited();
	t.true(existsSync(join(first.configDir, 'progress.json')));
	const no = open({configDir: first.configDir, args: ['reset']});
	await no.waitFor('[y/N]');
	no.keys('n', 'Enter');
	await no.waitFor('Kept your progress');
	t.true(existsSync(join(first.configDir, 'progress.json')));
	const yes = open({configDir: first.configDir, args: ['reset']});
	await yes.waitFor('[y/N]');
	yes.keys('y', 'Enter');
	await yes.waitFor('Erased your progress');
	t.is(await yes.exited(), 0);
	t.false(existsSync(join(first.configDir, 'progress.json')));
});

tmuxTest('a broken lesson file is reported with its file, line and problem; the other lessons still load', async (t) => {
	const lessons = mkdtempSync(join(tmpdir(), 'svct-lessons-'));
	t.teardown(() => rmSync(lessons, {recursive: true, force: true}));
	cpSync('lessons', lessons, {recursive: true});
	const file = join(lessons, '02-clusterip.yaml');
	writeFileSync(file, readFileSync(file, 'utf8').replace(/^kubernetesVersion: .*$/m, 'kubernetesVersion: 1.31'));
	const term = open({env: {SVC_TUTOR_LESSONS_DIR: lessons}});
	const screen = await term.waitFor(/⚠ A lesson file has a problem and is left out:/);
	t.regex(screen, /lessons\/02-clusterip\.yaml:\d+:\d+: kubernetesVersion: /);
	t.regex(screen, / 1 Pods, and why Services exist/);
	t.regex(screen, / 2 NodePort, from outside the cluster/, 'the next lesson moves up');
	term.keys('2');
	await term.waitFor(/Lesson 2\/7 · NodePort/);
});

test('without a terminal the course says how to run it and exits with status 2', (t) => {
	if (!existsSync(BINARY)) return t.fail(`${BINARY} is missing: run npm run build first`);
	const env = {...process.env};
	delete env.CI;
	const result = spawnSync(process.execPath, [BINARY], {encoding: 'utf8', env, input: ''});
	t.is(result.status, 2);
	t.regex(result.stderr, /needs an interactive terminal/);
	t.regex(result.stderr, /npx svc-tutor/);
	t.is(result.stdout, '');
});

test('reset without a terminal refuses unless --yes', (t) => {
	if (!existsSync(BINARY)) return t.fail(`${BINARY} is missing: run npm run build first`);
	const dir = new Terminal().configDir;
	writeFileSync(join(dir, 'progress.json'), '{}');
	const env = {...process.env, SVC_TUTOR_CONFIG_DIR: dir};
	const refused = spawnSync(process.execPath, [BINARY, 'reset'], {encoding: 'utf8', env, input: ''});
	t.is(refused.status, 2);
	t.regex(refused.stderr, /--yes/);
	t.true(existsSync(join(dir, 'progress.json')));
	const done = spawnSync(process.execPath, [BINARY, 'reset', '--yes'], {encoding: 'utf8', env, input: ''});
	t.is(done.status, 0);
	t.false(existsSync(join(dir, 'progress.json')));
});

test('tmux is here, or the reason the terminal tests were skipped was printed', (t) => {
	t.true(hasTmux || !process.env.CI);
});
