// head and tail: -n N, -N (the old form), -c N, head's `-n -N` (all but the last N), tail's
// `-n +N` (from line N); headers `==> FILE <==` with several files; GNU's error words.
import {fail, type Command, type ShellContext} from '../types.js';
import {readInputs} from './input.js';
import {getopt, has, last, OptionError, tryHelp} from './options.js';

type Tool = 'head' | 'tail';

function run(tool: Tool, ctx: ShellContext, args: readonly string[], stdin: string) {
	// `head -5`, `tail -20`: the obsolete count form, first argument only.
	let rest = args.slice(1);
	let obsolete: string | undefined;
	if (rest[0] !== undefined && /^-\d+$/.test(rest[0])) {
		obsolete = rest[0].slice(1);
		rest = rest.slice(1);
	} else if (tool === 'tail' && rest[0] !== undefined && /^\+\d+$/.test(rest[0])) {
		obsolete = rest[0];
		rest = rest.slice(1);
	}
	let parsed;
	try {
		parsed = getopt(tool, rest, [
			{key: 'n', short: 'n', long: 'lines', value: 'required'},
			{key: 'c', short: 'c', long: 'bytes', value: 'required'},
			{key: 'q', short: 'q', long: 'quiet'},
			{key: 'q', long: 'silent'},
			{key: 'v', short: 'v', long: 'verbose'},
			...(tool === 'tail' ? [{key: 'f', short: 'f', long: 'follow', value: 'optional' as const}, {key: 'F', short: 'F'}] : []),
		]);
	} catch (error) {
		if (error instanceof OptionError) return fail(`${error.message}\n${tryHelp(tool)}`);
		throw error;
	}
	const bytes = last(parsed, 'c');
	const count = bytes ?? last(parsed, 'n') ?? obsolete ?? '10';
	const unit = bytes !== undefined ? 'bytes' : 'lines';
	const match = /^([+-]?)(\d+)$/.exec(count);
	if (!match) return fail(`${tool}: invalid number of ${unit}: '${count}'`);
	const sign = match[1]!;
	const n = Number(match[2]);
	const inputs = readInputs(ctx, parsed.operands, stdin);
	const headers = has(parsed, 'v') || (inputs.length > 1 && !has(parsed, 'q'));
	let stdout = '';
	let stderr = '';
	inputs.forEach((input, index) => {
		if ('error' in input) {
			stderr += tool === 'head' ? (input.error.code === 'EISDIR' ? `head: error reading '${input.name}': Is a directory\n` : `head: cannot open '${input.name}' for reading: ${input.error.text}\n`) : input.error.code === 'EISDIR' ? `tail: error reading '${input.name}': Is a directory\n` : `tail: cannot open '${input.name}' for reading: ${input.error.text}\n`;
			return;
		}
		if (headers) stdout += `${index > 0 ? '\n' : ''}==> ${input.name === '-' ? 'standard input' : input.name} <==\n`;
		stdout += slice(tool, input.text, unit, sign, n);
	});
	return {stdout, stderr, status: stderr === '' ? 0 : 1};
}

/** The part of text that head or tail prints. */
function slice(tool: Tool, text: string, unit: 'lines' | 'bytes', sign: string, n: number): string {
	if (unit === 'bytes') {
		const buffer = Buffer.from(text);
		if (tool === 'head') return (sign === '-' ? buffer.subarray(0, Math.max(0, buffer.length - n)) : buffer.subarray(0, n)).toString();
		return (sign === '+' ? buffer.subarray(Math.max(0, n - 1)) : buffer.subarray(Math.max(0, buffer.length - n))).toString();
	}
	// Lines keep their newlines; a last line without one stays without.
	const pieces = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
	if (tool === 'head') return (sign === '-' ? pieces.slice(0, Math.max(0, pieces.length - n)) : pieces.slice(0, n)).join('');
	return (sign === '+' ? pieces.slice(Math.max(0, n - 1)) : pieces.slice(Math.max(0, pieces.length - n))).join('');
}

export const head: Command = (ctx, args, stdin) => run('head', ctx, args, stdin);
export const tail: Command = (ctx, args, stdin) => run('tail', ctx, args, stdin);
