// The real process behind CommandIO: files from disk, standard input read as a stream, and output
// that ends quietly when its reader goes away, as Unix tools do.
import {fstatSync, readFileSync} from 'node:fs';
import {EXIT_BROKEN_PIPE, UsageError, type CommandIO} from './io.js';

/**
 * Everything a stream delivers, to its end. Standard input is read as a stream, never with
 * readFileSync(0): a pipe from another Node process is non-blocking, and a synchronous read of it
 * fails with EAGAIN whenever the writer has not written yet.
 */
export async function readStream(stream: NodeJS.ReadableStream, name = 'standard input'): Promise<string> {
	const chunks: Buffer[] = [];
	try {
		for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageError(`${name}: ${code === 'EISDIR' ? 'is a directory' : code ?? (error as Error).message}`);
	}
	// Decoded once, whole: a character split across two chunks stays one character.
	return Buffer.concat(chunks).toString('utf8');
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
		readFile: (path) => readFileSync(path, 'utf8'),
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
