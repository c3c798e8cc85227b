// Mounts the app in the terminal and takes it down again: the alternate screen, Ink, saving on
// the way out, and a last line in the shell saying where progress is.
import {render} from 'ink';
import {constants as osConstants} from 'node:os';
import {ProgressSaver} from '../tutor/progress/store.js';
import type {Progress} from '../tutor/progress/types.js';
import {App, type ProgressSink} from './app.js';
import type {AppState} from './state/state.js';
import {CLEAR_SCREEN, CURSOR_HOME, ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_ALT_SCREEN, SHOW_CURSOR} from './terminal.js';
import type {ShellOptions, World} from './world-types.js';

export interface RunOptions {
	initial: AppState;
	lessonsDir: string;
	progressFile: string;
	/** False when an unreadable progress file is still in place: it must not be overwritten. */
	canSave: boolean;
	saveInitially: boolean;
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	/** The prelude already entered the alternate screen and drew the first frame. */
	preluded: boolean;
	/** The node shell's options (its history), and what saves its history. */
	shell?: {options: ShellOptions; saver?: {flush(): Promise<void>; error: string | undefined} | undefined};
	/** `svc-tutor shell`: progress is neither saved nor spoken of at the end. */
	progressUntouched?: boolean;
}

class Sink implements ProgressSink {
	private listener: ((error: string | undefined) => void) | undefined;
	readonly saver: ProgressSaver | undefined;

	constructor(file: string, canSave: boolean) {
		this.saver = canSave ? new ProgressSaver(file, (error) => this.listener?.(error)) : undefined;
	}

	save(progress: Progress): void {
		if (this.saver) this.saver.save(progress);
		else this.listener?.('progress is not saved this session (see the message on the home screen)');
	}

	listen(listener: (error: string | undefined) => void): void {
		this.listener = listener;
	}
}

/** Signals that end a session the way q does: progress saved, the shell's screen given back. */
const ENDING_SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;

export async function runApp(options: RunOptions): Promise<number> {
	const {stdout, stdin} = options;
	const sink = new Sink(options.progressFile, options.canSave);
	const historySaver = options.shell?.saver;
	let last: AppState = options.initial;
	// The cursor and the alternate screen are the terminal's the app draws on (stdout), and only
	// ever written there, and only when it is a terminal.
	let inAltScreen = stdout.isTTY === true;
	const restore = (): void => {
		if (!inAltScreen) return;
		inAltScreen = false;
		stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
	};
	// Whatever ends the process (an uncaught error, process.exit), the shell gets its screen back.
	process.once('exit', restore);
	if (!options.preluded && inAltScreen) stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR + CURSOR_HOME);

	// A resize can leave pieces of the old frame where the new one does not reach: start clean.
	// (From the size the app starts with: the terminal may have been resized while it loaded.)
	let size = `${options.initial.size.columns}x${options.initial.size.rows}`;
	const onResize = (): void => {
		const now = `${stdout.columns}x${stdout.rows}`;
		if (now === size) return;
		size = now;
		stdout.write(CLEAR_SCREEN + CURSOR_HOME);
	};
	stdout.on('resize', onResize);

	const loadWorld = async (): Promise<World> => (await import('./world.js')).loadWorld(options.lessonsDir, options.shell?.options);
	const dropCursorHook = stderrCursorHookDropper();
	const instance = render(<App initial={options.initial} loadWorld={loadWorld} {...(options.progressUntouched === true ? {} : {sink})} saveInitially={options.saveInitially} onState={(state) => (last = state)} />, {
		stdout,
		stdin,
		exitOnCtrlC: false,
		patchConsole: false,
		// A keypress is drawn at once: Ink's default 30 fps holds a frame back up to 33 ms after the last.
		maxFps: 120,
	});
	dropCursorHook();
	// The app's size was read at start, and a resize while the course loaded (before the app
	// listened for one) was lost: the app would draw for the old size until the next. Once it
	// listens (its effects run before this immediate), it is told the size moved.
	const lateResize = setImmediate(() => {
		const {columns, rows} = options.initial.size;
		if ((stdout.columns || 80) !== columns || (stdout.rows || 24) !== rows) stdout.emit('resize');
	});

	// kill, a closed terminal window, or kill -INT (Ctrl+C itself is a key here, raw mode): with
	// these listeners in place signal-exit (Ink's, write-file-atomic's) leaves the signal to us
	// instead of re-raising it at once, so a save under way finishes and the screen is restored.
	let signalled: NodeJS.Signals | undefined;
	const onSignal = (signal: NodeJS.Signals): void => {
		if (signalled) return;
		signalled = signal;
		if (signal === 'SIGHUP') {
			// The terminal is gone: write nothing more to it, save, and go.
			inAltScreen = false;
			void Promise.all([sink.saver?.flush(), historySaver?.flush()]).finally(() => process.exit(exitStatus(signal)));
			return;
		}
		instance.unmount();
	};
	for (const signal of ENDING_SIGNALS) process.on(signal, onSignal);
	try {
		await instance.waitUntilExit();
	} finally {
		clearImmediate(lateResize);
		stdout.off('resize', onResize);
		await sink.saver?.flush();
		await historySaver?.flush();
		restore();
		process.off('exit', restore);
		for (const signal of ENDING_SIGNALS) process.off(signal, onSignal);
	}
	if (historySaver?.error !== undefined) stdout.write(`${historySaver.error}\n`);
	if (options.progressUntouched !== true) stdout.write(goodbye(last, options, sink));
	return signalled ? exitStatus(signalled) : 0;
}

/** A shell's status for a process ended by a signal: 128 + its number. */
function exitStatus(signal: NodeJS.Signals): number {
	return 128 + (osConstants.signals[signal] ?? 0);
}

/**
 * Ink hides the cursor with cli-cursor, whose restore-cursor then hooks the process's exit
 * (an 'afterexit' listener on signal-exit 3's process-wide emitter) to write SHOW_CURSOR to
 * process.stderr: into a log file with 2>log, and never to the terminal the app draws on when
 * stderr is another. The app shows the cursor on stdout itself (restore, above), so the hook Ink
 * added while mounting is taken out. Call before render; call what it returns after.
 */
function stderrCursorHookDropper(): () => void {
	type ExitEmitter = {listeners(event: string): unknown[]; removeListener(event: string, listener: (...args: unknown[]) => void): unknown};
	const emitter = (): ExitEmitter | undefined => (process as unknown as {__signal_exit_emitter__?: ExitEmitter}).__signal_exit_emitter__;
	const before = new Set(emitter()?.listeners('afterexit') ?? []);
	return () => {
		const now = emitter();
		for (const listener of now?.listeners('afterexit') ?? []) {
			if (!before.has(listener)) now!.removeListener('afterexit', listener as (...args: unknown[]) => void);
		}
	};
}

function goodbye(state: AppState, options: RunOptions, sink: Sink): string {
	if (!options.canSave) return 'svc-tutor: this session was not saved (see the message it showed).\n';
	if (sink.saver?.error) return `svc-tutor: ⚠ ${sink.saver.error}\n`;
	const where = state.progress.last;
	const lesson = where ? state.outline.find((l) => l.id === where.lesson) : undefined;
	const resume = lesson ? ` Run svc-tutor to continue with "${lesson.title}", step ${Math.min(where!.step + 1, lesson.steps)}.` : ' Run svc-tutor to continue.';
	return `svc-tutor: progress saved in ${options.progressFile}.${resume}\n`;
}
