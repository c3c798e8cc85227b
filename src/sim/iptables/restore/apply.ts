// Whole restore texts: `*table` … COMMIT sections, committed one table at a time as
// iptables-restore does.

import type {Ruleset, Table, TableName} from '../rule.js';
import {IptablesParseError, lineFailed, paramError, unsupported} from './errors.js';
import {declareChain, runCommand} from './commands.js';
import {tokenize} from './tokenize.js';
import {fastRule} from './fast-rule.js';
import {chainAt, forgetChains, newFastCache, type FastCache} from './fast-shared.js';
import {Words} from './words.js';
import {commitChecks, freshTable, fromWork, newBatch, noteAdded, toWork, type Batch, type ChainRules, type WorkTable} from './work-table.js';

const TABLE_NAMES: TableName[] = ['filter', 'nat', 'mangle'];

const HASH = 35;
const DASH = 45;
const COLON = 58;
const BRACKET = 91;
const STAR = 42;
const CR = 13;

function lineCount(text: string): number {
	const parts = text.split('\n');
	return text.endsWith('\n') ? parts.length - 1 : parts.length;
}

interface FastState {
	words: Words;
	/** The chain of the last line appendFast took: valid only while every line goes that way. */
	chain: ChainRules | undefined;
	cache: FastCache;
}

/** An `-A CHAIN …` line (text[from, to)) of a shape fastRule reads; false (nothing changed) for
 * any other line. */
function appendFast(work: WorkTable, from: number, to: number, batch: Batch, fast: FastState): boolean {
	const {words} = fast;
	if (!words.line(from, to) || !words.next() || !words.is('-A') || !words.next()) return false;
	let chain = fast.chain;
	if (chain === undefined || !words.is(chain.name)) {
		chain = chainAt(words, work, fast.cache);
		if (chain === undefined) return false;
	}
	const rule = fastRule(words, chain.name, work, fast.cache);
	if (rule === undefined) return false;
	noteAdded(batch, chain, fast.cache.jumped);
	chain.rules.push(rule);
	fast.chain = chain;
	return true;
}

/** A `:NAME POLICY [0:0]` line (text[from, to)), read in place when its first two words are plain. */
function declareFast(work: WorkTable, from: number, to: number, line: number, noflush: boolean, batch: Batch, words: Words): boolean {
	if (!words.line(from, to) || !words.next() || words.at(0) !== COLON) return false;
	const name = words.text.slice(words.start + 1, words.end);
	const policy = words.nextValue();
	if (words.odd) return false;
	declareChain(work, name, policy, line, noflush, batch);
	return true;
}

/**
 * Applies iptables-restore input to a rule set, returning the new one (base is not changed; the
 * new one shares base's Rule objects, which nothing changes in place).
 * Without noflush each table in the text is replaced whole (policies back to ACCEPT); with noflush
 * a declared user chain is flushed, a declared built-in chain only gets its policy, the rest stays.
 * Tables are committed one by one, as iptables-restore does: on an error, `state` on the thrown
 * IptablesParseError holds the rule set with the tables committed before it.
 */
export function applyRestore(base: Ruleset, text: string, opts: {noflush: boolean}): Ruleset {
	const tables: Table[] = base.tables.map((t) => ({name: t.name, chains: t.chains.slice(), rules: t.rules.slice()}));
	let work: WorkTable | undefined;
	let batch = newBatch();
	const fast: FastState = {words: new Words(text), chain: undefined, cache: newFastCache()};
	try {
		// Lines are walked in place: kube-proxy's lines never need cutting out of the text.
		let line = 0;
		for (let from = 0; from <= text.length; ) {
			line++;
			let next = text.indexOf('\n', from);
			if (next < 0) next = text.length;
			let to = next;
			const lineFrom = from;
			from = next + 1;
			if (to > lineFrom && text.charCodeAt(to - 1) === CR) to--;
			let first = to > lineFrom ? text.charCodeAt(lineFrom) : NaN;
			// A rule or a chain: the common lines, which cannot be blank.
			const command = first === DASH || first === COLON;
			if (work !== undefined && command) {
				if (first === DASH && text.charCodeAt(lineFrom + 1) === 65 && appendFast(work, lineFrom, to, batch, fast)) continue;
				// A declaration makes a chain or empties one: the fast path's chains stay valid.
				if (first === COLON && declareFast(work, lineFrom, to, line, opts.noflush, batch, fast.words)) continue;
			}
			let raw = text.slice(lineFrom, to);
			if (!command) {
				if (first === HASH || raw.trim() === '') continue;
				if (first === BRACKET) {
					// Counters (`[pkts:bytes] -A …`) are only used with -c, which kube-proxy never passes.
					raw = raw.replace(/^\[[0-9]+:[0-9]+\]\s+/, '');
					first = raw.charCodeAt(0);
				}
			}
			// Any other line may change the table's chains (-X): the fast path's caches start again.
			fast.chain = undefined;
			forgetChains(fast.cache);
			if (work === undefined) {
				if (first !== STAR) throw lineFailed(line);
				const name = raw.slice(1).trim();
				if (name === 'raw' || name === 'security') throw unsupported(line, `the ${name} table`);
				if (!TABLE_NAMES.includes(name as TableName)) {
					throw paramError(line, `iptables-restore: line ${line} table name '${name}' invalid`);
				}
				const existing = tables.find((t) => t.name === name);
				work = opts.noflush && existing !== undefined ? toWork(existing) : freshTable(name as TableName);
				batch = newBatch();
				continue;
			}
			if (!command && first !== DASH && raw.trim() === 'COMMIT') {
				commitChecks(work, batch, line);
				const done = fromWork(work);
				const at = tables.findIndex((t) => t.name === done.name);
				if (at >= 0) tables[at] = done;
				else tables.push(done);
				work = undefined;
				continue;
			}
			const words = tokenize(raw);
			if (words[0]!.startsWith(':')) declareChain(work, words[0]!.slice(1), words[1], line, opts.noflush, batch);
			else runCommand(work, words, line, batch);
		}
		if (work !== undefined) {
			const line = lineCount(text) + 1;
			throw new IptablesParseError(line, 'COMMIT expected', `iptables-restore: COMMIT expected at line ${line}\n`, 1);
		}
	} catch (error) {
		if (error instanceof IptablesParseError) error.state = {tables};
		throw error;
	}
	return {tables};
}

/** The rule set a restore text alone describes (as loaded into an empty namespace). */
export function parseRestore(text: string): Ruleset {
	return applyRestore({tables: []}, text, {noflush: false});
}
