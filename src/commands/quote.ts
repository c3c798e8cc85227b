// User text echoed in a message: the message must stay one line, short and safe for a terminal
// whatever was typed or piped in (a newline, an escape sequence, a 100,000-character argument).

/** How much of the user's text a message shows, in characters, before it is cut with `…`. */
export const QUOTE_LIMIT = 60;

// Control characters (C0, DEL, C1), line and paragraph separators, and bidi overrides that would
// reorder the rest of the line.
const UNSAFE = /[\p{Cc}\u2028\u2029\p{Bidi_Control}]/u;

const ESCAPES: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', '\\': '\\\\'};

function escape(character: string): string {
	const known = ESCAPES[character];
	if (known !== undefined) return known;
	if (!UNSAFE.test(character)) return character;
	const code = character.codePointAt(0)!;
	return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` in double quotes, as one line: control characters escaped (`\n`, `\x1b`), at most
 * QUOTE_LIMIT characters of it shown, the rest cut with `…`. Use it wherever a message echoes input.
 */
export function quote(text: string): string {
	let shown = '';
	let count = 0;
	for (const character of text) {
		const escaped = escape(character);
		// Characters, not UTF-16 units: an emoji counts one.
		const length = escaped === character ? 1 : escaped.length;
		if (count + length > QUOTE_LIMIT) return `"${shown}…"`;
		shown += escaped;
		count += length;
	}
	return `"${shown}"`;
}

/** Text that is not user input but may carry it (another component's message): one line, controls escaped, uncut. */
export function oneLine(text: string): string {
	let line = '';
	for (const character of text) line += character === '"' || character === '\\' ? character : escape(character);
	return line;
}
