// The words of one restore line, read one at a time in place in the whole text, without cutting
// the line out or building a list of its words: the fast path's view of a line (fast-rule.ts).
// Within a line it takes, the words are exactly those tokenize() cuts. It does not take lines with
// a tab, a carriage return or a backslash, a word with a quote inside it or an unclosed quote:
// next() then reports false with `odd` set, and the line goes to the general reader.

const SPACE = 32;

export class Words {
	// Declared, then set in the constructor: plain stores are cheaper than class field definitions.
	declare readonly text: string;
	/** The current word is text[start, end) (inside the quotes for a quoted word). */
	declare start: number;
	declare end: number;
	declare odd: boolean;
	/** The line is text[pos, lineEnd) from the current position on. */
	declare private pos: number;
	declare private lineEnd: number;
	// Where the next character of each kind is in the text (text.length if there is none), moved
	// on only when passed: each is searched for once per occurrence, not once per line.
	declare private tab: number;
	declare private cr: number;
	declare private backslash: number;
	declare private quote: number;
	declare private space: number;

	constructor(text: string) {
		this.text = text;
		this.start = 0;
		this.end = 0;
		this.odd = false;
		this.pos = 0;
		this.lineEnd = 0;
		this.tab = -1;
		this.cr = -1;
		this.backslash = -1;
		this.quote = -1;
		this.space = -1;
	}

	private following(from: number, char: string): number {
		const at = this.text.indexOf(char, from);
		return at < 0 ? this.text.length : at;
	}

	/** Starts on the line text[from, to); false (and odd) if it has a character only the general
	 * reader handles. */
	line(from: number, to: number): boolean {
		this.pos = from;
		this.lineEnd = to;
		this.start = from;
		this.end = from;
		if (this.tab < from) this.tab = this.following(from, '\t');
		if (this.cr < from) this.cr = this.following(from, '\r');
		if (this.backslash < from) this.backslash = this.following(from, '\\');
		if (this.quote < from) this.quote = this.following(from, '"');
		this.odd = this.tab < to || this.cr < to || this.backslash < to;
		return !this.odd;
	}

	/** Moves to the next word; false at the end of the line (or at an odd word). */
	next(): boolean {
		if (this.odd) return false;
		const {text} = this;
		const n = this.lineEnd;
		let i = this.pos;
		while (i < n && text.charCodeAt(i) === SPACE) i++;
		if (i >= n) return false;
		if (i === this.quote) {
			const close = this.following(i + 1, '"');
			// Unclosed in this line: the quote found (or none) is the next one for later lines.
			this.quote = close;
			if (close >= n) return this.fail();
			this.quote = this.following(close + 1, '"');
			this.start = i + 1;
			this.end = close;
			this.pos = close + 1;
			return true;
		}
		// The next space may be lines on (or nowhere): remembered, so each is searched for once.
		if (this.space < i) this.space = this.following(i, ' ');
		const end = this.space < n ? this.space : n;
		// A quote inside the word joins a quoted part to it: the general reader's business.
		if (this.quote < end) return this.fail();
		this.start = i;
		this.end = end;
		this.pos = end;
		return true;
	}

	private fail(): boolean {
		this.odd = true;
		return false;
	}

	get length(): number {
		return this.end - this.start;
	}

	/** The current word's character at offset. */
	at(offset: number): number {
		return this.text.charCodeAt(this.start + offset);
	}

	/** Whether the current word is exactly literal. */
	is(literal: string): boolean {
		return this.end - this.start === literal.length && this.text.startsWith(literal, this.start);
	}

	value(): string {
		return this.text.slice(this.start, this.end);
	}

	/** The next word as a value, or undefined if there is none. */
	nextValue(): string | undefined {
		return this.next() ? this.text.slice(this.start, this.end) : undefined;
	}

	/** The next word as a port, as parsePort reads digits (a service name is left to the general
	 * reader), or -1. */
	nextPort(): number {
		if (!this.next() || this.end === this.start) return -1;
		let port = 0;
		for (let i = this.start; i < this.end; i++) {
			const d = this.text.charCodeAt(i) - 48;
			if (d < 0 || d > 9) return -1;
			port = port * 10 + d;
			if (port > 65535) return -1;
		}
		return port;
	}
}
