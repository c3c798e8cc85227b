// npm run bench:startup: how fast the course appears and answers, measured in a pseudo-terminal
// (util-linux `script`, sized 80×24 with stty) on the built bundle, dist/svc-tutor.js.
//
//   first frame    launch → the home screen is on the terminal (a new learner each run)
//   node -e 0      launch → exit of an empty Node, in the same pseudo-terminal, same run: the floor
//   interactive    launch → a key typed at launch has been handled (Ink is up and reading keys)
//   keypress       on the lesson screen, Enter (next step) → the next step's frame arrives
//
// The goal (issue 3): first frame at most 2 × node -e 0.
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';

// BENCH_BINARY compares another build of the same sources (e.g. minified, or split into chunks).
const BINARY = resolve(process.env.BENCH_BINARY ?? 'dist/svc-tutor.js');
const RUNS = Number(process.env.RUNS ?? 15);
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

	// The lesson screen: Enter on lesson 1, then Enter for each next step.
	const opened = app.when(/Lesson 1\/8 .*step 1\/9/);
	app.write('\r');
	await opened;
	await new Promise((r) => setTimeout(r, 50));
	for (let step = 2; step <= 7; step++) {
		const next = app.when(new RegExp(`step ${step}/9`));
		const sent = Number(process.hrtime.bigint() - app.started) / 1e6;
		app.write('\r');
		keypress.push((await next) - sent);
		// Like a reader, not a burst: the next key comes after the frame.
		await new Promise((r) => setTimeout(r, 30));
	}
	app.write('q');
	await Promise.race([app.exited, new Promise((r) => setTimeout(r, 3000))]);
	app.kill();
	rmSync(dir, {recursive: true, force: true});
}

const floor = median(node0);
const first = median(firstFrame);
const fmt = (ms: number): string => `${ms.toFixed(0)} ms`;
console.log(`svc-tutor startup, ${RUNS} runs, pseudo-terminal 80×24 (medians)`);
console.log(`  node -e 0 (launch → exit)          ${fmt(floor)}`);
console.log(`  first frame (launch → home screen) ${fmt(first)}   ratio ${(first / floor).toFixed(2)}× (goal ≤ 2×)`);
console.log(`  interactive (key typed at launch)  ${fmt(median(interactive))}`);
console.log(`  keypress → next frame, lesson      ${fmt(median(keypress))} (p90 ${fmt(p90(keypress))}, ${keypress.length} presses)`);
console.log(first / floor <= 2 ? '  goal met' : '  goal NOT met');
