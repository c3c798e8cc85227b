// Reading a text tool's inputs: its FILE operands (or stdin, or `-`), as the session's files hold them.
import {FileSystemError, resolvePath} from '../fs.js';
import type {ShellContext} from '../types.js';

export type Input = {name: string; text: string} | {name: string; error: FileSystemError};

/** Each operand's text or error; stdin when there are none. `-` is stdin too. */
export function readInputs(ctx: ShellContext, operands: readonly string[], stdin: string): Input[] {
	if (operands.length === 0) return [{name: '-', text: stdin}];
	return operands.map((name) => {
		if (name === '-') return {name, text: stdin};
		const path = resolvePath(ctx.cwd, name, ctx.env.HOME);
		const text = ctx.fs.read(path);
		if (text !== undefined) return {name, text};
		const code = ctx.fs.isDirectory(path) ? 'EISDIR' : 'ENOENT';
		return {name, error: new FileSystemError(code, path)};
	});
}

/** Text as lines, without the newline of the last one; '' is no line at all. */
export function lines(text: string): string[] {
	if (text === '') return [];
	const all = text.split('\n');
	if (all[all.length - 1] === '') all.pop();
	return all;
}

/** Lines back to text, each ending with a newline. */
export function unlines(list: readonly string[]): string {
	return list.length === 0 ? '' : `${list.join('\n')}\n`;
}
