// Reading progress.json's bytes without ever blocking, for the first frame's quick look (peek.ts)
// and the validating loader (store.ts) alike. Only fs, no zod: peek.ts runs before anything heavy
// is loaded. A FIFO in its place would block a plain read until some writer came along (the course
// hung before its first frame); a directory, socket or device is not a progress file either. So
// the type is checked first (stat, which follows a symlink as the writer does), and the file is
// then opened non-blocking and checked again on the open descriptor, in case it was swapped since.
import {closeSync, constants, fstatSync, openSync, readFileSync, statSync, type Stats} from 'node:fs';

/** Far more than any progress file holds (a few KB); anything bigger is not one, and is not read into memory. */
export const MAX_PROGRESS_BYTES = 4 * 1024 * 1024;

export type ProgressText =
	| {kind: 'missing'}
	| {kind: 'text'; text: string}
	/** Not a regular file: `what` says what it is, e.g. "a named pipe (FIFO)". */
	| {kind: 'not-a-file'; what: string}
	| {kind: 'too-large'; bytes: number}
	| {kind: 'unreadable'; error: string};

const UTF8_BOM = '\uFEFF';

export function readProgressText(file: string): ProgressText {
	let stats: Stats;
	try {
		stats = statSync(file);
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ENOENT' ? {kind: 'missing'} : {kind: 'unreadable', error: errorMessage(error)};
	}
	const wrong = unlikeAFile(stats);
	if (wrong) return wrong;
	let fd: number;
	try {
		// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. O_NOCTTY: a
		// terminal device put here must not become the process's controlling terminal.
		fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ENOENT' ? {kind: 'missing'} : {kind: 'unreadable', error: errorMessage(error)};
	}
	try {
		const again = unlikeAFile(fstatSync(fd));
		if (again) return again;
		const text = readFileSync(fd, 'utf8');
		// A byte-order mark (some Windows editors write one) is not part of the JSON.
		return {kind: 'text', text: text.startsWith(UTF8_BOM) ? text.slice(UTF8_BOM.length) : text};
	} catch (error) {
		return {kind: 'unreadable', error: errorMessage(error)};
	} finally {
		closeSync(fd);
	}
}

/** What is at the progress file's place, without reading it: nothing, a file (or a link to one), or something else. */
export function progressEntry(file: string): {kind: 'missing'} | {kind: 'file'} | {kind: 'not-a-file'; what: string} {
	let stats: Stats;
	try {
		stats = statSync(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {kind: 'missing'};
		throw error;
	}
	return stats.isFile() ? {kind: 'file'} : {kind: 'not-a-file', what: fileType(stats)};
}

function unlikeAFile(stats: Stats): ProgressText | undefined {
	if (!stats.isFile()) return {kind: 'not-a-file', what: fileType(stats)};
	if (stats.size > MAX_PROGRESS_BYTES) return {kind: 'too-large', bytes: stats.size};
	return undefined;
}

/** What a file system entry is, in words, e.g. "a directory". */
export function fileType(stats: Stats): string {
	if (stats.isFile()) return 'a file';
	if (stats.isDirectory()) return 'a directory';
	if (stats.isFIFO()) return 'a named pipe (FIFO)';
	if (stats.isSocket()) return 'a socket';
	if (stats.isCharacterDevice()) return 'a character device';
	if (stats.isBlockDevice()) return 'a block device';
	if (stats.isSymbolicLink()) return 'a symbolic link';
	return 'not a regular file';
}

export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
