// JSON sources the quick way. JSON is YAML, and yaml-source.ts reads it correctly, but building
// its syntax tree for a 50 MB `kubectl get … -o json` takes many seconds and gigabytes; JSON.parse
// takes a fraction of a second. The tree is still what positions come from, so it is built from
// the same text when a position is first needed (an error or a warning to report).
//
// Only text the two read alike takes this way: text JSON.parse accepts, with no key twice in an
// object (the YAML reader refuses that, JSON.parse keeps the last), no "<<" key (merge keys) and
// no nesting deeper than the YAML reader's limit. Anything else goes to the YAML reader, which
// then reports exactly what it always did.

import type {TreeLocation} from './locate.js';
import {MAX_NESTING, parseSource} from './yaml-source.js';

export interface JsonSource {
	value: unknown;
	/** The document's syntax tree, parsed on first call. */
	tree: () => TreeLocation;
}

const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COMMA = 44;
const BACKSLASH = 92;

export function readJson(file: string, text: string): JsonSource | undefined {
	const start = text.trimStart().charCodeAt(0);
	if (start !== OPEN_OBJECT && start !== OPEN_ARRAY) return undefined;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}
	if (text.includes('"<<"') || scanStructure(text, MAX_NESTING) !== undefined) return undefined;
	let tree: TreeLocation | undefined;
	return {
		value,
		tree: () => {
			if (tree === undefined) {
				const parsed = parseSource(file, text);
				const document = parsed.documents[0]!;
				tree = {file, lineCounter: parsed.lineCounter, document: document.document, node: document.root!};
			}
			return tree;
		},
	};
}

/** The characters that open, close or separate JSON structure, and the quote that opens a string. */
const STRUCTURE = /[{}[\],"]/g;

/** Whether some object of this text (valid JSON) has a key twice. */
export function hasDuplicateKey(text: string): boolean {
	return scanStructure(text, Infinity) === 'duplicate key';
}

/** The first reason this text (valid JSON) must go to the YAML reader: a key twice in an object,
 * or objects and arrays nested deeper than maxDepth. One pass, linear in the text. */
function scanStructure(text: string, maxDepth: number): 'duplicate key' | 'too deep' | undefined {
	// One frame per open object (its keys so far) or array (null), and whether a key comes next.
	const frames: (string[] | Set<string> | null)[] = [];
	let keyNext = false;
	STRUCTURE.lastIndex = 0;
	for (let found = STRUCTURE.exec(text); found !== null; found = STRUCTURE.exec(text)) {
		const i = found.index;
		switch (text.charCodeAt(i)) {
			case OPEN_OBJECT:
				if (frames.push([]) > maxDepth) return 'too deep';
				keyNext = true;
				break;
			case OPEN_ARRAY:
				if (frames.push(null) > maxDepth) return 'too deep';
				keyNext = false;
				break;
			case CLOSE_OBJECT:
			case CLOSE_ARRAY:
				frames.pop();
				keyNext = false;
				break;
			case COMMA:
				keyNext = frames[frames.length - 1] != null;
				break;
			default: {
				// A string: its end is the next quote not escaped by an odd run of backslashes.
				let end = text.indexOf('"', i + 1);
				while (isEscaped(text, end)) end = text.indexOf('"', end + 1);
				STRUCTURE.lastIndex = end + 1;
				if (!keyNext) break;
				keyNext = false;
				const raw = text.slice(i + 1, end);
				const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
				const frame = frames.length - 1;
				const keys = frames[frame]!;
				// Most objects have a handful of keys: a list is quicker than a set until they do not.
				if (Array.isArray(keys)) {
					if (keys.includes(key)) return 'duplicate key';
					keys.push(key);
					if (keys.length > 16) frames[frame] = new Set(keys);
				} else {
					if (keys.has(key)) return 'duplicate key';
					keys.add(key);
				}
			}
		}
	}
	return undefined;
}

function isEscaped(text: string, quote: number): boolean {
	let backslashes = 0;
	for (let j = quote - 1; text.charCodeAt(j) === BACKSLASH; j--) backslashes++;
	return backslashes % 2 === 1;
}

const LOG_START = '==== START logs for ';
const LOG_END = '==== END logs for ';

/**
 * `kubectl cluster-info dump` writes one JSON list after another (NodeList, EventList,
 * ReplicationControllerList…) with each container's log between `==== START logs for … ====` and
 * `==== END logs for … ====` lines. The JSON values of such a stream, each padded with the
 * newlines and spaces before it so that positions in it are positions in the whole text; undefined
 * for text that is not such a stream (then the YAML reader reports what it finds).
 */
export function splitJsonStream(text: string): string[] | undefined {
	const values: string[] = [];
	let i = 0;
	while (i < text.length) {
		const c = text.charCodeAt(i);
		if (c === 32 || c === 9 || c === 10 || c === 13) {
			i++;
			continue;
		}
		if (text.startsWith(LOG_START, i)) {
			// A log section runs to its END line; a log may hold anything, braces included.
			const end = text.indexOf(`\n${LOG_END}`, i);
			if (end < 0) return undefined;
			const lineEnd = text.indexOf('\n', end + 1);
			i = lineEnd < 0 ? text.length : lineEnd + 1;
			continue;
		}
		if (c !== OPEN_OBJECT && c !== OPEN_ARRAY) return undefined;
		const end = endOfValue(text, i);
		if (end === undefined) return undefined;
		const before = text.slice(0, i);
		const line = before.lastIndexOf('\n');
		values.push('\n'.repeat(countNewlines(before)) + ' '.repeat(i - line - 1) + text.slice(i, end));
		i = end;
	}
	return values.length > 1 ? values : undefined;
}

function countNewlines(text: string): number {
	let count = 0;
	for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
	return count;
}

/** Just past the object or array that opens at `start`, strings skipped; undefined if it never closes. */
function endOfValue(text: string, start: number): number | undefined {
	let depth = 0;
	STRUCTURE.lastIndex = start;
	for (let found = STRUCTURE.exec(text); found !== null; found = STRUCTURE.exec(text)) {
		const i = found.index;
		const c = text.charCodeAt(i);
		if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
		else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
			if (--depth === 0) return i + 1;
		} else if (c === 34) {
			let end = text.indexOf('"', i + 1);
			while (end >= 0 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
			if (end < 0) return undefined;
			STRUCTURE.lastIndex = end + 1;
		}
	}
	return undefined;
}
