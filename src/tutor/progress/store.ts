// Reading and writing progress.json. Reads validate with zod; a file that cannot be trusted is
// moved aside (never overwritten, never half-used) and the learner is told where it went. Writes
// are atomic (write-file-atomic: a temporary file, fsync, rename), so a crash or a full disk
// leaves the previous file whole.
import {existsSync, mkdirSync, readFileSync, renameSync, unlinkSync} from 'node:fs';
import {mkdir} from 'node:fs/promises';
import {dirname} from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import {describeProblem, ProgressSchema} from './schema.js';
import {freshProgress, newSeed, type Progress} from './types.js';

export interface LoadedProgress {
	progress: Progress;
	/** Said to the learner on the home screen: what happened to an unreadable file. */
	notice?: string;
	/** False when an unreadable file could not be moved aside: saving would destroy it. */
	canSave: boolean;
	/** A new learner (no file before). */
	fresh: boolean;
}

export interface LoadOptions {
	now?: () => Date;
	seed?: () => number;
}

/** `2025-11-26T07-50-12-123Z`: sorts by time, and has no `:` (not allowed in Windows file names). */
export function stamp(date: Date): string {
	return date.toISOString().replace(/[:.]/g, '-');
}

export function loadProgress(file: string, options: LoadOptions = {}): LoadedProgress {
	const seed = options.seed ?? (() => newSeed());
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if (isMissing(error)) return {progress: freshProgress(seed()), canSave: true, fresh: true};
		// Unreadable (permissions, a directory in its place): leave it alone and do not write over it.
		return {
			progress: freshProgress(seed()),
			notice: `Could not read your progress (${message(error)}). This session starts afresh and will not be saved, so the file stays as it is.`,
			canSave: false,
			fresh: true,
		};
	}
	const problem = problemOf(text);
	if (problem.progress) return {progress: problem.progress, canSave: true, fresh: false};
	const aside = `${file}.corrupt-${stamp((options.now ?? (() => new Date()))())}`;
	try {
		renameSync(file, aside);
	} catch (error) {
		return {
			progress: freshProgress(seed()),
			notice: `Your progress file cannot be read (${problem.why}), and moving it aside failed (${message(error)}). This session will not be saved, so the file stays as it is: ${file}`,
			canSave: false,
			fresh: true,
		};
	}
	return {
		progress: freshProgress(seed()),
		notice: `Your progress file could not be read (${problem.why}). It was moved to ${aside} and you start afresh.`,
		canSave: true,
		fresh: true,
	};
}

function problemOf(text: string): {progress: Progress; why?: undefined} | {progress?: undefined; why: string} {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		return {why: text.trim() === '' ? 'it is empty' : `it is not valid JSON: ${message(error)}`};
	}
	const parsed = ProgressSchema.safeParse(data);
	return parsed.success ? {progress: parsed.data} : {why: describeProblem(parsed.error)};
}

/**
 * Saves in the background, in order, latest state wins: a save asked for while one is being
 * written replaces any other waiting one, so a burst of steps costs at most two writes.
 */
export class ProgressSaver {
	private waiting: Progress | undefined;
	private running: Promise<void> | undefined;
	/** The last write's failure, cleared by the next success. */
	error: string | undefined;

	constructor(
		readonly file: string,
		private readonly onError: (message: string | undefined) => void = () => {},
	) {}

	save(progress: Progress): void {
		this.waiting = progress;
		this.running ??= this.drain().finally(() => {
			this.running = undefined;
		});
	}

	/** Resolves once everything asked for so far is on disk (or has failed). */
	async flush(): Promise<void> {
		while (this.running) await this.running;
	}

	private async drain(): Promise<void> {
		for (let next = this.waiting; next; next = this.waiting) {
			this.waiting = undefined;
			try {
				await mkdir(dirname(this.file), {recursive: true});
				await writeFileAtomic(this.file, serialise(next));
				if (this.error !== undefined) {
					this.error = undefined;
					this.onError(undefined);
				}
			} catch (error) {
				this.error = `could not save progress to ${this.file}: ${message(error)}`;
				this.onError(this.error);
			}
		}
	}
}

export function serialise(progress: Progress): string {
	return JSON.stringify(progress, null, 2) + '\n';
}

/** For tests and tools: a synchronous atomic write. */
export function saveProgressSync(file: string, progress: Progress): void {
	mkdirSync(dirname(file), {recursive: true});
	writeFileAtomic.sync(file, serialise(progress));
}

/** `svc-tutor reset`: removes the file. Files moved aside earlier are kept: they are the learner's. */
export function eraseProgress(file: string): 'erased' | 'absent' {
	if (!existsSync(file)) return 'absent';
	unlinkSync(file);
	return 'erased';
}

function isMissing(error: unknown): boolean {
	return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

function message(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
