// npm run bench:startup: how fast the course appears and answers, measured in a pseudo-terminal
// (util-linux `script`, sized 80×24 with stty) on the built bundle, dist/svc-tutor.js.
//
//   node -e 0      launch → exit of an empty Node, in the same pseudo-terminal, same run: the floor
//   first frame    launch → the home screen is on the terminal (a new learner each run)
//   interactive    launch → a key typed at launch has been handled and its frame drawn
//   keypress       on lesson 1, Enter (next step) → the next step's frame arrives; each step is
//                  new to the run (nothing of it computed by an earlier key). Measured at a reader's
//                  pace (the next key a while after the frame, as someone reading the step) and
//                  in a fast run (the next key 30 ms after the frame).
//
// Goals (issues 3 and 8), against node -e 0 measured in the same run: first frame and interactive
// at most 2×; keypress → frame under 16 ms at the 90th percentile on lesson screens.
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';

// BENCH_BINARY compares another build of the same sources (e.g. minified, or split into chunks).
const BINARY = resolve(process.env.BENCH_BINARY ?? 'dist/svc-tutor.js');
const RUNS = Number(process.env.RUNS ?? 15);
/** A reader's pause between keys (ms): long enough to read nothing, short against reading a step. */
const READER_PAUSE = Number(process.env.READER_PAUSE ?? 400);
const ANSI = /\u001B\[[0-9;?]*[ -/]*[@-~]|\u001B[()][0-9A-Za-z]|\u001B[=>78]/g;

if (spawnSync('script', ['--version']).status !== 0) {
	console.error('bench:startup needs util-linux `script` for a pseudo-terminal (apt-get install util-linux)');
	process.exit(1);
}

interface Session {
	/** ms since launch when the accumulated screen text first matches. */
	when(pattern: RegExp, timeoutMs?: number): Promise<number>;
	write(data: string): void;
	readonly started: bigint;
	exited: Promise<number>;
	kill(): void;
}

function launch(command: string, env: NodeJS.ProcessEnv): Session {
	const started = process.hrtime.bigint();
	const child = spawn('script', ['-qfec', `stty cols 80 rows 24; exec ${command}`, '/dev/null'], {env, stdio: ['pipe', 'pipe', 'ignore']});
	let text = '';
	const waiters: {pattern: RegExp; resolve: (ms: number) => void; from: number}[] = [];
	child.stdout.on('data', (chunk: Buffer) => {
		const now = Number(process.hrtime.bigint() - started) / 1e6;
		text += chunk.toString('utf8').replace(ANSI, '');
		for (const w of [...waiters]) {
			if (w.pattern.test(text.slice(w.from))) {
				waiters.splice(waiters.indexOf(w), 1);
				w.resolve(now);
			}
		}
	});
	const exited = new Promise<number>((done) => child.on('exit', () => done(Number(process.hrtime.bigint() - started) / 1e6)));
	return {
		started,
		exited,
		when(pattern, timeoutMs = 10_000) {
			const from = text.length;
			return new Promise((resolveWhen, reject) => {
				const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}`)), timeoutMs);
				// Only output from now on counts (the same text may have been drawn before).
				waiters.push({pattern, from, resolve: (ms) => (clearTimeout(timer), resolveWhen(ms))});
			});
		},
		write: (data) => child.stdin.write(data),
		kill: () => child.kill('SIGKILL'),
	};
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)]!;
}
function p90(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(s.length * 0.9))]!;
}

const baseEnv: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color'};
delete baseEnv.CI;
delete baseEnv.FORCE_COLOR;
delete baseEnv.NO_COLOR;

const node0: number[] = [];
const firstFrame: number[] = [];
const interactive: number[] = [];
const keypress: number[] = [];
const fastKeypress: number[] = [];

for (let run = 0; run < RUNS; run++) {
	// The floor, interleaved with the app so both see the same machine load.
	node0.push(await launch(`${process.execPath} -e 0`, baseEnv).exited);

	const dir = mkdtempSync(join(tmpdir(), 'svct-bench-'));
	const env = {...baseEnv, SVC_TUTOR_CONFIG_DIR: dir};
	const app = launch(`${process.execPath} ${BINARY} --seed 1`, env);
	const frame = app.when(/Start the course: 1 Pods/);
	// Typed at launch: handled once Ink reads keys, it moves the cursor to lesson 1's row.
	const moved = app.when(/❯ +1 Pods, and why Services exist/);
	app.write('j');
	firstFrame.push(await frame);
	interactive.push(await moved);

	// The lesson screen: Enter on lesson 1, then Enter for each next step. Odd runs go at a
	// reader's pace, even runs fast, so both see the same machine load.
	const opened = app.when(/Lesson 1\/\d+ .*step 1\/\d+/);
	app.write('\r');
	await opened;
	const pause = run % 2 === 0 ? READER_PAUSE : 30;
	await new Promise((r) => setTimeout(r, pause));
	for (let step = 2; step <= 7; step++) {
		const next = app.when(new RegExp(`step ${step}/\\d+`));
		const sent = Number(process.hrtime.bigint() - app.started) / 1e6;
		app.write('\r');
		(pause === 30 ? fastKeypress : keypress).push((await next) - sent);
		await new Promise((r) => setTimeout(r, pause));
	}
	app.write('q');
	await Promise.race([app.exited, new Promise((r) => setTimeout(r, 3000))]);
	app.kill();
	rmSync(dir, {recursive: true, force: true});
}

const floor = median(node0);
const first = median(firstFrame);
const ready = median(interactive);
const fmt = (ms: number): string => `${ms.toFixed(0)} ms`.padStart(7);
const ratio = (ms: number): string => `${(ms / floor).toFixed(2)}×`;
const goal = (met: boolean): string => (met ? 'goal met' : 'goal NOT met');
const p90Reader = p90(keypress);
console.log(`svc-tutor startup, ${RUNS} runs, pseudo-terminal 80×24 (medians; ratios against node -e 0 of the same run)`);
console.log(`  node -e 0 (launch → exit)                ${fmt(floor)}`);
console.log(`  first frame (launch → home screen)       ${fmt(first)}   ${ratio(first)}  (goal ≤ 2×: ${goal(first / floor <= 2)})`);
console.log(`  interactive (key typed at launch → drawn) ${fmt(ready)}   ${ratio(ready)}  (goal ≤ 2×: ${goal(ready / floor <= 2)})`);
console.log(`  keypress → frame, lesson, reader's pace   p50 ${fmt(median(keypress))} (${ratio(median(keypress))})  p90 ${fmt(p90Reader)} (${ratio(p90Reader)})  ${keypress.length} presses, ${READER_PAUSE} ms apart  (goal p90 < 16 ms: ${goal(p90Reader < 16)})`);
console.log(`  keypress → frame, lesson, fast            p50 ${fmt(median(fastKeypress))} (${ratio(median(fastKeypress))})  p90 ${fmt(p90(fastKeypress))} (${ratio(p90(fastKeypress))})  ${fastKeypress.length} presses, 30 ms apart`);
