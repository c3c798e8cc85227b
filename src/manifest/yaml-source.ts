// Reads one source text into YAML documents while keeping the syntax tree, so that every value
// read later can still be traced back to its line and column.
//
// Input may be hostile or broken (a fuzzer, a truncated file), so reading it is bounded: each step
// below is linear in the size of the text (but the library's alias lookups, bounded by MAX_ALIASES),
// and what would make a later step recurse without end or expand without bound is refused first,
// with its position:
// - nesting deeper than MAX_NESTING maps and lists (aliases counted as what they stand for);
// - an alias inside the value of its own anchor (`&a {items: [*a]}`), which has no finite value;
// - more than MAX_ALIASES aliases in one document, or aliases that add more than
//   MAX_EXPANDED_NODES values to it once expanded (a "billion laughs" bomb);
// - a list or map used as a map key, which Kubernetes' YAML reader refuses too.

import {
	type Alias,
	Composer,
	type Document,
	isAlias,
	isMap,
	isPair,
	isScalar,
	isSeq,
	Lexer,
	LineCounter,
	type Node,
	Parser,
	type CST,
} from 'yaml';
import {manifestError, type ManifestError} from './errors.js';

/** How deep maps and lists may nest. Kubernetes objects need about 20; the limit keeps every
 * recursive step (the YAML library's, the loader's) far from the call stack's end. */
export const MAX_NESTING = 100;
/** Aliases (`*name`) in one document: far above what a hand-written manifest uses. */
export const MAX_ALIASES = 10_000;
/** Values that aliases add to one document once expanded: a bomb is refused here, quickly. */
export const MAX_EXPANDED_NODES = 1_000_000;

export interface ParsedDocument {
	/** The document's plain value (aliases and `<<` merges resolved). Documents with nothing in
	 * them, or only `null`, are not listed. */
	value: unknown;
	root: Node | null;
	document: Document.Parsed;
}

export interface ParsedSource {
	file: string;
	lineCounter: LineCounter;
	documents: ParsedDocument[];
}

/** Which node each alias of a document stands for, found once when the document is read. */
const aliasTargets = new WeakMap<Document.Parsed, Map<Alias, Node>>();

/** The node an alias stands for (the last anchor of its name before it), without scanning the
 * document again as the library's Alias.resolve does. */
export function aliasTarget(document: Document.Parsed, alias: Alias): Node | undefined {
	return aliasTargets.get(document)?.get(alias);
}

/** Throws ManifestError for the first problem: `file:line:col: YAML syntax error: <reason>`. */
export function parseSource(file: string, text: string): ParsedSource {
	const lineCounter = new LineCounter();
	const at = (offset: number): {file: string; line: number; column: number} => {
		const {line, col} = lineCounter.linePos(offset);
		return {file, line, column: col};
	};
	// prettyErrors stays off (the Composer's default), keeping the library's reason to one line.
	// `merge: true` because Kubernetes' own YAML reader (go-yaml via sigs.k8s.io/yaml) honours `<<`.
	// uniqueKeys off: the library checks each key against every earlier one (quadratic in a map's
	// size); checkDocument does it with a set. logLevel 'error' keeps the library's warnings off
	// stderr: what deserves a warning is reported by checkDocument.
	const composer = new Composer({merge: true, uniqueKeys: false, logLevel: 'error'});
	const parsed: ParsedDocument[] = [];
	const take = (document: Document.Parsed): void => {
		const [error] = document.errors;
		if (error) throw manifestError(at(error.pos[0]), 'YAML syntax error', error.message.split('\n')[0]);
		// A document with nothing in it (`---` alone, comments, `null`) is skipped, as kubectl does;
		// not keeping it keeps a file of a million `---` lines from holding a million documents.
		const contents = document.contents;
		if (contents === null || (isScalar(contents) && contents.value === null)) return;
		const problem = checkDocument(document);
		if (problem) throw manifestError(at(problem.offset), problem.subject, problem.reason);
		let value: unknown;
		try {
			// The aliases were bounded by checkDocument: the library's own heuristic count (which
			// refuses 1,001 aliases of one small map) would only refuse legitimate anchors.
			value = document.toJS({maxAliasCount: -1});
		} catch (problem) {
			const reason = problem instanceof Error ? problem.message : String(problem);
			throw manifestError(at(document.range[0]), 'YAML error', reason.split('\n')[0]);
		}
		parsed.push({value: value ?? null, root: document.contents, document});
	};
	// Documents are composed and checked as the text is read, one at a time.
	const tooDeep = (offset: number): ManifestError =>
		manifestError(at(offset), 'YAML error', `nested more than ${MAX_NESTING} levels deep (svc-tutor reads manifests up to ${MAX_NESTING} levels of maps and lists)`);
	for (const token of cstTokens(text, lineCounter, tooDeep)) for (const document of composer.next(token)) take(document as Document.Parsed);
	for (const document of composer.end()) take(document as Document.Parsed);
	return {file, lineCounter, documents: parsed};
}

/**
 * The CST tokens of the text, read lexeme by lexeme so that nesting too deep is refused as soon as
 * it is reached, before the library's recursive steps (and its parser, which slows down with
 * depth) ever see it.
 */
function* cstTokens(text: string, lineCounter: LineCounter, tooDeep: (offset: number) => ManifestError): Generator<CST.Token> {
	const parser = new Parser(lineCounter.addNewLine);
	lineCounter.addNewLine(0);
	// The parser's stack holds the document, then one entry per open collection (and a scalar or
	// two): only a long stack needs its collections counted.
	for (const lexeme of new Lexer().lex(text)) {
		yield* parser.next(lexeme);
		if (parser.stack.length > MAX_NESTING) {
			const collections = parser.stack.filter((token) => token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection');
			const first = collections[MAX_NESTING];
			if (first) throw tooDeep(first.offset);
		}
	}
	yield* parser.end();
}

interface Problem {
	offset: number;
	subject: string;
	reason: string;
}

interface Extent {
	/** Maps and lists nested inside, the node itself included (0 for a scalar). */
	depth: number;
	/** Values once its aliases are expanded, the node itself included. */
	size: number;
}

class DocumentProblem extends Error {
	constructor(readonly problem: Problem) {
		super(problem.reason);
	}
}

/**
 * One walk over a composed document (its depth is bounded already, so recursion is safe): resolves
 * every alias, refuses the cycles, bombs and keys named in the header, and finds duplicate keys.
 */
function checkDocument(document: Document.Parsed): Problem | undefined {
	const anchors = new Map<string, Node>();
	const targets = new Map<Alias, Node>();
	const extents = new Map<Node, Extent>();
	const open = new Set<Node>();
	let aliases = 0;
	/** Values the aliases stand for, counted each time one is used. */
	let added = 0;
	const fail = (node: {range?: readonly number[] | null | undefined}, subject: string, reason: string): never => {
		throw new DocumentProblem({offset: node.range?.[0] ?? 0, subject, reason});
	};

	const visit = (node: unknown, depth: number): Extent => {
		if (isAlias(node)) {
			aliases++;
			if (aliases > MAX_ALIASES) fail(node, 'YAML error', `more than ${MAX_ALIASES} aliases in one document (svc-tutor's limit)`);
			const target = anchors.get(node.source);
			// go-yaml's words, as kubectl prints them.
			if (target === undefined) return fail(node, 'YAML error', `unknown anchor '${node.source}' referenced`);
			if (open.has(target)) return fail(node, 'YAML error', `anchor '${node.source}' value contains itself`);
			targets.set(node, target);
			const extent = extents.get(target) ?? {depth: 0, size: 1};
			checkDepth(node, depth + extent.depth);
			added += extent.size;
			if (added > MAX_EXPANDED_NODES)
				fail(node, 'YAML error', `aliases add more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} values to this document (an alias bomb?)`);
			return extent;
		}
		if (!isMap(node) && !isSeq(node)) {
			if (isScalar(node) && node.anchor) anchors.set(node.anchor, node);
			return {depth: 0, size: 1};
		}
		// The anchor is defined where its node starts, so an alias inside the node already sees it.
		if (node.anchor) anchors.set(node.anchor, node);
		checkDepth(node, depth + 1);
		open.add(node);
		let inner = 0;
		let size = 1;
		const keys = isMap(node) ? new Set<string>() : undefined;
		for (const item of node.items) {
			let parts: Extent[];
			if (isPair(item)) {
				const key = item.key as Node | null;
				checkKey(key, keys);
				parts = [visit(key, depth + 1), visit(item.value, depth + 1)];
				if (isMergeKey(key)) checkMergeSource(item.value as Node | null);
			} else parts = [visit(item, depth + 1)];
			for (const extent of parts) {
				inner = Math.max(inner, extent.depth);
				size += extent.size;
			}
		}
		open.delete(node);
		const extent = {depth: inner + 1, size};
		if (node.anchor) extents.set(node, extent);
		return extent;
	};

	const checkDepth = (node: Node, depth: number): void => {
		if (depth > MAX_NESTING)
			fail(node, 'YAML error', `nested more than ${MAX_NESTING} levels deep (svc-tutor reads manifests up to ${MAX_NESTING} levels of maps and lists)`);
	};

	const resolved = (node: Node | null): Node | null | undefined => (isAlias(node) ? anchors.get(node.source) : node);

	/** Visited already, so its aliases are known: each source must be a map (go-yaml's words). */
	const checkMergeSource = (value: Node | null): void => {
		const source = resolved(value);
		const sources = isSeq(source) ? source.items.map((item) => resolved(item as Node | null)) : [source];
		if (!sources.every((item) => isMap(item)))
			fail(value ?? {range: null}, 'YAML error', 'map merge requires map or sequence of maps as the value');
	};

	const checkKey = (key: Node | null, keys: Set<string> | undefined): void => {
		if (key === null || keys === undefined) return;
		const target = resolved(key);
		if (isMap(target) || isSeq(target))
			fail(key, 'YAML error', `a ${isMap(target) ? 'map' : 'list'} cannot be a map key (Kubernetes' YAML reader refuses it)`);
		if (!isScalar(target)) return;
		const value = target.value;
		// Keys are the same when their values are (1 and "1" are not): the library's own rule.
		const identity = `${typeof value}:${typeof value === 'symbol' ? value.description : String(value)}`;
		if (keys.has(identity)) fail(key, 'YAML syntax error', 'Map keys must be unique');
		keys.add(identity);
	};

	try {
		visit(document.contents, 0);
	} catch (error) {
		if (error instanceof DocumentProblem) return error.problem;
		throw error;
	}
	aliasTargets.set(document, targets);
	return undefined;
}

/** With `merge: true` the library reads a `<<` key as a symbol, not as the text. */
function isMergeKey(key: Node | null): boolean {
	return isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';
}
