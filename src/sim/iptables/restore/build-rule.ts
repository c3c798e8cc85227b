// A Rule object with parseRuleWords' keys (chain, matches, the header fields in the order given,
// then target), for the readers that build rules without it: fast-rule.ts and the proxier's
// RuleWriter. The order is part of the rule: -D compares rules by their JSON.

import type {AddressMatch, Match, Negatable, Rule, Target} from '../rule.js';

// The header fields, 2 bits each in `header`, first given in the highest bits.
export const SOURCE_FIELD = 1;
export const DESTINATION_FIELD = 2;
export const PROTOCOL_FIELD = 3;

/**
 * kube-proxy's usual orders are written as object literals: V8 then keeps every field inside the
 * object, with one shape per order, for the hundred thousand rules of a big node. The rest are
 * built field by field.
 */
export function buildRule(
	chain: string,
	matches: Match[],
	header: number,
	source: AddressMatch | undefined,
	destination: AddressMatch | undefined,
	protocol: Negatable<'tcp' | 'udp' | 'sctp'> | undefined,
	target: Target | undefined,
): Rule {
	if (target !== undefined) {
		switch (header) {
			case 0:
				return {chain, matches, target};
			case SOURCE_FIELD:
				return {chain, matches, source, target};
			case DESTINATION_FIELD:
				return {chain, matches, destination, target};
			case PROTOCOL_FIELD:
				return {chain, matches, protocol, target};
			case (PROTOCOL_FIELD << 2) | DESTINATION_FIELD:
				return {chain, matches, protocol, destination, target};
			case (((PROTOCOL_FIELD << 2) | DESTINATION_FIELD) << 2) | SOURCE_FIELD:
				return {chain, matches, protocol, destination, source, target};
		}
	}
	const rule: Rule = {chain, matches};
	const fields: number[] = [];
	for (let rest = header; rest !== 0; rest >>>= 2) fields.unshift(rest & 3);
	for (const field of fields) {
		if (field === SOURCE_FIELD) rule.source = source;
		else if (field === DESTINATION_FIELD) rule.destination = destination;
		else rule.protocol = protocol;
	}
	if (target !== undefined) rule.target = target;
	return rule;
}
