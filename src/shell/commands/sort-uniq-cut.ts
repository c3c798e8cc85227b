// sort (-n -r -u -k -t -b -h), uniq (-c -d -u -i) and cut (-d -f -c -b -s), as coreutils does them
// in the C locale: byte order, sort's whole-line last resort, uniq's `%7d ` counts.
import {fail, type Command} from '../types.js';
import {lines, readInputs, unlines} from './input.js';
import {all, getopt, has, last, OptionError, tryHelp} from './options.js';

interface Key {
	startField: number;
	startChar: number;
	endField: number;
	endChar: number;
	numeric: boolean;
	reverse: boolean;
	blanks: boolean;
}

function parseKey(spec: string, global: {numeric: boolean; reverse: boolean; blanks: boolean}): Key | string {
	const match = /^(\d+)(?:\.(\d+))?([bdfgiMhnRrV]*)(?:,(\d+)(?:\.(\d+))?([bdfgiMhnRrV]*))?$/.exec(spec);
	if (!match) {
		const start = /^\d*/.exec(spec)![0];
		return start === '' ? `sort: invalid number at field start: invalid count at start of '${spec}'` : `sort: stray character in field spec: invalid field specification '${spec}'`;
	}
	if (Number(match[1]) === 0) return `sort: field number is zero: invalid field specification '${spec}'`;
	const opts = `${match[3] ?? ''}${match[6] ?? ''}`;
	const own = opts !== '';
	return {
		startField: Number(match[1]),
		startChar: match[2] ? Number(match[2]) : 1,
		endField: match[4] ? Number(match[4]) : Infinity,
		endChar: match[5] ? Number(match[5]) : 0,
		numeric: own ? /[nhg]/.test(opts) : global.numeric,
		reverse: own ? opts.includes('r') : global.reverse,
		blanks: own ? opts.includes('b') : global.blanks,
	};
}

/** The fields of a line as sort sees them: with -t, split at the separator; else each field keeps its leading blanks. */
function sortFields(line: string, separator: string | undefined): string[] {
	if (separator !== undefined) return line.split(separator);
	return line.match(/[ \t]*[^ \t]+|[ \t]+$/g) ?? [''];
}

function keyText(line: string, key: Key, separator: string | undefined): string {
	const fields = sortFields(line, separator);
	const join = separator ?? '';
	let start = fields.slice(0, key.startField - 1).join(join).length + (key.startField > 1 && separator !== undefined ? 1 : 0);
	let field = fields[key.startField - 1] ?? '';
	if (key.blanks) start += field.length - field.trimStart().length, (field = field.trimStart());
	start += key.startChar - 1;
	let end: number;
	if (key.endField === Infinity) end = line.length;
	else {
		const endFieldStart = fields.slice(0, key.endField - 1).join(join).length + (key.endField > 1 && separator !== undefined ? 1 : 0);
		const endField = fields[key.endField - 1] ?? '';
		end = key.endChar === 0 ? endFieldStart + endField.length : endFieldStart + key.endChar;
	}
	return start >= line.length ? '' : line.slice(start, Math.max(start, end));
}

/** sort -n's number: optional blanks, a sign, digits and a decimal point; anything else is 0. */
function leadingNumber(text: string): number {
	const match = /^[ \t]*(-?\d*(?:\.\d*)?)/.exec(text);
	const value = Number(match?.[1] ?? '');
	return match?.[1] && match[1] !== '-' && match[1] !== '.' && !Number.isNaN(value) ? value : 0;
}

function byteCompare(a: string, b: string): number {
	const ba = Buffer.from(a);
	const bb = Buffer.from(b);
	return Buffer.compare(ba, bb);
}

export const sort: Command = (ctx, args, stdin) => {
	let parsed;
	try {
		parsed = getopt('sort', args.slice(1), [
			{key: 'n', short: 'n', long: 'numeric-sort'},
			{key: 'n', short: 'g', long: 'general-numeric-sort'},
			{key: 'n', short: 'h', long: 'human-numeric-sort'},
			{key: 'r', short: 'r', long: 'reverse'},
			{key: 'u', short: 'u', long: 'unique'},
			{key: 'b', short: 'b', long: 'ignore-leading-blanks'},
			{key: 'f', short: 'f', long: 'ignore-case'},
			{key: 'V', short: 'V', long: 'version-sort'},
			{key: 'k', short: 'k', long: 'key', value: 'required'},
			{key: 't', short: 't', long: 'field-separator', value: 'required'},
			{key: 'o', short: 'o', long: 'output', value: 'required'},
		]);
	} catch (error) {
		if (error instanceof OptionError) return fail(`${error.message}\n${tryHelp('sort')}`, 2);
		throw error;
	}
	const global = {numeric: has(parsed, 'n'), reverse: has(parsed, 'r'), blanks: has(parsed, 'b')};
	const separator = last(parsed, 't');
	if (separator !== undefined && separator.length !== 1) return fail(separator === '' ? 'sort: empty tab' : `sort: multi-character tab '${separator}'`, 2);
	const keys: Key[] = [];
	for (const spec of all(parsed, 'k')) {
		const key = parseKey(spec, global);
		if (typeof key === 'string') return fail(key, 2);
		keys.push(key);
	}
	let text = '';
	for (const input of readInputs(ctx, parsed.operands, stdin)) {
		if ('error' in input) return fail(input.error.code === 'EISDIR' ? `sort: read failed: ${input.name}: Is a directory` : `sort: cannot read: ${input.name}: ${input.error.text}`, 2);
		text += input.text === '' || input.text.endsWith('\n') ? input.text : `${input.text}\n`;
	}
	const fold = has(parsed, 'f');
	const compareText = (a: string, b: string, numeric: boolean): number => {
		if (numeric) return leadingNumber(a) - leadingNumber(b);
		return fold ? byteCompare(a.toUpperCase(), b.toUpperCase()) : byteCompare(a, b);
	};
	const effectiveKeys = keys.length > 0 ? keys : [{startField: 1, startChar: 1, endField: Infinity, endChar: 0, ...global}];
	const compareKeys = (a: string, b: string): number => {
		for (const key of effectiveKeys) {
			const ka = keys.length > 0 ? keyText(a, key, separator) : key.blanks ? a.trimStart() : a;
			const kb = keys.length > 0 ? keyText(b, key, separator) : key.blanks ? b.trimStart() : b;
			const c = compareText(ka, kb, key.numeric);
			if (c !== 0) return key.reverse ? -c : c;
		}
		return 0;
	};
	const unique = has(parsed, 'u');
	const sorted = lines(text).sort((a, b) => {
		const c = compareKeys(a, b);
		if (c !== 0 || unique) return c;
		// The last resort: the whole line, bytewise (reversed by -r too).
		const whole = byteCompare(a, b);
		return global.reverse ? -whole : whole;
	});
	const out = unique ? sorted.filter((line, i) => i === 0 || compareKeys(sorted[i - 1]!, line) !== 0) : sorted;
	const output = last(parsed, 'o');
	if (output !== undefined) {
		ctx.fs.write(output.startsWith('/') ? output : `${ctx.cwd}/${output}`.replace('//', '/'), unlines(out));
		return {stdout: '', stderr: '', status: 0};
	}
	return {stdout: unlines(out), stderr: '', status: 0};
};

export const uniq: Command = (ctx, args, stdin) => {
	let parsed;
	try {
		parsed = getopt('uniq', args.slice(1), [
			{key: 'c', short: 'c', long: 'count'},
			{key: 'd', short: 'd', long: 'repeated'},
			{key: 'u', short: 'u', long: 'unique'},
			{key: 'i', short: 'i', long: 'ignore-case'},
		]);
	} catch (error) {
		if (error instanceof OptionError) return fail(`${error.message}\n${tryHelp('uniq')}`);
		throw error;
	}
	if (parsed.operands.length > 2) return fail(`uniq: extra operand '${parsed.operands[2]}'\n${tryHelp('uniq')}`);
	const [input] = readInputs(ctx, parsed.operands.slice(0, 1), stdin);
	if (input === undefined || 'error' in input) return fail(`uniq: ${input?.name}: ${input && 'error' in input ? input.error.text : ''}`);
	const same = (a: string, b: string): boolean => (has(parsed, 'i') ? a.toLowerCase() === b.toLowerCase() : a === b);
	const groups: {line: string; count: number}[] = [];
	for (const line of lines(input.text)) {
		const lastGroup = groups[groups.length - 1];
		if (lastGroup && same(lastGroup.line, line)) lastGroup.count++;
		else groups.push({line, count: 1});
	}
	const kept = groups.filter((g) => (has(parsed, 'd') ? g.count > 1 : true) && (has(parsed, 'u') ? g.count === 1 : true));
	const text = kept.map((g) => (has(parsed, 'c') ? `${String(g.count).padStart(7)} ${g.line}\n` : `${g.line}\n`)).join('');
	const output = parsed.operands[1];
	if (output !== undefined) {
		ctx.fs.write(output.startsWith('/') ? output : `${ctx.cwd}/${output}`.replace('//', '/'), text);
		return {stdout: '', stderr: '', status: 0};
	}
	return {stdout: text, stderr: '', status: 0};
};

/** A cut LIST (`1,3-5,7-`) as a membership test over 1-based positions. */
function parseList(list: string, what: string): ((n: number) => boolean) | string {
	const ranges: [number, number][] = [];
	for (const part of list.split(',')) {
		const match = /^(\d*)(-?)(\d*)$/.exec(part);
		if (!match || (match[1] === '' && match[3] === '' )) return `cut: invalid ${what} value '${part}'`;
		const from = match[1] === '' ? 1 : Number(match[1]);
		const to = match[2] === '' ? from : match[3] === '' ? Infinity : Number(match[3]);
		if (from === 0 || (match[3] !== '' && Number(match[3]) === 0 && match[2] !== '')) return `cut: ${what}s are numbered from 1`;
		if (to < from) return 'cut: invalid decreasing range';
		ranges.push([from, to]);
	}
	return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

export const cut: Command = (ctx, args, stdin) => {
	let parsed;
	try {
		parsed = getopt('cut', args.slice(1), [
			{key: 'd', short: 'd', long: 'delimiter', value: 'required'},
			{key: 'f', short: 'f', long: 'fields', value: 'required'},
			{key: 'c', short: 'c', long: 'characters', value: 'required'},
			{key: 'b', short: 'b', long: 'bytes', value: 'required'},
			{key: 's', short: 's', long: 'only-delimited'},
			{key: 'od', long: 'output-delimiter', value: 'required'},
			{key: 'complement', long: 'complement'},
		]);
	} catch (error) {
		if (error instanceof OptionError) return fail(`${error.message}\n${tryHelp('cut')}`);
		throw error;
	}
	const fields = last(parsed, 'f');
	const chars = last(parsed, 'c') ?? last(parsed, 'b');
	const lists = [fields, last(parsed, 'c'), last(parsed, 'b')].filter((l) => l !== undefined);
	if (lists.length === 0) return fail(`cut: you must specify a list of bytes, characters, or fields\n${tryHelp('cut')}`);
	if (lists.length > 1) return fail(`cut: only one type of list may be specified\n${tryHelp('cut')}`);
	const delimiter = last(parsed, 'd') ?? '\t';
	if (fields === undefined && last(parsed, 'd') !== undefined) return fail(`cut: an input delimiter may be specified only when operating on fields\n${tryHelp('cut')}`);
	if (delimiter.length !== 1) return fail(`cut: the delimiter must be a single character\n${tryHelp('cut')}`);
	const selected = parseList((fields ?? chars)!, fields !== undefined ? 'field' : 'byte/character');
	if (typeof selected === 'string') return fail(`${selected}\n${tryHelp('cut')}`);
	const complement = has(parsed, 'complement');
	const pick = (n: number): boolean => selected(n) !== complement;
	const outDelimiter = last(parsed, 'od') ?? (fields !== undefined ? delimiter : '');
	let stdout = '';
	let stderr = '';
	for (const input of readInputs(ctx, parsed.operands, stdin)) {
		if ('error' in input) {
			stderr += `cut: ${input.name}: ${input.error.text}\n`;
			continue;
		}
		for (const line of lines(input.text)) {
			if (fields !== undefined) {
				if (!line.includes(delimiter)) {
					if (!has(parsed, 's')) stdout += `${line}\n`;
					continue;
				}
				stdout += `${line.split(delimiter).filter((_, i) => pick(i + 1)).join(outDelimiter)}\n`;
			} else {
				stdout += `${[...line].filter((_, i) => pick(i + 1)).join(outDelimiter)}\n`;
			}
		}
	}
	return {stdout, stderr, status: stderr === '' ? 0 : 1};
};
