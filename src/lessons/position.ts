// Finds the line:column in a lesson file that an issue is about, from the yaml package's node
// ranges, so an author can jump straight to it: the offending value, the unexpected key, or for
// a problem inside a literal block (`text: |`, `apply: |`) the very line inside the block.

import {isMap, isScalar, Scalar, type Document, type LineCounter} from 'yaml';

export interface Position {
	line: number;
	column: number;
}

export interface Pointer {
	path: readonly PropertyKey[];
	/** Point at this key of the mapping at `path`, rather than at a value. */
	key?: string;
	/** A 1-based place inside the string value at `path`. */
	inside?: Position;
}

interface Ranged {
	range?: [number, number, number] | null;
}

export function locate(doc: Document.Parsed, lineCounter: LineCounter, source: string, pointer: Pointer): Position {
	const at = (offset: number): Position => {
		const {line, col} = lineCounter.linePos(offset);
		return {line, column: col};
	};
	const node = nearest(doc, pointer.path);
	if (node.exact && pointer.key !== undefined && isMap(node.value)) {
		const pair = node.value.items.find((item) => isScalar(item.key) && item.key.value === pointer.key);
		const keyRange = (pair?.key as Ranged | undefined)?.range;
		if (keyRange) return at(keyRange[0]);
	}
	const range = (node.value as Ranged | undefined)?.range;
	if (!range) return {line: 1, column: 1};
	if (node.exact && pointer.inside && isScalar(node.value) && node.value.type === Scalar.BLOCK_LITERAL) {
		return insideLiteral(source, at(range[0]).line, pointer.inside);
	}
	return at(range[0]);
}

/** The node at `path`, or its nearest ancestor when the path goes through something missing. */
function nearest(doc: Document.Parsed, path: readonly PropertyKey[]): {value: unknown; exact: boolean} {
	for (let n = path.length; n >= 0; n--) {
		const value: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
		if (value !== undefined && value !== null) return {value, exact: n === path.length};
	}
	return {value: undefined, exact: false};
}

// A literal block's lines are the file's lines after the `|` header, each shifted by the block's
// indentation, which is that of its first non-blank line.
function insideLiteral(source: string, headerLine: number, inside: Position): Position {
	const lines = source.split('\n');
	const body = lines.slice(headerLine);
	const first = body.find((line) => line.trim() !== '') ?? '';
	const indent = first.length - first.trimStart().length;
	return {line: headerLine + inside.line, column: indent + inside.column};
}
