// bash's $(( … )): integer arithmetic with C's operators and precedence, on 64-bit integers
// (BigInt), names read as variables (unset or empty is 0), 0x hex and leading-0 octal; errors in
// bash's words ("division by 0 (error token is "0")"). Handy for CIDR sums: $((2**(32-12))).

export class ArithmeticError extends Error {
	override name = 'ArithmeticError';
}

const INT64 = (value: bigint): bigint => BigInt.asIntN(64, value);

type Token = {kind: 'num'; value: bigint; at: number} | {kind: 'name'; name: string; at: number} | {kind: 'op'; op: string; at: number};

const OPS = ['**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+', '-', '*', '/', '%', '<', '>', '&', '^', '|', '!', '~', '(', ')', '?', ':'];

function tokenize(expr: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < expr.length) {
		const c = expr[i]!;
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		const number = /^(0[xX][0-9a-fA-F]+|\d+)/.exec(expr.slice(i));
		if (number) {
			const text = number[1]!;
			let value: bigint;
			if (/^0[xX]/.test(text)) value = BigInt(text);
			else if (text.length > 1 && text.startsWith('0')) {
				if (/[89]/.test(text)) throw new ArithmeticError(`${expr}: value too great for base (error token is "${text}")`);
				value = BigInt(`0o${text.slice(1)}`);
			} else value = BigInt(text);
			tokens.push({kind: 'num', value, at: i});
			i += text.length;
			continue;
		}
		const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.slice(i));
		if (name) {
			tokens.push({kind: 'name', name: name[0], at: i});
			i += name[0].length;
			continue;
		}
		const op = OPS.find((o) => expr.startsWith(o, i));
		if (!op) throw new ArithmeticError(`${expr}: syntax error: invalid arithmetic operator (error token is "${expr.slice(i)}")`);
		tokens.push({kind: 'op', op, at: i});
		i += op.length;
	}
	return tokens;
}

/** Binary operators by precedence, lowest first (C's table, as bash uses it). */
const LEVELS: string[][] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

export function evaluateArithmetic(expr: string, variable: (name: string) => string | undefined): bigint {
	const tokens = tokenize(expr);
	let k = 0;
	const rest = (): string => (k < tokens.length ? expr.slice(tokens[k]!.at).trim() : '');
	const peekOp = (): string | undefined => {
		const t = tokens[k];
		return t?.kind === 'op' ? t.op : undefined;
	};
	const operandExpected = (): ArithmeticError => new ArithmeticError(`${expr}: syntax error: operand expected (error token is "${rest() || expr.trim().slice(-1)}")`);

	const ternary = (): bigint => {
		const condition = binary(0);
		if (peekOp() !== '?') return condition;
		k++;
		const a = ternary();
		if (peekOp() !== ':') throw new ArithmeticError(`${expr}: syntax error in expression (error token is "${rest()}")`);
		k++;
		const b = ternary();
		return condition !== 0n ? a : b;
	};
	const binary = (level: number): bigint => {
		if (level >= LEVELS.length) return power();
		let left = binary(level + 1);
		for (let op = peekOp(); op !== undefined && LEVELS[level]!.includes(op); op = peekOp()) {
			k++;
			const divisorAt = rest();
			const right = binary(level + 1);
			left = apply(op, left, right, divisorAt);
		}
		return left;
	};
	const apply = (op: string, a: bigint, b: bigint, rightText: string): bigint => {
		switch (op) {
			case '||':
				return a !== 0n || b !== 0n ? 1n : 0n;
			case '&&':
				return a !== 0n && b !== 0n ? 1n : 0n;
			case '|':
				return INT64(a | b);
			case '^':
				return INT64(a ^ b);
			case '&':
				return INT64(a & b);
			case '==':
				return a === b ? 1n : 0n;
			case '!=':
				return a !== b ? 1n : 0n;
			case '<':
				return a < b ? 1n : 0n;
			case '<=':
				return a <= b ? 1n : 0n;
			case '>':
				return a > b ? 1n : 0n;
			case '>=':
				return a >= b ? 1n : 0n;
			case '<<':
				return INT64(a << (b & 63n));
			case '>>':
				return INT64(a >> (b & 63n));
			case '+':
				return INT64(a + b);
			case '-':
				return INT64(a - b);
			case '*':
				return INT64(a * b);
			default:
				if (b === 0n) throw new ArithmeticError(`${expr}: division by 0 (error token is "${rightText}")`);
				return INT64(op === '/' ? a / b : a % b);
		}
	};
	const power = (): bigint => {
		const base = unary();
		if (peekOp() !== '**') return base;
		k++;
		const exponentText = rest();
		const exponent = power();
		if (exponent < 0n) throw new ArithmeticError(`${expr}: exponent less than 0 (error token is "${exponentText.replace(/^-\s*/, '')}")`);
		return INT64(base ** exponent);
	};
	const unary = (): bigint => {
		const op = peekOp();
		if (op === '-' || op === '+' || op === '!' || op === '~') {
			k++;
			const value = unary();
			return op === '-' ? INT64(-value) : op === '+' ? value : op === '!' ? (value === 0n ? 1n : 0n) : INT64(~value);
		}
		return primary();
	};
	const primary = (): bigint => {
		const t = tokens[k];
		if (t === undefined) throw operandExpected();
		if (t.kind === 'num') {
			k++;
			return t.value;
		}
		if (t.kind === 'name') {
			k++;
			const value = (variable(t.name) ?? '').trim();
			if (value === '') return 0n;
			return evaluateArithmetic(value, variable);
		}
		if (t.op === '(') {
			k++;
			const value = ternary();
			if (peekOp() !== ')') throw new ArithmeticError(`${expr}: missing \`)' (error token is "${rest()}")`);
			k++;
			return value;
		}
		throw operandExpected();
	};
	if (tokens.length === 0) return 0n;
	const value = ternary();
	if (k < tokens.length) throw new ArithmeticError(`${expr}: syntax error in expression (error token is "${rest()}")`);
	return value;
}
