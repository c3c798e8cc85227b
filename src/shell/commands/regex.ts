// POSIX regular expressions (GNU flavour) as JavaScript ones: basic (grep, sed) and extended
// (grep -E, sed -E, awk). Bracket classes like [[:digit:]], \< \> word edges, \w \s; in basic
// syntax \( \) \{ \} \| \+ \? are the operators and ( ) { } | + ? are plain characters.

export class RegexError extends Error {
	override name = 'RegexError';
}

const CLASSES: Record<string, string> = {
	alpha: 'a-zA-Z',
	digit: '0-9',
	alnum: '0-9a-zA-Z',
	upper: 'A-Z',
	lower: 'a-z',
	space: ' \\t\\n\\r\\f\\v',
	blank: ' \\t',
	punct: '!-\\/:-@\\[-`{-~',
	xdigit: '0-9A-Fa-f',
	word: '0-9A-Za-z_',
};

/** A bracket expression from `[` at i; returns its JS form and where it ends. */
function bracket(pattern: string, i: number): {source: string; end: number} {
	let j = i + 1;
	let out = '[';
	if (pattern[j] === '^') {
		out += '^';
		j++;
	}
	if (pattern[j] === ']') {
		out += '\\]';
		j++;
	}
	for (; j < pattern.length; j++) {
		const c = pattern[j]!;
		if (c === ']') return {source: `${out}]`, end: j};
		if (c === '[' && pattern[j + 1] === ':') {
			const close = pattern.indexOf(':]', j + 2);
			if (close < 0) throw new RegexError('Unmatched [, [^, [:, [., or [=');
			const name = pattern.slice(j + 2, close);
			const cls = CLASSES[name];
			if (cls === undefined) throw new RegexError('Invalid character class name');
			out += cls;
			j = close + 1;
		} else if (c === '\\' || c === '[') out += `\\${c}`;
		else out += c;
	}
	throw new RegexError('Unmatched [, [^, [:, [., or [=');
}

/** The JavaScript source of a POSIX regex; throws RegexError with GNU's words. */
export function posixSource(pattern: string, extended: boolean): string {
	let out = '';
	let depth = 0;
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i]!;
		if (c === '[') {
			const {source, end} = bracket(pattern, i);
			out += source;
			i = end;
			continue;
		}
		if (c === '\\') {
			const n = pattern[i + 1];
			i++;
			if (n === undefined) throw new RegexError('Trailing backslash');
			if (!extended && '(){}|+?'.includes(n)) {
				if (n === '(') depth++;
				if (n === ')') {
					if (depth === 0) throw new RegexError('Unmatched ) or \\)');
					depth--;
				}
				out += n;
			} else if (n === '<') out += '\\b(?=\\w)';
			else if (n === '>') out += '\\b(?<=\\w)';
			else if ('wWsSbB'.includes(n)) out += `\\${n}`;
			else if (/[1-9]/.test(n)) out += `\\${n}`;
			else if (n === 'n') out += '\\n';
			else if (n === 't') out += 't';
			else out += n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
			continue;
		}
		if (extended) {
			if (c === '(') depth++;
			if (c === ')') {
				if (depth === 0) throw new RegexError('Unmatched ) or \\)');
				depth--;
			}
			if (c === '{' && !/^\{\d*(,\d*)?\}/.test(pattern.slice(i))) {
				out += '\\{';
				continue;
			}
			out += c === '/' ? '\\/' : c;
			continue;
		}
		// Basic: these are plain characters; `*` at the start is too.
		if ('(){}|+?/'.includes(c)) out += `\\${c}`;
		else if (c === '*' && (out === '' || out === '^')) out += '\\*';
		else out += c;
	}
	if (depth > 0) throw new RegexError('Unmatched ( or \\(');
	return out;
}

export function posixRegex(pattern: string, extended: boolean, flags = ''): RegExp {
	const source = posixSource(pattern, extended);
	try {
		return new RegExp(source, flags);
	} catch {
		throw new RegexError('Invalid regular expression');
	}
}
