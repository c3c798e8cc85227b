// Walks kube-proxy's `ip kube-proxy` table for the first packet of a connection as the kernel's
// nf_tables does: base chains at each hook in priority order, rules top to bottom, `jump` comes
// back after the target chain ends or returns, `goto` does not (its end returns to the caller of
// the chain that went), a set or verdict-map lookup on a (concatenated) key finds one element or
// none, and `numgen random mod N vmap { … }` takes each of its N elements with probability 1/N.
// Only the rule forms kube-proxy's nftables proxier writes are understood; anything else is a
// TraceError naming the rule, never a guess.

import {listRule} from '../kube-proxy/nftables/list.js';
import type {NftChain, NftElement, NftSetOrMap, NftTable} from '../kube-proxy/nftables/table.js';
import {formatIPv4, inCidr, parseCidr, parseIPv4} from '../netfilter/ipv4.js';
import {TraceError, type Proto, type RecentEntry, type Verdict} from '../netfilter/types.js';
import type {NftStep} from './types.js';

/** kube-proxy nests 4 deep (services → external → service → endpoint → mark-for-masquerade). */
const MAX_DEPTH = 16;

export interface NftBranch {
	probability: number;
	/** numgen choices so far, fixed width: sorting by it lists outcomes in element order. */
	order: string;
	src: number;
	proto: Proto;
	dst: number;
	dport: number;
	dnatTo?: string;
	mark: number;
	masquerade: boolean;
	/** Dynamic set contents as this branch sees them: `set address`. */
	setEntries: ReadonlySet<string>;
	recorded: RecentEntry[];
	path: string[];
	steps: NftStep[];
	end?: {verdict: Extract<Verdict, 'DROP' | 'REJECT'>; chain: string; ruleIndex: number};
}

export interface NftWalkContext {
	table: NftTable;
	tableName: string;
	isLocal: (address: number) => boolean;
}

/** How a chain's walk ended for one branch: `continue` is falling off its end. */
export type ChainEnd = 'continue' | 'return' | 'accept' | 'drop' | 'reject';

export interface Walked {
	branch: NftBranch;
	end: ChainEnd;
}

type RuleVerdict = {kind: 'jump' | 'goto'; chain: string} | {kind: 'return' | 'accept' | 'drop' | 'reject'};

interface Evaluated {
	branch: NftBranch;
	matched: boolean;
	verdict?: RuleVerdict;
	element?: string;
	notes: string[];
}

export function forkBranch(branch: NftBranch): NftBranch {
	return {...branch, recorded: [...branch.recorded], path: [...branch.path], steps: [...branch.steps]};
}

export function walkChain(ctx: NftWalkContext, chain: NftChain, branch: NftBranch, depth: number, stack: readonly string[]): Walked[] {
	const done: Walked[] = [];
	let live = [branch];
	chain.rules.forEach((nftRule, ruleIndex) => {
		const rule = nftRule.rule;
		// Steps show the rule as `nft list table ip kube-proxy` prints it, comment included.
		const listed = listRule(nftRule);
		const next: NftBranch[] = [];
		for (const b of live) {
			for (const r of evaluateRule(ctx, rule, b)) {
				const step: NftStep = {table: ctx.tableName, chain: chain.name, depth, ruleIndex, rule: listed, matched: r.matched};
				if (r.element !== undefined) step.element = r.element;
				if (r.notes.length > 0) step.note = r.notes.join('; ');
				r.branch.steps.push(step);
				const verdict = r.matched ? r.verdict : undefined;
				if (verdict === undefined) {
					next.push(r.branch);
					continue;
				}
				switch (verdict.kind) {
					case 'jump':
					case 'goto':
						for (const sub of descend(ctx, verdict.chain, r.branch, depth, stack)) {
							const returned = sub.end === 'continue' || sub.end === 'return';
							if (!returned) done.push(sub);
							else if (verdict.kind === 'jump') next.push(sub.branch);
							else done.push({branch: sub.branch, end: 'return'});
						}
						break;
					case 'drop':
					case 'reject':
						r.branch.end = {verdict: verdict.kind === 'drop' ? 'DROP' : 'REJECT', chain: chain.name, ruleIndex};
						done.push({branch: r.branch, end: verdict.kind});
						break;
					default:
						done.push({branch: r.branch, end: verdict.kind});
				}
			}
		}
		live = next;
	});
	for (const b of live) done.push({branch: b, end: 'continue'});
	return done;
}

function descend(ctx: NftWalkContext, name: string, branch: NftBranch, depth: number, stack: readonly string[]): Walked[] {
	const target = ctx.table.get(name);
	if (target?.kind !== 'chain') throw new TraceError(`jump to ${name}, which the ${ctx.tableName} table does not have`);
	if (target.base !== undefined) throw new TraceError(`jump to base chain ${name}: nft refuses it`);
	if (stack.includes(name)) throw new TraceError(`jump loop in ${ctx.tableName}: ${[...stack, name].join(' → ')}`);
	if (depth + 1 > MAX_DEPTH) throw new TraceError(`chains nested deeper than ${MAX_DEPTH} in ${ctx.tableName}`);
	branch.path.push(name);
	return walkChain(ctx, target, branch, depth + 1, [...stack, name]);
}

/** Splits a rule as `nft list` prints it into words; `{ a, b }` and `{ a , b }` give the same items. */
function tokenize(rule: string): string[] {
	return rule.split(/\s+/).filter((t) => t.length > 0);
}

/** The words between `{` at `start` and its `}`, as comma-separated items, and the index after `}`. */
function readBraces(tokens: string[], start: number, rule: string): {items: string[]; next: number} {
	const close = tokens.indexOf('}', start);
	if (tokens[start] !== '{' || close === -1) throw new TraceError(`unbalanced braces in rule "${rule}"`);
	const items = tokens.slice(start + 1, close).join(' ').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
	return {items, next: close + 1};
}

const SELECTORS = new Set(['ip daddr', 'ip saddr', 'meta l4proto', 'th dport', 'th sport']);

function selectorValue(selector: string, b: NftBranch): string {
	switch (selector) {
		case 'ip daddr':
			return formatIPv4(b.dst);
		case 'ip saddr':
			return formatIPv4(b.src);
		case 'meta l4proto':
			return b.proto;
		case 'th dport':
			return String(b.dport);
		default:
			// th sport: kube-proxy writes none; Linux's first ephemeral port.
			return '32768';
	}
}

function valueMatches(selector: string, actual: string, expected: string): boolean {
	if (selector.startsWith('ip ')) {
		// An IPv6 item (a dual-stack ServiceCIDR list) never holds an IPv4 packet's address.
		if (expected.includes(':')) return false;
		return inCidr(parseIPv4(actual), parseCidr(expected));
	}
	return actual === expected;
}

function parseVerdict(words: string[], rule: string): RuleVerdict {
	const [kind, chain] = words;
	if ((kind === 'jump' || kind === 'goto') && chain !== undefined) return {kind, chain};
	if (kind === 'return' || kind === 'accept' || kind === 'drop' || kind === 'reject') return {kind};
	throw new TraceError(`unknown verdict "${words.join(' ')}" in rule "${rule}"`);
}

function parseMark(text: string | undefined, rule: string): number {
	const value = text === undefined ? NaN : Number(text);
	if (!Number.isInteger(value)) throw new TraceError(`mark value ${text ?? '(none)'} in rule "${rule}"`);
	return value >>> 0;
}

interface ElementIndex {
	count: number;
	byKey: Map<string, NftElement>;
}

// A lookup is a hash lookup in the kernel, whatever the set's size: so it is here. The index is
// built once per set and rebuilt when elements were added (the count changes); an element
// replaced in place is not noticed: a sync builds a new table for that.
const elementIndexes = new WeakMap<NftSetOrMap, ElementIndex>();

function findElement(set: NftSetOrMap, key: string): NftElement | undefined {
	let index = elementIndexes.get(set);
	if (index === undefined || index.count !== set.elements.length) {
		index = {count: set.elements.length, byKey: new Map(set.elements.map((e) => [e.key.join(' . '), e]))};
		elementIndexes.set(set, index);
	}
	return index.byKey.get(key);
}

function lookupMap(ctx: NftWalkContext, name: string, key: string, rule: string): string | undefined {
	const map = ctx.table.get(name);
	if (map === undefined || map.kind === 'chain') throw new TraceError(`rule "${rule}" looks up @${name}, which the table does not have`);
	const element = findElement(map, key);
	if (element === undefined) return undefined;
	return element.value === undefined ? '' : element.value.join(' ');
}

/** One rule against one branch: one answer, or one per element of a numgen vmap. */
function evaluateRule(ctx: NftWalkContext, rule: string, b: NftBranch): Evaluated[] {
	const tokens = tokenize(rule);
	const notes: string[] = [];
	let element: string | undefined;
	const miss = (): Evaluated[] => [{branch: b, matched: false, notes, ...(element !== undefined ? {element} : {})}];
	const hit = (verdict?: RuleVerdict): Evaluated[] => [{branch: b, matched: true, notes, ...(verdict ? {verdict} : {}), ...(element !== undefined ? {element} : {})}];
	let i = 0;
	while (i < tokens.length) {
		const t = tokens[i] as string;
		const pair = `${t} ${tokens[i + 1] ?? ''}`;
		if (SELECTORS.has(pair)) {
			const selectors = [pair];
			i += 2;
			while (tokens[i] === '.') {
				const s = `${tokens[i + 1] ?? ''} ${tokens[i + 2] ?? ''}`;
				if (!SELECTORS.has(s)) throw new TraceError(`unknown key "${s}" in rule "${rule}"`);
				selectors.push(s);
				i += 3;
			}
			const key = selectors.map((s) => selectorValue(s, b)).join(' . ');
			if (tokens[i] === 'vmap') {
				const ref = tokens[i + 1] ?? '';
				if (!ref.startsWith('@')) throw new TraceError(`only named verdict maps are traced here, in rule "${rule}"`);
				const value = lookupMap(ctx, ref.slice(1), key, rule);
				if (value === undefined) {
					notes.push(`${key} is not in ${ref}`);
					return miss();
				}
				element = `${ref}: ${key} : ${value}`;
				if (i + 2 !== tokens.length) throw new TraceError(`words after a vmap in rule "${rule}"`);
				return hit(parseVerdict(value.split(' '), rule));
			}
			const negated = tokens[i] === '!=';
			if (negated) i++;
			const operand = tokens[i] ?? '';
			let found: boolean;
			if (operand.startsWith('@')) {
				const name = operand.slice(1);
				const set = ctx.table.get(name);
				if (set === undefined || set.kind === 'chain') throw new TraceError(`rule "${rule}" tests @${name}, which the table does not have`);
				found = findElement(set, key) !== undefined || b.setEntries.has(`${name} ${key}`);
				if (found && !negated) element = `${operand}: ${key}`;
				i++;
			} else if (operand === '{') {
				const {items, next} = readBraces(tokens, i, rule);
				found = items.some((item) => valueMatches(pair, key, item));
				i = next;
			} else {
				if (selectors.length > 1) throw new TraceError(`concatenation compared with a value in rule "${rule}"`);
				found = valueMatches(pair, key, operand);
				i++;
			}
			if (found === negated) return miss();
			continue;
		}
		switch (t) {
			case 'ct':
				// The first packet of a connection: conntrack calls it new.
				if (tokens[i + 1] !== 'state') throw new TraceError(`unknown ct match in rule "${rule}"`);
				if (tokens[i + 2] !== 'new') return miss();
				i += 3;
				continue;
			case 'fib': {
				const which = tokens[i + 1];
				if ((which !== 'daddr' && which !== 'saddr') || tokens[i + 2] !== 'type' || tokens[i + 3] !== 'local') throw new TraceError(`unknown fib match in rule "${rule}"`);
				const address = which === 'daddr' ? b.dst : b.src;
				const local = ctx.isLocal(address);
				notes.push(`${formatIPv4(address)} is ${local ? '' : 'not '}local`);
				if (!local) return miss();
				i += 4;
				continue;
			}
			case 'iifname':
			case 'oifname':
				throw new TraceError(`rule "${rule}" tests an interface; the tracer does not model interfaces`);
			case 'mark':
				if (tokens[i + 1] === 'set') {
					// mark set mark or V | mark set mark xor V
					const op = tokens[i + 3];
					const value = parseMark(tokens[i + 4], rule);
					const before = b.mark;
					if (tokens[i + 2] !== 'mark' || (op !== 'or' && op !== 'xor')) throw new TraceError(`unknown mark statement in rule "${rule}"`);
					b.mark = (op === 'or' ? b.mark | value : b.mark ^ value) >>> 0;
					notes.push(`mark 0x${before.toString(16)} → 0x${b.mark.toString(16)}`);
					i += 5;
					continue;
				}
				if (tokens[i + 1] === 'and' && tokens[i + 3] === '==') {
					const masked = (b.mark & parseMark(tokens[i + 2], rule)) >>> 0;
					if (masked !== parseMark(tokens[i + 4], rule)) return miss();
					i += 5;
					continue;
				}
				throw new TraceError(`unknown mark expression in rule "${rule}"`);
			case 'numgen':
				return numgen(tokens, i, b, notes, rule);
			case 'update': {
				// update @set { ip saddr }: the source goes into a dynamic set (ClientIP affinity).
				const name = (tokens[i + 1] ?? '').replace(/^@/, '');
				const {items, next} = readBraces(tokens, i + 2, rule);
				if (items.length !== 1 || !SELECTORS.has(items[0] as string)) throw new TraceError(`unknown update statement in rule "${rule}"`);
				const address = selectorValue(items[0] as string, b);
				b.recorded.push({name, address});
				notes.push(`${address} added to @${name}`);
				i = next;
				continue;
			}
			case 'dnat': {
				if (tokens[i + 1] !== 'to') throw new TraceError(`unknown dnat statement in rule "${rule}"`);
				b.dnatTo = applyDnat(b, tokens[i + 2] ?? '');
				notes.push(`destination → ${b.dnatTo}`);
				// nft's nat statements end the chain with accept.
				return hit({kind: 'accept'});
			}
			case 'masquerade':
				b.masquerade = true;
				notes.push('source → the outgoing interface address');
				return hit({kind: 'accept'});
			case 'counter':
				i++;
				continue;
			default:
				if (i + 2 >= tokens.length) {
					const verdict = parseVerdict(tokens.slice(i), rule);
					return hit(verdict);
				}
				throw new TraceError(`the tracer does not understand "${t}" in rule "${rule}"`);
		}
	}
	return hit();
}

/** `numgen random mod N vmap { 0 : goto A , 1 : goto B }`: every element is taken with probability 1/N. */
function numgen(tokens: string[], i: number, b: NftBranch, notes: string[], rule: string): Evaluated[] {
	const n = Number(tokens[i + 3]);
	if (tokens[i + 1] !== 'random' || tokens[i + 2] !== 'mod' || !Number.isInteger(n) || n < 1 || tokens[i + 4] !== 'vmap') {
		throw new TraceError(`unknown numgen expression in rule "${rule}"`);
	}
	const {items} = readBraces(tokens, i + 5, rule);
	const out: Evaluated[] = [];
	const width = String(n).length;
	for (const item of items) {
		const m = /^(\d+) : (.+)$/.exec(item);
		if (m === null) throw new TraceError(`numgen element "${item}" in rule "${rule}"`);
		const value = Number(m[1]);
		if (value >= n) continue; // never drawn
		const branch = forkBranch(b);
		branch.probability *= 1 / n;
		branch.order += String(value).padStart(width, '0');
		out.push({
			branch,
			matched: true,
			verdict: parseVerdict((m[2] as string).split(' '), rule),
			element: `numgen ${value} : ${m[2] as string}`,
			notes: [...notes, `numgen drew ${value} of 0–${n - 1}: probability 1/${n}`],
		});
	}
	// Numbers without an element match nothing: the rule falls through for them.
	const missing = n - out.length;
	if (missing > 0) {
		const branch = forkBranch(b);
		branch.probability *= missing / n;
		branch.order += '9'.repeat(width + 1);
		out.push({branch, matched: false, notes: [...notes, `numgen drew a number with no element: probability ${missing}/${n}`]});
	}
	return out;
}

function applyDnat(b: NftBranch, to: string): string {
	const m = /^([0-9.]+)(?::(\d+))?$/.exec(to);
	if (m === null) throw new TraceError(`dnat to ${to}: only ip or ip:port is traced (no ranges, no IPv6)`);
	b.dst = parseIPv4(m[1] as string);
	if (m[2] !== undefined) b.dport = Number(m[2]);
	return `${formatIPv4(b.dst)}:${b.dport}`;
}
