// Values the fast path (fast-rule.ts) shares between the rules of one restore: consecutive rules
// repeat a comment, an address, a probability, a jump, and the same value can be one object (rule
// sets are never changed in place). Less to build, and far less for the garbage collector to copy
// on a node with 170,000 rules. Also where the fast path finds chains by name.

import type {AddressMatch, Match, PortMatch, Target} from '../rule.js';
import {kernelProbability, parseProbability} from './matches.js';
import {parseAddress} from './numbers.js';
import type {Words} from './words.js';
import type {ChainRules, WorkTable} from './work-table.js';

const RECENT = 64;

/** What the fast path remembers from one line to the next within a restore: values consecutive
 * rules repeat, so that they share one object. */
export interface FastCache {
	/** Chains looked up lately, by recentSlot: a chain is named by a jump, then by its own rules
	 * a few lines on. Valid only while no line changes the table's chains. */
	recent: (ChainRules | undefined)[];
	/** Where the rule fastRule last read jumps to, for COMMIT's checks (see Batch.jumps). */
	jumped: ChainRules | string | undefined;
	/** The last comment: an endpoint's two rules, and a Service's endpoints, have the same one. */
	comment: Extract<Match, {module: 'comment'}> | undefined;
	/** Statistic matches by the text of their probability: a Service with n endpoints has n-1. */
	statistics: {text: string; match: Match}[];
	/** The last two rules' matches: an endpoint's two rules each have the same as its siblings'. */
	matches: Match[][];
	/** The last -s, ! -s, -d and ! -d values, with their text (`! -s 10.244.0.0/16` is on every
	 * Service's first rule, a Service's `-d` on two rules in a row). */
	addresses: ({text: string; match: AddressMatch} | undefined)[];
}

/** Forgets the chains: a line the general reader read may have changed them. */
export function forgetChains(cache: FastCache): void {
	cache.recent.fill(undefined);
}

export function newFastCache(): FastCache {
	return {
		recent: new Array<ChainRules | undefined>(RECENT).fill(undefined),
		jumped: undefined,
		comment: undefined,
		statistics: [],
		matches: [[], []],
		addresses: [undefined, undefined, undefined, undefined],
	};
}

/** The slot of the current word in FastCache.recent: from its length and last characters, where
 * kube-proxy's chain names differ. */
function recentSlot(words: Words): number {
	const {text, end} = words;
	const length = end - words.start;
	return (length * 7 + text.charCodeAt(end - 1) * 3 + text.charCodeAt(end - 2)) & (RECENT - 1);
}

/** The chain named by the current word: from the recent ones, else from the table. */
export function chainAt(words: Words, work: WorkTable, cache: FastCache): ChainRules | undefined {
	if (words.length < 2) return work.rules.getIn(words.text, words.start, words.end);
	const slot = recentSlot(words);
	const known = cache.recent[slot];
	if (known !== undefined && words.is(known.name)) return known;
	const chain = work.rules.getIn(words.text, words.start, words.end);
	if (chain !== undefined) cache.recent[slot] = chain;
	return chain;
}

/** `-j NAME` for a NAME with a dash: never a built-in target, so a jump. To a chain the table
 * already has, it is that chain's one shared target, with the chain's own name string. Notes in
 * cache.jumped what COMMIT must check. */
export function jumpTo(words: Words, work: WorkTable, cache: FastCache): Target {
	const chain = chainAt(words, work, cache);
	if (chain === undefined) {
		// Not declared (yet): COMMIT checks the name.
		const name = words.value();
		cache.jumped = name;
		return {kind: 'jump', chain: name};
	}
	cache.jumped = chain;
	return (chain.jump ??= {kind: 'jump', chain: chain.name});
}

/**
 * matches, or an earlier rule's array with the same matches in it (rule sets are never changed in
 * place, so rules can share one). `recent` holds the last two; a caller that reuses its matches
 * array for the next rule passes `copy`, so that what is kept is a copy.
 */
export function sharedMatches(matches: Match[], cache: Pick<FastCache, 'matches'>, copy = false): Match[] {
	const recent = cache.matches;
	for (let r = 0; r < 2; r++) {
		const known = recent[r]!;
		if (known.length !== matches.length) continue;
		let same = true;
		for (let i = 0; same && i < matches.length; i++) same = known[i] === matches[i];
		if (same) return known;
	}
	const kept = copy ? matches.slice() : matches;
	recent[1] = recent[0]!;
	recent[0] = kept;
	return kept;
}

function address(text: string): string | undefined {
	try {
		return parseAddress(0, text);
	} catch {
		return undefined;
	}
}

// `-m tcp --dport N` alone, the usual case: one shared match per protocol and port.
const DPORT_ONLY: Record<'tcp' | 'udp' | 'sctp', Match[]> = {tcp: [], udp: [], sctp: []};

export function portsMatch(module: 'tcp' | 'udp' | 'sctp', sport: PortMatch | undefined, dport: PortMatch | undefined): Match {
	if (sport === undefined && dport !== undefined && dport.from === dport.to && !dport.negated) {
		return (DPORT_ONLY[module][dport.from] ??= {module, dport});
	}
	const match: Match = {module};
	if (sport !== undefined) match.sport = sport;
	if (dport !== undefined) match.dport = dport;
	return match;
}

/** The -s (or -d) value at words, shared with the last rule that had the same text there. */
export function addressMatch(words: Words, destination: boolean, negated: boolean, cache: FastCache): AddressMatch | undefined {
	const slot = (destination ? 2 : 0) + (negated ? 1 : 0);
	const known = cache.addresses[slot];
	if (known !== undefined && words.is(known.text)) return known.match;
	const text = words.value();
	const value = address(text);
	if (value === undefined) return undefined;
	const match: AddressMatch = {value, negated};
	cache.addresses[slot] = {text, match};
	return match;
}

/** `--probability` at words, as a statistic match shared by every rule with the same text. */
export function statisticMatch(words: Words, cache: FastCache): Match | undefined {
	for (const known of cache.statistics) if (words.is(known.text)) return known.match;
	const text = words.value();
	const probability = parseProbability(text);
	if (probability === undefined) return undefined;
	const match: Match = {module: 'statistic', mode: 'random', probability: kernelProbability(probability)};
	// A handful are enough for kube-proxy's 1/n; beyond that, the oldest goes.
	if (cache.statistics.length >= 16) cache.statistics.shift();
	cache.statistics.push({text, match});
	return match;
}
