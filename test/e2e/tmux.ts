// The real binary in a real terminal: a private tmux server per session (tmux -L svct-<pid>-<n>),
// a fixed 80×24 window, one send-keys per key, and the screen read back with capture-pane until
// what a test waits for shows up. The app runs with CI removed from its environment (Ink draws
// nothing until exit when CI is set), without the test runner's FORCE_COLOR=0 and NO_COLOR (a
// learner's terminal has neither unless a test sets it), and with a temporary SVC_TUTOR_CONFIG_DIR.
import test from 'ava';
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';

export const BINARY = resolve('dist/svc-tutor.js');

export const hasTmux = spawnSync('tmux', ['-V'], {encoding: 'utf8'}).status === 0;

/**
 * ava's test function for these tests: skipped, with the reason printed, only when tmux is missing
 * and CI is unset. With CI set a missing tmux is a failure, not a silent pass.
 */
export const tmuxTest = ((): typeof test.serial => {
	if (hasTmux) return test.serial;
	if (process.env.CI) {
		return ((title: string) => test.serial(title, (t) => t.fail('tmux is not installed, and CI is set: these end-to-end tests must run (apt-get install tmux)'))) as unknown as typeof test.serial;
	}
	console.log('test/e2e: skipped: tmux is not installed (apt-get install tmux); with CI set this fails instead');
	return test.skip as unknown as typeof test.serial;
})();

let sessions = 0;

export interface StartOptions {
	args?: string[];
	env?: Record<string, string>;
	configDir?: string;
	columns?: number;
	rows?: number;
	/** What to run instead of the tutor (e.g. `reset`); defaults to the course. */
	command?: string;
}

export class Terminal {
	readonly socket = `svct-${process.pid}-${++sessions}`;
	readonly configDir: string;
	private readonly own: string;
	private readonly ownsConfigDir: boolean;
	private readonly conf: string;
	private readonly statusFile: string;

	constructor(readonly options: StartOptions = {}) {
		if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing: run npm run build first (npm test does)`);
		this.ownsConfigDir = options.configDir === undefined;
		this.configDir = options.configDir ?? mkdtempSync(join(tmpdir(), 'svct-e2e-'));
		// No status line (the pane gets all 24 rows), and the pane stays after the app exits so
		// its last words and exit status can be read.
		this.own = mkdtempSync(join(tmpdir(), 'svct-tmux-'));
		this.conf = join(this.own, 'tmux.conf');
		this.statusFile = join(this.own, 'status');
		writeFileSync(this.conf, 'set -g status off\nset -g remain-on-exit on\nset -g history-limit 100\n');
	}

	private tmux(...args: string[]): string {
		const result = spawnSync('tmux', ['-L', this.socket, '-f', this.conf, ...args], {encoding: 'utf8'});
		if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
		return result.stdout;
	}

	start(): this {
		const env = {SVC_TUTOR_CONFIG_DIR: this.configDir, TERM: 'xterm-256color', ...this.options.env};
		const assignments = Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`);
		const command = ['env', '-u', 'CI', '-u', 'FORCE_COLOR', '-u', 'NO_COLOR', ...assignments, shellQuote(process.execPath), shellQuote(BINARY), ...(this.options.args ?? []).map(shellQuote)].join(' ');
		// tmux's #{pane_dead_status} is sometimes left empty when the pane's output ends before its
		// process is reaped, so the shell that runs the app writes the exit status to a file too.
		this.tmux('new-session', '-d', '-s', 'main', '-x', String(this.options.columns ?? 80), '-y', String(this.options.rows ?? 24), `${command}; echo $? > ${shellQuote(this.statusFile)}`);
		return this;
	}

	/** One send-keys per key, as a person types. */
	keys(...keys: string[]): this {
		for (const key of keys) this.tmux('send-keys', '-t', 'main', key);
		return this;
	}

	/** Several keys in one send-keys: they reach the app in one read. */
	burst(...keys: string[]): this {
		this.tmux('send-keys', '-t', 'main', ...keys);
		return this;
	}

	type(text: string): this {
		this.tmux('send-keys', '-t', 'main', '-l', text);
		return this;
	}

	screen(escapes = false): string {
		// -J joins lines the terminal wrapped, so a long message reads as one line.
		return this.tmux('capture-pane', '-p', '-J', ...(escapes ? ['-e'] : []), '-t', 'main');
	}

	/** Everything written to the normal screen, scrolled-off lines included (after the app exits). */
	transcript(): string {
		return this.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'main');
	}

	resize(columns: number, rows: number): this {
		this.tmux('resize-window', '-t', 'main', '-x', String(columns), '-y', String(rows));
		return this;
	}

	async waitFor(pattern: RegExp | string, timeoutMs = 15_000): Promise<string> {
		return waitForScreen(() => this.screen(), pattern, timeoutMs);
	}

	/** The exit status once the app has exited. */
	async exited(timeoutMs = 15_000): Promise<number> {
		const end = Date.now() + timeoutMs;
		while (Date.now() < end) {
			const status = existsSync(this.statusFile) ? readFileSync(this.statusFile, 'utf8').trim() : '';
			if (status !== '' && this.tmux('display-message', '-p', '-t', 'main', '#{pane_dead}').trim() === '1') return Number(status);
			await sleep(25);
		}
		throw new Error(`the app did not exit; the screen:\n${this.screen()}`);
	}

	/** Ends this session's own server, and removes its socket file (tmux leaves it behind). */
	kill(): void {
		const path = spawnSync('tmux', ['-L', this.socket, 'display-message', '-p', '#{socket_path}'], {encoding: 'utf8'}).stdout.trim();
		spawnSync('tmux', ['-L', this.socket, 'kill-server']);
		if (path.endsWith(`/${this.socket}`)) rmSync(path, {force: true});
		rmSync(this.own, {recursive: true, force: true});
		// The app, hung up on by kill-server, may still be saving its last step (it saves on SIGHUP
		// before it exits): retry while files appear in the folder.
		if (this.ownsConfigDir) rmSync(this.configDir, {recursive: true, force: true, maxRetries: 10, retryDelay: 20});
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function shellQuote(s: string): string {
	return /^[\w./=:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The number a choice is shown with, found on screen by its text. */
export function choiceNumber(screen: string, text: string): number {
	const match = new RegExp(`^(?:❯ |  )(\\d) ${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm').exec(screen);
	if (!match) throw new Error(`no choice "${text}" on screen:\n${screen}`);
	return Number(match[1]);
}

/** Polls a screen until the pattern shows, or fails with the last screen seen. */
export async function waitForScreen(screen: () => string, pattern: RegExp | string, timeoutMs: number): Promise<string> {
	const end = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < end) {
		last = screen();
		if (typeof pattern === 'string' ? last.includes(pattern) : pattern.test(last)) return last;
		await sleep(25);
	}
	throw new Error(`timed out waiting for ${String(pattern)}; the screen:\n${last}`);
}
