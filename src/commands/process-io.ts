// The real process behind CommandIO: files from disk, standard input read as a stream, and output
// that ends quietly when its reader goes away, as Unix tools do.
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {EXIT_BROKEN_PIPE, UsageError, type CommandIO} from './io.js';

/**
 * The most of one input svc-tutor reads. The largest scenario (200 nodes, 20,000 Services) prints
 * about 70 MB; past this, the input is refused instead of read until memory runs out (`-f /dev/zero`)
 * or past the longest string Node can hold (512 MB).
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;
export const TOO_LARGE = `larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB, the most svc-tutor reads`;

/**
 * Everything a stream delivers, to its end. Standard input is read as a stream, never with
 * readFileSync(0): a pipe from another Node process is non-blocking, and a synchronous read of it
 * fails with EAGAIN whenever the writer has not written yet.
 */
export async function readStream(stream: NodeJS.ReadableStream, name = 'standard input', limit = MAX_INPUT_BYTES): Promise<string> {
	const chunks: Buffer[] = [];
	let total = 0;
	try {
		for await (const chunk of stream) {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			total += bytes.length;
			if (total > limit) break;
			chunks.push(bytes);
		}
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageError(`${name}: ${code === 'EISDIR' ? 'is a directory' : code ?? (error as Error).message}`);
	}
	// Leaving the loop early destroys the stream: the writer gets EPIPE, as from head.
	if (total > limit) throw new UsageError(`${name}: ${TOO_LARGE}`);
	// Decoded once, whole: a character split across two chunks stays one character.
	return Buffer.concat(chunks).toString('utf8');
}

/**
 * A file's text, read in pieces up to MAX_INPUT_BYTES: a device or a FIFO has no size to check
 * first. Throws the system's error (ENOENT, EISDIR…), or one with code EFBIG past the limit.
 */
export function readFileLimited(path: string, limit = MAX_INPUT_BYTES): string {
	const fd = openSync(path, 'r');
	try {
		const chunks: Buffer[] = [];
		let total = 0;
		for (;;) {
			const chunk = Buffer.allocUnsafe(1 << 20);
			const read = readSync(fd, chunk, 0, chunk.length, null);
			if (read === 0) break;
			total += read;
			if (total > limit) throw Object.assign(new Error(TOO_LARGE), {code: 'EFBIG'});
			chunks.push(chunk.subarray(0, read));
		}
		return Buffer.concat(chunks, total).toString('utf8');
	} finally {
		closeSync(fd);
	}
}

function isDirectory(fd: number): boolean {
	try {
		return fstatSync(fd).isDirectory();
	} catch {
		return false;
	}
}

export function processIO(): CommandIO {
	return {
		stdout: (text) => void process.stdout.write(text),
		stderr: (text) => void process.stderr.write(text),
		readFile: (path) => readFileLimited(path),
		readStdin: async () => {
			// A directory reads as nothing at all: say what it is, as cat does.
			if (isDirectory(0)) throw new UsageError('standard input is a directory');
			return readStream(process.stdin);
		},
	};
}

/** Output could not be written (`> /dev/full`): sysexits' EX_IOERR. */
const EXIT_OUTPUT_ERROR = 74;

/**
 * `svc-tutor scenario | head -1`: once head has read its line and gone, writing fails with EPIPE.
 * A Unix tool is killed by SIGPIPE there, silently, and the shell reports status 141; Node ignores
 * SIGPIPE, so do the same by hand instead of dying of an unhandled 'error' event with a stack.
 * Any other write error (a full disk) is said in one line when stderr still works.
 */
export function endQuietlyOnClosedOutput(): void {
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(EXIT_BROKEN_PIPE);
		process.stderr.write(`svc-tutor: cannot write standard output: ${error.code ?? error.message}\n`);
		process.exit(EXIT_OUTPUT_ERROR);
	});
	// stderr's own errors have nowhere to be reported.
	process.stderr.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? EXIT_BROKEN_PIPE : EXIT_OUTPUT_ERROR));
}
