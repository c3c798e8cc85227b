// Whether one rule's tests hold for a packet, as the kernel decides it for the first packet of
// a connection: the IP header fields first, then each `-m` match in the order written.
// `-m statistic` is not here: it has no single answer, so the walker forks on it.

import type {Match, Rule} from '../iptables/rule.js';
import type {Branch} from './branch.js';
import {formatIPv4, parseCidr, parseIPv4, type Cidr} from './ipv4.js';
import {TraceError} from './types.js';

export interface MatchContext {
	isLocal: (address: number) => boolean;
}

/** A rule's IP header tests, parsed once per rule set: testing them is the whole cost of a
 * KUBE-SERVICES scan. */
export interface Header {
	src?: Cidr & {negated: boolean};
	dst?: Cidr & {negated: boolean};
	proto?: {value: string; negated: boolean};
	/** Why the tracer cannot answer this rule; thrown only if a packet reaches it. */
	unsupported?: string;
}

export function compileHeader(rule: Rule): Header {
	const header: Header = {};
	try {
		if (rule.source !== undefined) header.src = {...parseCidr(rule.source.value), negated: rule.source.negated};
		if (rule.destination !== undefined) {
			header.dst = {...parseCidr(rule.destination.value), negated: rule.destination.negated};
		}
	} catch (error) {
		header.unsupported = error instanceof Error ? error.message : String(error);
	}
	if (rule.protocol !== undefined) header.proto = rule.protocol;
	if (rule.inInterface !== undefined || rule.outInterface !== undefined) {
		header.unsupported = `rule in ${rule.chain} tests an interface (-i/-o); the tracer does not model interfaces`;
	}
	return header;
}

/** `-s`, `-d`, `-p`: the kernel tests these before any `-m` match. */
export function headerMatches(header: Header, branch: Branch): boolean {
	if (header.unsupported !== undefined) throw new TraceError(header.unsupported);
	const {src, dst, proto} = header;
	if (src !== undefined && (((branch.src & src.mask) >>> 0) === src.network) === src.negated) return false;
	if (dst !== undefined && (((branch.dst & dst.mask) >>> 0) === dst.network) === dst.negated) return false;
	if (proto !== undefined && (proto.value === branch.proto) === proto.negated) return false;
	return true;
}

export interface MatchAnswer {
	matched: boolean;
	note?: string;
}

type NonRandom = Exclude<Match, {module: 'statistic'}>;

/** May change `branch.recent`/`recorded`: `--set`, `--update` and `--remove` act as they test. */
export function testMatch(match: NonRandom, branch: Branch, ctx: MatchContext): MatchAnswer {
	switch (match.module) {
		case 'comment':
		case 'nfacct':
			// Both always match: one only annotates, the other only counts.
			return {matched: true};
		case 'tcp':
		case 'udp':
		case 'sctp': {
			if (branch.proto !== match.module) return {matched: false};
			if (match.dport !== undefined && !portMatches(branch.dport, match.dport)) return {matched: false};
			if (match.sport !== undefined && !portMatches(branch.sport, match.sport)) return {matched: false};
			return {matched: true};
		}
		case 'addrtype': {
			if (match.srcType !== undefined && !addressTypeMatches(branch.src, match.srcType, ctx)) {
				return {matched: false};
			}
			if (match.dstType !== undefined && !addressTypeMatches(branch.dst, match.dstType, ctx)) {
				return {matched: false};
			}
			return {matched: true};
		}
		case 'mark':
			return {matched: (((branch.mark & match.mask) >>> 0) === match.value) !== match.negated};
		case 'conntrack': {
			// The first packet of a connection is NEW, later ones (either way) ESTABLISHED; once a DNAT
			// changed its destination conntrack also flags it DNAT. Never INVALID or RELATED here.
			const states = branch.ctDnat ? [branch.ctState, 'DNAT'] : [branch.ctState];
			const any = match.ctstate.some((state) => states.includes(state.toUpperCase()));
			return {matched: any !== match.negated};
		}
		case 'recent':
			return testRecent(match, branch);
	}
}

function portMatches(port: number, test: {from: number; to: number; negated: boolean}): boolean {
	return (port >= test.from && port <= test.to) !== test.negated;
}

function addressTypeMatches(
	address: number,
	test: {value: string; negated: boolean},
	ctx: MatchContext,
): boolean {
	for (const type of test.value.split(',')) {
		// Only LOCAL can be answered from the node's addresses; UNICAST, BROADCAST and the rest
		// need a routing table the simulation does not have.
		if (type.toUpperCase() !== 'LOCAL') {
			throw new TraceError(`-m addrtype type ${type}: the tracer only knows LOCAL`);
		}
	}
	return ctx.isLocal(address) !== test.negated;
}

function testRecent(match: Extract<Match, {module: 'recent'}>, branch: Branch): MatchAnswer {
	const mask = parseIPv4(match.mask);
	const address = match.side === 'rsource' ? branch.src : branch.dst;
	const key = (address & mask) >>> 0;
	const list = branch.recent.get(match.name);
	const held = list !== undefined && [...list].some((entry) => ((entry & mask) >>> 0) === key);
	const shown = `${formatIPv4(address)} in ${match.name}`;
	switch (match.command) {
		case 'rcheck':
		case 'update':
			// `--seconds` is not checked: the entries a caller gives are taken to be fresh.
			return {matched: held, note: held ? `${shown}: yes` : `${shown}: no`};
		case 'set': {
			// xt_recent's --set records (or refreshes) the address and always matches.
			setRecent(branch, match.name, key, list);
			return {matched: true, note: `records ${shown}`};
		}
		case 'remove': {
			if (held && list !== undefined) {
				const next = new Map(branch.recent);
				next.set(match.name, new Set([...list].filter((entry) => ((entry & mask) >>> 0) !== key)));
				branch.recent = next;
			}
			return {matched: held, note: held ? `${shown}: yes, removed` : `${shown}: no`};
		}
	}
}

function setRecent(branch: Branch, name: string, key: number, list: ReadonlySet<number> | undefined): void {
	const next = new Map(branch.recent);
	next.set(name, new Set([...(list ?? []), key]));
	branch.recent = next;
	branch.recorded = {head: {name, address: formatIPv4(key)}, tail: branch.recorded};
}
