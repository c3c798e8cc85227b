// The node shell's history: `shell-history` beside progress.json, one line per entry, oldest
// first, as bash keeps ~/.bash_history. It is the only thing the shell writes (the course's
// progress is not its business). Kept to the last SHELL_HISTORY_SIZE lines (bash's HISTFILESIZE
// is 500 by default; a learner practising for an exam types more). Writes are atomic, as
// progress.json's are; a file that cannot be read is ignored with one notice and never crashes the
// shell: unreadable or not a file, it is left alone and not written this session; not text (NUL
// bytes, invalid UTF-8), the session starts with no history and writes over it.
import {join} from 'node:path';
import {oneLine} from '../../commands/quote.js';
import {errorMessage, readProgressText} from './read.js';
import {SHELL_HISTORY_FILE} from './paths.js';
import {BackgroundWriter} from './background-writer.js';

export {SHELL_HISTORY_FILE} from './paths.js';
/** Lines kept, the newest. */
export const SHELL_HISTORY_SIZE = 1000;

export function shellHistoryPath(configDir: string): string {
	return join(configDir, SHELL_HISTORY_FILE);
}

export interface LoadedHistory {
	lines: string[];
	/** Said once, in the shell, when the file could not be used. */
	notice?: string;
	/** False when the file is not ours to write over (a directory, no permission). */
	canSave: boolean;
}

export function loadShellHistory(file: string): LoadedHistory {
	const read = readProgressText(file);
	if (read.kind === 'missing') return {lines: [], canSave: true};
	if (read.kind === 'not-a-file') return {lines: [], canSave: false, notice: oneLine(`svc-tutor: ${file} is ${read.what}, not a file: the shell history is not read or saved this session`)};
	if (read.kind === 'unreadable') return {lines: [], canSave: false, notice: oneLine(`svc-tutor: could not read the shell history (${read.error}): it is not saved this session`)};
	if (read.kind === 'too-large' || /[\0\uFFFD]/.test(read.text)) {
		return {lines: [], canSave: true, notice: oneLine(`svc-tutor: ${file} is not a shell history (${read.kind === 'too-large' ? 'far too large' : 'not text'}): it is ignored, and replaced by this session's`)};
	}
	const lines = read.text.split('\n');
	if (lines.at(-1) === '') lines.pop();
	return {lines: lines.filter((l) => l.trim() !== '').slice(-SHELL_HISTORY_SIZE), canSave: true};
}

/** The file's text for these lines: the newest SHELL_HISTORY_SIZE, a line each (a line typed with newlines in it is several, as bash saves it). */
export function historyText(lines: readonly string[]): string {
	const split = lines.flatMap((l) => l.split('\n')).filter((l) => l.trim() !== '');
	const kept = split.slice(-SHELL_HISTORY_SIZE);
	return kept.length === 0 ? '' : `${kept.join('\n')}\n`;
}

/** Saves in the background (BackgroundWriter: in order, the latest lines winning); a failure is told once. */
export class ShellHistorySaver {
	private readonly writer: BackgroundWriter<readonly string[]>;
	error: string | undefined;

	constructor(
		readonly file: string,
		private readonly onError: (message: string) => void = () => {},
	) {
		this.writer = new BackgroundWriter(file, historyText, (failure) => {
			if (failure === undefined) return;
			const first = this.error === undefined;
			this.error = oneLine(`svc-tutor: could not save the shell history to ${this.file}: ${errorMessage(failure)}`);
			if (first) this.onError(this.error);
		});
	}

	save(lines: readonly string[]): void {
		this.writer.save(lines);
	}

	flush(): Promise<void> {
		return this.writer.flush();
	}
}
