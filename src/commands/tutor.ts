// `svc-tutor` with no command: the course. Without a terminal it says how to run it and exits 2.
// With one, it draws the home screen at once (see ui/prelude.ts) from a quick scan of the lessons
// and a quick look at the progress file, then loads Ink and the app, which validate both.
import {scanOutline} from '../ui/course/outline.js';
import {lessonsDir} from '../ui/course/lessons-dir.js';
import {homeFrame} from '../ui/screens/home/layout.js';
import {MIN_COLUMNS, MIN_ROWS} from '../ui/layout/frame.js';
import {preludeOutput, type Ansi} from '../ui/prelude.js';
import {colourFromEnv} from '../ui/theme.js';
import {configDir, progressPath} from '../tutor/progress/paths.js';
import {moveLegacyProgress} from '../tutor/progress/move-legacy.js';
import {peekProgress} from '../tutor/progress/peek.js';
import {freshProgress, newSeed, type Progress} from '../tutor/progress/types.js';
import {EXIT_USAGE} from './io.js';

export const SHELL_NO_TTY_MESSAGE = "svc-tutor: the shell needs an interactive terminal, and standard input or output is redirected: run `npx svc-tutor shell` in a terminal, or one line anywhere with svc-tutor shell -c 'COMMAND LINE'\n";

export const NO_TTY_MESSAGE = 'svc-tutor: the course needs an interactive terminal, and standard input or output is redirected: run `npx svc-tutor` in a terminal (svc-tutor --help lists the commands that work anywhere)\n';

export interface TutorOptions {
	/** --seed: the session's seed, stored in progress (for `svc-tutor shell`: the shell cluster's only). */
	seed?: number;
	/** `svc-tutor shell`: the Shell screen alone, full screen; progress is read (for the seed and colours) but never written. */
	shell?: {node?: string};
	env: NodeJS.ProcessEnv;
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	stderr: (text: string) => void;
}

export async function runTutor(options: TutorOptions): Promise<number> {
	const {stdin, stdout, env} = options;
	if (stdin.isTTY !== true || stdout.isTTY !== true || typeof stdin.setRawMode !== 'function') {
		options.stderr(options.shell ? SHELL_NO_TTY_MESSAGE : NO_TTY_MESSAGE);
		return EXIT_USAGE;
	}
	// Progress an earlier version kept in ~/.config/svc-tutor-nodejs/ moves here first, once.
	const moved = moveLegacyProgress(env);
	const file = progressPath(configDir(env));
	const history = await shellHistory(configDir(env));
	if (options.shell) return runShellScreen(options, file, history);
	const lessons = lessonsDir(env);
	const size = {columns: stdout.columns || 80, rows: stdout.rows || 24};
	const seedForNew = options.seed ?? newSeed();
	const colourEnv = colourFromEnv(env, true);

	const outline = scanOutline(lessons);
	const peeked = peekProgress(file);
	let preluded: {progress: Progress; ansi: Ansi} | undefined;
	// A notice from the move is drawn by the app; the early frame has no place for it.
	if (peeked.kind !== 'unsure' && moved === undefined && outline.length > 0 && size.columns >= MIN_COLUMNS && size.rows >= MIN_ROWS) {
		const base = peeked.kind === 'found' ? peeked.progress : freshProgress(seedForNew);
		const progress = options.seed === undefined ? base : {...base, seed: options.seed};
		const frame = homeFrame({outline, progress, cursor: 0, columns: size.columns, rows: size.rows, loading: true});
		const on = progress.colour === 'on' || (progress.colour === 'auto' && colourEnv);
		const ansi = {colour: on, plain: env.FORCE_COLOR === '0'};
		stdout.write(preludeOutput(frame, size, ansi));
		preluded = {progress, ansi};
	}
	// Keys pressed before Ink listens are not echoed over the frame: they are read and answered
	// at once (ui/early-keys.ts), and handed to the app once it is loaded.
	stdin.setRawMode(true);
	const {startEarlyKeys, replayKeys} = await import('../ui/early-keys.js');
	const early = startEarlyKeys(stdin, stdout, {size, outline, progressFile: file, colourEnv}, preluded);
	await early.settle();
	await import('ink');
	await early.settle();

	// There is a terminal: CI detection (which makes Ink draw nothing until exit) does not apply.
	delete env.CI;
	const [{runApp}, {loadProgress, removeStaleTempFiles}, {initialState}] = await Promise.all([import('../ui/run.js'), import('../tutor/progress/store.js'), import('../ui/state/state.js')]);
	const loaded = loadProgress(file, {seed: () => seedForNew});
	// Temporary files of saves cut short by a kill (see the rule at removeStaleTempFiles).
	removeStaleTempFiles(file);
	const progress = options.seed === undefined ? loaded.progress : {...loaded.progress, seed: options.seed};
	const initial = replayKeys(
		initialState({
			size,
			progress,
			outline,
			...(moved || loaded.notice ? {notice: [moved, loaded.notice].filter(Boolean).join(' ')} : {}),
			progressFile: file,
			colourEnv,
		}),
		early.stop(),
	);
	return runApp({
		initial,
		lessonsDir: lessons,
		progressFile: file,
		canSave: loaded.canSave,
		saveInitially: loaded.fresh || progress !== loaded.progress || initial.progress !== progress,
		stdin,
		stdout,
		preluded: preluded !== undefined,
		shell: history,
	});
}

async function shellHistory(dir: string) {
	const [{loadShellHistory, shellHistoryPath, ShellHistorySaver}, {removeStaleTempFiles}] = await Promise.all([import('../tutor/progress/shell-history.js'), import('../tutor/progress/store.js')]);
	const file = shellHistoryPath(dir);
	const loaded = loadShellHistory(file);
	// Temporary files of history saves cut short by a kill, by the same rule as progress.json's.
	if (loaded.canSave) removeStaleTempFiles(file);
	const saver = loaded.canSave ? new ShellHistorySaver(file) : undefined;
	return {
		options: {history: loaded.lines, ...(loaded.notice !== undefined ? {notice: loaded.notice} : {}), ...(saver ? {onHistory: (lines: readonly string[]) => saver.save(lines)} : {})},
		saver,
	};
}

/** `svc-tutor shell`: the Shell screen from the first frame; leaving it leaves svc-tutor. The progress file is only looked at. */
async function runShellScreen(options: TutorOptions, file: string, history: Awaited<ReturnType<typeof shellHistory>>): Promise<number> {
	const {stdin, stdout, env} = options;
	const node = options.shell?.node;
	const size = {columns: stdout.columns || 80, rows: stdout.rows || 24};
	const peeked = peekProgress(file);
	const base = peeked.kind === 'found' ? peeked.progress : freshProgress(options.seed ?? 1);
	const progress = options.seed === undefined ? base : {...base, seed: options.seed};
	stdin.setRawMode(true);
	delete env.CI;
	const [{runApp}, {initialState}, {waitingShellScreen}] = await Promise.all([import('../ui/run.js'), import('../ui/state/state.js'), import('../ui/screens/shell/state.js')]);
	const initial = {
		...initialState({size, progress, outline: [], progressFile: file, colourEnv: colourFromEnv(env, true)}),
		// The fresh shell's prompt, drawn until the engine has loaded (keys typed meanwhile wait for it).
		screen: waitingShellScreen(`${node ?? 'controlplane'} ~ ➜  `, history.options.history),
		pending: 'shell' as const,
	};
	return runApp({
		initial,
		lessonsDir: lessonsDir(env),
		progressFile: file,
		canSave: false,
		saveInitially: false,
		stdin,
		stdout,
		preluded: false,
		shell: {...history, options: {...history.options, ...(node !== undefined ? {node} : {})}},
		progressUntouched: true,
	});
}
