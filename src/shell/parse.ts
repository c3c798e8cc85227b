// The node shell's command-line parser: one line of bash (words, quotes, escapes, `$VAR`, `${VAR}`,
// `$?`, `$(…)` and backticks, pipes, `&&`, `||`, `;`, `( … )`, redirections) into a small tree.
//
// Why not a library: shell-quote (the maintained tokenizer) reads `$(hostname)` as `$`, `(`,
// `hostname`, `)`, drops `$?`, cannot tell `2>&1` from `a2>&1`'s `a2` and reports no syntax errors;
// mvdan-sh/sh-syntax are a 1.5 MB GopherJS build or an async WASM module, and just-bash is a whole
// interpreter with sql.js and typescript as runtime dependencies. The shell needs bash's own error
// words, so this is a small recursive-descent parser, tested in test/shell/parse.test.ts.

/** A piece of one word, as typed: quoted pieces are not split into fields nor globbed. */
export type WordPart =
	| {kind: 'text'; text: string; quoted: boolean}
	| {kind: 'var'; name: string; quoted: boolean}
	| {kind: 'command'; list: CommandList; quoted: boolean}
	/** `$(( … ))`: the expression as written; its $VARs are read when it is evaluated. */
	| {kind: 'arithmetic'; expression: string; quoted: boolean};

export type Word = WordPart[];

export type RedirectOp = '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>' | '<<<' | '<<';

export interface Redirect {
	/** The file descriptor redirected: 1 for `>`, 0 for `<`, 2 for `2>`. */
	fd: number;
	op: RedirectOp;
	/** The file, or for `<<` the here-document's text (filled when its lines have been read). */
	target: Word;
	/** bash's warning for a here-document the input ended inside of. */
	warning?: string;
}

export interface SimpleCommand {
	kind: 'simple';
	/** `NAME=value` words before the command name. */
	assignments: {name: string; value: Word}[];
	words: Word[];
	redirects: Redirect[];
}

export interface Subshell {
	kind: 'subshell';
	list: CommandList;
	redirects: Redirect[];
}

export type ShellCommand = SimpleCommand | Subshell;

export interface Pipeline {
	negated: boolean;
	commands: ShellCommand[];
}

export interface AndOr {
	first: Pipeline;
	rest: {op: '&&' | '||'; pipeline: Pipeline}[];
}

export type CommandList = AndOr[];

/** A line bash would not run, with bash's own message (interactive form) and status 2. */
export class ShellSyntaxError extends Error {
	override name = 'ShellSyntaxError';
}

/** bash's reserved words that start compound commands, which this shell does not run. */
export const UNSUPPORTED_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'select', 'function', '{', '}', '[[', ']]']);

type Token = {type: 'word'; word: Word; raw: string} | {type: 'op'; op: string} | {type: 'eof'};

const OPERATORS = ['&>>', '<<<', '<<-', ';;', '&&', '||', '>>', '>&', '<&', '&>', '<<', '>|', '<>', '|', '&', ';', '(', ')', '<', '>', '\n'];
const META = new Set([' ', '\t', '\n', '|', '&', ';', '(', ')', '<', '>']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAMS = new Set(['?', '$', '#', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '!', '@', '*', '-']);

function eof(what: string): ShellSyntaxError {
	return new ShellSyntaxError(`bash: unexpected EOF while looking for matching \`${what}'`);
}

/** A here-document whose lines follow the next newline. */
interface PendingHeredoc {
	delimiter: string;
	quoted: boolean;
	stripTabs: boolean;
	redirect: Redirect;
}

class Lexer {
	pos = 0;
	readonly heredocs: PendingHeredoc[] = [];
	/** The `)` that closes a `$(…)` ends the lexer's input. */
	constructor(
		readonly src: string,
		readonly closing: boolean,
	) {}

	private peekOp(): string | undefined {
		for (const op of OPERATORS) if (this.src.startsWith(op, this.pos)) return op;
		return undefined;
	}

	next(): Token {
		const {src} = this;
		while (this.pos < src.length) {
			const c = src[this.pos]!;
			if (c === ' ' || c === '\t') this.pos++;
			else if (c === '\\' && src[this.pos + 1] === '\n') this.pos += 2;
			else if (c === '#') {
				while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
			} else break;
		}
		if (this.pos >= src.length) {
			this.readHeredocs();
			return {type: 'eof'};
		}
		const op = this.peekOp();
		if (op !== undefined) {
			this.pos += op.length;
			if (op === '\n') this.readHeredocs();
			return {type: 'op', op};
		}
		const start = this.pos;
		const word = this.word();
		return {type: 'word', word, raw: src.slice(start, this.pos)};
	}

	/** The lines of every pending here-document, up to each one's delimiter line (after a newline, or at the end). */
	private readHeredocs(): void {
		for (const doc of this.heredocs.splice(0)) {
			const lines: string[] = [];
			let found = false;
			while (this.pos < this.src.length) {
				const end = this.src.indexOf('\n', this.pos);
				const raw = this.src.slice(this.pos, end < 0 ? undefined : end);
				this.pos = end < 0 ? this.src.length : end + 1;
				const line = doc.stripTabs ? raw.replace(/^\t+/, '') : raw;
				if (line === doc.delimiter) {
					found = true;
					break;
				}
				lines.push(line);
			}
			if (!found) doc.redirect.warning = `bash: warning: here-document at line 1 delimited by end-of-file (wanted \`${doc.delimiter}')`;
			const body = lines.length > 0 ? `${lines.join('\n')}\n` : '';
			doc.redirect.target.push(...(doc.quoted ? [{kind: 'text' as const, text: body, quoted: true}] : this.expandable(body)));
		}
	}

	/** A here-document's text with its $VAR and $(…) (an unquoted delimiter): as inside "…", but `"` is plain. */
	private expandable(body: string): Word {
		const inner = new Lexer(body, false);
		return inner.doubleQuoted(true);
	}

	/** An unquoted word up to the next blank or operator. */
	private word(): Word {
		const parts: Word = [];
		let text = '';
		const flush = (): void => {
			if (text !== '') parts.push({kind: 'text', text, quoted: false});
			text = '';
		};
		const {src} = this;
		while (this.pos < src.length) {
			const c = src[this.pos]!;
			if (META.has(c)) break;
			if (c === '\\') {
				const n = src[this.pos + 1];
				this.pos += 2;
				if (n === undefined) text += '\\';
				else if (n !== '\n') {
					flush();
					parts.push({kind: 'text', text: n, quoted: true});
				}
			} else if (c === "'") {
				const end = src.indexOf("'", this.pos + 1);
				if (end < 0) throw eof("'");
				flush();
				parts.push({kind: 'text', text: src.slice(this.pos + 1, end), quoted: true});
				this.pos = end + 1;
			} else if (c === '"') {
				flush();
				this.pos++;
				parts.push(...this.doubleQuoted());
			} else if (c === '$' || c === '`') {
				const part = this.expansion(false);
				if (part === undefined) {
					text += c;
					this.pos++;
				} else {
					flush();
					parts.push(part);
				}
			} else {
				text += c;
				this.pos++;
			}
		}
		flush();
		return parts;
	}

	/** The inside of "…", after the opening quote; leaves pos after the closing one. `toEnd`: a here-document's text, to its end. */
	doubleQuoted(toEnd = false): Word {
		const parts: Word = [];
		let text = '';
		const {src} = this;
		// An empty "" is still a word: a quoted empty text keeps it.
		let any = false;
		const flush = (): void => {
			if (text !== '' || !any) parts.push({kind: 'text', text, quoted: true});
			text = '';
			any = true;
		};
		for (;;) {
			if (this.pos >= src.length) {
				if (!toEnd) throw eof('"');
				if (text !== '' || parts.length === 0) flush();
				return parts;
			}
			const c = src[this.pos]!;
			if (c === '"' && !toEnd) {
				this.pos++;
				if (text !== '' || parts.length === 0) flush();
				return parts;
			}
			if (c === '\\') {
				const n = src[this.pos + 1];
				if (n !== undefined && (toEnd ? '$`\\\n' : '$`"\\\n').includes(n)) {
					if (n !== '\n') text += n;
					this.pos += 2;
				} else {
					text += '\\';
					this.pos++;
				}
			} else if (c === '$' || c === '`') {
				const part = this.expansion(true);
				if (part === undefined) {
					text += c;
					this.pos++;
				} else {
					if (text !== '') flush();
					any = true;
					parts.push(part);
				}
			} else {
				text += c;
				this.pos++;
			}
		}
	}

	/** `$NAME`, `${NAME}`, `$?`, `$(…)` or `` `…` `` at pos; undefined for a plain `$`. */
	private expansion(quoted: boolean): WordPart | undefined {
		const {src} = this;
		const c = src[this.pos]!;
		if (c === '`') {
			let end = this.pos + 1;
			let inner = '';
			for (; end < src.length && src[end] !== '`'; end++) {
				if (src[end] === '\\' && '$`\\'.includes(src[end + 1] ?? '')) end++;
				inner += src[end];
			}
			if (end >= src.length) throw eof('`');
			this.pos = end + 1;
			return {kind: 'command', list: parseLine(inner), quoted};
		}
		const n = src[this.pos + 1];
		if (n === '(') {
			if (src[this.pos + 2] === '(') {
				// The expression runs to the `))` that closes it (parentheses inside balance).
				let depth = 0;
				for (let i = this.pos + 3; i < src.length; i++) {
					const ch = src[i];
					if (ch === '(') depth++;
					else if (ch === ')') {
						if (depth > 0) depth--;
						else if (src[i + 1] === ')') {
							const expression = src.slice(this.pos + 3, i);
							this.pos = i + 2;
							return {kind: 'arithmetic', expression, quoted};
						} else break;
					}
				}
				throw eof('))'.slice(0, 1));
			}
			const inner = new Lexer(src, true);
			inner.pos = this.pos + 2;
			const list = new Parser(inner).list(true);
			this.pos = inner.pos;
			return {kind: 'command', list, quoted};
		}
		if (n === '{') {
			const end = src.indexOf('}', this.pos + 2);
			if (end < 0) throw eof('}');
			const name = src.slice(this.pos + 2, end);
			if (!/^([A-Za-z_][A-Za-z0-9_]*|[?$#0-9!@*-])$/.test(name)) throw new ShellSyntaxError(`bash: \${${name}}: bad substitution`);
			this.pos = end + 1;
			return {kind: 'var', name, quoted};
		}
		if (n !== undefined && SPECIAL_PARAMS.has(n)) {
			this.pos += 2;
			return {kind: 'var', name: n, quoted};
		}
		if (n !== undefined && NAME_START.test(n)) {
			let end = this.pos + 1;
			while (end < src.length && NAME_CHAR.test(src[end]!)) end++;
			const name = src.slice(this.pos + 1, end);
			this.pos = end;
			return {kind: 'var', name, quoted};
		}
		return undefined;
	}
}

function unexpected(token: Token): ShellSyntaxError {
	if (token.type === 'eof') return new ShellSyntaxError('bash: syntax error: unexpected end of file');
	const text = token.type === 'op' ? (token.op === '\n' ? 'newline' : token.op) : token.raw;
	return new ShellSyntaxError(`bash: syntax error near unexpected token \`${text}'`);
}

const REDIRECT_OPS: Record<string, {fd: number; op: RedirectOp}> = {
	'>': {fd: 1, op: '>'},
	'>|': {fd: 1, op: '>'},
	'>>': {fd: 1, op: '>>'},
	'<': {fd: 0, op: '<'},
	'>&': {fd: 1, op: '>&'},
	'<&': {fd: 0, op: '<&'},
	'&>': {fd: 1, op: '&>'},
	'&>>': {fd: 1, op: '&>>'},
	'<<<': {fd: 0, op: '<<<'},
};

class Parser {
	private token: Token;
	constructor(private readonly lexer: Lexer) {
		this.token = lexer.next();
	}

	private advance(): Token {
		const current = this.token;
		this.token = this.lexer.next();
		return current;
	}

	private isOp(...ops: string[]): boolean {
		return this.token.type === 'op' && ops.includes(this.token.op);
	}

	/** A method, so TypeScript does not keep an earlier narrowing of this.token across calls. */
	private atEnd(): boolean {
		return this.token.type === 'eof';
	}

	private skipNewlines(): void {
		while (this.isOp('\n')) this.advance();
	}

	/** A whole list; inside `$(…)` or `( … )` it ends at `)`. */
	list(closing: boolean): CommandList {
		const list: CommandList = [];
		this.skipNewlines();
		for (;;) {
			if (this.token.type === 'eof') {
				if (closing) throw eof(')');
				return list;
			}
			if (closing && this.isOp(')')) {
				if (this.lexer.closing) {
					// The `)` of `$(…)`: the outer lexer takes over after it.
					return list;
				}
				this.advance();
				return list;
			}
			list.push(this.andOr());
			if (this.isOp(';', '&', '\n')) {
				this.advance();
				this.skipNewlines();
			} else if (this.atEnd() || (closing && this.isOp(')'))) {
				continue;
			} else throw unexpected(this.token);
		}
	}

	private andOr(): AndOr {
		const first = this.pipeline();
		const rest: AndOr['rest'] = [];
		while (this.isOp('&&', '||')) {
			const op = (this.advance() as {op: '&&' | '||'}).op;
			this.skipNewlines();
			rest.push({op, pipeline: this.pipeline()});
		}
		return {first, rest};
	}

	private pipeline(): Pipeline {
		let negated = false;
		if (this.token.type === 'word' && this.token.raw === '!') {
			negated = true;
			this.advance();
		}
		const commands = [this.command()];
		while (this.isOp('|')) {
			this.advance();
			this.skipNewlines();
			commands.push(this.command());
		}
		return {negated, commands};
	}

	private command(): ShellCommand {
		if (this.isOp('(')) {
			this.advance();
			const list = this.list(true);
			if (this.lexer.closing && this.isOp(')')) this.advance();
			if (list.length === 0) throw unexpected({type: 'op', op: ')'});
			return {kind: 'subshell', list, redirects: this.redirects([])};
		}
		const command: SimpleCommand = {kind: 'simple', assignments: [], words: [], redirects: []};
		for (;;) {
			const token = this.token;
			if (token.type === 'word') {
				this.advance();
				const fd = /^\d+$/.test(token.raw) && this.isOp('>', '>>', '<', '>&', '<&', '>|') && this.adjacent(token.raw) ? Number(token.raw) : undefined;
				if (fd !== undefined) {
					this.redirect(command.redirects, fd);
					continue;
				}
				const assignment = command.words.length === 0 ? asAssignment(token.word) : undefined;
				if (assignment) command.assignments.push(assignment);
				else command.words.push(token.word);
			} else if (token.type === 'op' && token.op in REDIRECT_OPS) {
				this.redirect(command.redirects);
			} else if (token.type === 'op' && (token.op === '<<' || token.op === '<<-')) {
				this.heredoc(command.redirects, token.op === '<<-');
			} else break;
		}
		if (command.words.length === 0 && command.assignments.length === 0 && command.redirects.length === 0) throw unexpected(this.token);
		return command;
	}

	/** Whether the digits just read touch the operator that follows (`2>`, not `2 >`). */
	private adjacent(raw: string): boolean {
		const opStart = this.lexer.pos - (this.token as {op: string}).op.length;
		return this.lexer.src.slice(opStart - raw.length, opStart) === raw;
	}

	/** `<<WORD`: the document's lines come after the next newline; a quoted WORD keeps them as they are. */
	private heredoc(into: Redirect[], stripTabs: boolean): void {
		this.advance();
		const word = this.token;
		if (word.type === 'eof') throw unexpected({type: 'op', op: '\n'});
		if (word.type !== 'word') throw unexpected(word);
		const redirect: Redirect = {fd: 0, op: '<<', target: []};
		const delimiter = word.word.map((p) => (p.kind === 'text' ? p.text : p.kind === 'var' ? `$${p.name}` : '')).join('');
		this.lexer.heredocs.push({delimiter, quoted: word.word.some((p) => p.quoted), stripTabs, redirect});
		into.push(redirect);
		this.advance();
	}

	private redirects(into: Redirect[]): Redirect[] {
		while (this.token.type === 'op' && this.token.op in REDIRECT_OPS) this.redirect(into);
		return into;
	}

	private redirect(into: Redirect[], fd?: number): void {
		const {op} = this.advance() as {op: string};
		const spec = REDIRECT_OPS[op]!;
		const target = this.token;
		// A line ending where the file name should be: bash read the newline there.
		if (target.type === 'eof') throw unexpected({type: 'op', op: '\n'});
		if (target.type !== 'word') throw unexpected(target);
		this.advance();
		into.push({fd: fd ?? spec.fd, op: spec.op, target: target.word});
	}
}

function asAssignment(word: Word): {name: string; value: Word} | undefined {
	const first = word[0];
	if (first?.kind !== 'text' || first.quoted) return undefined;
	const match = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
	if (!match) return undefined;
	const rest = first.text.slice(match[0].length);
	const value: Word = [...(rest === '' ? [] : [{kind: 'text' as const, text: rest, quoted: false}]), ...word.slice(1)];
	return {name: match[1]!, value};
}

/** Whether bash would ask for more lines (its `> ` prompt): an open quote, a line ending in `|` or `&&`, a here-document without its delimiter. */
export function needsMoreInput(line: string): boolean {
	try {
		const list = parseLine(line);
		const open = (l: CommandList): boolean =>
			l.some((a) => [a.first, ...a.rest.map((r) => r.pipeline)].some((p) => p.commands.some((c) => c.redirects.some((r) => r.warning !== undefined) || (c.kind === 'subshell' && open(c.list)))));
		return open(list);
	} catch (error) {
		return error instanceof ShellSyntaxError && /unexpected EOF while looking for matching|unexpected end of file/.test(error.message);
	}
}

/** Parses one command line (or several, separated by newlines). Throws ShellSyntaxError. */
export function parseLine(line: string): CommandList {
	const parser = new Parser(new Lexer(line, false));
	return parser.list(false);
}
