// The shapes of `-A` line kube-proxy writes by the hundred thousand, read straight from the line:
// no word list, no extension objects, only the strings the rule keeps. It accepts a line only when
// every word is one it knows and every value is valid; it then builds exactly the rule parseRule
// builds (equal objects, keys in the same order). Anything else, above all anything that would be
// an error, it leaves to the general reader (parse-rule.ts) by returning undefined, the table
// untouched (only fast-shared.ts's caches may have learnt something): that reader alone decides
// what is wrong and how iptables-restore says it.

import type {AddressMatch, Match, Negatable, PortMatch, Rule, Target} from '../rule.js';
import {buildRule, DESTINATION_FIELD, PROTOCOL_FIELD, SOURCE_FIELD} from './build-rule.js';
import {addressMatch, jumpTo, portsMatch, sharedMatches, statisticMatch, type FastCache} from './fast-shared.js';
import {singlePort} from './match-ports.js';
import {protocolMatch} from './parse-rule.js';
import {dnatDestination, plainTarget} from './targets.js';
import type {Words} from './words.js';
import type {WorkTable} from './work-table.js';

const DASH = 45;
const BANG = 33;

// The matches the fast path reads, at most one of each per rule.
const COMMENT = 1;
const PORTS = 2;
const STATISTIC = 3;
const NFACCT = 4;

// The same shared objects parse-rule.ts uses for `-p tcp` and the like.
const TCP = protocolMatch('tcp', false);
const UDP = protocolMatch('udp', false);
const SCTP = protocolMatch('sctp', false);

// Header flags, for iptables' "multiple -s flags" check.
const SOURCE = 1;
const DESTINATION = 2;
const PROTOCOL = 4;


function dnatTo(text: string): string | undefined {
	try {
		return dnatDestination(0, text);
	} catch {
		return undefined;
	}
}

function hasDash(words: Words): boolean {
	const {text, end} = words;
	for (let i = words.start; i < end; i++) if (text.charCodeAt(i) === DASH) return true;
	return false;
}

/**
 * The rule in the rest of the line words is at (after `-A CHAIN`), if it is one of the shapes this
 * reads; otherwise undefined, and the line goes to the general reader.
 */
export function fastRule(words: Words, chain: string, work: WorkTable, cache: FastCache): Rule | undefined {
	const table = work.name;
	cache.jumped = undefined;
	// The header fields as given (their order is the order of the rule's keys), 2 bits each.
	let header = 0;
	let source: AddressMatch | undefined;
	let destination: AddressMatch | undefined;
	let protocol: Negatable<'tcp' | 'udp' | 'sctp'> | undefined;
	// The -m matches in the order loaded, 3 bits a kind, and each one's values.
	let order = 0;
	let loaded = 0;
	let comment: Extract<Match, {module: 'comment'}> | undefined;
	let portModule: 'tcp' | 'udp' | 'sctp' | undefined;
	let sport: PortMatch | undefined;
	let dport: PortMatch | undefined;
	let mode = false;
	let statistic: Match | undefined;
	let nfacct: string | undefined;
	let flags = 0;
	let target: Target | undefined;
	let jumped = false;
	let dnat = false;
	let toDestination: string | undefined;
	let inverted = false;

	while (words.next()) {
		const length = words.length;
		if (words.at(0) !== DASH) {
			if (length !== 1 || words.at(0) !== BANG || inverted) return undefined;
			inverted = true;
			continue;
		}
		if (length === 2) {
			// -m, -p, -s, -d, -j
			const flag = words.at(1);
			if (inverted && flag !== 115 && flag !== 100) return undefined;
			if (!words.next()) return undefined;
			switch (flag) {
				case 109: {
					// -m
					let kind: number;
					switch (words.length) {
						case 7:
							if (!words.is('comment')) return undefined;
							kind = COMMENT;
							break;
						case 3:
						case 4:
							if (!(words.is('tcp') || words.is('udp') || words.is('sctp'))) return undefined;
							kind = PORTS;
							break;
						case 9:
							if (!words.is('statistic')) return undefined;
							kind = STATISTIC;
							break;
						case 6:
							if (!words.is('nfacct')) return undefined;
							kind = NFACCT;
							break;
						default:
							return undefined;
					}
					if ((loaded & (1 << kind)) !== 0) return undefined;
					loaded |= 1 << kind;
					order = (order << 3) | kind;
					if (kind === PORTS) portModule = words.value() as 'tcp' | 'udp' | 'sctp';
					break;
				}
				case 112:
					// -p
					if ((flags & PROTOCOL) !== 0) return undefined;
					flags |= PROTOCOL;
					if (words.is('tcp')) protocol = TCP;
					else if (words.is('udp')) protocol = UDP;
					else if (words.is('sctp')) protocol = SCTP;
					else return undefined;
					header = (header << 2) | PROTOCOL_FIELD;
					break;
				case 115:
				case 100: {
					// -s, -d
					const bit = flag === 115 ? SOURCE : DESTINATION;
					if ((flags & bit) !== 0) return undefined;
					flags |= bit;
					const match = addressMatch(words, bit === DESTINATION, inverted, cache);
					if (match === undefined) return undefined;
					if (bit === SOURCE) source = match;
					else destination = match;
					header = (header << 2) | (bit === SOURCE ? SOURCE_FIELD : DESTINATION_FIELD);
					inverted = false;
					break;
				}
				case 106:
					// -j
					if (jumped) return undefined;
					jumped = true;
					if (words.is('DNAT')) {
						if (table !== 'nat') return undefined;
						dnat = true;
					} else if (hasDash(words)) {
						if (words.length > 28) return undefined;
						target = jumpTo(words, work, cache);
					} else {
						target = plainTarget(words.value(), table);
						if (target === undefined) return undefined;
						if (target.kind === 'jump') cache.jumped = target.chain;
					}
					break;
				default:
					return undefined;
			}
			continue;
		}
		if (inverted || words.at(1) !== DASH) return undefined;
		switch (length) {
			case 7: {
				// --dport, --sport
				const isDport = words.is('--dport');
				if (!isDport && !words.is('--sport')) return undefined;
				if ((loaded & (1 << PORTS)) === 0) {
					// iptables loads the protocol's match by itself for --dport after -p.
					if (protocol === undefined) return undefined;
					loaded |= 1 << PORTS;
					order = (order << 3) | PORTS;
					portModule = protocol.value;
				}
				if ((isDport ? dport : sport) !== undefined) return undefined;
				const port = words.nextPort();
				if (port < 0) return undefined;
				if (isDport) dport = singlePort(port, false);
				else sport = singlePort(port, false);
				break;
			}
			case 9:
				// --comment
				if (!words.is('--comment') || (loaded & (1 << COMMENT)) === 0 || comment !== undefined) return undefined;
				if (!words.next()) return undefined;
				comment = cache.comment;
				if (comment === undefined || !words.is(comment.comment)) {
					if (words.length > 255) return undefined;
					comment = {module: 'comment', comment: words.value()};
					cache.comment = comment;
				}
				break;
			case 16:
				// --to-destination
				if (!words.is('--to-destination') || !dnat || toDestination !== undefined) return undefined;
				if (!words.next()) return undefined;
				toDestination = dnatTo(words.value());
				if (toDestination === undefined) return undefined;
				break;
			case 6:
				// --mode
				if (!words.is('--mode') || (loaded & (1 << STATISTIC)) === 0 || mode) return undefined;
				if (!words.next() || !words.is('random')) return undefined;
				mode = true;
				break;
			case 13:
				// --probability, --nfacct-name
				if (words.is('--probability')) {
					if ((loaded & (1 << STATISTIC)) === 0 || statistic !== undefined || !words.next()) return undefined;
					statistic = statisticMatch(words, cache);
					if (statistic === undefined) return undefined;
				} else if (words.is('--nfacct-name')) {
					if ((loaded & (1 << NFACCT)) === 0 || nfacct !== undefined) return undefined;
					nfacct = words.nextValue();
					if (nfacct === undefined) return undefined;
				} else {
					return undefined;
				}
				break;
			default:
				return undefined;
		}
	}
	if (words.odd || inverted) return undefined;

	// What the extensions' finish() checks, then their matches in the order loaded.
	const count = popcount(loaded);
	const matches: Match[] = new Array(count);
	for (let k = count - 1; k >= 0; k--, order >>>= 3) {
		switch (order & 7) {
			case COMMENT:
				if (comment === undefined) return undefined;
				matches[k] = comment;
				break;
			case PORTS:
				if (protocol?.value !== portModule) return undefined;
				matches[k] = portsMatch(portModule!, sport, dport);
				break;
			case STATISTIC:
				if (!mode) return undefined;
				// No --probability: the kernel keeps 0.
				matches[k] = statistic ?? {module: 'statistic', mode: 'random', probability: 0};
				break;
			default:
				if (nfacct === undefined) return undefined;
				matches[k] = {module: 'nfacct', name: nfacct};
		}
	}
	if (dnat) {
		// DNAT's finish(): a port needs a protocol that has ports (only tcp/udp/sctp get here).
		if (toDestination === undefined || (toDestination.includes(':') && protocol === undefined)) return undefined;
		target = {kind: 'DNAT', toDestination};
	}
	return buildRule(chain, sharedMatches(matches, cache), header, source, destination, protocol, target);
}

function popcount(bits: number): number {
	let count = 0;
	for (let b = bits; b !== 0; b &= b - 1) count++;
	return count;
}
