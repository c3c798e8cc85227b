// How the proxier writes a rule. Each rule is stated once, in kube-proxy's own argument order, and
// comes out in either or both of two forms:
//   - text: the `-A …` line of the iptables-restore input kube-proxy writes (its LineBuffer);
//   - kernel: the Rule iptables-restore builds from that line (rule.ts), without writing the text
//     and reading it back. On a node of 10,000 Services that round trip was most of the time.
// The kernel form uses iptables-restore's own value readers (restore/), and the shapes built here
// directly are the few kube-proxy writes by the thousand; any other rule (marks, conntrack,
// addrtype, recent, REJECT, MASQUERADE…) is read from its words by the general reader
// (parseRuleWords), so every rule is exactly what `nodeRuleset(restore text)` holds.
// test/sim/kube-proxy/rule-writer.test.ts checks that for every kind of cluster.

import type {AddressMatch, Match, Negatable, PortMatch, Rule, TableName, Target} from '../../iptables/rule.js';
import {kernelProbability, parseProbability} from '../../iptables/restore/matches.js';
import {singlePort} from '../../iptables/restore/match-ports.js';
import {parseAddress} from '../../iptables/restore/numbers.js';
import {parseRuleWords, protocolMatch} from '../../iptables/restore/parse-rule.js';
import {buildRule, DESTINATION_FIELD, PROTOCOL_FIELD, SOURCE_FIELD} from '../../iptables/restore/build-rule.js';
import {portsMatch, sharedMatches, type FastCache} from '../../iptables/restore/fast-shared.js';
import {dnatDestination, plainTarget} from '../../iptables/restore/targets.js';

export type PortProtocol = 'tcp' | 'udp' | 'sctp';

export interface RuleOutput {
	/** Write the restore text's lines. */
	text: boolean;
	/** Build the kernel's Rules. */
	kernel: boolean;
}

/** One table's part of kube-proxy's restore input: `:CHAIN` declarations, then `-A` rules. */
export class TableOutput {
	/** Text form: the declaration lines and the rule lines, each in write order. */
	readonly chainLines: string[] = [];
	readonly ruleLines: string[] = [];
	/** Kernel form: the declared chains and the rules, each in write order. */
	readonly chains: string[] = [];
	readonly rules: Rule[] = [];

	constructor(
		readonly name: TableName,
		readonly output: RuleOutput,
	) {}

	/** `:CHAIN - [0:0]`: a user chain, made (or flushed) by this restore. */
	declare(chain: string): void {
		if (this.output.text) this.chainLines.push(`:${chain} - [0:0]`);
		if (this.output.kernel) this.chains.push(chain);
	}
}

/**
 * Builds one rule at a time (start … then a target or end()), reused for every rule of a sync: a
 * node of 10,000 Services has 170,000 of them, and each must leave as little garbage as it can.
 */
export class RuleWriter {
	private table!: TableOutput;
	private readonly words: string[] = [];
	private chain = '';
	// Kernel form, field by field.
	private readonly matches: Match[] = [];
	/** The header fields in the order given (build-rule.ts), and their values. */
	private header = 0;
	private sourceMatch: AddressMatch | undefined;
	private destinationMatch: AddressMatch | undefined;
	private protocolField: Negatable<PortProtocol> | undefined;
	/** Where `-m tcp` (…) sits in matches, and the --dport given for it. */
	private portsAt = -1;
	private dportMatch: PortMatch | undefined;
	/** Set when a word was written that this writer does not read itself: the general reader then does. */
	private general = false;
	/** Where the comment's word is (held without quotes, as iptables-restore's tokenizer gives it),
	 * and whether kube-proxy quotes it in the text. */
	private commentAt = -1;
	private commentQuoted = false;
	private readonly probabilities = new Map<string, Match>();
	// Values neighbouring rules repeat, kept as one object each (rule sets are never changed in
	// place): an endpoint's two rules have the same comment, kube-proxy's rules the same few match
	// lists and jumps. Less to build, and far less for the garbage collector to copy on a big node.
	private comment0: Extract<Match, {module: 'comment'}> | undefined;
	private comment1: Extract<Match, {module: 'comment'}> | undefined;
	private readonly recentMatches: Pick<FastCache, 'matches'> = {matches: [[], []]};
	private jump0: Extract<Target, {kind: 'jump'}> | undefined;
	private jump1: Extract<Target, {kind: 'jump'}> | undefined;
	/** The last address read for -s, ! -s, -d, ! -d, and the text it was read from: a Service's
	 * cluster IP comes twice in a row, the local detector's CIDR on every Service. */
	private readonly addresses: {text: string; match: AddressMatch | undefined}[] = [];

	/** Begins `-A chain` in table. */
	start(table: TableOutput, chain: string): this {
		this.table = table;
		this.chain = chain;
		const words = this.words;
		words.length = 0;
		words.push('-A', chain);
		this.matches.length = 0;
		this.header = 0;
		this.sourceMatch = this.destinationMatch = this.protocolField = undefined;
		this.portsAt = -1;
		this.dportMatch = undefined;
		this.general = false;
		this.commentAt = -1;
		this.commentQuoted = false;
		return this;
	}

	/** `-m comment --comment TEXT`; kube-proxy quotes every comment but a bare service port name. */
	comment(text: string, quote = true): this {
		this.words.push('-m', 'comment', '--comment', text);
		this.commentAt = this.words.length - 1;
		this.commentQuoted = quote;
		if (this.table.output.kernel) this.matches.push(this.commentMatch(text));
		return this;
	}

	/** `-m PROTO -p PROTO`, as kube-proxy writes a protocol: the match first, then the header field. */
	protocolMatch(proto: PortProtocol): this {
		this.words.push('-m', proto, '-p', proto);
		if (this.table.output.kernel) {
			this.portsAt = this.matches.length;
			this.matches.push(PLAIN_PORTS[proto]);
			this.protocolField = protocolMatch(proto, false);
			this.header = (this.header << 2) | PROTOCOL_FIELD;
		}
		return this;
	}

	/** `--dport N` of the protocol match written before it. */
	dport(port: number): this {
		this.words.push('--dport', String(port));
		if (this.table.output.kernel) {
			// What the fast reader takes (words.ts nextPort); anything else is the general reader's to refuse.
			if (this.portsAt < 0 || this.dportMatch !== undefined || !Number.isInteger(port) || port < 0 || port > 65535) this.general = true;
			else this.dportMatch = singlePort(port, false);
		}
		return this;
	}

	/** `[!] -s CIDR`. */
	source(cidr: string, negated = false): this {
		return this.address('-s', cidr, negated);
	}

	/** `[!] -d CIDR`. */
	destination(cidr: string, negated = false): this {
		return this.address('-d', cidr, negated);
	}

	/** The local detector's words: `-s CIDR` or `! -s CIDR` (local-detector.ts). */
	detector(words: readonly string[]): this {
		if (words.length === 2 && words[0] === '-s') return this.address('-s', words[1]!, false);
		if (words.length === 3 && words[0] === '!' && words[1] === '-s') return this.address('-s', words[2]!, true);
		return this.other(words);
	}

	/** `-m statistic --mode random --probability P`, P as kube-proxy prints it. */
	probability(text: string): this {
		this.words.push('-m', 'statistic', '--mode', 'random', '--probability', text);
		if (this.table.output.kernel) {
			let match = this.probabilities.get(text);
			if (match === undefined) {
				const p = parseProbability(text);
				if (p === undefined) {
					this.general = true;
					return this;
				}
				match = {module: 'statistic', mode: 'random', probability: kernelProbability(p)};
				this.probabilities.set(text, match);
			}
			this.matches.push(match);
		}
		return this;
	}

	/** Words this writer does not read itself (marks, conntrack, addrtype, recent, nfacct…). */
	other(words: readonly string[]): this {
		for (const word of words) this.words.push(word);
		this.general = true;
		return this;
	}

	/** `-j CHAIN`, or a verdict with no options (ACCEPT, DROP, RETURN): the end of the rule. */
	jump(chain: string): void {
		this.words.push('-j', chain);
		let target: Target | undefined;
		if (this.table.output.kernel && !this.general) {
			// A name with a dash is never a built-in target (fast-rule.ts reads it the same way).
			if (chain.includes('-') && chain.length <= 28) {
				target = this.jumpTarget(chain);
			} else {
				target = plainTarget(chain, this.table.name);
			}
		}
		this.finish(target);
	}

	/** `-j DNAT --to-destination IP:PORT`: the end of the rule. */
	dnat(endpoint: string): void {
		this.words.push('-j', 'DNAT', '--to-destination', endpoint);
		let target: Target | undefined;
		if (this.table.output.kernel && !this.general) {
			let to: string | undefined;
			try {
				to = dnatDestination(0, endpoint);
			} catch {
				to = undefined;
			}
			if (to !== undefined && this.table.name === 'nat') target = {kind: 'DNAT', toDestination: to};
		}
		this.finish(target);
	}

	/** `-j TARGET OPTIONS…` for any other target (MARK, MASQUERADE, REJECT…): the end of the rule. */
	target(words: readonly string[]): void {
		this.words.push('-j');
		this.other(words);
		this.finish(undefined);
	}

	/** The end of a rule with no target (a rule that only counts). */
	end(): void {
		this.finish(undefined, true);
	}

	private commentMatch(text: string): Extract<Match, {module: 'comment'}> {
		if (this.comment0?.comment === text) return this.comment0;
		if (this.comment1?.comment === text) return this.comment1;
		this.comment1 = this.comment0;
		return (this.comment0 = {module: 'comment', comment: text});
	}

	private jumpTarget(chain: string): Extract<Target, {kind: 'jump'}> {
		if (this.jump0?.chain === chain) return this.jump0;
		if (this.jump1?.chain === chain) return this.jump1;
		this.jump1 = this.jump0;
		return (this.jump0 = {kind: 'jump', chain});
	}

	private address(flag: '-s' | '-d', cidr: string, negated: boolean): this {
		if (negated) this.words.push('!');
		this.words.push(flag, cidr);
		if (!this.table.output.kernel) return this;
		const slot = (flag === '-d' ? 2 : 0) + (negated ? 1 : 0);
		const known = this.addresses[slot];
		let match: AddressMatch | undefined;
		if (known !== undefined && known.text === cidr) {
			match = known.match;
		} else {
			let value: string | undefined;
			try {
				value = parseAddress(0, cidr);
			} catch {
				this.general = true;
				return this;
			}
			match = value === undefined ? undefined : {value, negated};
			this.addresses[slot] = {text: cidr, match};
		}
		if (match === undefined) {
			// 0.0.0.0/0 matches every address: iptables keeps no field, and refuses it negated.
			if (negated) this.general = true;
			return this;
		}
		if (flag === '-s') {
			if (this.sourceMatch !== undefined) this.general = true;
			this.sourceMatch = match;
			this.header = (this.header << 2) | SOURCE_FIELD;
		} else {
			if (this.destinationMatch !== undefined) this.general = true;
			this.destinationMatch = match;
			this.header = (this.header << 2) | DESTINATION_FIELD;
		}
		return this;
	}

	/**
	 * `target` is the kernel's target when this writer built it; undefined with a target word means
	 * the general reader must read the rule. `none` marks a rule written with no -j at all.
	 */
	private finish(target: Target | undefined, none = false): void {
		const table = this.table;
		if (table.output.text) {
			const words = this.words;
			if (this.commentQuoted) {
				const comment = words[this.commentAt]!;
				words[this.commentAt] = `"${comment}"`;
				table.ruleLines.push(words.join(' '));
				words[this.commentAt] = comment;
			} else {
				table.ruleLines.push(words.join(' '));
			}
		}
		if (!table.output.kernel) return;
		if (this.general || (target === undefined && !none)) {
			table.rules.push(parseRuleWords(this.words.slice(), 2, this.chain, 0, table.name));
			return;
		}
		const current = this.matches;
		if (this.dportMatch !== undefined) current[this.portsAt] = portsMatch(this.protocolField!.value, undefined, this.dportMatch);
		const matches = sharedMatches(current, this.recentMatches, true);
		table.rules.push(buildRule(this.chain, matches, this.header, this.sourceMatch, this.destinationMatch, this.protocolField, target));
	}
}

// `-m tcp` (udp, sctp) with no port options: one object each.
const PLAIN_PORTS: Record<PortProtocol, Match> = {tcp: {module: 'tcp'}, udp: {module: 'udp'}, sctp: {module: 'sctp'}};
