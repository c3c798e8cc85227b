// A CommandIO that records what a command prints and serves files from memory.
import {readFileSync} from 'node:fs';
import type {CommandIO} from '../../src/commands/io.js';

export interface FakeIO extends CommandIO {
	out: string;
	err: string;
}

export function fakeIO(files: Record<string, string> = {}, stdin = ''): FakeIO {
	const io: FakeIO = {
		out: '',
		err: '',
		stdout: (text) => void (io.out += text),
		stderr: (text) => void (io.err += text),
		readFile: (path) => {
			if (path in files) return files[path]!;
			return readFileSync(path, 'utf8');
		},
		readStdin: async () => stdin,
	};
	return io;
}
