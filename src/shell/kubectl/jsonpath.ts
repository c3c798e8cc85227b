// kubectl's JSONPath (k8s.io/client-go/util/jsonpath), the dialect `-o jsonpath=` and
// `custom-columns` use: text with `{…}` actions, `{range …}{end}`, `.field`, `..field`,
// `['key']`, `[n]`, `[a:b]`, `[*]`, unions `[a,b]`, filters `[?(@.type=="InternalIP")]`, string
// literals `{"\n"}`, escaped dots in keys (`kubernetes\.io/hostname`). Missing keys give nothing
// (kubectl allows them); several results of one action are joined by a space; maps and lists
// print as compact JSON.
import {goJson} from './serialize.js';

export class JSONPathError extends Error {
	override readonly name = 'JSONPathError';
}

type Step =
	| {kind: 'field'; name: string}
	| {kind: 'recursive'; name: string}
	| {kind: 'wildcard'}
	| {kind: 'index'; items: IndexItem[]}
	| {kind: 'filter'; left: Step[]; op: string | undefined; right: Operand | undefined};

type IndexItem = {kind: 'number'; value: number} | {kind: 'slice'; start?: number; end?: number; step?: number} | {kind: 'key'; value: string} | {kind: 'all'};

type Operand = {kind: 'literal'; value: string | number | boolean | null} | {kind: 'path'; steps: Step[]; fromRoot: boolean};

type Node =
	| {kind: 'text'; text: string}
	| {kind: 'path'; steps: Step[]; fromRoot: boolean}
	| {kind: 'literal'; text: string}
	| {kind: 'range'; steps: Step[]; fromRoot: boolean; body: Node[]};

export function parseJSONPath(template: string): Node[] {
	const nodes: Node[] = [];
	const stack: Node[][] = [nodes];
	const ranges: Extract<Node, {kind: 'range'}>[] = [];
	let i = 0;
	while (i < template.length) {
		const open = template.indexOf('{', i);
		if (open === -1) {
			stack[stack.length - 1]!.push({kind: 'text', text: template.slice(i)});
			break;
		}
		if (open > i) stack[stack.length - 1]!.push({kind: 'text', text: template.slice(i, open)});
		const close = findClose(template, open + 1);
		if (close === -1) throw new JSONPathError('unclosed action');
		const action = template.slice(open + 1, close).trim();
		i = close + 1;
		if (action === 'end') {
			if (ranges.length === 0) throw new JSONPathError('not in range, nothing to end');
			ranges.pop();
			stack.pop();
			continue;
		}
		if (/^range[\s.[$@]/.test(action)) {
			const expr = parseExpression(action.slice(5).trim());
			const node: Extract<Node, {kind: 'range'}> = {kind: 'range', steps: expr.steps, fromRoot: expr.fromRoot, body: []};
			stack[stack.length - 1]!.push(node);
			ranges.push(node);
			stack.push(node.body);
			continue;
		}
		if (action.startsWith('"') || action.startsWith("'")) {
			stack[stack.length - 1]!.push({kind: 'literal', text: unquote(action)});
			continue;
		}
		const expr = parseExpression(action);
		stack[stack.length - 1]!.push({kind: 'path', ...expr});
	}
	if (ranges.length > 0) throw new JSONPathError('unclosed range');
	return nodes;
}

/** The `}` closing an action, skipping quoted strings. */
function findClose(text: string, from: number): number {
	let quote: string | undefined;
	for (let i = from; i < text.length; i++) {
		const c = text[i]!;
		if (quote) {
			if (c === '\\') i++;
			else if (c === quote) quote = undefined;
		} else if (c === '"' || c === "'") quote = c;
		else if (c === '}') return i;
	}
	return -1;
}

function unquote(text: string): string {
	const q = text[0]!;
	if (text.length < 2 || text[text.length - 1] !== q) throw new JSONPathError(`unterminated quoted string`);
	const body = text.slice(1, -1);
	return body.replace(/\\(.)/g, (_, c: string) => ({n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'"})[c] ?? c);
}

function parseExpression(text: string): {steps: Step[]; fromRoot: boolean} {
	let i = 0;
	let fromRoot = false;
	if (text.startsWith('$')) {
		fromRoot = true;
		i = 1;
	} else if (text.startsWith('@')) i = 1;
	const steps: Step[] = [];
	while (i < text.length) {
		const c = text[i]!;
		if (c === '.') {
			if (text[i + 1] === '.') {
				const [name, next] = readName(text, i + 2);
				steps.push({kind: 'recursive', name});
				i = next;
				continue;
			}
			const [name, next] = readName(text, i + 1);
			if (name === '*') steps.push({kind: 'wildcard'});
			else if (name !== '') steps.push({kind: 'field', name});
			i = next;
			continue;
		}
		if (c === '[') {
			const close = matchingBracket(text, i);
			if (close === -1) throw new JSONPathError(`unterminated array`);
			steps.push(parseBracket(text.slice(i + 1, close)));
			i = close + 1;
			continue;
		}
		if (c === ' ' || c === '\t') {
			i++;
			continue;
		}
		// A bare name at the start (`metadata.name` inside custom-columns has been given its dot already).
		const [name, next] = readName(text, i);
		if (name === '') throw new JSONPathError(`unrecognized character in action: U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`);
		steps.push({kind: 'field', name});
		i = next;
	}
	return {steps, fromRoot};
}

function readName(text: string, from: number): [string, number] {
	let name = '';
	let i = from;
	while (i < text.length) {
		const c = text[i]!;
		if (c === '\\' && i + 1 < text.length) {
			name += text[i + 1];
			i += 2;
			continue;
		}
		if (c === '.' || c === '[' || c === ' ' || c === ']' || c === ')' || c === '=' || c === '!' || c === '<' || c === '>') break;
		name += c;
		i++;
	}
	return [name, i];
}

function matchingBracket(text: string, open: number): number {
	let depth = 0;
	let quote: string | undefined;
	for (let i = open; i < text.length; i++) {
		const c = text[i]!;
		if (quote) {
			if (c === quote) quote = undefined;
			continue;
		}
		if (c === '"' || c === "'") quote = c;
		else if (c === '[') depth++;
		else if (c === ']' && --depth === 0) return i;
	}
	return -1;
}

function parseBracket(body: string): Step {
	const inner = body.trim();
	if (inner.startsWith('?')) {
		const m = /^\?\((.*)\)$/s.exec(inner);
		if (!m) throw new JSONPathError(`invalid filter ${inner}`);
		return parseFilter(m[1]!.trim());
	}
	if (inner === '*') return {kind: 'wildcard'};
	const items: IndexItem[] = splitTop(inner, ',').map((part): IndexItem => {
		const p = part.trim();
		if (p === '*') return {kind: 'all'};
		if (p.startsWith("'") || p.startsWith('"')) return {kind: 'key', value: unquote(p)};
		if (p.includes(':')) {
			const [a, b, c] = p.split(':').map((x) => x.trim());
			const n = (x: string | undefined): number | undefined => (x === undefined || x === '' ? undefined : parseIndex(x));
			return {kind: 'slice', start: n(a), end: n(b), step: n(c)};
		}
		if (/^-?\d+$/.test(p)) return {kind: 'number', value: Number(p)};
		return {kind: 'key', value: p};
	});
	return {kind: 'index', items};
}

function parseIndex(text: string): number {
	if (!/^-?\d+$/.test(text)) throw new JSONPathError(`invalid array index ${text}`);
	return Number(text);
}

function splitTop(text: string, separator: string): string[] {
	const parts: string[] = [];
	let quote: string | undefined;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quote) {
			if (c === quote) quote = undefined;
		} else if (c === '"' || c === "'") quote = c;
		else if (c === separator) {
			parts.push(text.slice(start, i));
			start = i + 1;
		}
	}
	parts.push(text.slice(start));
	return parts;
}

const OPERATORS = ['==', '!=', '<=', '>=', '<', '>'];

function parseFilter(text: string): Step {
	let quote: string | undefined;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quote) {
			if (c === quote) quote = undefined;
			continue;
		}
		if (c === '"' || c === "'") {
			quote = c;
			continue;
		}
		const op = OPERATORS.find((o) => text.startsWith(o, i));
		if (op) {
			const left = parseExpression(text.slice(0, i).trim()).steps;
			return {kind: 'filter', left, op, right: parseOperand(text.slice(i + op.length).trim())};
		}
	}
	return {kind: 'filter', left: parseExpression(text).steps, op: undefined, right: undefined};
}

function parseOperand(text: string): Operand {
	if (text.startsWith('"') || text.startsWith("'")) return {kind: 'literal', value: unquote(text)};
	if (/^-?\d+(\.\d+)?$/.test(text)) return {kind: 'literal', value: Number(text)};
	if (text === 'true' || text === 'false') return {kind: 'literal', value: text === 'true'};
	if (text === 'nil' || text === 'null') return {kind: 'literal', value: null};
	const expr = parseExpression(text);
	return {kind: 'path', steps: expr.steps, fromRoot: expr.fromRoot};
}

/** The values a path finds from `start`. */
function evaluate(steps: readonly Step[], start: unknown, root: unknown): unknown[] {
	let current: unknown[] = [start];
	for (const step of steps) {
		const next: unknown[] = [];
		for (const value of current) applyStep(step, value, root, next);
		current = next;
	}
	return current;
}

function applyStep(step: Step, value: unknown, root: unknown, out: unknown[]): void {
	switch (step.kind) {
		case 'field':
			if (isMap(value) && step.name in value) out.push(value[step.name]);
			return;
		case 'wildcard':
			if (Array.isArray(value)) out.push(...value);
			else if (isMap(value)) for (const key of Object.keys(value).sort()) out.push(value[key]);
			return;
		case 'recursive':
			recurse(value, step.name, out);
			return;
		case 'index':
			for (const item of step.items) {
				if (item.kind === 'key') {
					if (isMap(value) && item.value in value) out.push(value[item.value]);
				} else if (item.kind === 'all') {
					if (Array.isArray(value)) out.push(...value);
				} else if (Array.isArray(value)) {
					if (item.kind === 'number') {
						const index = item.value < 0 ? value.length + item.value : item.value;
						if (index >= 0 && index < value.length) out.push(value[index]);
					} else {
						const len = value.length;
						const norm = (n: number): number => (n < 0 ? Math.max(0, len + n) : Math.min(n, len));
						const start = item.start === undefined ? 0 : norm(item.start);
						const end = item.end === undefined ? len : norm(item.end);
						const by = item.step ?? 1;
						for (let i = start; i < end; i += by > 0 ? by : 1) out.push(value[i]);
					}
				}
			}
			return;
		case 'filter': {
			const items = Array.isArray(value) ? value : [];
			for (const item of items) {
				const lefts = evaluate(step.left, item, root);
				if (step.op === undefined) {
					if (lefts.length > 0) out.push(item);
					continue;
				}
				const rights = step.right!.kind === 'literal' ? [step.right!.value] : evaluate(step.right!.steps, step.right!.fromRoot ? root : item, root);
				if (lefts.some((l) => rights.some((r) => compare(l, step.op!, r)))) out.push(item);
			}
		}
	}
}

function recurse(value: unknown, name: string, out: unknown[]): void {
	if (isMap(value)) {
		if (name === '' || name === '*') out.push(value);
		else if (name in value) out.push(value[name]);
		for (const key of Object.keys(value)) recurse(value[key], name, out);
	} else if (Array.isArray(value)) for (const item of value) recurse(item, name, out);
}

function compare(left: unknown, op: string, right: unknown): boolean {
	if (typeof left === 'number' && typeof right === 'number') {
		switch (op) {
			case '==':
				return left === right;
			case '!=':
				return left !== right;
			case '<':
				return left < right;
			case '>':
				return left > right;
			case '<=':
				return left <= right;
			case '>=':
				return left >= right;
		}
	}
	if (op === '==') return String(left) === String(right);
	if (op === '!=') return String(left) !== String(right);
	return false;
}

function isMap(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How one found value prints: strings as they are, maps and lists as compact JSON. */
export function jsonPathText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === null || value === undefined) return '';
	if (typeof value === 'object') return goJson(value, false);
	return String(value);
}

export function executeJSONPath(nodes: readonly Node[], data: unknown): string {
	return run(nodes, data, data);
}

function run(nodes: readonly Node[], current: unknown, root: unknown): string {
	let out = '';
	for (const node of nodes) {
		switch (node.kind) {
			case 'text':
				out += node.text;
				break;
			case 'literal':
				out += node.text;
				break;
			case 'path':
				out += evaluate(node.steps, node.fromRoot ? root : current, root).map(jsonPathText).join(' ');
				break;
			case 'range':
				for (const item of evaluate(node.steps, node.fromRoot ? root : current, root)) {
					const items = Array.isArray(item) && node.steps.length > 0 && node.steps[node.steps.length - 1]!.kind === 'field' ? item : [item];
					for (const each of items) out += run(node.body, each, root);
				}
				break;
		}
	}
	return out;
}

/** The values of one expression (custom-columns' cells). */
export function findResults(nodes: readonly Node[], data: unknown): unknown[] {
	const out: unknown[] = [];
	for (const node of nodes) if (node.kind === 'path') out.push(...evaluate(node.steps, node.fromRoot ? data : data, data));
	return out;
}
