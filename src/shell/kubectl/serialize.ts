// How kubectl encodes objects: `-o json` is Go's json.MarshalIndent of an unstructured map (keys
// sorted, four spaces, <, > and & escaped), `-o yaml` is sigs.k8s.io/yaml over go-yaml v2 (keys
// sorted, lists not indented under their key, YAML 1.1 quoting, long lines folded at 80
// columns, multi-line strings as literal blocks).

/** `sortKeys` false keeps the objects' own key order (a typed Go struct's field order). */
export function goJson(value: unknown, indent: boolean, sortKeys = true, unit = '    '): string {
	return encodeJson(value, indent ? '' : undefined, sortKeys, unit);
}

function encodeJson(value: unknown, pad: string | undefined, sortKeys: boolean, unit: string): string {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'string') return jsonString(value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	const inner = pad === undefined ? undefined : `${pad}${unit}`;
	const open = (items: string[], o: string, c: string): string => {
		if (items.length === 0) return `${o}${c}`;
		if (pad === undefined) return `${o}${items.join(',')}${c}`;
		return `${o}\n${items.map((i) => `${inner}${i}`).join(',\n')}\n${pad}${c}`;
	};
	if (Array.isArray(value)) return open(value.map((v) => encodeJson(v, inner, sortKeys, unit)), '[', ']');
	const object = value as Record<string, unknown>;
	const keys = Object.keys(object).filter((k) => object[k] !== undefined);
	if (sortKeys) keys.sort();
	return open(keys.map((k) => `${jsonString(k)}:${pad === undefined ? '' : ' '}${encodeJson(object[k], inner, sortKeys, unit)}`), '{', '}');
}

function jsonString(s: string): string {
	return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const BEST_WIDTH = 80;

export function goYaml(value: unknown): string {
	const lines: string[] = [];
	if (isMap(value)) writeMap(value, 0, lines);
	else if (Array.isArray(value)) writeSeq(value, 0, lines);
	else lines.push(scalar(value, 0, 0));
	return lines.map((l) => `${l}\n`).join('');
}

function isMap(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmptyCollection(value: unknown): string | undefined {
	if (Array.isArray(value) && value.length === 0) return '[]';
	if (isMap(value) && Object.keys(value).filter((k) => value[k] !== undefined).length === 0) return '{}';
	return undefined;
}

/** Writes `key: value` lines at `indent`; `first` replaces the indent of the first line (a `- ` item). */
function writeMap(map: Record<string, unknown>, indent: number, lines: string[], first?: string): void {
	const keys = Object.keys(map).filter((k) => map[k] !== undefined).sort();
	keys.forEach((key, i) => {
		const prefix = i === 0 && first !== undefined ? first : ' '.repeat(indent);
		const k = scalar(key, indent, prefix.length);
		const value = map[key];
		const empty = isEmptyCollection(value);
		if (empty) lines.push(`${prefix}${k}: ${empty}`);
		else if (isMap(value)) {
			lines.push(`${prefix}${k}:`);
			writeMap(value, indent + 2, lines);
		} else if (Array.isArray(value)) {
			lines.push(`${prefix}${k}:`);
			writeSeq(value, indent, lines);
		} else {
			const head = `${prefix}${k}:`;
			const text = scalar(value, indent + 2, head.length + 1);
			lines.push(text.startsWith('|') ? `${head} ${text}` : `${head} ${text}`);
		}
	});
}

function writeSeq(items: unknown[], indent: number, lines: string[]): void {
	const prefix = `${' '.repeat(indent)}- `;
	for (const item of items) {
		const empty = isEmptyCollection(item);
		if (empty) lines.push(`${prefix}${empty}`);
		else if (isMap(item)) writeMap(item, indent + 2, lines, prefix);
		else if (Array.isArray(item)) {
			// go-yaml writes a nested list's first item on the same line: `- - a`.
			const nested: string[] = [];
			writeSeq(item, indent + 2, nested);
			if (nested.length > 0) nested[0] = prefix + nested[0]!.slice(indent + 2);
			lines.push(...nested);
		} else lines.push(`${prefix}${scalar(item, indent + 2, prefix.length)}`);
	}
}

/** A scalar as go-yaml v2 emits it in block context; `indent` is where folded lines continue. */
function scalar(value: unknown, indent: number, column: number): string {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	const s = String(value);
	if (s === '') return '""';
	if (s.includes('\n')) return literal(s, indent);
	if (resolvesToOtherType(s) || /[^\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]/.test(s)) return JSON.stringify(s);
	if (plainAllowed(s)) return fold(s, indent, column);
	return fold(`'${s.replace(/'/g, "''")}'`, indent, column);
}

function literal(s: string, indent: number): string {
	const trailing = /\n+$/.exec(s)?.[0].length ?? 0;
	const chomp = trailing === 0 ? '-' : trailing > 1 ? '+' : '';
	const body = trailing === 0 ? s : s.slice(0, s.length - (trailing > 1 ? 0 : 1));
	const pad = ' '.repeat(indent);
	const lines = body.split('\n');
	if (trailing > 1) lines.pop();
	return `|${chomp}\n${lines.map((l) => (l === '' ? '' : pad + l)).join('\n')}`;
}

/** go-yaml v2 breaks a plain or single-quoted scalar at a space once the line is past 80 columns. */
function fold(text: string, indent: number, column: number): string {
	let out = '';
	let col = column;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (c === ' ' && col > BEST_WIDTH && i > 0 && text[i - 1] !== ' ' && text[i + 1] !== ' ' && i + 1 < text.length) {
			out += `\n${' '.repeat(indent)}`;
			col = indent;
			continue;
		}
		out += c;
		col++;
	}
	return out;
}

const BOOL_OR_NULL = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF', '~', 'null', 'Null', 'NULL']);

/** What YAML 1.1 (go-yaml v2's resolver) would read as a bool, null, number or timestamp. */
function resolvesToOtherType(s: string): boolean {
	if (BOOL_OR_NULL.has(s)) return true;
	if (/^[-+]?(0|[1-9][0-9_]*)$/.test(s)) return true;
	if (/^[-+]?0[0-7_]+$/.test(s) || /^[-+]?0x[0-9a-fA-F_]+$/.test(s) || /^[-+]?0b[01_]+$/.test(s)) return true;
	if (/^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return true;
	if (/^[-+]?\.(inf|Inf|INF)$/.test(s) || /^\.(nan|NaN|NAN)$/.test(s)) return true;
	if (/^\d{4}-\d{1,2}-\d{1,2}([Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[-+]\d{1,2}(:\d{2})?)?)?$/.test(s)) return true;
	if (s === '<<' || s === '=') return true;
	return false;
}

/** yaml_emitter_analyze_scalar's block-plain rule. */
function plainAllowed(s: string): boolean {
	if (s.startsWith(' ') || s.endsWith(' ')) return false;
	const first = s[0]!;
	const followedBySpace = (i: number): boolean => i + 1 >= s.length || s[i + 1] === ' ';
	if ('#,[]{}&*!|>\'"%@`'.includes(first)) return false;
	if ((first === '?' || first === ':' || first === '-') && followedBySpace(0)) return false;
	if (s.startsWith('---') || s.startsWith('...')) return false;
	for (let i = 1; i < s.length; i++) {
		const c = s[i]!;
		if (c === ':' && followedBySpace(i)) return false;
		if (c === '#' && s[i - 1] === ' ') return false;
	}
	return true;
}
