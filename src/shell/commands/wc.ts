// wc: lines, words, bytes (and -m characters) as coreutils prints them: the column width is the
// digits of the regular files' total size, at least 7 when an input is not a regular file (stdin),
// and 1 (no padding) when one count of one input is printed.
import {fail, type Command} from '../types.js';
import {readInputs} from './input.js';
import {getopt, has, OptionError, tryHelp} from './options.js';

export const wc: Command = (ctx, args, stdin) => {
	let parsed;
	try {
		parsed = getopt('wc', args.slice(1), [
			{key: 'l', short: 'l', long: 'lines'},
			{key: 'w', short: 'w', long: 'words'},
			{key: 'c', short: 'c', long: 'bytes'},
			{key: 'm', short: 'm', long: 'chars'},
			{key: 'L', short: 'L', long: 'max-line-length'},
		]);
	} catch (error) {
		if (error instanceof OptionError) return fail(`${error.message}\n${tryHelp('wc')}`);
		throw error;
	}
	let which = ['l', 'w', 'm', 'c', 'L'].filter((k) => has(parsed, k));
	if (which.length === 0) which = ['l', 'w', 'c'];
	const inputs = readInputs(ctx, parsed.operands, stdin);
	let stderr = '';
	const rows: {counts: number[]; name: string}[] = [];
	const totals = which.map(() => 0);
	let regularTotal = 0;
	let minimum = 1;
	for (const input of inputs) {
		if ('error' in input) {
			stderr += input.error.code === 'EISDIR' ? `wc: ${input.name}: read: Is a directory\n` : `wc: ${input.name}: ${input.error.text}\n`;
			if (input.error.code === 'EISDIR') rows.push({counts: which.map(() => 0), name: input.name});
			continue;
		}
		const {text} = input;
		const bytes = Buffer.byteLength(text);
		if (input.name === '-') minimum = 7;
		else regularTotal += bytes;
		const all: Record<string, number> = {
			l: (text.match(/\n/g) ?? []).length,
			w: text.split(/[ \t\n\r\f\v]+/).filter((w) => w !== '').length,
			c: bytes,
			m: [...text].length,
			L: Math.max(0, ...text.split('\n').map((l) => l.length)),
		};
		const counts = which.map((k) => all[k]!);
		counts.forEach((c, i) => (totals[i] = which[i] === 'L' ? Math.max(totals[i]!, c) : totals[i]! + c));
		rows.push({counts, name: input.name === '-' && parsed.operands.length === 0 ? '' : input.name});
	}
	let width = String(regularTotal).length;
	if (width < minimum) width = minimum;
	if (inputs.length === 1 && which.length === 1) width = 1;
	if (rows.length > 1) rows.push({counts: totals, name: 'total'});
	const stdout = rows.map((row) => `${row.counts.map((c) => String(c).padStart(width)).join(' ')}${row.name === '' ? '' : ` ${row.name}`}\n`).join('');
	return {stdout, stderr, status: stderr === '' ? 0 : 1};
};
