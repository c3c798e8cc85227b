// `svc-tutor reset`: erases saved progress, after asking. Without a terminal to ask on, it
// refuses unless --yes says so. Files moved aside as corrupted are left alone: they are the
// learner's to keep or delete.
import {createInterface} from 'node:readline/promises';
import {oneLine} from './quote.js';
import {configDir, progressPath} from '../tutor/progress/paths.js';
import {moveLegacyProgress} from '../tutor/progress/move-legacy.js';
import {progressEntry} from '../tutor/progress/read.js';
import {eraseProgress} from '../tutor/progress/store.js';
import {EXIT_USAGE} from './io.js';

export interface ResetOptions {
	yes: boolean;
	env: NodeJS.ProcessEnv;
	/** A terminal to ask on; undefined when standard input or output is not one. */
	ask?: (question: string) => Promise<string>;
	stdout: (text: string) => void;
	stderr: (text: string) => void;
}

export async function runReset(options: ResetOptions): Promise<number> {
	// The progress an earlier version kept in ~/.config/svc-tutor-nodejs/ is the one to erase, once moved.
	const moved = moveLegacyProgress(options.env);
	if (moved) options.stderr(`svc-tutor reset: ${moved}\n`);
	const file = progressPath(configDir(options.env));
	const shown = oneLine(file);
	const refuse = (why: string): number => {
		options.stderr(`svc-tutor reset: ${why}; nothing was erased.\n`);
		return EXIT_USAGE;
	};
	let entry: ReturnType<typeof progressEntry>;
	try {
		entry = progressEntry(file);
	} catch (error) {
		return refuse(`cannot look at ${shown}: ${reason(error)}`);
	}
	if (entry.kind === 'missing') {
		options.stdout(`Nothing to reset: there is no saved progress (${shown}).\n`);
		return 0;
	}
	// Checked before asking: a directory or a FIFO there is not a progress file, and is not ours to delete.
	if (entry.kind === 'not-a-file') return refuse(`${shown} is ${entry.what}, not a progress file`);
	if (!options.yes) {
		if (!options.ask) {
			options.stderr(`svc-tutor reset: not erasing ${shown} without asking, and there is no terminal to ask on; svc-tutor reset --yes erases it anyway.\n`);
			return EXIT_USAGE;
		}
		const answer = (await options.ask(`Erase your progress in ${shown}? This cannot be undone. [y/N] `)).trim().toLowerCase();
		if (answer !== 'y' && answer !== 'yes') {
			options.stdout('Kept your progress; nothing was erased.\n');
			return 0;
		}
	}
	let erased: ReturnType<typeof eraseProgress>;
	try {
		erased = eraseProgress(file);
	} catch (error) {
		return refuse(`could not erase ${shown}: ${reason(error)}`);
	}
	// It changed while the question was open.
	if (erased.kind === 'not-a-file') return refuse(`${shown} is ${erased.what}, not a progress file`);
	if (erased.kind === 'absent') {
		options.stdout(`Nothing to reset: there is no saved progress (${shown}).\n`);
		return 0;
	}
	options.stdout(`Erased your progress (${shown}). The next svc-tutor starts afresh.\n`);
	return 0;
}

/** An fs error as its code's meaning, without the call and path Node repeats (the line names the file already). */
function reason(error: unknown): string {
	const e = error as NodeJS.ErrnoException;
	const REASONS: Record<string, string> = {EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system', EBUSY: 'it is busy', ELOOP: 'too many symbolic links', ENOTDIR: 'a part of its path is not a directory'};
	return (e.code && REASONS[e.code]) ?? oneLine(e.message ?? String(error));
}

/** A y/N question on the terminal, or undefined without one. */
export function terminalAsk(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): ((question: string) => Promise<string>) | undefined {
	if (stdin.isTTY !== true || stdout.isTTY !== true) return undefined;
	return (question) =>
		new Promise((resolve) => {
			const rl = createInterface({input: stdin, output: stdout});
			let answered = false;
			const done = (answer: string): void => {
				if (answered) return;
				answered = true;
				rl.close();
				resolve(answer);
			};
			// Ctrl+C or Ctrl+D is a no, never a hang and never an erase.
			rl.on('SIGINT', () => {
				stdout.write('\n');
				done('');
			});
			rl.on('close', () => done(''));
			rl.question(question).then(done, () => done(''));
		});
}
