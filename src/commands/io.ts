// What a command may do to the outside world, passed in so commands run the same in tests and in
// the real binary: print, read files, read stdin. A command returns its exit status.

export interface CommandIO {
	stdout(text: string): void;
	stderr(text: string): void;
	readFile(path: string): string;
	/** All of standard input, read to its end. Asynchronous: a pipe may deliver it late, or in pieces. */
	readStdin(): Promise<string>;
}

/** A mistake in how the command was called or in its input: one line to stderr, exit status 2. */
export class UsageError extends Error {
	override readonly name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
/** A bug in svc-tutor itself (sysexits' EX_SOFTWARE): one line to stderr, never a stack. */
export const EXIT_INTERNAL = 70;
/** The reader of standard output went away (`| head -1`): the status a shell reports for a tool killed by SIGPIPE, 128 + 13. */
export const EXIT_BROKEN_PIPE = 141;
