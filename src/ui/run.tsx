// Mounts the app in the terminal and takes it down again: the alternate screen, Ink, saving on
// the way out, and a last line in the shell saying where progress is.
import {render} from 'ink';
import {ProgressSaver} from '../tutor/progress/store.js';
import type {Progress} from '../tutor/progress/types.js';
import {App, type ProgressSink} from './app.js';
import type {AppState} from './state/state.js';
import {CLEAR_SCREEN, CURSOR_HOME, ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_ALT_SCREEN, SHOW_CURSOR} from './terminal.js';
import type {World} from './world-types.js';

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

export async function runApp(options: RunOptions): Promise<number> {
	const {stdout, stdin} = options;
	const sink = new Sink(options.progressFile, options.canSave);
	let last: AppState = options.initial;
	let inAltScreen = true;
	const restore = (): void => {
		if (!inAltScreen) return;
		inAltScreen = false;
		stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
	};
	// Whatever ends the process (a signal, an uncaught error), the shell gets its screen back.
	process.once('exit', restore);
	if (!options.preluded) stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR + CURSOR_HOME);

	// A resize can leave pieces of the old frame where the new one does not reach: start clean.
	let size = `${stdout.columns}x${stdout.rows}`;
	const onResize = (): void => {
		const now = `${stdout.columns}x${stdout.rows}`;
		if (now === size) return;
		size = now;
		stdout.write(CLEAR_SCREEN + CURSOR_HOME);
	};
	stdout.on('resize', onResize);

	const loadWorld = async (): Promise<World> => (await import('./world.js')).loadWorld(options.lessonsDir);
	const instance = render(<App initial={options.initial} loadWorld={loadWorld} sink={sink} saveInitially={options.saveInitially} onState={(state) => (last = state)} />, {
		stdout,
		stdin,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	try {
		await instance.waitUntilExit();
	} finally {
		stdout.off('resize', onResize);
		await sink.saver?.flush();
		restore();
		process.off('exit', restore);
	}
	stdout.write(goodbye(last, options, sink));
	return 0;
}

function goodbye(state: AppState, options: RunOptions, sink: Sink): string {
	if (!options.canSave) return 'svc-tutor: this session was not saved (see the message it showed).\n';
	if (sink.saver?.error) return `svc-tutor: ⚠ ${sink.saver.error}\n`;
	const where = state.progress.last;
	const lesson = where ? state.outline.find((l) => l.id === where.lesson) : undefined;
	const resume = lesson ? ` Run svc-tutor to continue with "${lesson.title}", step ${Math.min(where!.step + 1, lesson.steps)}.` : ' Run svc-tutor to continue.';
	return `svc-tutor: progress saved in ${options.progressFile}.${resume}\n`;
}
