// Progress used to live in env-paths' default folder, ~/.config/svc-tutor-nodejs/. At start the
// files there move once into ~/.config/svc-tutor/, each atomically and never over a file already
// there: link() then unlink() (link fails if the name is taken, so a course started at the same
// moment cannot be overwritten, and between the two calls both names hold the same file); rename()
// where the file system has no hard links. The old folder goes only once it is empty (a learner's
// .corrupt- files keep it). Anything that cannot be moved stays where it is, and one notice says so.
import {linkSync, lstatSync, mkdirSync, renameSync, rmdirSync, unlinkSync} from 'node:fs';
import {join} from 'node:path';
import {oneLine} from '../../commands/quote.js';
import {configDir, legacyConfigDir, PROGRESS_FILE, SHELL_HISTORY_FILE} from './paths.js';
import {errorMessage} from './read.js';

/** Moves the old folder's files; returns the notice for the learner, if there is something to say. */
export function moveLegacyProgress(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
	const from = legacyConfigDir(env, platform);
	if (from === undefined) return undefined;
	const to = configDir(env, platform);
	const oldProgress = join(from, PROGRESS_FILE);
	let old: 'missing' | 'file';
	try {
		old = kind(oldProgress);
	} catch (error) {
		return `Progress from an earlier version in ${oneLine(from)} could not be looked at (${oneLine(errorMessage(error))}): it is left there, and this course saves in ${oneLine(to)}.`;
	}
	// Only the history, or nothing: moved quietly if it can be, never worth a notice.
	if (old === 'missing') {
		moveIfFree(join(from, SHELL_HISTORY_FILE), join(to, SHELL_HISTORY_FILE), to);
		removeIfEmpty(from);
		return undefined;
	}
	try {
		if (kind(join(to, PROGRESS_FILE)) === 'file') {
			return `Saved progress is in both ${shown(to, env)} (used) and ${shown(from, env)} (an earlier version's, left as it is).`;
		}
	} catch (error) {
		return `Progress from an earlier version in ${oneLine(from)} was not moved: ${oneLine(join(to, PROGRESS_FILE))} could not be looked at (${oneLine(errorMessage(error))}).`;
	}
	try {
		moveOrFail(oldProgress, join(to, PROGRESS_FILE), to);
	} catch (error) {
		return `Progress from an earlier version in ${oneLine(oldProgress)} could not be moved to ${oneLine(to)} (${oneLine(errorMessage(error))}): it is left there.`;
	}
	moveIfFree(join(from, SHELL_HISTORY_FILE), join(to, SHELL_HISTORY_FILE), to);
	removeIfEmpty(from);
	return undefined;
}

/** A path as the learner knows it: ~ for the home folder, control characters escaped. */
function shown(path: string, env: NodeJS.ProcessEnv): string {
	const home = env.HOME;
	return oneLine(home && path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path);
}

/** A regular file or nothing; anything else there (a folder, a FIFO) is not ours to move, so an error. */
function kind(path: string): 'missing' | 'file' {
	try {
		const stat = lstatSync(path);
		if (stat.isFile()) return 'file';
		throw new Error('not a regular file');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
		throw error;
	}
}

function moveOrFail(from: string, to: string, dir: string): void {
	mkdirSync(dir, {recursive: true});
	try {
		linkSync(from, to);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
		// No hard links here: rename, after making sure the name is still free.
		if (kind(to) !== 'missing') throw Object.assign(new Error(`${to} exists`), {code: 'EEXIST'});
		renameSync(from, to);
		return;
	}
	unlinkSync(from);
}

function moveIfFree(from: string, to: string, dir: string): void {
	try {
		if (kind(from) === 'file') moveOrFail(from, to, dir);
	} catch {
		// Taken or unreadable: the history stays where it is (it is a convenience, not progress).
	}
}

function removeIfEmpty(dir: string): void {
	try {
		rmdirSync(dir);
	} catch {
		// Not empty (or not there): left alone.
	}
}
