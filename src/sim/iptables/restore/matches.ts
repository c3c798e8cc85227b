// The `-m` match extensions svc-tutor models (the tcp/udp/sctp and recent ones have files of their
// own), and loadMatch, which picks one by name as `-m NAME` does.

import type {Match, Negatable} from '../rule.js';
import {paramError, unsupported} from './errors.js';
import {Extension, ownOption, type MatchExt} from './extension.js';
import {PortMatchExt} from './match-ports.js';
import {RecentMatchExt} from './match-recent.js';
import {parseMarkValue} from './numbers.js';

class CommentMatch extends Extension implements MatchExt {
	private declare comment: string | undefined;

	constructor(line: number) {
		super('comment', line);
		this.comment = undefined;
	}

	option(name: string): string | undefined {
		return name === 'comment' ? name : undefined;
	}

	takesArgument(): boolean {
		return true;
	}

	accept(name: string, arg: string | undefined, inverted: boolean): void {
		this.notInverted(name, inverted);
		this.once(name);
		if (arg!.length > 255) throw paramError(this.line, `comment: option "--comment" value too long.\n`);
		this.comment = arg;
	}

	finish(): Match {
		this.mustHave('comment', this.comment);
		return {module: 'comment', comment: this.comment!};
	}
}

// Kernel bit order, which is also the order iptables prints the names in.
const ADDRTYPES = [
	'UNSPEC',
	'UNICAST',
	'LOCAL',
	'BROADCAST',
	'ANYCAST',
	'MULTICAST',
	'BLACKHOLE',
	'UNREACHABLE',
	'PROHIBIT',
	'THROW',
	'NAT',
	'XRESOLVE',
];

function canonicalList(line: number, text: string, known: string[], bad: (word: string) => string): string {
	const set = new Set<string>();
	for (const word of text.split(',')) {
		const upper = word.toUpperCase();
		if (!known.includes(upper)) throw paramError(line, bad(word));
		set.add(upper);
	}
	return known.filter((k) => set.has(k)).join(',');
}

const ADDRTYPE_OPTIONS = ['src-type', 'dst-type', 'limit-iface-in', 'limit-iface-out'];

class AddrtypeMatch extends Extension implements MatchExt {
	private declare srcType: Negatable<string> | undefined;
	private declare dstType: Negatable<string> | undefined;

	constructor(line: number) {
		super('addrtype', line);
		this.srcType = undefined;
		this.dstType = undefined;
	}

	option(name: string): string | undefined {
		return ownOption(ADDRTYPE_OPTIONS, name);
	}

	takesArgument(name: string): boolean {
		return name.endsWith('-type');
	}

	accept(name: string, arg: string | undefined, inverted: boolean): void {
		if (!name.endsWith('-type')) throw unsupported(this.line, `--${name}`);
		this.once(name);
		const value = canonicalList(this.line, arg!, ADDRTYPES, (w) => `addrtype: bad type "${w}"`);
		if (name === 'src-type') this.srcType = {value, negated: inverted};
		else this.dstType = {value, negated: inverted};
	}

	finish(): Match {
		const {srcType, dstType} = this;
		if (srcType === undefined && dstType === undefined) {
			throw paramError(this.line, 'addrtype: you must specify --src-type or --dst-type');
		}
		const match: Match = {module: 'addrtype'};
		if (srcType !== undefined) match.srcType = srcType;
		if (dstType !== undefined) match.dstType = dstType;
		return match;
	}
}

/** What the kernel keeps of a probability: round(p × 2^31), as a fraction of 2^31. */
export function kernelProbability(p: number): number {
	return Math.round(p * 0x80000000) / 0x80000000;
}

const STATISTIC_OPTIONS = ['mode', 'probability', 'every', 'packet'];
const PROBABILITY = /^[0-9]*\.?[0-9]+(e-?[0-9]+)?$|^[0-9]+\.$/i;

/** `--probability`'s number, or undefined if it is not one from 0 to 1. */
export function parseProbability(text: string): number | undefined {
	const p = PROBABILITY.test(text) ? Number(text) : NaN;
	return p >= 0 && p <= 1 ? p : undefined;
}

class StatisticMatch extends Extension implements MatchExt {
	private declare mode: string | undefined;
	private declare probability: number | undefined;

	constructor(line: number) {
		super('statistic', line);
		this.mode = undefined;
		this.probability = undefined;
	}

	option(name: string): string | undefined {
		return ownOption(STATISTIC_OPTIONS, name);
	}

	takesArgument(): boolean {
		return true;
	}

	accept(name: string, arg: string | undefined, inverted: boolean): void {
		const {line} = this;
		this.once(name);
		if (name === 'mode') {
			this.notInverted(name, inverted);
			if (arg !== 'random' && arg !== 'nth') throw paramError(line, `Bad mode "${arg}"`);
			this.mode = arg;
		} else if (name === 'probability') {
			if (inverted) throw unsupported(line, 'an inverted --probability');
			const p = parseProbability(arg!);
			if (p === undefined) {
				throw paramError(line, 'statistic: bad value for option "--probability", or out of range (0-1).\n');
			}
			this.probability = p;
		} else {
			throw unsupported(line, `statistic --${name} (mode nth)`);
		}
	}

	finish(): Match {
		this.mustHave('mode', this.mode);
		if (this.mode === 'nth') throw unsupported(this.line, 'statistic mode nth');
		return {module: 'statistic', mode: 'random', probability: kernelProbability(this.probability ?? 0)};
	}
}

class MarkMatch extends Extension implements MatchExt {
	private declare mark: {value: number; mask: number; negated: boolean} | undefined;

	constructor(line: number) {
		super('mark', line);
		this.mark = undefined;
	}

	option(name: string): string | undefined {
		return name === 'mark' ? name : undefined;
	}

	takesArgument(): boolean {
		return true;
	}

	accept(name: string, arg: string | undefined, inverted: boolean): void {
		this.once(name);
		const parsed = parseMarkValue(this.line, 'mark', name, arg!);
		this.mark = {value: parsed.value, mask: parsed.mask ?? 0xffffffff, negated: inverted};
	}

	finish(): Match {
		this.mustHave('mark', this.mark);
		return {module: 'mark', ...this.mark!};
	}
}

const CTSTATES = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];

class ConntrackMatch extends Extension implements MatchExt {
	private declare state: {ctstate: string[]; negated: boolean} | undefined;

	constructor(line: number) {
		super('conntrack', line);
		this.state = undefined;
	}

	option(name: string): string | undefined {
		return name === 'ctstate' || name.startsWith('ct') || name === 'ipvs' || name === 'ctdir' ? name : undefined;
	}

	takesArgument(name: string): boolean {
		return name !== 'ipvs';
	}

	accept(name: string, arg: string | undefined, inverted: boolean): void {
		if (name !== 'ctstate') throw unsupported(this.line, `conntrack --${name}`);
		this.once(name);
		const list = canonicalList(this.line, arg!, CTSTATES, (w) => `Bad ctstate "${w}"`);
		this.state = {ctstate: list.split(','), negated: inverted};
	}

	finish(): Match {
		if (this.state === undefined) throw paramError(this.line, 'conntrack: At least one option is required');
		return {module: 'conntrack', ...this.state};
	}
}

class NfacctMatch extends Extension implements MatchExt {
	private declare name: string | undefined;

	constructor(line: number) {
		super('nfacct', line);
		this.name = undefined;
	}

	option(name: string): string | undefined {
		return name === 'nfacct-name' ? name : undefined;
	}

	takesArgument(): boolean {
		return true;
	}

	accept(option: string, arg: string | undefined, inverted: boolean): void {
		this.notInverted(option, inverted);
		this.once(option);
		this.name = arg;
	}

	finish(): Match {
		this.mustHave('nfacct-name', this.name);
		return {module: 'nfacct', name: this.name!};
	}
}

// Matches real iptables has but svc-tutor does not model: refused with a clear message rather
// than "Couldn't load match", which would wrongly tell a learner the match does not exist.
const UNMODELLED_MATCHES = new Set(
	(
		'ah bpf cgroup cluster connbytes connlabel connlimit connmark cpu dccp devgroup dscp dst ecn esp ' +
		'hashlimit helper hl icmp iprange ipvs length limit mac multiport osf owner physdev pkttype policy ' +
		'quota rateest realm rpfilter set socket state string tcpmss time tos ttl u32 udplite'
	).split(' '),
);

/** `-m NAME`. Rule is passed to finish() once all the rule's words are read. */
export function loadMatch(line: number, name: string): MatchExt {
	switch (name) {
		case 'tcp':
		case 'udp':
		case 'sctp':
			return new PortMatchExt(name, line);
		case 'comment':
			return new CommentMatch(line);
		case 'addrtype':
			return new AddrtypeMatch(line);
		case 'statistic':
			return new StatisticMatch(line);
		case 'recent':
			return new RecentMatchExt(line);
		case 'mark':
			return new MarkMatch(line);
		case 'conntrack':
			return new ConntrackMatch(line);
		case 'nfacct':
			return new NfacctMatch(line);
		default:
			if (UNMODELLED_MATCHES.has(name)) throw unsupported(line, `the ${name} match`);
			throw paramError(line, `Couldn't load match \`${name}':No such file or directory\n`);
	}
}
