// Reads shared by several kinds: protocols, IP addresses and CIDRs, each checked with the API's
// wording so the same mistake reads the same wherever it is made.

import type {Protocol} from '../sim/api/types.js';
import type {DecodeContext} from './decode-context.js';
import type {FieldPath} from './field-errors.js';
import {invalid} from './field-errors.js';
import {CIDR_MESSAGE, IP_MESSAGE, isValidCIDR, nonSpecialIPProblem, parseIP} from './ip-syntax.js';

/** In the order Go's sets.List prints them. */
export const PROTOCOLS: readonly Protocol[] = ['SCTP', 'TCP', 'UDP'];

/** A port protocol, defaulted to TCP as every Kubernetes port is. */
export function readProtocol(ctx: DecodeContext, value: unknown, path: FieldPath): Protocol {
	return ctx.oneOf(value, path, PROTOCOLS) ?? 'TCP';
}

export function readIP(ctx: DecodeContext, value: unknown, path: FieldPath, options: {nonSpecial?: boolean} = {}): string | undefined {
	const text = ctx.string(value, path);
	if (text === undefined) return undefined;
	if (!parseIP(text)) ctx.fail(path, invalid(text, IP_MESSAGE));
	const special = options.nonSpecial ? nonSpecialIPProblem(text) : undefined;
	if (special) ctx.fail(path, invalid(text, special));
	return text;
}

export function readIPList(ctx: DecodeContext, value: unknown, path: FieldPath, options: {nonSpecial?: boolean} = {}): string[] {
	return ctx.list(value, path).map((item, index) => {
		const ip = readIP(ctx, item, [...path, index], options);
		if (ip === undefined) ctx.fail([...path, index], invalid(item, IP_MESSAGE));
		return ip;
	});
}

export function readCIDR(ctx: DecodeContext, value: unknown, path: FieldPath): string | undefined {
	const text = ctx.string(value, path);
	if (text === undefined) return undefined;
	if (!isValidCIDR(text)) ctx.fail(path, invalid(text, CIDR_MESSAGE));
	return text;
}

export function readCIDRList(ctx: DecodeContext, value: unknown, path: FieldPath): string[] {
	return ctx.list(value, path).map((item, index) => {
		const cidr = readCIDR(ctx, item, [...path, index]);
		if (cidr === undefined) ctx.fail([...path, index], invalid(item, CIDR_MESSAGE));
		return cidr;
	});
}
