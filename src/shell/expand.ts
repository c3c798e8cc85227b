// Word expansion as bash does it, in its order: tilde, parameters and command substitution, field
// splitting of what unquoted expansions produced, then pathname expansion (globs) against the
// node's file system. Quoted text is never split nor globbed.
import {resolvePath, type VirtualFileSystem} from './fs.js';
import {evaluateArithmetic} from './arithmetic.js';
import type {CommandList, Word} from './parse.js';

/** `$(( … ))`: its `$NAME`s first, then the integer sum. */
function arithmetic(expression: string, ex: Expansion): string {
	const text = expression.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*|[?$#])\}?/g, (_m, name: string) => ex.special[name] ?? ex.env[name] ?? '');
	return String(evaluateArithmetic(text, (name) => ex.env[name]));
}

export interface Expansion {
	env: Readonly<Record<string, string>>;
	/** `$?`, `$$`, `$#`, `$0`, `$-`. */
	special: Readonly<Record<string, string>>;
	/** Runs `$(…)` and returns its output without trailing newlines. */
	substitute(list: CommandList): string;
	fs: VirtualFileSystem;
	cwd: string;
}

/** One character of a field, and whether a glob may read it as a pattern character. */
interface Field {
	chars: string;
	/** Per character: true when it came from unquoted text (so `*` there is a glob). */
	pattern: boolean[];
	/** The field has a quoted part, so it exists even when empty (`""`). */
	quoted: boolean;
}

function newField(): Field {
	return {chars: '', pattern: [], quoted: false};
}

function append(field: Field, text: string, pattern: boolean): void {
	field.chars += text;
	for (let i = 0; i < text.length; i++) field.pattern.push(pattern);
}

/** The fields one word expands to, before globbing. */
function fields(word: Word, ex: Expansion, split: boolean): Field[] {
	const out: Field[] = [];
	let current = newField();
	let started = false;
	word.forEach((part, index) => {
		if (part.kind === 'text') {
			let text = part.text;
			if (index === 0 && !part.quoted && (text === '~' || text.startsWith('~/'))) text = (ex.env.HOME ?? '/root') + text.slice(1);
			append(current, text, !part.quoted);
			if (part.quoted) current.quoted = true;
			started = true;
			return;
		}
		const value = part.kind === 'var' ? (ex.special[part.name] ?? ex.env[part.name] ?? '') : part.kind === 'arithmetic' ? arithmetic(part.expression, ex) : ex.substitute(part.list);
		if (part.quoted || !split) {
			append(current, value, false);
			if (part.quoted) current.quoted = true;
			started = true;
			return;
		}
		// Unquoted: split on blanks and newlines (the default IFS).
		const pieces = value.split(/[ \t\n]+/);
		pieces.forEach((piece, i) => {
			if (i > 0) {
				if (current.chars !== '' || current.quoted) out.push(current);
				current = newField();
			}
			if (piece !== '') {
				append(current, piece, false);
				started = true;
			}
		});
	});
	if (current.chars !== '' || current.quoted || (!split && started)) out.push(current);
	return out;
}

function hasGlob(field: Field): boolean {
	for (let i = 0; i < field.chars.length; i++) if (field.pattern[i] && '*?['.includes(field.chars[i]!)) return true;
	return false;
}

/** A glob segment as a regular expression; quoted characters match themselves. */
function segmentRegex(chars: string, pattern: boolean[]): RegExp {
	let source = '';
	for (let i = 0; i < chars.length; i++) {
		const c = chars[i]!;
		if (pattern[i] && c === '*') source += '[^/]*';
		else if (pattern[i] && c === '?') source += '[^/]';
		else if (pattern[i] && c === '[') {
			const end = chars.indexOf(']', i + 2);
			if (end < 0) source += '\\[';
			else {
				let set = chars.slice(i + 1, end);
				if (set.startsWith('!')) set = `^${set.slice(1)}`;
				source += `[${set.replace(/\\/g, '\\\\')}]`;
				i = end;
			}
		} else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	}
	return new RegExp(`^${source}$`);
}

/** Pathname expansion: the matching paths, sorted, or undefined when nothing matches (bash then keeps the word). */
function glob(field: Field, ex: Expansion): string[] | undefined {
	const {chars, pattern} = field;
	const absolute = chars.startsWith('/');
	let bases = [absolute ? '/' : ''];
	let offset = absolute ? 1 : 0;
	const segments = chars.slice(offset).split('/');
	for (let s = 0; s < segments.length; s++) {
		const segment = segments[s]!;
		const flags = pattern.slice(offset, offset + segment.length);
		offset += segment.length + 1;
		const last = s === segments.length - 1;
		if (segment === '') {
			bases = bases.map((b) => `${b}`);
			continue;
		}
		const isPattern = flags.some((f, i) => f && '*?['.includes(segment[i]!));
		const next: string[] = [];
		for (const base of bases) {
			const dir = resolvePath(ex.cwd, base === '' ? '.' : base);
			if (!isPattern) {
				const path = `${base}${segment}`;
				if (ex.fs.exists(resolvePath(ex.cwd, path))) next.push(last ? path : `${path}/`);
				continue;
			}
			const regex = segmentRegex(segment, flags);
			for (const name of ex.fs.list(dir) ?? []) {
				if (name.startsWith('.') && !segment.startsWith('.')) continue;
				if (!regex.test(name)) continue;
				const path = `${base}${name}`;
				if (last) next.push(path);
				else if (ex.fs.isDirectory(resolvePath(ex.cwd, path))) next.push(`${path}/`);
			}
		}
		bases = next;
		if (bases.length === 0) return undefined;
	}
	return bases.sort();
}

/** A word's fields after all expansions; `split` false for assignments (no splitting, no globs). */
export function expandWord(word: Word, ex: Expansion, split = true): string[] {
	const result: string[] = [];
	for (const field of fields(word, ex, split)) {
		if (split && hasGlob(field)) {
			const matches = glob(field, ex);
			if (matches) {
				result.push(...matches);
				continue;
			}
		}
		result.push(field.chars);
	}
	return result;
}

export function expandWords(words: readonly Word[], ex: Expansion): string[] {
	return words.flatMap((word) => expandWord(word, ex));
}
