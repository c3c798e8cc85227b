// Rule sets built by hand, as the kernel holds them (src/sim/iptables/rule.ts), so these tests do
// not depend on the restore-text parser. Addresses starting with '!' are negated.

import {BUILTIN_CHAINS, type Chain, type Match, type Rule, type Ruleset, type TableName, type Target} from '../../../src/sim/iptables/rule.js';

/** What the kernel keeps of `--probability p`: round(p × 2^31) / 2^31. */
export const stored = (p: number): number => Math.round(p * 2 ** 31) / 2 ** 31;

const neg = (text: string): {value: string; negated: boolean} =>
	text.startsWith('!') ? {value: text.slice(1), negated: true} : {value: text, negated: false};

const host = (text: string): {value: string; negated: boolean} => {
	const a = neg(text);
	return {value: a.value.includes('/') ? a.value : `${a.value}/32`, negated: a.negated};
};

export interface Spec {
	s?: string;
	d?: string;
	p?: 'tcp' | 'udp' | 'sctp';
	m?: Match[];
	j?: Target | string;
}

export function rule(chain: string, spec: Spec = {}): Rule {
	const r: Rule = {chain, matches: spec.m ?? []};
	if (spec.s !== undefined) r.source = host(spec.s);
	if (spec.d !== undefined) r.destination = host(spec.d);
	if (spec.p !== undefined) r.protocol = {value: spec.p, negated: false};
	if (spec.j !== undefined) r.target = typeof spec.j === 'string' ? {kind: 'jump', chain: spec.j} : spec.j;
	return r;
}

export const comment = (text: string): Match => ({module: 'comment', comment: text});
export const dport = (proto: 'tcp' | 'udp' | 'sctp', port: number): Match => ({
	module: proto,
	dport: {from: port, to: port, negated: false},
});
export const proto = (p: 'tcp' | 'udp' | 'sctp'): Match => ({module: p});
export const statistic = (p: number): Match => ({module: 'statistic', mode: 'random', probability: stored(p)});
export const dstLocal = (negated = false): Match => ({module: 'addrtype', dstType: {value: 'LOCAL', negated}});
export const srcLocal = (negated = false): Match => ({module: 'addrtype', srcType: {value: 'LOCAL', negated}});
export const mark = (value: number, mask: number, negated = false): Match => ({module: 'mark', value, mask, negated});
export const ctstate = (states: string[], negated = false): Match => ({module: 'conntrack', ctstate: states, negated});
export const nfacct = (name: string): Match => ({module: 'nfacct', name});
export const recent = (command: 'set' | 'rcheck', name: string): Match => ({
	module: 'recent',
	command,
	name,
	...(command === 'rcheck' ? {seconds: 10800, reap: true} : {reap: false}),
	mask: '255.255.255.255',
	side: 'rsource',
});

export const ACCEPT: Target = {kind: 'ACCEPT'};
export const DROP: Target = {kind: 'DROP'};
export const RETURN: Target = {kind: 'RETURN'};
export const REJECT: Target = {kind: 'REJECT', rejectWith: 'icmp-port-unreachable'};
export const MASQUERADE: Target = {kind: 'MASQUERADE', randomFully: true};
export const DNAT = (to: string): Target => ({kind: 'DNAT', toDestination: to});
/** `--or-mark` is value/value, `--xor-mark` value/0. */
export const MARK = (value: number, mask: number): Target => ({kind: 'MARK', value, mask});

export type Tables = Partial<Record<TableName, Rule[]>>;

/** Built-in chains first, then every other chain named by a rule or a jump, in first-seen order. */
export function ruleset(tables: Tables, policies: Partial<Record<string, 'ACCEPT' | 'DROP'>> = {}): Ruleset {
	return {
		tables: (Object.keys(tables) as TableName[]).map((name) => {
			const rules = tables[name] ?? [];
			const chains: Chain[] = BUILTIN_CHAINS[name].map((chain) => ({
				name: chain,
				policy: policies[`${name} ${chain}`] ?? 'ACCEPT',
			}));
			const seen = new Set(chains.map((chain) => chain.name));
			for (const r of rules) {
				for (const chain of [r.chain, r.target?.kind === 'jump' ? r.target.chain : undefined]) {
					if (chain !== undefined && !seen.has(chain)) {
						seen.add(chain);
						chains.push({name: chain});
					}
				}
			}
			return {name, chains, rules};
		}),
	};
}
