// GNU sed's everyday part: -n, -e, -E/-r, -i (in place, through the file system, so an edited
// static Pod manifest reaches the kubelet); addresses N, $, /re/, ranges A,B and `!`; commands
// s///[gpiN], p, d, q, =; errors worded `sed: -e expression #1, char 4: unterminated `s' command`.
import {resolvePath} from '../fs.js';
import {fail, type Command} from '../types.js';
import {readInputs} from './input.js';
import {all, getopt, has, OptionError} from './options.js';
import {posixSource, RegexError} from './regex.js';

/** GNU sed's usage (4.9), printed after an option error or with no script. */
const USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.`;

type Address = {kind: 'line'; n: number} | {kind: 'last'} | {kind: 'regex'; regex: RegExp};

interface SedCommand {
	from?: Address;
	to?: Address;
	negate: boolean;
	name: 's' | 'p' | 'd' | 'q' | '=' | 'P' | 'x' | 'h' | 'H' | 'g' | 'G' | 'n';
	regex?: RegExp;
	replacement?: string;
	global?: boolean;
	print?: boolean;
	occurrence?: number;
	/** A range is open (its first address matched) while it runs. */
	active?: boolean;
}

class SedError extends Error {}

function parseScript(script: string, expression: number, extended: boolean): SedCommand[] {
	const commands: SedCommand[] = [];
	let i = 0;
	const error = (message: string, at = i): SedError => new SedError(`sed: -e expression #${expression}, char ${at}: ${message}`);
	const regexUntil = (delimiter: string): string => {
		let text = '';
		for (;;) {
			if (i >= script.length) throw error(`unterminated address regex`);
			const c = script[i]!;
			if (c === '\\' && script[i + 1] === delimiter) {
				text += delimiter;
				i += 2;
			} else if (c === '\\') {
				text += c + (script[i + 1] ?? '');
				i += 2;
			} else if (c === delimiter) {
				i++;
				return text;
			} else {
				text += c;
				i++;
			}
		}
	};
	const compile = (source: string, flags: string): RegExp => {
		try {
			return new RegExp(posixSource(source, extended), flags);
		} catch (e) {
			if (e instanceof RegexError) throw error(e.message);
			throw error('Invalid regular expression');
		}
	};
	const address = (): Address | undefined => {
		const c = script[i];
		if (c === undefined) return undefined;
		if (/\d/.test(c)) {
			const n = /^\d+/.exec(script.slice(i))![0];
			i += n.length;
			if (Number(n) === 0) throw error('invalid usage of line address 0', i + 1);
			return {kind: 'line', n: Number(n)};
		}
		if (c === '$') {
			i++;
			return {kind: 'last'};
		}
		if (c === '/' || c === '\\') {
			let delimiter = '/';
			if (c === '\\') {
				delimiter = script[i + 1] ?? '';
				i++;
			}
			i++;
			const source = regexUntil(delimiter);
			let flags = '';
			if (script[i] === 'I') {
				flags = 'i';
				i++;
			}
			return {kind: 'regex', regex: compile(source, flags)};
		}
		return undefined;
	};
	while (i < script.length) {
		while (i < script.length && /[\s;]/.test(script[i]!)) i++;
		if (i >= script.length) break;
		const from = address();
		let to: Address | undefined;
		if (from && script[i] === ',') {
			i++;
			to = address();
			if (!to) throw error('unexpected `,\'');
		}
		while (script[i] === ' ') i++;
		let negate = false;
		while (script[i] === '!') {
			negate = true;
			i++;
		}
		const name = script[i];
		i++;
		if (name === undefined) throw error('missing command');
		const command: SedCommand = {...(from ? {from} : {}), ...(to ? {to} : {}), negate, name: name as SedCommand['name']};
		if (name === 's') {
			const delimiter = script[i];
			if (delimiter === undefined || delimiter === '\n' || delimiter === '\\') throw error("unterminated `s' command");
			i++;
			let pattern = '';
			let replacement = '';
			for (const target of ['pattern', 'replacement'] as const) {
				let text = '';
				for (;;) {
					if (i >= script.length) throw error("unterminated `s' command");
					const c = script[i]!;
					if (c === '\\' && script[i + 1] === delimiter) {
						text += target === 'pattern' ? `\\${delimiter}` : delimiter;
						i += 2;
					} else if (c === '\\') {
						text += c + (script[i + 1] ?? '');
						i += 2;
					} else if (c === delimiter) {
						i++;
						break;
					} else {
						text += c;
						i++;
					}
				}
				if (target === 'pattern') pattern = text;
				else replacement = text;
			}
			let flags = 'g';
			let global = false;
			let print = false;
			let occurrence = 1;
			for (; i < script.length && !/[;\n}\s]/.test(script[i]!); i++) {
				const f = script[i]!;
				if (f === 'g') global = true;
				else if (f === 'p') print = true;
				else if (f === 'i' || f === 'I') flags += 'i';
				else if (/\d/.test(f)) {
					const n = /^\d+/.exec(script.slice(i))![0];
					occurrence = Number(n);
					i += n.length - 1;
				} else throw error("unknown option to `s'", i + 1);
			}
			// A delimiter other than / is a plain character inside the regex.
			const source = delimiter === '/' ? pattern : pattern.split(`\\${delimiter}`).join(delimiter);
			command.regex = compile(source === '' ? '(?:)' : source, flags);
			Object.assign(command, {replacement, global, print, occurrence});
		} else if ('aicyltTbrRwWeFzDN:{}'.includes(name)) {
			throw error(`the \`${name}' command is not supported by this shell's sed (s, p, d, q, =, n, x, h, H, g, G are)`);
		} else if (!'pdq=Pxh HgGn'.replace(' ', '').includes(name)) {
			throw error(`unknown command: \`${name}'`);
		}
		while (i < script.length && script[i] === ' ') i++;
		if (i < script.length && !/[;\n}]/.test(script[i]!)) throw error('extra characters after command', i + 1);
		commands.push(command);
	}
	return commands;
}

/** The replacement text for one match: `&`, `\1`…`\9`, `\n`, `\\`. */
function replace(replacement: string, match: RegExpExecArray): string {
	let out = '';
	for (let i = 0; i < replacement.length; i++) {
		const c = replacement[i]!;
		if (c === '&') out += match[0];
		else if (c === '\\' && i + 1 < replacement.length) {
			const n = replacement[++i]!;
			if (/\d/.test(n)) out += match[Number(n)] ?? '';
			else if (n === 'n') out += '\n';
			else if (n === 't') out += '\t';
			else out += n;
		} else out += c;
	}
	return out;
}

function substitute(line: string, command: SedCommand): {text: string; done: boolean} {
	const regex = command.regex!;
	regex.lastIndex = 0;
	let out = '';
	let position = 0;
	let count = 0;
	let done = false;
	for (let match = regex.exec(line); match; match = regex.exec(line)) {
		count++;
		if (count >= command.occurrence! && (command.global || count === command.occurrence)) {
			out += line.slice(position, match.index) + replace(command.replacement!, match);
			position = match.index + match[0].length;
			done = true;
			if (!command.global) break;
		}
		if (match[0] === '') regex.lastIndex++;
	}
	return {text: done ? out + line.slice(position) : line, done};
}

function matches(address: Address, line: string, lineNo: number, isLast: boolean): boolean {
	if (address.kind === 'line') return lineNo === address.n;
	if (address.kind === 'last') return isLast;
	address.regex.lastIndex = 0;
	return address.regex.test(line);
}

function selects(command: SedCommand, line: string, lineNo: number, isLast: boolean): boolean {
	let hit: boolean;
	if (!command.from) hit = true;
	else if (!command.to) hit = matches(command.from, line, lineNo, isLast);
	else if (command.active) {
		hit = true;
		const end = command.to;
		if (end.kind === 'line' ? lineNo >= end.n : matches(end, line, lineNo, isLast)) command.active = false;
	} else if (matches(command.from, line, lineNo, isLast)) {
		hit = true;
		const end = command.to;
		command.active = !(end.kind === 'line' ? lineNo >= end.n : end.kind === 'last' ? isLast : false);
	} else hit = false;
	return hit !== command.negate;
}

function runScript(commands: SedCommand[], text: string, quiet: boolean): {out: string; quit: boolean} {
	const all = text === '' ? [] : text.split('\n');
	const trailingNewline = text.endsWith('\n');
	if (trailingNewline) all.pop();
	let out = '';
	let hold = '';
	for (let index = 0; index < all.length; index++) {
		let line = all[index]!;
		let lineNo = index + 1;
		let isLast = index === all.length - 1;
		let newline = isLast && !trailingNewline ? '' : '\n';
		let deleted = false;
		let quit = false;
		for (const command of commands) {
			if (!selects(command, line, lineNo, isLast)) continue;
			if (command.name === 'x') [line, hold] = [hold, line];
			else if (command.name === 'h') hold = line;
			else if (command.name === 'H') hold = `${hold}\n${line}`;
			else if (command.name === 'g') line = hold;
			else if (command.name === 'G') line = `${line}\n${hold}`;
			else if (command.name === 'n') {
				if (!quiet) out += line + newline;
				if (isLast) return {out, quit: true};
				index++;
				line = all[index]!;
				lineNo = index + 1;
				isLast = index === all.length - 1;
				newline = isLast && !trailingNewline ? '' : '\n';
			}
			else if (command.name === 's') {
				const result = substitute(line, command);
				line = result.text;
				if (result.done && command.print) out += `${line}\n`;
			} else if (command.name === 'p') out += `${line}\n`;
			else if (command.name === 'P') out += `${line.split('\n')[0]}\n`;
			else if (command.name === '=') out += `${lineNo}\n`;
			else if (command.name === 'd') {
				deleted = true;
				break;
			} else if (command.name === 'q') {
				quit = true;
				break;
			}
		}
		if (!deleted && !quiet) out += line + newline;
		if (quit) return {out, quit: true};
	}
	return {out, quit: false};
}

export const sed: Command = (ctx, args, stdin) => {
	let parsed;
	try {
		parsed = getopt('sed', args.slice(1), [
			{key: 'n', short: 'n', long: 'quiet'},
			{key: 'n', long: 'silent'},
			{key: 'e', short: 'e', long: 'expression', value: 'required'},
			{key: 'E', short: 'E', long: 'regexp-extended'},
			{key: 'E', short: 'r'},
			{key: 'i', short: 'i', long: 'in-place', value: 'optional'},
			{key: 's', short: 's', long: 'separate'},
		]);
	} catch (error) {
		if (error instanceof OptionError) return fail(`${error.message}\n${USAGE}`, 1);
		throw error;
	}
	const operands = [...parsed.operands];
	let scripts = all(parsed, 'e');
	if (scripts.length === 0) {
		const script = operands.shift();
		if (script === undefined) return fail(USAGE, 1);
		scripts = [script];
	}
	let commands: SedCommand[];
	try {
		commands = scripts.flatMap((script, i) => parseScript(script, i + 1, has(parsed, 'E')));
	} catch (error) {
		if (error instanceof SedError) return fail(error.message, 1);
		throw error;
	}
	const quiet = has(parsed, 'n');
	if (has(parsed, 'i')) {
		if (operands.length === 0) return fail('sed: no input files', 1);
		let stderr = '';
		for (const name of operands) {
			const path = resolvePath(ctx.cwd, name, ctx.env.HOME);
			const text = ctx.fs.read(path);
			if (text === undefined) {
				stderr += ctx.fs.isDirectory(path) ? `sed: couldn't edit ${name}: not a regular file\n` : `sed: can't read ${name}: No such file or directory\n`;
				continue;
			}
			for (const command of commands) command.active = false;
			ctx.fs.write(path, runScript(commands, text, quiet).out);
		}
		return {stdout: '', stderr, status: stderr === '' ? 0 : 2};
	}
	let stdout = '';
	let stderr = '';
	let text = '';
	for (const input of readInputs(ctx, operands, stdin)) {
		if ('error' in input) stderr += input.error.code === 'EISDIR' ? `sed: read error on ${input.name}: Is a directory\n` : `sed: can't read ${input.name}: ${input.error.text}\n`;
		else text += text !== '' && !text.endsWith('\n') ? `\n${input.text}` : input.text;
	}
	stdout = runScript(commands, text, quiet).out;
	return {stdout, stderr, status: stderr === '' ? 0 : 2};
};
