// GNU grep: -i -v -E -F -o -c -n -A -B -C -w -x -l -L -h -H -q -s -r -e; exit 0 when a line was
// selected, 1 when none, 2 on an error (unless -q found one).
import {resolvePath} from '../fs.js';
import {fail, type Command, type ShellContext} from '../types.js';
import {lines} from './input.js';
import {all, getopt, has, last, OptionError} from './options.js';
import {posixSource, RegexError} from './regex.js';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.";

const SPECS = [
	{key: 'i', short: 'i', long: 'ignore-case'},
	{key: 'i', short: 'y'},
	{key: 'v', short: 'v', long: 'invert-match'},
	{key: 'E', short: 'E', long: 'extended-regexp'},
	{key: 'F', short: 'F', long: 'fixed-strings'},
	{key: 'G', short: 'G', long: 'basic-regexp'},
	{key: 'o', short: 'o', long: 'only-matching'},
	{key: 'c', short: 'c', long: 'count'},
	{key: 'n', short: 'n', long: 'line-number'},
	{key: 'w', short: 'w', long: 'word-regexp'},
	{key: 'x', short: 'x', long: 'line-regexp'},
	{key: 'z', short: 'z', long: 'null-data'},
	{key: 'l', short: 'l', long: 'files-with-matches'},
	{key: 'L', short: 'L', long: 'files-without-match'},
	{key: 'h', short: 'h', long: 'no-filename'},
	{key: 'H', short: 'H', long: 'with-filename'},
	{key: 'q', short: 'q', long: 'quiet'},
	{key: 'q', long: 'silent'},
	{key: 's', short: 's', long: 'no-messages'},
	{key: 'r', short: 'r', long: 'recursive'},
	{key: 'r', short: 'R', long: 'dereference-recursive'},
	{key: 'e', short: 'e', long: 'regexp', value: 'required' as const},
	{key: 'A', short: 'A', long: 'after-context', value: 'required' as const},
	{key: 'B', short: 'B', long: 'before-context', value: 'required' as const},
	{key: 'C', short: 'C', long: 'context', value: 'required' as const},
	{key: 'm', short: 'm', long: 'max-count', value: 'required' as const},
	{key: 'color', long: 'color', value: 'optional' as const},
	{key: 'color', long: 'colour', value: 'optional' as const},
];

function contextNumber(value: string | undefined): number | undefined | 'bad' {
	if (value === undefined) return undefined;
	return /^\d+$/.test(value) ? Number(value) : 'bad';
}

/** The files under a directory, depth first in name order, as grep -r visits them (paths as typed). */
function walk(ctx: ShellContext, shown: string, path: string, out: {name: string; path: string}[]): void {
	for (const name of ctx.fs.list(path) ?? []) {
		const childPath = path === '/' ? `/${name}` : `${path}/${name}`;
		const childShown = shown.endsWith('/') ? `${shown}${name}` : `${shown}/${name}`;
		if (ctx.fs.isDirectory(childPath)) walk(ctx, childShown, childPath, out);
		else out.push({name: childShown, path: childPath});
	}
}

export const grep: Command = (ctx, args, stdin) => {
	let parsed;
	try {
		parsed = getopt('grep', args.slice(1), SPECS);
	} catch (error) {
		if (error instanceof OptionError) return fail(`${error.message}\n${USAGE}`, 2);
		throw error;
	}
	const operands = [...parsed.operands];
	let patterns = all(parsed, 'e');
	if (patterns.length === 0) {
		const first = operands.shift();
		if (first === undefined) return fail(USAGE, 2);
		patterns = [first];
	}
	const contexts = ['A', 'B', 'C'].map((k) => [k, contextNumber(last(parsed, k))] as const);
	for (const [k, n] of contexts) if (n === 'bad') return fail(`grep: ${last(parsed, k)}: invalid context length argument`, 2);
	const both = contexts[2]![1] as number | undefined;
	const after = (contexts[0]![1] as number | undefined) ?? both ?? 0;
	const before = (contexts[1]![1] as number | undefined) ?? both ?? 0;
	const maxCount = last(parsed, 'm');
	if (maxCount !== undefined && !/^-?\d+$/.test(maxCount)) return fail(`grep: invalid max count`, 2);
	const extended = has(parsed, 'E');
	const fixed = has(parsed, 'F');
	let source: string;
	try {
		// Each -e and each line of a pattern is one alternative.
		const alternatives = patterns.flatMap((p) => p.split('\n')).map((p) => (fixed ? p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : posixSource(p, extended)));
		source = alternatives.map((a) => `(?:${a})`).join('|');
	} catch (error) {
		if (error instanceof RegexError) return fail(`grep: ${error.message}`, 2);
		throw error;
	}
	if (has(parsed, 'w')) source = `(?<![\\w])(?:${source})(?![\\w])`;
	if (has(parsed, 'x')) source = `^(?:${source})$`;
	const regex = new RegExp(source, has(parsed, 'i') ? 'gi' : 'g');
	const invert = has(parsed, 'v');
	const recursive = has(parsed, 'r');
	const quiet = has(parsed, 'q');
	const silent = has(parsed, 's');

	const inputs: ({name: string; text: string} | {name: string; error: string})[] = [];
	const names = operands.length === 0 ? (recursive ? ['.'] : ['-']) : operands;
	for (const name of names) {
		if (name === '-') {
			inputs.push({name: '(standard input)', text: stdin});
			continue;
		}
		const path = resolvePath(ctx.cwd, name, ctx.env.HOME);
		if (ctx.fs.isDirectory(path)) {
			if (!recursive) {
				inputs.push({name, error: 'Is a directory'});
				continue;
			}
			const files: {name: string; path: string}[] = [];
			walk(ctx, operands.length === 0 ? '' : name, path, files);
			for (const file of files) inputs.push({name: file.name.replace(/^\//, operands.length === 0 ? '' : '/'), text: ctx.fs.read(file.path) ?? ''});
			continue;
		}
		const text = ctx.fs.read(path);
		inputs.push(text === undefined ? {name, error: 'No such file or directory'} : {name, text});
	}
	const withNames = has(parsed, 'H') || (!has(parsed, 'h') && (inputs.length > 1 || recursive));
	let stdout = '';
	let stderr = '';
	let selectedAny = false;
	let errors = false;
	for (const input of inputs) {
		if ('error' in input) {
			if (!silent) stderr += `grep: ${input.name}: ${input.error}\n`;
			errors = true;
			continue;
		}
		const prefix = withNames ? input.name : '';
		// -z: records end with NUL instead of newline (in and out).
		const eol = has(parsed, 'z') ? '\0' : '\n';
		const all = eol === '\n' ? lines(input.text) : input.text.split('\0').filter((r, i, a) => i < a.length - 1 || r !== '');
		const selected: boolean[] = all.map((line) => {
			regex.lastIndex = 0;
			return regex.test(line) !== invert;
		});
		let count = 0;
		const limit = maxCount === undefined || Number(maxCount) < 0 ? Infinity : Number(maxCount);
		const chosen: number[] = [];
		for (let i = 0; i < all.length && count < limit; i++) {
			if (selected[i]) {
				chosen.push(i);
				count++;
			}
		}
		if (count > 0) selectedAny = true;
		if (quiet) {
			if (selectedAny) return {stdout: '', stderr: '', status: 0};
			continue;
		}
		if (has(parsed, 'l')) {
			if (count > 0) stdout += `${input.name}\n`;
			continue;
		}
		if (has(parsed, 'L')) {
			if (count === 0) stdout += `${input.name}\n`;
			continue;
		}
		if (has(parsed, 'c')) {
			stdout += `${prefix === '' ? '' : `${prefix}:`}${count}\n`;
			continue;
		}
		const lineText = (i: number, sep: string): string => `${prefix === '' ? '' : `${prefix}${sep}`}${has(parsed, 'n') ? `${i + 1}${sep}` : ''}`;
		if (has(parsed, 'o')) {
			if (invert) continue;
			for (const i of chosen) {
				regex.lastIndex = 0;
				for (const match of all[i]!.matchAll(regex)) if (match[0] !== '') stdout += `${lineText(i, ':')}${match[0]}${eol}`;
			}
			continue;
		}
		let printedUpTo = -1;
		const lastChosen = chosen[chosen.length - 1];
		for (const i of chosen) {
			const from = Math.max(i - before, printedUpTo + 1);
			if ((before > 0 || after > 0) && printedUpTo >= 0 && from > printedUpTo + 1) stdout += '--\n';
			for (let j = from; j < i; j++) stdout += `${lineText(j, '-')}${all[j]}${eol}`;
			stdout += `${lineText(i, ':')}${all[i]}${eol}`;
			printedUpTo = i;
			let j = i + 1;
			// Trailing context stops at the next selected line (it prints as a match) or after the last match.
			for (; j <= i + after && j < all.length && !(selected[j] && (lastChosen === undefined || j <= lastChosen)); j++) {
				stdout += `${lineText(j, '-')}${all[j]}${eol}`;
				printedUpTo = j;
			}
		}
	}
	const status = errors && !(quiet && selectedAny) ? 2 : selectedAny ? 0 : 1;
	return {stdout, stderr, status};
};
