// What a command may do to the outside world, passed in so commands run the same in tests and in
// the real binary: print, read files, read stdin. A command returns its exit status.

export interface CommandIO {
	stdout(text: string): void;
	stderr(text: string): void;
	readFile(path: string): string;
	readStdin(): string;
}

/** A mistake in how the command was called or in its input: one line to stderr, exit status 2. */
export class UsageError extends Error {
	override readonly name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
