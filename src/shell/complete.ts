// Tab completion as bash does it with kubectl's completion loaded: the first word of a command is
// a command name; after `kubectl` a verb, then a resource type (plural or short name), then the
// names of that type's objects in the namespace (-n respected); after `-n` a namespace; `-`/`--`
// the verb's flags; after `ssh` a node; anywhere else a path (directories end in `/`). A pure
// function of the session and the line: the Shell screen decides what a first and a second Tab show
// (a second lists them as completion-listing.ts lays them out).
import type {Cluster} from '../sim/cluster/cluster.js';
import {commandNames} from './commands/index.js';
import {resolvePath} from './fs.js';
import {listObjects} from './kubectl/api.js';
import {APPLY_FLAGS} from './kubectl/apply.js';
import {FILE_FLAGS, GLOBAL_FLAGS, type FlagSpec} from './kubectl/flags.js';
import {GET_FLAGS} from './kubectl/get.js';
import {HELP} from './kubectl/help-text.js';
import {RESOURCE_TYPES, resolveType, type ResourceType} from './kubectl/resources.js';
import type {Session} from './session.js';

export interface Completion {
	/** The line and cursor (in characters) after Tab: unchanged when there is nothing to add. */
	line: string;
	cursor: number;
	/** Every match when there is more than one, as bash lists them on a second Tab (paths by their last part). */
	candidates: readonly string[];
}

/** The verbs this kubectl runs (each has its help text). */
export const KUBECTL_VERBS: readonly string[] = Object.keys(HELP).sort();

/** Verbs whose first argument is a resource type and the next ones its objects' names. */
const TYPE_VERBS = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'scale', 'expose']);
/** Verbs whose first argument is a Pod's name. */
const POD_VERBS = new Set(['logs', 'exec', 'attach', 'port-forward']);

const VERB_FLAGS: Readonly<Record<string, readonly FlagSpec[]>> = {
	get: GET_FLAGS,
	apply: APPLY_FLAGS,
	create: [...GLOBAL_FLAGS, ...FILE_FLAGS],
	delete: [...GLOBAL_FLAGS, ...FILE_FLAGS],
	replace: [...GLOBAL_FLAGS, ...FILE_FLAGS],
};

const OUTPUT_FORMATS = ['custom-columns=', 'json', 'jsonpath=', 'name', 'wide', 'yaml'];

/** What the word under the cursor may become. */
interface Candidates {
	words: string[];
	/** Candidates are paths: a directory ends in `/` and takes no space after it; listed by their last part. */
	paths?: boolean;
}

export function complete(session: Session, line: string, cursor: number): Completion {
	const chars = [...line];
	const before = chars.slice(0, cursor).join('');
	const after = chars.slice(cursor).join('');
	const {words, current, raw} = commandWords(before);
	const unchanged: Completion = {line, cursor, candidates: []};
	// A word with quotes or backslashes in it is left as it is.
	if (raw !== current) return unchanged;
	const found = candidatesFor(session, words, current);
	const matches = [...new Set(found.words.filter((w) => w.startsWith(current)))].sort();
	if (matches.length === 0) return unchanged;
	const listed = found.paths === true ? matches.map(lastPart) : matches;
	let insert: string;
	if (matches.length === 1) {
		const only = matches[0]!;
		insert = (found.paths === true && only.endsWith('/')) || only.endsWith('=') ? only : `${only}${after.startsWith(' ') ? '' : ' '}`;
	} else insert = commonPrefix(matches);
	if (insert.length <= current.length) return {...unchanged, candidates: matches.length > 1 ? listed : []};
	const head = before.slice(0, before.length - current.length) + insert;
	return {line: head + after, cursor: [...head].length, candidates: matches.length > 1 ? listed : []};
}

/** The words of the command the cursor is in (after the last `|`, `;`, `&&`, `||`, `(`), and the word being typed. */
export function commandWords(before: string): {words: string[]; current: string; raw: string} {
	let words: string[] = [];
	let word = '';
	let start = 0;
	let quote: string | undefined;
	let started = false;
	const end = (): void => {
		if (started) words.push(word);
		word = '';
		start = i + 1;
		started = false;
	};
	let i = 0;
	for (; i < before.length; i++) {
		const ch = before[i]!;
		if (quote) {
			if (ch === quote) quote = undefined;
			else word += ch;
			continue;
		}
		if (ch === "'" || ch === '"') {
			quote = ch;
			started = true;
		} else if (ch === '\\' && i + 1 < before.length) {
			word += before[++i];
			started = true;
		} else if (ch === ' ' || ch === '\t') end();
		else if ('|;&()'.includes(ch) || (ch === '$' && before[i + 1] === '(')) {
			if (ch === '$') i++;
			end();
			words = [];
		} else {
			word += ch;
			started = true;
		}
	}
	return {words, current: word, raw: before.slice(start)};
}

function candidatesFor(session: Session, words: readonly string[], current: string): Candidates {
	const command = words[0];
	if (command === undefined) return current.includes('/') ? paths(session, current) : {words: commandNames()};
	if (command === 'kubectl' || command === 'k') return kubectlCandidates(session, words.slice(1), current);
	if (command === 'ssh' && words.slice(1).every((w) => w.startsWith('-'))) return {words: nodeNames(session.cluster)};
	return paths(session, current);
}

function kubectlCandidates(session: Session, words: readonly string[], current: string): Candidates {
	const positionals: string[] = [];
	let namespace: string | undefined;
	let verb: string | undefined;
	let awaiting: FlagSpec | undefined;
	for (const word of words) {
		if (awaiting) {
			if (awaiting.name === 'namespace') namespace = word;
			awaiting = undefined;
			continue;
		}
		if (word === '--') return paths(session, current);
		if (word.startsWith('-') && word.length > 1) {
			const spec = flagOf(word, verb);
			const inline = word.includes('=') || (!word.startsWith('--') && word.length > 2);
			if (spec?.name === 'namespace' && inline) namespace = word.startsWith('--') ? word.slice(word.indexOf('=') + 1) : word.slice(2).replace(/^=/, '');
			if (spec && spec.type !== 'bool' && !inline) awaiting = spec;
			continue;
		}
		positionals.push(word);
		verb ??= word;
	}
	if (awaiting) {
		if (awaiting.name === 'namespace') return {words: namespaceNames(session.cluster)};
		if (awaiting.name === 'filename') return paths(session, current);
		if (awaiting.name === 'output') return {words: OUTPUT_FORMATS};
		return {words: []};
	}
	if (current.startsWith('-')) {
		const specs = flagsOf(verb).filter((s) => !s.name.startsWith('__'));
		const long = specs.map((s) => `--${s.name}`);
		return {words: current.startsWith('--') ? long : [...specs.flatMap((s) => (s.short ? [`-${s.short}`] : [])), ...long]};
	}
	if (verb === undefined) return {words: [...KUBECTL_VERBS]};
	const args = positionals.slice(1);
	const ns = namespace ?? 'default';
	if (POD_VERBS.has(verb)) return args.length === 0 ? {words: objectNames(session.cluster, resolveType('pods')!, ns)} : {words: []};
	if (!TYPE_VERBS.has(verb)) return {words: []};
	if (args.length === 0) {
		// `pod/NAME` form.
		const slash = current.indexOf('/');
		if (slash !== -1) {
			const type = resolveType(current.slice(0, slash));
			return {words: type ? objectNames(session.cluster, type, ns).map((n) => `${current.slice(0, slash)}/${n}`) : []};
		}
		return {words: RESOURCE_TYPES.flatMap((t) => [t.resource, ...t.shortNames])};
	}
	const type = resolveType(args[0]!.split(',')[0]!);
	return {words: type ? objectNames(session.cluster, type, ns) : []};
}

function flagsOf(verb: string | undefined): readonly FlagSpec[] {
	return (verb !== undefined ? VERB_FLAGS[verb] : undefined) ?? GLOBAL_FLAGS;
}

function flagOf(word: string, verb: string | undefined): FlagSpec | undefined {
	const specs = flagsOf(verb);
	if (word.startsWith('--')) {
		const name = word.slice(2).split('=')[0];
		return specs.find((s) => s.name === name);
	}
	return specs.find((s) => s.short === word[1]);
}

/** Names of a type's objects; nothing when the API server does not answer (a broken manifest). */
function objectNames(cluster: Cluster, type: ResourceType, namespace: string): string[] {
	try {
		return listObjects(cluster, type, type.namespaced ? namespace : undefined).flatMap((o) => {
			const metadata = o['metadata'];
			const name = typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata) ? metadata['name'] : undefined;
			return typeof name === 'string' ? [name] : [];
		});
	} catch {
		return [];
	}
}

function namespaceNames(cluster: Cluster): string[] {
	return objectNames(cluster, resolveType('namespaces')!, '');
}

function nodeNames(cluster: Cluster): string[] {
	return cluster.nodes().map((n) => n.metadata.name);
}

/** Files and directories whose path starts with what is typed, as typed (relative stays relative, `~/` kept). */
function paths(session: Session, typed: string): Candidates {
	const slash = typed.lastIndexOf('/');
	const dirPart = slash === -1 ? '' : typed.slice(0, slash + 1);
	const base = typed.slice(slash + 1);
	const dir = resolvePath(session.cwd, dirPart === '' ? '.' : dirPart, session.env['HOME']);
	const fs = session.fs();
	const entries = fs.list(dir) ?? [];
	const words = entries
		.filter((name) => name.startsWith(base) && (base.startsWith('.') || !name.startsWith('.')))
		.map((name) => `${dirPart}${name}${fs.isDirectory(resolvePath(dir, name)) ? '/' : ''}`);
	return {words, paths: true};
}

function lastPart(path: string): string {
	const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
	return trimmed.slice(trimmed.lastIndexOf('/') + 1) + (path.endsWith('/') ? '/' : '');
}

function commonPrefix(words: readonly string[]): string {
	let prefix = words[0]!;
	for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
	return prefix;
}

