// One rule's words, after `-A CHAIN`, read the way iptables reads them: header options (-s, -d,
// -p, -i, -o) straight into the rule, `-m` and `-j` loading extensions that then claim the `--`
// options after them, and the result checked as the kernel checks it.

import type {AddressMatch, Negatable, Rule, TableName} from '../rule.js';
import {appendRefused, badArgument, lineFailed, paramError, unsupported} from './errors.js';
import type {Ext, MatchExt, TargetExt} from './extension.js';
import {PortMatchExt, mergePayloadMatches} from './match-ports.js';
import {loadMatch} from './matches.js';
import {parseAddress} from './numbers.js';
import {loadTarget} from './targets.js';
import {tokenize} from './tokenize.js';

type Protocol = 'tcp' | 'udp' | 'sctp' | 'icmp';
const PROTOCOL_BY_NUMBER: Record<string, Protocol | 'all'> = {'0': 'all', '1': 'icmp', '6': 'tcp', '17': 'udp', '132': 'sctp'};
const UNMODELLED_PROTOCOLS = new Set(
	'ipip igmp gre esp ah icmpv6 ipv6-icmp udplite mh ipv6 ipencap egp pup idp rsvp ospf pim vrrp l2tp dccp'.split(' '),
);

function parseProtocol(line: number, text: string): Protocol | 'all' {
	switch (text) {
		// As written by kube-proxy: no need to lower-case it.
		case 'tcp':
		case 'udp':
		case 'sctp':
		case 'icmp':
		case 'all':
			return text;
	}
	const lower = text.toLowerCase();
	if (['tcp', 'udp', 'sctp', 'icmp', 'all'].includes(lower)) return lower as Protocol | 'all';
	if (/^[0-9]+$/.test(text)) {
		const known = PROTOCOL_BY_NUMBER[String(Number(text))];
		if (known !== undefined) return known;
		if (Number(text) <= 255) throw unsupported(line, `protocol ${text}`);
	}
	if (UNMODELLED_PROTOCOLS.has(lower)) throw unsupported(line, `protocol ${text}`);
	throw paramError(line, `unknown protocol "${text}" specified`);
}

// `-p tcp` and the like on many rules: one shared object each (rule sets are never changed in place).
const PLAIN_PROTOCOLS: Partial<Record<Protocol, Negatable<Protocol>>> = {};

export function protocolMatch<P extends Protocol>(value: P, negated: boolean): Negatable<P> {
	if (negated) return {value, negated};
	return (PLAIN_PROTOCOLS[value] ??= {value, negated: false}) as Negatable<P>;
}

function parseInterface(line: number, text: string): string {
	if (text.length > 15) throw paramError(line, `interface name \`${text}' must be shorter than IFNAMSIZ (15)`);
	return text;
}

type Flag = 's' | 'd' | 'p' | 'i' | 'o' | 'j' | 'm' | 'g';

const RULE_OPTIONS: Record<string, Flag> = {
	'-s': 's',
	'--source': 's',
	'--src': 's',
	'-d': 'd',
	'--destination': 'd',
	'--dst': 'd',
	'-p': 'p',
	'--protocol': 'p',
	'-i': 'i',
	'--in-interface': 'i',
	'-o': 'o',
	'--out-interface': 'o',
	'-j': 'j',
	'--jump': 'j',
	'-m': 'm',
	'--match': 'm',
	'-g': 'g',
	'--goto': 'g',
};

/** RULE_OPTIONS[word], with the common spellings tested first. A word that is not an option is
 * looked up too: the table is a plain object, so words like `constructor` find its prototype's
 * members, as they always have. */
function ruleFlag(word: string): Flag | undefined {
	switch (word) {
		case '-m':
			return 'm';
		case '-j':
			return 'j';
		case '-p':
			return 'p';
		case '-d':
			return 'd';
		case '-s':
			return 's';
	}
	if (word.charCodeAt(0) === 45 && !Object.hasOwn(RULE_OPTIONS, word)) return undefined;
	return RULE_OPTIONS[word];
}

const FLAG_BITS: Record<string, number> = {s: 1, d: 2, p: 4, i: 8, o: 16};

export interface RuleOptions {
	line?: number;
	table?: TableName;
}

/**
 * One rule's words after `-A CHAIN` (or the whole `-A CHAIN …` line), as the kernel keeps it.
 * `table` enables the checks that depend on it (DROP in nat, NAT targets outside nat).
 */
export function parseRule(args: string[] | string, chain?: string, options: RuleOptions = {}): Rule {
	const line = options.line ?? 1;
	const words = typeof args === 'string' ? tokenize(args) : args;
	if (chain !== undefined) return parseRuleWords(words, 0, chain, line, options.table);
	if ((words[0] === '-A' || words[0] === '--append') && words[1] !== undefined) {
		return parseRuleWords(words, 2, words[1], line, options.table);
	}
	throw lineFailed(line);
}

/** parseRule for words[start…]: what iptables-restore does with each `-A`/`-I` line. */
export function parseRuleWords(
	words: readonly string[],
	start: number,
	chain: string,
	line: number,
	table: TableName | undefined,
): Rule {
	// Keys in this order (chain, matches, then the header fields as given, then target): -D
	// compares rules by their JSON.
	const rule: Rule = {chain, matches: []};
	const loaded: MatchExt[] = [];
	let target: TargetExt | undefined;
	let inverted = false;
	let seenFlags = 0;
	// Prototype members found by a bare word (see ruleFlag): not real flags, kept apart.
	let seenOdd: Set<unknown> | undefined;

	const takeArg = (index: number, written: string): string => {
		const arg = words[index + 1];
		if (arg === undefined) throw paramError(line, `option "${written}" requires an argument`);
		return arg;
	};

	for (let i = start; i < words.length; i++) {
		const word = words[i]!;
		if (word === '!') {
			if (inverted) throw paramError(line, 'multiple consecutive ! not allowed');
			inverted = true;
			continue;
		}
		const flag = ruleFlag(word);
		if (flag !== undefined) {
			if (flag === 'g') throw unsupported(line, '-g/--goto');
			const arg = takeArg(i, word);
			i++;
			if (flag === 'm') {
				if (inverted) throw paramError(line, 'unexpected ! flag before --match');
				loaded.push(loadMatch(line, arg));
				continue;
			}
			if (flag === 'j') {
				if (inverted) throw paramError(line, 'cannot have ! before -j');
				if (target !== undefined) throw paramError(line, 'multiple -j flags not allowed');
				target = loadTarget(line, arg);
				continue;
			}
			const bit = Object.hasOwn(FLAG_BITS, flag) ? FLAG_BITS[flag]! : 0;
			if (bit !== 0) {
				if ((seenFlags & bit) !== 0) throw paramError(line, `multiple -${flag} flags not allowed`);
				seenFlags |= bit;
			} else {
				seenOdd ??= new Set();
				if (seenOdd.has(flag)) throw paramError(line, `multiple -${flag} flags not allowed`);
				seenOdd.add(flag);
			}
			if (flag === 's' || flag === 'd') {
				const value = parseAddress(line, arg);
				if (value === undefined) {
					// `! -s 0.0.0.0/0` can never match; nf_tables refuses the rule outright.
					if (inverted) throw appendRefused(line, chain);
				} else {
					const address: AddressMatch = {value, negated: inverted};
					if (flag === 's') rule.source = address;
					else rule.destination = address;
				}
			} else if (flag === 'p') {
				const proto = parseProtocol(line, arg);
				if (proto !== 'all') rule.protocol = protocolMatch(proto, inverted);
			} else if (flag === 'i') {
				rule.inInterface = {value: parseInterface(line, arg), negated: inverted};
			} else {
				rule.outInterface = {value: parseInterface(line, arg), negated: inverted};
			}
			inverted = false;
			continue;
		}
		if (word.startsWith('--')) {
			const name = word.slice(2);
			let owner: Ext | undefined;
			let canonical: string | undefined;
			if (target !== undefined) {
				canonical = target.option(name);
				if (canonical !== undefined) owner = target;
			}
			for (let k = loaded.length - 1; owner === undefined && k >= 0; k--) {
				canonical = loaded[k]!.option(name);
				if (canonical !== undefined) owner = loaded[k]!;
			}
			if (owner === undefined && rule.protocol !== undefined && rule.protocol.value !== 'icmp') {
				// iptables loads the protocol's match by itself for an option it does not know yet.
				const implicit = new PortMatchExt(rule.protocol.value, line);
				canonical = implicit.option(name);
				if (canonical !== undefined) {
					loaded.push(implicit);
					owner = implicit;
				}
			}
			if (owner === undefined || canonical === undefined) throw paramError(line, `unknown option "${word}"`);
			const arg = owner.takesArgument(canonical) ? takeArg(i, word) : undefined;
			if (arg !== undefined) i++;
			owner.accept(canonical, arg, inverted);
			inverted = false;
			continue;
		}
		if (word.startsWith('-') && word.length > 1) throw paramError(line, `unknown option "${word}"`);
		throw badArgument(line, word);
	}
	if (inverted) throw paramError(line, 'no command specified');

	const matches = new Array(loaded.length);
	for (let k = 0; k < loaded.length; k++) matches[k] = loaded[k]!.finish(rule);
	rule.matches = mergePayloadMatches(matches);
	if (target !== undefined) {
		const built = target.finish(rule);
		if (table === 'nat' && built.kind === 'DROP') {
			throw paramError(line, '\nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n');
		}
		if (table !== undefined && table !== 'nat' && (built.kind === 'DNAT' || built.kind === 'MASQUERADE')) {
			throw appendRefused(line, chain);
		}
		rule.target = built;
	}
	return rule;
}
