// Reading and writing progress.json. Reads validate with zod; a file that cannot be trusted is
// moved aside (never overwritten, never half-used) and the learner is told where it went. Writes
// are atomic (write-file-atomic: a temporary file, fsync, rename), so a crash or a full disk
// leaves the previous file whole.
import {lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, unlinkSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import {oneLine} from '../../commands/quote.js';
import {errorMessage as message, progressEntry, readProgressText} from './read.js';
import {describeProblem, parseProgress} from './schema.js';
import {freshProgress, newSeed, type Progress} from './types.js';
import {BackgroundWriter} from './background-writer.js';

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
	const read = readProgressText(file);
	if (read.kind === 'missing') return {progress: freshProgress(seed()), canSave: true, fresh: true};
	if (read.kind === 'not-a-file' || read.kind === 'unreadable') {
		// A FIFO, a directory, a device, or no permission: leave it alone and do not write over it.
		const what = read.kind === 'not-a-file' ? `${file} is ${read.what}, not a file` : `Could not read your progress (${read.error})`;
		return {
			progress: freshProgress(seed()),
			notice: notice(`${what}. This session starts afresh and will not be saved, so it stays as it is.`),
			canSave: false,
			fresh: true,
		};
	}
	const problem: Problem = read.kind === 'too-large' ? {why: `it is ${megabytes(read.bytes)}, far more than a progress file holds`} : problemOf(read.text);
	if (problem.progress) return {progress: problem.progress, canSave: true, fresh: false};
	const aside = `${file}.corrupt-${stamp((options.now ?? (() => new Date()))())}`;
	try {
		renameSync(file, aside);
	} catch (error) {
		return {
			progress: freshProgress(seed()),
			notice: notice(`Your progress file cannot be read (${problem.why}), and moving it aside failed (${message(error)}). This session will not be saved, so the file stays as it is: ${file}`),
			canSave: false,
			fresh: true,
		};
	}
	return {
		progress: freshProgress(seed()),
		notice: notice(`Your progress file could not be read (${problem.why}). It was moved to ${aside} and you start afresh.`),
		canSave: true,
		fresh: true,
	};
}

/** The notice is drawn inside the frame: bytes from the file (a JSON.parse excerpt, a key) must not reach the terminal raw. */
function notice(text: string): string {
	return oneLine(text);
}

function megabytes(bytes: number): string {
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

type Problem = {progress: Progress; why?: undefined} | {progress?: undefined; why: string};

function problemOf(text: string): Problem {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		return {why: text.trim() === '' ? 'it is empty' : `it is not valid JSON: ${message(error)}`};
	}
	const parsed = parseProgress(data);
	return parsed.success ? {progress: parsed.data} : {why: describeProblem(parsed.error)};
}

/** How long a write-file-atomic temporary file must have been left untouched before it counts as abandoned. */
export const STALE_TEMP_AGE_MS = 10 * 60 * 1000;

/**
 * Removes the temporary files that saves cut short (kill -9, a power cut) left beside the progress
 * file, and returns their names. write-file-atomic writes `<file>.<n>` next to the file's real path
 * (n: a 32-bit unsigned number, a hash of pid, thread and a counter, so the name does not say which
 * process wrote it) and renames it over the file; its exit hook deletes it on any other exit.
 *
 * The rule, so that no save still under way is touched, even another svc-tutor's in a second
 * terminal (started or running at the same time as this one): a file is removed only when
 * - its name is exactly write-file-atomic's for this file, `progress.json.` and digits (never a
 *   `.corrupt-<time>` file, which is the learner's), and
 * - it is a regular file (not a link, a directory or anything else), and
 * - it was last written more than STALE_TEMP_AGE_MS ago. A live process writes its temporary file
 *   in one go and renames it within milliseconds (or as long as fsync takes), so a save under way
 *   always has a fresh one. Only a process stopped (Ctrl+Z) in the middle of a save for longer
 *   than that loses its temporary file: its rename then fails, it says so, and its next save
 *   writes the progress whole again. progress.json itself is never touched here.
 */
export function removeStaleTempFiles(file: string, now: number = Date.now()): string[] {
	let real = file;
	try {
		real = realpathSync(file);
	} catch {
		// No file yet (or a dangling link): write-file-atomic then writes beside the path as given.
	}
	const dir = dirname(real);
	const name = basename(real);
	let entries: string[];
	try {
		entries = readdirSync(dir);
	} catch {
		return [];
	}
	const removed: string[] = [];
	for (const entry of entries) {
		if (!isTempName(entry, name)) continue;
		const path = join(dir, entry);
		try {
			const stats = lstatSync(path);
			if (!stats.isFile() || now - stats.mtimeMs <= STALE_TEMP_AGE_MS) continue;
			unlinkSync(path);
			removed.push(entry);
		} catch {
			// Gone already (another svc-tutor cleaned it) or not ours to remove: leave it.
		}
	}
	return removed;
}

function isTempName(entry: string, file: string): boolean {
	if (!entry.startsWith(`${file}.`)) return false;
	const suffix = entry.slice(file.length + 1);
	return /^(0|[1-9]\d{0,9})$/.test(suffix) && Number(suffix) <= 0xffff_ffff;
}

/** Saves progress in the background (BackgroundWriter: in order, latest state wins). */
export class ProgressSaver {
	private readonly writer: BackgroundWriter<Progress>;
	/** The last write's failure, cleared by the next success. */
	error: string | undefined;

	constructor(
		readonly file: string,
		private readonly onError: (message: string | undefined) => void = () => {},
	) {
		this.writer = new BackgroundWriter(file, serialise, (failure) => {
			if (failure === undefined) {
				if (this.error === undefined) return;
				this.error = undefined;
				this.onError(undefined);
				return;
			}
			this.error = `could not save progress to ${this.file}: ${message(failure)}`;
			this.onError(this.error);
		});
	}

	save(progress: Progress): void {
		this.writer.save(progress);
	}

	/** Resolves once everything asked for so far is on disk (or has failed). */
	flush(): Promise<void> {
		return this.writer.flush();
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

export type Erased = {kind: 'erased'} | {kind: 'absent'} | {kind: 'not-a-file'; what: string};

/**
 * `svc-tutor reset`: removes the file (a symbolic link to it: the link). Something that is not a
 * file (a directory, a FIFO) is not svc-tutor's to delete: it is left as it is. Files moved aside
 * earlier are kept: they are the learner's. Other failures (permissions) are thrown.
 */
export function eraseProgress(file: string): Erased {
	const entry = progressEntry(file);
	if (entry.kind === 'missing') return {kind: 'absent'};
	if (entry.kind === 'not-a-file') return entry;
	unlinkSync(file);
	return {kind: 'erased'};
}

