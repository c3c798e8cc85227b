// Finds where a field was written: walks the YAML syntax tree along a field path and answers the
// position of the value (scalars) or of its key (maps and lists, whose value starts on a later
// line). A path that goes beyond what was written (a defaulted field, a missing one) answers the
// deepest part that exists, which is where the learner has to add it.

import {type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node} from 'yaml';
import type {Position} from './errors.js';
import type {FieldPath} from './field-errors.js';
import {aliasTarget} from './yaml-source.js';

/** A place in a parsed syntax tree. */
export interface TreeLocation {
	file: string;
	lineCounter: LineCounter;
	document: Document.Parsed;
	/** The object's own node: a document's root, or an item of a List. */
	node: Node;
}

/**
 * A place in a JSON source read with JSON.parse (json-source.ts): the path from the document's
 * root, and the syntax tree, built only when a position is first asked for (an error, a warning).
 */
export interface DeferredLocation {
	file: string;
	tree: () => TreeLocation;
	path: FieldPath;
}

/** Where an object was written. */
export type NodeLocation = TreeLocation | DeferredLocation;

function isDeferred(location: NodeLocation): location is DeferredLocation {
	return 'tree' in location;
}

/** The tree location of a deferred one: its path walked from the root (as far as it goes). */
function inTree(location: NodeLocation): TreeLocation {
	if (!isDeferred(location)) return location;
	const root = location.tree();
	return childTreeLocation(root, location.path) ?? root;
}

interface Step {
	node: Node;
	/** The key this node is the value of, when it came out of a map. */
	key?: Node;
}

function resolve(node: Node, document: Document.Parsed): Node | undefined {
	// An alias never points at an alias (the anchor is on the node it names), and the target was
	// found when the document was read: no scan of the document per lookup.
	return isAlias(node) ? aliasTarget(document, node) : node;
}

function isNodeLike(value: unknown): value is Node {
	return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}

/** A map's own keys (the first pair of each, as written) and the maps merged into it with `<<`. */
interface MapIndex {
	keys: Map<string, Step>;
	merged: Node[];
}

/** Built once per map on first lookup, so locating every one of a big map's keys stays linear. */
const mapIndexes = new WeakMap<Node, MapIndex>();

function indexOf(map: Node, document: Document.Parsed): MapIndex | undefined {
	if (!isMap(map)) return undefined;
	let index = mapIndexes.get(map);
	if (index) return index;
	index = {keys: new Map(), merged: []};
	for (const pair of map.items) {
		if (!isPair(pair)) continue;
		const keyNode = pair.key;
		const keyValue: unknown = isScalar(keyNode) ? keyNode.value : undefined;
		const value = isNodeLike(pair.value) ? resolve(pair.value, document) : undefined;
		// With `merge: true` the library marks a merge key with a symbol, not the text `<<`.
		const isMergeKey = typeof keyValue === 'symbol' ? keyValue.description === '<<' : keyValue === '<<';
		if (isMergeKey && value) {
			index.merged.push(...(isSeq(value) ? value.items.filter(isNodeLike) : [value]));
			continue;
		}
		if ((typeof keyValue === 'string' || typeof keyValue === 'number' || typeof keyValue === 'boolean') && isNodeLike(keyNode)) {
			const key = String(keyValue);
			// `key:` with nothing after it has a null value node; the key is still where to point.
			if (!index.keys.has(key)) index.keys.set(key, value ? {node: value, key: keyNode} : {node: keyNode, key: keyNode});
		}
	}
	mapIndexes.set(map, index);
	return index;
}

/** Looks a key up in a map, then in the maps merged into it with `<<`. */
function findPair(map: Node, key: string, document: Document.Parsed, depth = 0): Step | undefined {
	const index = depth > 10 ? undefined : indexOf(map, document);
	if (!index) return undefined;
	const own = index.keys.get(key);
	if (own) return own;
	for (const source of index.merged) {
		const found = findPair(resolve(source, document) ?? source, key, document, depth + 1);
		if (found) return found;
	}
	return undefined;
}

/** The deepest step of the path that was written, and whether that is the whole path. */
function walk(location: TreeLocation, path: FieldPath): Step & {complete: boolean} {
	let step: Step = {node: resolve(location.node, location.document) ?? location.node};
	for (const segment of path) {
		let next: Step | undefined;
		if (typeof segment === 'number') {
			const item = isSeq(step.node) ? step.node.items[segment] : undefined;
			const resolved = isNodeLike(item) ? resolve(item, location.document) : undefined;
			next = resolved ? {node: resolved} : undefined;
		} else next = findPair(step.node, segment, location.document);
		if (!next) return {...step, complete: false};
		step = next;
	}
	return {...step, complete: true};
}

function positionOf(location: TreeLocation, offset: number): Position {
	const {line, col} = location.lineCounter.linePos(offset);
	return {file: location.file, line, column: col};
}

export function locateField(location: NodeLocation, path: FieldPath): Position {
	const tree = inTree(location);
	const step = walk(tree, path);
	const target = !isScalar(step.node) && step.key ? step.key : step.node;
	return positionOf(tree, target.range?.[0] ?? 0);
}

/** Whether the whole path was written (not defaulted, not missing). */
export function isWritten(location: NodeLocation, path: FieldPath): boolean {
	return walk(inTree(location), path).complete;
}

/** Where the object starts: its first key (after `- ` for a List item). For a deferred location
 * the position is worked out when its line or column is first read. */
export function locateObject(location: NodeLocation): Position {
	if (!isDeferred(location)) return positionOf(location, location.node.range?.[0] ?? 0);
	let known: Position | undefined;
	const position = (): Position => {
		if (known === undefined) {
			const tree = inTree(location);
			known = positionOf(tree, tree.node.range?.[0] ?? 0);
		}
		return known;
	};
	return {
		file: location.file,
		get line() {
			return position().line;
		},
		get column() {
			return position().column;
		},
	};
}

/** The location of a nested object (a List item), for locating its own fields from there. A
 * deferred location always has one (it falls back to the nearest part that exists when resolved). */
export function childLocation(location: NodeLocation, path: FieldPath): NodeLocation | undefined {
	if (isDeferred(location)) return {...location, path: [...location.path, ...path]};
	return childTreeLocation(location, path);
}

function childTreeLocation(location: TreeLocation, path: FieldPath): TreeLocation | undefined {
	let node: Node | undefined = resolve(location.node, location.document);
	for (const segment of path) {
		if (!node) return undefined;
		if (typeof segment === 'number') {
			const item: unknown = isSeq(node) ? node.items[segment] : undefined;
			node = isNodeLike(item) ? resolve(item, location.document) : undefined;
		} else {
			const found = findPair(node, segment, location.document);
			node = found && found.node !== found.key ? found.node : undefined;
		}
	}
	return node ? {...location, node} : undefined;
}
