// Reads one source text into YAML documents while keeping the syntax tree, so that every value
// read later can still be traced back to its line and column.

import {type Document, LineCounter, type Node, parseAllDocuments} from 'yaml';
import {manifestError} from './errors.js';

export interface ParsedDocument {
	/** The document's plain value (aliases and `<<` merges resolved), or null when it is empty. */
	value: unknown;
	root: Node | null;
	document: Document.Parsed;
}

export interface ParsedSource {
	file: string;
	lineCounter: LineCounter;
	documents: ParsedDocument[];
}

/** Throws ManifestError for the first syntax error: `file:line:col: YAML syntax error: <reason>`. */
export function parseSource(file: string, text: string): ParsedSource {
	const lineCounter = new LineCounter();
	// `merge: true` because Kubernetes' own YAML reader (go-yaml via sigs.k8s.io/yaml) honours `<<`.
	// prettyErrors off keeps the library's reason to one line; the position is added here.
	const documents = parseAllDocuments(text, {lineCounter, prettyErrors: false, merge: true});
	const parsed: ParsedDocument[] = [];
	for (const document of documents) {
		const [error] = document.errors;
		if (error) {
			const {line, col} = lineCounter.linePos(error.pos[0]);
			throw manifestError({file, line, column: col}, 'YAML syntax error', error.message.split('\n')[0]);
		}
		let value: unknown;
		try {
			value = document.toJS({maxAliasCount: 1000});
		} catch (problem) {
			// Only alias trouble (an alias bomb, an unknown anchor) gets here; the tree itself parsed.
			const {line, col} = lineCounter.linePos(document.range[0]);
			const reason = problem instanceof Error ? problem.message : String(problem);
			throw manifestError({file, line, column: col}, 'YAML error', reason.split('\n')[0]);
		}
		parsed.push({value: value ?? null, root: document.contents, document});
	}
	return {file, lineCounter, documents: parsed};
}
