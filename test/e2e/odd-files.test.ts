// The course with odd things where its files should be, and its terminal handling: the built
// binary (dist/svc-tutor.js) in tmux, as a learner would meet it.
import test from 'ava';
import {spawnSync} from 'node:child_process';
import {existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {basename, dirname, join} from 'node:path';
import {BINARY, sleep, Terminal, tmuxTest, waitForScreen} from './tmux.js';

const terminals: Terminal[] = [];
const cleanups: (() => void)[] = [];
test.afterEach.always(() => {
	for (const t of terminals.splice(0)) t.kill();
	for (const c of cleanups.splice(0)) c();
});
function open(options: ConstructorParameters<typeof Terminal>[0] = {}): Terminal {
	const terminal = new Terminal(options);
	terminals.push(terminal);
	return terminal.start();
}
function prepared(write: (file: string) => void, options: ConstructorParameters<typeof Terminal>[0] = {}): Terminal {
	const terminal = new Terminal(options);
	terminals.push(terminal);
	write(join(terminal.configDir, 'progress.json'));
	return terminal.start();
}

/** The screen's text with wrapped lines joined: a notice reads as one paragraph. */
const oneParagraph = (screen: string): string => screen.replace(/\n +/g, ' ');

const progress = {version: 1, seed: 5, colour: 'auto', last: {lesson: 'pods-and-services', step: 2}, lessons: {'pods-and-services': {step: 2, furthest: 2, done: false, answers: {}}}, practice: {asked: 0, correct: 0, next: 0}};

/**
 * A shell command in its own tmux server, for what Terminal does not do: redirect the app's
 * stderr or stdout, and signal the app. The app's pid and exit status are written to files.
 */
class Shell {
	readonly socket = `svct-odd-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	readonly dir = mkdtempSync(join(tmpdir(), 'svct-odd-'));
	readonly configDir = join(this.dir, 'config');

	constructor(redirect: string) {
		mkdirSync(this.configDir);
		const conf = join(this.dir, 'tmux.conf');
		writeFileSync(conf, 'set -g status off\nset -g remain-on-exit on\n');
		const app = `env -u CI -u FORCE_COLOR -u NO_COLOR SVC_TUTOR_CONFIG_DIR='${this.configDir}' TERM=xterm-256color '${process.execPath}' '${BINARY}'`;
		// The app replaces the script's shell (exec), so the pid the script writes is the app's. The
		// pane then lives on (sleep) so the terminal's state after the app can be read: tmux reports
		// a dead pane's cursor as hidden.
		const script = join(this.dir, 'run.sh');
		writeFileSync(script, `echo $$ > '${join(this.dir, 'pid')}'\nexec ${app} ${redirect}\n`);
		this.tmux('-f', conf, 'new-session', '-d', '-s', 'main', '-x', '80', '-y', '24', `sh '${script}'; echo $? > '${join(this.dir, 'status')}'; sleep 60`);
		cleanups.push(() => {
			spawnSync('tmux', ['-L', this.socket, 'kill-server']);
			rmSync(this.dir, {recursive: true, force: true, maxRetries: 10, retryDelay: 20});
		});
	}

	tmux(...args: string[]): string {
		const result = spawnSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8'});
		if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
		return result.stdout;
	}

	/** The screen, with what scrolled off it: the lines a shell shows after the app. */
	screen(): string {
		return this.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'main');
	}

	async waitFor(pattern: RegExp | string, timeoutMs = 15_000): Promise<string> {
		return waitForScreen(() => this.screen(), pattern, timeoutMs);
	}

	pid(): number {
		return Number(readFileSync(join(this.dir, 'pid'), 'utf8'));
	}

	async exited(timeoutMs = 15_000): Promise<number> {
		const file = join(this.dir, 'status');
		const end = Date.now() + timeoutMs;
		while (Date.now() < end) {
			const status = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
			if (status !== '') return Number(status);
			await sleep(25);
		}
		throw new Error(`the app did not exit; the screen:\n${this.screen()}`);
	}
}

tmuxTest('a FIFO as progress.json: the first frame at once, one line saying what is wrong, and the FIFO left as it is', async (t) => {
	const term = prepared((file) => t.is(spawnSync('mkfifo', [file]).status, 0));
	const file = join(term.configDir, 'progress.json');
	const screen = oneParagraph(await term.waitFor('Start the course', 5000));
	t.regex(screen, new RegExp(`⚠ ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a named pipe \\(FIFO\\), not a file\\. This session starts afresh and will not be saved`));
	term.keys('q');
	t.is(await term.exited(), 0);
	t.regex(term.transcript(), /this session was not saved/);
	t.true(lstatSync(file).isFIFO());
});

tmuxTest('control characters in a corrupted progress file are shown escaped in the notice, not sent to the terminal', async (t) => {
	// Raw, \x1b[2J would clear the screen and \x1b[8m hide the rest of the notice.
	const term = prepared((file) => writeFileSync(file, '{"seed": \u001b[2J\u001b[8mhidden'));
	const screen = oneParagraph(await term.waitFor(/⚠ Your progress file could not be read/));
	t.true(screen.includes('Unexpected token \'\\x1b\', "{"seed": \\x1b[2J\\x1b[8mhi'), screen);
	t.regex(screen, /Start the course/);
});

tmuxTest('a byte-order mark before valid JSON is read as the progress it is', async (t) => {
	const term = prepared((file) => writeFileSync(file, `\uFEFF${JSON.stringify(progress)}`));
	const screen = await term.waitFor('❯ Continue');
	t.false(screen.includes('⚠'), screen);
	t.deepEqual(readdirSync(term.configDir), ['progress.json'], 'nothing moved aside');
});

tmuxTest('a progress file without its version says the version is missing', async (t) => {
	const {version: _version, ...unversioned} = progress;
	const term = prepared((file) => writeFileSync(file, JSON.stringify(unversioned)));
	const screen = await term.waitFor(/⚠ Your progress file could not be read/);
	t.regex(screen, /\(version is missing\)/);
	t.false(screen.includes('undefined'));
});

tmuxTest("stale temporary files of saves cut short by kill -9 are removed at start; a fresh one (a save under way) is kept", async (t) => {
	const tmpName = (createRequire(import.meta.url)('write-file-atomic') as {_getTmpname(file: string): string})._getTmpname;
	const old = new Date(Date.now() - 11 * 60_000);
	let stale: string[] = [];
	let fresh = '';
	const term = prepared((file) => {
		writeFileSync(file, JSON.stringify(progress));
		stale = [tmpName(file), tmpName(file)];
		for (const path of stale) {
			writeFileSync(path, JSON.stringify(progress));
			utimesSync(path, old, old);
		}
		fresh = basename(tmpName(file));
		writeFileSync(join(dirname(file), fresh), '{"version"');
		writeFileSync(`${file}.corrupt-2025-11-26T07-50-12-123Z`, 'the learner’s');
		utimesSync(`${file}.corrupt-2025-11-26T07-50-12-123Z`, old, old);
	});
	await term.waitFor('❯ Continue');
	term.keys('q');
	t.is(await term.exited(), 0);
	t.deepEqual(readdirSync(term.configDir).sort(), ['progress.json', 'progress.json.corrupt-2025-11-26T07-50-12-123Z', fresh].sort());
	t.is(JSON.parse(readFileSync(join(term.configDir, 'progress.json'), 'utf8')).last.step, 2, 'the progress is untouched');
});

tmuxTest('at 20×10 the "terminal too small" message is wrapped to the width, not cut', async (t) => {
	const term = open({columns: 20, rows: 10});
	const screen = await term.waitFor('q to quit.');
	const rows = screen.split('\n').map((row) => row.trimEnd()).filter((row) => row !== '');
	t.is(rows.join(' '), 'svc-tutor needs a terminal of at least 80×24. This one is 20×10: enlarge it, or press q to quit.');
	t.true(rows.every((row) => [...row].length <= 20), rows.join('\n'));
	t.false(screen.includes('…'), 'nothing cut');
	term.keys('q');
	t.is(await term.exited(), 0);
});

tmuxTest('a resize while the course is still loading is not lost: the app draws for the new size', async (t) => {
	// Two rounds: the window is a few hundred milliseconds, and without the fix most runs fail.
	for (let round = 0; round < 2; round++) {
		const term = open();
		// The first frame is drawn before the app is loaded (ui/prelude.ts); resized at once, the
		// app has usually not listened for a resize yet.
		await term.waitFor('Start the course');
		term.resize(100, 30);
		await term.waitFor(/svc-tutor · Kubernetes Service networking on a simulated cluster {20,}seed/, 5000);
		term.kill();
	}
	t.pass();
});

tmuxTest('the cursor is shown again on the terminal the app draws on, never on stderr; kill ends the session as q does', async (t) => {
	const scratch = mkdtempSync(join(tmpdir(), 'svct-odd-err-'));
	cleanups.push(() => rmSync(scratch, {recursive: true, force: true}));
	const stderr = join(scratch, 'stderr');
	const shell = new Shell(`2>'${stderr}'`);
	await shell.waitFor('Start the course');
	shell.tmux('send-keys', '-t', 'main', 'Enter');
	await shell.waitFor('step 1/');
	shell.tmux('send-keys', '-t', 'main', 'Right');
	await shell.waitFor('step 2/');
	process.kill(shell.pid(), 'SIGTERM');
	t.is(await shell.exited(), 143, '128 + SIGTERM, as a shell reports a process ended by it');
	t.is(readFileSync(stderr, 'utf8'), '', 'nothing at all on stderr, no escape sequence');
	const screen = await shell.waitFor('progress saved');
	t.regex(screen, /Run svc-tutor to continue with "Pods, and why Services exist", step 2\./, 'the shell screen is back, with the goodbye line');
	t.is(JSON.parse(readFileSync(join(shell.configDir, 'progress.json'), 'utf8')).last.step, 1);
	// tmux shows whether the app left its cursor hidden.
	t.is(shell.tmux('display-message', '-p', '-t', 'main', '#{cursor_flag}').trim(), '1', 'the cursor is visible');
});

tmuxTest('with stdout redirected the course writes nothing to it, not even an escape sequence, and exits 2', async (t) => {
	const scratch = mkdtempSync(join(tmpdir(), 'svct-odd-out-'));
	cleanups.push(() => rmSync(scratch, {recursive: true, force: true}));
	const stdout = join(scratch, 'stdout');
	const shell = new Shell(`>'${stdout}'`);
	t.is(await shell.exited(), 2);
	t.is(readFileSync(stdout, 'utf8'), '');
	// One line on stderr, which the terminal may wrap: joined again before matching.
	t.regex(shell.screen().replace(/\n/g, ''), /needs an interactive terminal, and standard input or output is redirected: run `npx svc-tutor` in a terminal/, 'said on stderr, the terminal');
});

test('reset --yes with a directory in the place of progress.json: one line, exit 2, nothing deleted', (t) => {
	if (!existsSync(BINARY)) return t.fail(`${BINARY} is missing: run npm run build first`);
	const dir = mkdtempSync(join(tmpdir(), 'svct-odd-reset-'));
	t.teardown(() => rmSync(dir, {recursive: true, force: true}));
	const file = join(dir, 'progress.json');
	mkdirSync(file);
	writeFileSync(join(file, 'notes'), 'mine');
	const result = spawnSync(process.execPath, [BINARY, 'reset', '--yes'], {encoding: 'utf8', env: {...process.env, SVC_TUTOR_CONFIG_DIR: dir}, input: ''});
	t.is(result.status, 2);
	t.is(result.stdout, '');
	t.is(result.stderr, `svc-tutor reset: ${file} is a directory, not a progress file; nothing was erased.\n`);
	t.is(readFileSync(join(file, 'notes'), 'utf8'), 'mine');
});
