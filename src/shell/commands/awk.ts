// A small awk: what exam answers use. Rules `pattern { action }` with BEGIN and END, patterns that
// are /regex/ or expressions (NR==2, $3 > 5, $1 ~ /x/), actions with print, printf, if/else, next
// and assignments; fields $0 $1 … $NF, NR, NF, FS (-F), OFS, -v var=value; length, substr, index,
// tolower, toupper, int. Numbers and strings compare as awk compares them (fields that look
// numeric compare as numbers). Arrays, loops and user functions are not here: they get a message.
import {fail, type Command} from '../types.js';
import {lines, readInputs} from './input.js';
import {posixSource, RegexError} from './regex.js';

class AwkError extends Error {}

type Token = {t: 'num'; v: number} | {t: 'str'; v: string} | {t: 're'; v: string} | {t: 'name'; v: string} | {t: 'op'; v: string} | {t: 'nl'} | {t: 'eof'};

const KEYWORDS = new Set(['BEGIN', 'END', 'print', 'printf', 'if', 'else', 'next', 'exit', 'getline', 'for', 'while', 'do', 'function', 'delete', 'in']);

function tokenize(src: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	const regexAllowed = (): boolean => {
		const prev = tokens[tokens.length - 1];
		if (!prev) return true;
		if (prev.t === 'op') return !(prev.v === ')' || prev.v === '$' || prev.v === '++' || prev.v === '--');
		return prev.t === 'nl' || (prev.t === 'name' && KEYWORDS.has(prev.v));
	};
	while (i < src.length) {
		const c = src[i]!;
		if (c === ' ' || c === '\t') i++;
		else if (c === '\\' && src[i + 1] === '\n') i += 2;
		else if (c === '\n' || c === ';') {
			tokens.push(c === '\n' ? {t: 'nl'} : {t: 'op', v: ';'});
			i++;
		} else if (c === '#') {
			while (i < src.length && src[i] !== '\n') i++;
		} else if (/\d/.test(c) || (c === '.' && /\d/.test(src[i + 1] ?? ''))) {
			const m = /^(\d*\.?\d*(?:[eE][+-]?\d+)?)/.exec(src.slice(i))!;
			tokens.push({t: 'num', v: Number(m[1])});
			i += m[1]!.length;
		} else if (/[A-Za-z_]/.test(c)) {
			const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
			tokens.push({t: 'name', v: m[0]});
			i += m[0].length;
		} else if (c === '"') {
			let v = '';
			i++;
			for (; i < src.length && src[i] !== '"'; i++) {
				if (src[i] === '\\' && i + 1 < src.length) {
					const n = src[++i]!;
					v += n === 'n' ? '\n' : n === 't' ? '\t' : n === '\\' ? '\\' : n === '"' ? '"' : n === '/' ? '/' : `\\${n}`;
				} else v += src[i];
			}
			if (i >= src.length) throw new AwkError(`line 1: runaway string constant "${src.slice(src.lastIndexOf('"') + 1, src.lastIndexOf('"') + 11)} ...`);
			i++;
			tokens.push({t: 'str', v});
		} else if (c === '/' && regexAllowed()) {
			let v = '';
			i++;
			for (; i < src.length && src[i] !== '/'; i++) {
				if (src[i] === '\\' && src[i + 1] === '/') v += src[++i];
				else if (src[i] === '\\') v += src[i]! + (src[++i] ?? '');
				else v += src[i];
			}
			if (i >= src.length) throw new AwkError(`line 1: runaway regular expression /${v.slice(0, 10)} ...`);
			i++;
			tokens.push({t: 're', v});
		} else {
			const op = ['+=', '-=', '*=', '/=', '%=', '==', '!=', '<=', '>=', '&&', '||', '++', '--', '!~'].find((o) => src.startsWith(o, i)) ?? c;
			if (!'+-*/%=<>!~&|(){},$?:^'.includes(op[0]!)) throw new AwkError(`line 1: syntax error at or near ${c}`);
			tokens.push({t: 'op', v: op});
			i += op.length;
		}
	}
	tokens.push({t: 'eof'});
	return tokens;
}

type Expr =
	| {k: 'num'; v: number}
	| {k: 'str'; v: string}
	| {k: 're'; re: RegExp}
	| {k: 'var'; name: string}
	| {k: 'field'; index: Expr}
	| {k: 'un'; op: string; e: Expr}
	| {k: 'bin'; op: string; a: Expr; b: Expr}
	| {k: 'assign'; op: string; target: Expr; e: Expr}
	| {k: 'incdec'; op: string; prefix: boolean; target: Expr}
	| {k: 'cond'; c: Expr; a: Expr; b: Expr}
	| {k: 'call'; name: string; args: Expr[]};

type Stmt = {k: 'print'; args: Expr[]} | {k: 'printf'; args: Expr[]} | {k: 'if'; c: Expr; then: Stmt[]; else: Stmt[]} | {k: 'next'} | {k: 'exit'; e?: Expr} | {k: 'expr'; e: Expr} | {k: 'block'; body: Stmt[]};

interface Rule {
	pattern: 'BEGIN' | 'END' | Expr | undefined;
	action: Stmt[] | undefined;
}

const FUNCTIONS = new Set(['length', 'substr', 'index', 'tolower', 'toupper', 'int', 'sprintf']);

class AwkParser {
	private i = 0;
	constructor(private readonly tokens: Token[]) {}
	private get tok(): Token {
		return this.tokens[this.i]!;
	}
	private is(v: string): boolean {
		const t = this.tok;
		return (t.t === 'op' || t.t === 'name') && t.v === v;
	}
	private eat(v: string): void {
		if (!this.is(v)) throw this.error();
		this.i++;
	}
	/** mawk's words: `line 1: syntax error at or near }`; a block left open is a missing `}`. */
	private error(): AwkError {
		const t = this.tok;
		if (t.t === 'eof' && this.depth > 0) return new AwkError('line 2: missing } near end of file');
		const text = t.t === 'eof' || t.t === 'nl' ? 'end of line' : t.t === 'str' ? `"${t.v}"` : t.t === 're' ? `/${t.v}/` : String(t.v);
		return new AwkError(`line 1: syntax error at or near ${text}`);
	}
	private depth = 0;
	private skipNl(): void {
		while (this.tok.t === 'nl' || this.is(';')) this.i++;
	}

	program(): Rule[] {
		const rules: Rule[] = [];
		this.skipNl();
		while (this.tok.t !== 'eof') {
			let pattern: Rule['pattern'];
			if (this.is('}')) throw new AwkError("line 1: extra '}'\nawk: line 1: syntax error at or near end of line");
			if (this.is('BEGIN') || this.is('END')) {
				pattern = (this.tok as {v: 'BEGIN' | 'END'}).v;
				this.i++;
			} else if (!this.is('{')) pattern = this.expr();
			const action = this.is('{') ? this.block() : undefined;
			if (pattern === undefined && action === undefined) throw this.error();
			rules.push({pattern, action});
			this.skipNl();
		}
		return rules;
	}

	private block(): Stmt[] {
		this.eat('{');
		this.depth++;
		const body: Stmt[] = [];
		this.skipNl();
		while (!this.is('}')) {
			if (this.tok.t === 'eof') throw this.error();
			body.push(this.statement());
			this.skipNl();
		}
		this.eat('}');
		this.depth--;
		return body;
	}

	private statement(): Stmt {
		if (this.is('{')) return {k: 'block', body: this.block()};
		if (this.is('print') || this.is('printf')) {
			const kind = (this.tok as {v: 'print' | 'printf'}).v;
			this.i++;
			const args: Expr[] = [];
			const paren = this.is('(');
			if (!this.is('}') && !this.is(';') && this.tok.t !== 'nl' && this.tok.t !== 'eof') {
				args.push(this.expr(true));
				while (this.is(',')) {
					this.i++;
					args.push(this.expr(true));
				}
			}
			if (this.is('>') || this.is('|')) throw new AwkError('output redirection (print > FILE) is not supported here; use the shell: awk … > FILE');
			// print (a, b): the parentheses group the list.
			void paren;
			return {k: kind, args};
		}
		if (this.is('if')) {
			this.i++;
			this.eat('(');
			const c = this.expr();
			this.eat(')');
			this.skipNl();
			const then = this.is('{') ? this.block() : [this.statement()];
			const save = this.i;
			this.skipNl();
			if (this.is('else')) {
				this.i++;
				this.skipNl();
				return {k: 'if', c, then, else: this.is('{') ? this.block() : [this.statement()]};
			}
			this.i = save;
			return {k: 'if', c, then, else: []};
		}
		if (this.is('next')) {
			this.i++;
			return {k: 'next'};
		}
		if (this.is('exit')) {
			this.i++;
			if (this.is('}') || this.is(';') || this.tok.t === 'nl') return {k: 'exit'};
			return {k: 'exit', e: this.expr()};
		}
		if (this.tok.t === 'name' && KEYWORDS.has(this.tok.v)) throw new AwkError(`\`${this.tok.v}' is not supported by this shell's awk (no loops, arrays or functions)`);
		return {k: 'expr', e: this.expr()};
	}

	expr(noGt = false): Expr {
		return this.ternary(noGt);
	}
	private ternary(noGt: boolean): Expr {
		const c = this.or(noGt);
		if (this.is('?')) {
			this.i++;
			const a = this.ternary(noGt);
			this.eat(':');
			return {k: 'cond', c, a, b: this.ternary(noGt)};
		}
		if (this.tok.t === 'op' && ['=', '+=', '-=', '*=', '/=', '%='].includes(this.tok.v)) {
			if (c.k !== 'var' && c.k !== 'field') throw this.error();
			const op = this.tok.v;
			this.i++;
			return {k: 'assign', op, target: c, e: this.ternary(noGt)};
		}
		return c;
	}
	private or(noGt: boolean): Expr {
		let a = this.and(noGt);
		while (this.is('||')) {
			this.i++;
			this.skipNewlinesOnly();
			a = {k: 'bin', op: '||', a, b: this.and(noGt)};
		}
		return a;
	}
	private skipNewlinesOnly(): void {
		while (this.tok.t === 'nl') this.i++;
	}
	private and(noGt: boolean): Expr {
		let a = this.match(noGt);
		while (this.is('&&')) {
			this.i++;
			this.skipNewlinesOnly();
			a = {k: 'bin', op: '&&', a, b: this.match(noGt)};
		}
		return a;
	}
	private match(noGt: boolean): Expr {
		let a = this.compare(noGt);
		while (this.is('~') || this.is('!~')) {
			const op = (this.tok as {v: string}).v;
			this.i++;
			a = {k: 'bin', op, a, b: this.compare(noGt)};
		}
		return a;
	}
	private compare(noGt: boolean): Expr {
		const a = this.concat(noGt);
		const ops = noGt ? ['<', '<=', '==', '!=', '>='] : ['<', '<=', '==', '!=', '>', '>='];
		if (this.tok.t === 'op' && ops.includes(this.tok.v)) {
			const op = this.tok.v;
			this.i++;
			return {k: 'bin', op, a, b: this.concat(noGt)};
		}
		return a;
	}
	private startsPrimary(): boolean {
		const t = this.tok;
		if (t.t === 'num' || t.t === 'str' || t.t === 're') return true;
		if (t.t === 'name') return !KEYWORDS.has(t.v);
		return t.t === 'op' && ['$', '(', '!', '-', '+', '++', '--'].includes(t.v) && !(t.v === '-' || t.v === '+');
	}
	private concat(noGt: boolean): Expr {
		let a = this.additive();
		while (this.startsPrimary() && !this.is('in')) a = {k: 'bin', op: 'concat', a, b: this.additive()};
		void noGt;
		return a;
	}
	private additive(): Expr {
		let a = this.multiplicative();
		while (this.is('+') || this.is('-')) {
			const op = (this.tok as {v: string}).v;
			this.i++;
			a = {k: 'bin', op, a, b: this.multiplicative()};
		}
		return a;
	}
	private multiplicative(): Expr {
		let a = this.unary();
		while (this.is('*') || this.is('/') || this.is('%')) {
			const op = (this.tok as {v: string}).v;
			this.i++;
			a = {k: 'bin', op, a, b: this.unary()};
		}
		return a;
	}
	private unary(): Expr {
		if (this.is('!') || this.is('-') || this.is('+')) {
			const op = (this.tok as {v: string}).v;
			this.i++;
			return {k: 'un', op, e: this.unary()};
		}
		return this.postfix();
	}
	private postfix(): Expr {
		if (this.is('++') || this.is('--')) {
			const op = (this.tok as {v: string}).v;
			this.i++;
			return {k: 'incdec', op, prefix: true, target: this.primary()};
		}
		const e = this.primary();
		if ((e.k === 'var' || e.k === 'field') && (this.is('++') || this.is('--'))) {
			const op = (this.tok as {v: string}).v;
			this.i++;
			return {k: 'incdec', op, prefix: false, target: e};
		}
		return e;
	}
	private primary(): Expr {
		const t = this.tok;
		this.i++;
		if (t.t === 'num') return {k: 'num', v: t.v};
		if (t.t === 'str') return {k: 'str', v: t.v};
		if (t.t === 're') {
			try {
				return {k: 're', re: new RegExp(posixSource(t.v, true))};
			} catch (error) {
				throw new AwkError(error instanceof RegexError ? `regular expression compile failed (${error.message})` : 'bad regular expression');
			}
		}
		if (t.t === 'op' && t.v === '$') return {k: 'field', index: this.postfixNoIncdec()};
		if (t.t === 'op' && t.v === '(') {
			const e = this.expr();
			this.eat(')');
			return e;
		}
		if (t.t === 'name' && !KEYWORDS.has(t.v)) {
			if (FUNCTIONS.has(t.v)) {
				const args: Expr[] = [];
				if (this.is('(')) {
					this.i++;
					if (!this.is(')')) {
						args.push(this.expr());
						while (this.is(',')) {
							this.i++;
							args.push(this.expr());
						}
					}
					this.eat(')');
				}
				return {k: 'call', name: t.v, args};
			}
			if (this.is('[') ) throw new AwkError('arrays are not supported by this shell\'s awk');
			return {k: 'var', name: t.v};
		}
		this.i--;
		throw this.error();
	}
	private postfixNoIncdec(): Expr {
		if (this.is('-')) {
			this.i++;
			return {k: 'un', op: '-', e: this.primary()};
		}
		return this.primary();
	}
}

type Value = number | string | {strnum: string};

function looksNumeric(s: string): boolean {
	return /^[ \t\n]*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[ \t\n]*$/.test(s);
}
function toNum(v: Value): number {
	if (typeof v === 'number') return v;
	const s = typeof v === 'string' ? v : v.strnum;
	const m = /^[ \t\n]*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(s);
	return m ? Number(m[1]) : 0;
}
/** awk's CONVFMT: integers as integers, others with %.6g. */
function numText(n: number): string {
	if (!Number.isFinite(n)) return Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf';
	if (Number.isInteger(n)) return String(n);
	return String(Number(n.toPrecision(6)));
}
function toStr(v: Value): string {
	if (typeof v === 'number') return numText(v);
	return typeof v === 'string' ? v : v.strnum;
}
function truthy(v: Value): boolean {
	if (typeof v === 'number') return v !== 0;
	if (typeof v === 'string') return v !== '';
	return looksNumeric(v.strnum) ? toNum(v) !== 0 : v.strnum !== '';
}
function isNumberish(v: Value): boolean {
	return typeof v === 'number' || (typeof v === 'object' && looksNumeric(v.strnum));
}

/** printf's conversions: %s %d %i %f %x %o %c %e %g %%, with flags, width and precision. */
function format(fmt: string, args: Value[]): string {
	let n = 0;
	return fmt.replace(/%([-+ 0#]*)(\*|\d+)?(?:\.(\d+))?([sdifxXoceEgG%])/g, (_m, flags: string, width: string | undefined, precision: string | undefined, conv: string) => {
		if (conv === '%') return '%';
		const arg = args[n++] ?? '';
		let text: string;
		const p = precision === undefined ? undefined : Number(precision);
		switch (conv) {
			case 's':
				text = toStr(arg);
				if (p !== undefined) text = text.slice(0, p);
				break;
			case 'd':
			case 'i':
				text = String(Math.trunc(toNum(arg)));
				break;
			case 'f':
				text = toNum(arg).toFixed(p ?? 6);
				break;
			case 'e':
			case 'E':
				text = toNum(arg).toExponential(p ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
				if (conv === 'E') text = text.toUpperCase();
				break;
			case 'g':
			case 'G':
				text = String(Number(toNum(arg).toPrecision(p ?? 6)));
				break;
			case 'x':
			case 'X':
				text = Math.trunc(toNum(arg)).toString(16);
				if (conv === 'X') text = text.toUpperCase();
				break;
			case 'o':
				text = Math.trunc(toNum(arg)).toString(8);
				break;
			default:
				text = typeof arg === 'number' ? String.fromCharCode(arg) : toStr(arg).slice(0, 1);
		}
		if (flags.includes('+') && /[dif]/.test(conv) && !text.startsWith('-')) text = `+${text}`;
		const w = width === undefined ? 0 : Number(width);
		if (text.length < w) text = flags.includes('-') ? text.padEnd(w) : flags.includes('0') && conv !== 's' ? text.padStart(w, '0') : text.padStart(w);
		return text;
	});
}

class Next {}
class Exit {
	constructor(readonly status: number) {}
}

class Interpreter {
	vars = new Map<string, Value>();
	fields: string[] = [''];
	out = '';
	constructor(fs: string) {
		this.vars.set('FS', fs);
		this.vars.set('OFS', ' ');
		this.vars.set('ORS', '\n');
		this.vars.set('NR', 0);
		this.vars.set('NF', 0);
		this.vars.set('FNR', 0);
	}
	setRecord(line: string): void {
		this.fields = [line, ...this.split(line)];
		this.vars.set('NF', this.fields.length - 1);
	}
	private split(line: string): string[] {
		const fs = toStr(this.vars.get('FS') ?? ' ');
		if (fs === ' ') return line.split(/[ \t\n]+/).filter((f) => f !== '');
		if (line === '') return [];
		if (fs.length === 1 && fs !== '\\') return line.split(fs === '\t' ? '\t' : fs);
		return line.split(new RegExp(posixSource(fs, true)));
	}
	private getField(i: number): Value {
		if (i < 0) throw new AwkError(`trying to access out of range field ${i}`);
		return {strnum: this.fields[i] ?? ''};
	}
	private setField(i: number, value: string): void {
		if (i === 0) {
			this.setRecord(value);
			return;
		}
		while (this.fields.length <= i) this.fields.push('');
		this.fields[i] = value;
		this.vars.set('NF', this.fields.length - 1);
		this.fields[0] = this.fields.slice(1).join(toStr(this.vars.get('OFS') ?? ' '));
	}
	private assign(target: Expr, value: Value): Value {
		if (target.k === 'var') {
			this.vars.set(target.name, value);
			if (target.name === 'NF') {
				const nf = toNum(value);
				this.fields = this.fields.slice(0, nf + 1);
				this.fields[0] = this.fields.slice(1).join(toStr(this.vars.get('OFS') ?? ' '));
			}
		} else if (target.k === 'field') this.setField(toNum(this.eval(target.index)), toStr(value));
		return value;
	}
	eval(e: Expr): Value {
		switch (e.k) {
			case 'num':
				return e.v;
			case 'str':
				return e.v;
			case 're':
				return e.re.test(this.fields[0] ?? '') ? 1 : 0;
			case 'var':
				return this.vars.get(e.name) ?? '';
			case 'field':
				return this.getField(toNum(this.eval(e.index)));
			case 'un': {
				const v = this.eval(e.e);
				return e.op === '!' ? (truthy(v) ? 0 : 1) : e.op === '-' ? -toNum(v) : toNum(v);
			}
			case 'cond':
				return truthy(this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
			case 'assign': {
				const v = this.eval(e.e);
				if (e.op === '=') return this.assign(e.target, typeof v === 'object' ? {strnum: v.strnum} : v);
				const cur = toNum(this.eval(e.target));
				const n = toNum(v);
				const result = e.op === '+=' ? cur + n : e.op === '-=' ? cur - n : e.op === '*=' ? cur * n : e.op === '/=' ? cur / n : cur % n;
				return this.assign(e.target, result);
			}
			case 'incdec': {
				const cur = toNum(this.eval(e.target));
				const next = e.op === '++' ? cur + 1 : cur - 1;
				this.assign(e.target, next);
				return e.prefix ? next : cur;
			}
			case 'call':
				return this.call(e.name, e.args);
			case 'bin':
				return this.binary(e);
		}
	}
	private call(name: string, args: Expr[]): Value {
		const v = args.map((a) => this.eval(a));
		const s = (i: number): string => toStr(v[i] ?? '');
		switch (name) {
			case 'length':
				return (args.length === 0 ? (this.fields[0] ?? '') : s(0)).length;
			case 'substr': {
				const str = s(0);
				const start = Math.round(toNum(v[1] ?? 1));
				const len = v[2] === undefined ? Infinity : Math.round(toNum(v[2]));
				const from = Math.max(start, 1);
				const to = start + len;
				return to <= from ? '' : str.slice(from - 1, to - 1);
			}
			case 'index':
				return s(0).indexOf(s(1)) + 1;
			case 'tolower':
				return s(0).toLowerCase();
			case 'toupper':
				return s(0).toUpperCase();
			case 'int':
				return Math.trunc(toNum(v[0] ?? 0));
			default:
				return format(s(0), v.slice(1));
		}
	}
	private binary(e: Extract<Expr, {k: 'bin'}>): Value {
		if (e.op === '&&') return truthy(this.eval(e.a)) && truthy(this.eval(e.b)) ? 1 : 0;
		if (e.op === '||') return truthy(this.eval(e.a)) || truthy(this.eval(e.b)) ? 1 : 0;
		if (e.op === '~' || e.op === '!~') {
			const text = toStr(this.eval(e.a));
			const re = e.b.k === 're' ? e.b.re : new RegExp(posixSource(toStr(this.eval(e.b)), true));
			return re.test(text) === (e.op === '~') ? 1 : 0;
		}
		const a = this.eval(e.a);
		const b = this.eval(e.b);
		switch (e.op) {
			case 'concat':
				return toStr(a) + toStr(b);
			case '+':
				return toNum(a) + toNum(b);
			case '-':
				return toNum(a) - toNum(b);
			case '*':
				return toNum(a) * toNum(b);
			case '/':
				return toNum(a) / toNum(b);
			case '%':
				return toNum(a) % toNum(b);
		}
		const numeric = isNumberish(a) && isNumberish(b);
		const c = numeric ? toNum(a) - toNum(b) : toStr(a) < toStr(b) ? -1 : toStr(a) > toStr(b) ? 1 : 0;
		const result = e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '>' ? c > 0 : e.op === '>=' ? c >= 0 : e.op === '==' ? c === 0 : c !== 0;
		return result ? 1 : 0;
	}
	exec(stmts: Stmt[]): void {
		for (const s of stmts) {
			switch (s.k) {
				case 'print': {
					const parts = s.args.length === 0 ? [this.fields[0] ?? ''] : s.args.map((a) => toStr(this.eval(a)));
					this.out += parts.join(toStr(this.vars.get('OFS') ?? ' ')) + toStr(this.vars.get('ORS') ?? '\n');
					break;
				}
				case 'printf': {
					const [f, ...rest] = s.args.map((a) => this.eval(a));
					if (f === undefined) throw new AwkError('printf: no format');
					this.out += format(toStr(f), rest);
					break;
				}
				case 'if':
					this.exec(truthy(this.eval(s.c)) ? s.then : s.else);
					break;
				case 'next':
					throw new Next();
				case 'exit':
					throw new Exit(s.e ? toNum(this.eval(s.e)) : 0);
				case 'block':
					this.exec(s.body);
					break;
				case 'expr':
					this.eval(s.e);
			}
		}
	}
}

/** mawk's usage, printed on stderr with status 0 when there is no program. */
const USAGE = `Usage: mawk [Options] [Program] [file ...]

Program:
    The -f option value is the name of a file containing program text.
    If no -f option is given, a "--" ends option processing; the following
    parameters are the program text.

Options:
    -f program-file  Program  text is read from file instead of from the
                     command-line.  Multiple -f options are accepted.
    -F value         sets the field separator, FS, to value.
    -v var=value     assigns value to program variable var.
    --               unambiguous end of options.

    Implementation-specific options are prefixed with "-W".  They can be
    abbreviated:

    -W version       show version information and exit.
    -W dump          show assembler-like listing of program and exit.
    -W help          show this message and exit.
    -W interactive   set unbuffered output, line-buffered input.
    -W exec file     use file as program as well as last option.
    -W random=number set initial random seed.
    -W sprintf=number adjust size of sprintf buffer.
    -W posix_space   do not consider "\\n" a space.
    -W usage         show this message and exit.
`;

export const awk: Command = (ctx, args, stdin) => {
	// mawk names itself as it was called (awk, mawk).
	const me = args[0]!.slice(args[0]!.lastIndexOf('/') + 1);
	let fs = ' ';
	const assignments: [string, string][] = [];
	let i = 1;
	for (; i < args.length; i++) {
		const arg = args[i]!;
		if (arg === '--') {
			i++;
			break;
		}
		if (arg.startsWith('-F')) fs = arg.length > 2 ? arg.slice(2) : (args[++i] ?? '');
		else if (arg.startsWith('-v')) {
			const assignment = arg.length > 2 ? arg.slice(2) : (args[++i] ?? '');
			const eq = assignment.indexOf('=');
			if (eq < 0) return fail(`${me}: improper assignment: -v ${assignment}`, 2);
			assignments.push([assignment.slice(0, eq), assignment.slice(eq + 1)]);
		} else if (arg.startsWith('-') && arg !== '-') return fail(`${me}: not an option: ${arg}`, 2);
		else break;
	}
	const source = args[i];
	if (source === undefined) return {stdout: '', stderr: USAGE, status: 0};
	if (fs === 't') fs = '\t';
	fs = fs.replace(/\\t/g, '\t');
	let rules: Rule[];
	try {
		rules = new AwkParser(tokenize(source)).program();
	} catch (error) {
		if (error instanceof AwkError) return fail(`${me}: ${error.message}`, 2);
		throw error;
	}
	const interp = new Interpreter(fs);
	for (const [name, value] of assignments) interp.vars.set(name, {strnum: value});
	const files = args.slice(i + 1);
	let status = 0;
	let stderr = '';
	try {
		for (const rule of rules) if (rule.pattern === 'BEGIN') interp.exec(rule.action ?? []);
		const mains = rules.filter((r) => r.pattern !== 'BEGIN' && r.pattern !== 'END');
		if (mains.length > 0 || rules.some((r) => r.pattern === 'END')) {
			for (const input of readInputs(ctx, files, stdin)) {
				if ('error' in input) {
					return {stdout: interp.out, stderr: `${me}: cannot open ${input.name} (${input.error.text})\n`, status: 2};
				}
				for (const line of lines(input.text)) {
					interp.vars.set('NR', toNum(interp.vars.get('NR') ?? 0) + 1);
					interp.setRecord(line);
					try {
						for (const rule of mains) {
							if (rule.pattern !== undefined && !truthy(interp.eval(rule.pattern as Expr))) continue;
							if (rule.action) interp.exec(rule.action);
							else interp.out += (interp.fields[0] ?? '') + '\n';
						}
					} catch (error) {
						if (!(error instanceof Next)) throw error;
					}
				}
			}
		}
		for (const rule of rules) if (rule.pattern === 'END') interp.exec(rule.action ?? []);
	} catch (error) {
		if (error instanceof Exit) status = error.status;
		else if (error instanceof AwkError) return {stdout: interp.out, stderr: `${me}: run time error: ${error.message}\n`, status: 2};
		else throw error;
	}
	return {stdout: interp.out, stderr, status};
};
