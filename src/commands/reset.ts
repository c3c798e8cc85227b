// `svc-tutor reset`: erases saved progress, after asking. Without a terminal to ask on, it
// refuses unless --yes says so. Files moved aside as corrupted are left alone: they are the
// learner's to keep or delete.
import {existsSync} from 'node:fs';
import {createInterface} from 'node:readline/promises';
import {configDir, progressPath} from '../tutor/progress/paths.js';
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
	const file = progressPath(configDir(options.env));
	if (!existsSync(file)) {
		options.stdout(`Nothing to reset: there is no saved progress (${file}).\n`);
		return 0;
	}
	if (!options.yes) {
		if (!options.ask) {
			options.stderr(`svc-tutor reset: not erasing ${file} without asking, and there is no terminal to ask on.\nRun svc-tutor reset --yes to erase it anyway.\n`);
			return EXIT_USAGE;
		}
		const answer = (await options.ask(`Erase your progress in ${file}? This cannot be undone. [y/N] `)).trim().toLowerCase();
		if (answer !== 'y' && answer !== 'yes') {
			options.stdout('Kept your progress; nothing was erased.\n');
			return 0;
		}
	}
	eraseProgress(file);
	options.stdout(`Erased your progress (${file}). The next svc-tutor starts afresh.\n`);
	return 0;
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
