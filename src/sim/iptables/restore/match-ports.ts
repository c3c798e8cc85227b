// The tcp, udp and sctp matches: `--sport` and `--dport`, a port, a service name or a range. Also
// loaded implicitly when a rule with `-p tcp` uses one of their options without `-m tcp`.

import type {Match, PortMatch, Rule} from '../rule.js';
import {servicePort, type PortProtocol} from '../services-names.js';
import {appendRefused, paramError, unsupported} from './errors.js';
import {Extension, type MatchExt} from './extension.js';

function parsePort(line: number, text: string, proto: PortProtocol): number {
	let port: number | undefined = 0;
	let digits = text.length > 0;
	for (let i = 0; i < text.length && digits; i++) {
		const d = text.charCodeAt(i) - 48;
		if (d < 0 || d > 9) digits = false;
		else port = port * 10 + d;
	}
	if (!digits) port = servicePort(text, proto);
	if (port === undefined || port > 65535) throw paramError(line, `invalid port/service \`${text}' specified`);
	return port;
}

// The port tests kube-proxy writes, `--dport 80` and the like, are the same few values on many
// rules: one shared object per port. Rule sets are values, never changed in place.
const SINGLE_PORTS: PortMatch[] = [];

export function singlePort(port: number, negated: boolean): PortMatch {
	if (negated) return {from: port, to: port, negated};
	return (SINGLE_PORTS[port] ??= {from: port, to: port, negated: false});
}

function parsePortRange(line: number, text: string, proto: PortProtocol, inverted: boolean): PortMatch {
	const colon = text.indexOf(':');
	if (colon < 0) return singlePort(parsePort(line, text, proto), inverted);
	const fromText = text.slice(0, colon);
	const toText = text.slice(colon + 1);
	const from = fromText === '' ? 0 : parsePort(line, fromText, proto);
	const to = toText === '' ? 65535 : parsePort(line, toText, proto);
	if (from > to) throw paramError(line, 'invalid portrange (min > max)');
	return {from, to, negated: inverted};
}

export class PortMatchExt extends Extension implements MatchExt {
	private declare sport: PortMatch | undefined;
	private declare dport: PortMatch | undefined;

	private declare readonly module: PortProtocol;

	constructor(module: PortProtocol, line: number) {
		super(module, line);
		this.module = module;
		this.sport = undefined;
		this.dport = undefined;
	}

	option(name: string): string | undefined {
		switch (name) {
			case 'sport':
			case 'source-port':
				return 'source-port';
			case 'dport':
			case 'destination-port':
				return 'destination-port';
			// Known to real iptables, refused by accept() as not modelled.
			case 'tcp-flags':
			case 'syn':
			case 'tcp-option':
				return this.module === 'tcp' ? name : undefined;
			case 'chunk-types':
				return this.module === 'sctp' ? name : undefined;
			default:
				return undefined;
		}
	}

	takesArgument(name: string): boolean {
		return name !== 'syn';
	}

	accept(name: string, arg: string | undefined, inverted: boolean): void {
		if (name !== 'source-port' && name !== 'destination-port') throw unsupported(this.line, `--${name}`);
		const source = name === 'source-port';
		// libxt_tcp predates the generic option parser and has its own duplicate message.
		if ((source ? this.sport : this.dport) !== undefined && this.module === 'tcp') {
			throw paramError(this.line, `Only one \`--${name}' allowed`);
		}
		this.once(name);
		const ports = parsePortRange(this.line, arg!, this.module, inverted);
		if (source) this.sport = ports;
		else this.dport = ports;
	}

	finish(rule: Rule): Match {
		const proto = rule.protocol;
		if (proto?.value !== this.module) {
			if (this.module === 'sctp') throw appendRefused(this.line, rule.chain);
			throw paramError(this.line, `${this.module.toUpperCase()} match requires '-p ${this.module}'`);
		}
		const match: Match = {module: this.module};
		if (this.sport !== undefined) match.sport = this.sport;
		if (this.dport !== undefined) match.dport = this.dport;
		return match;
	}
}

function isFullRange(port: PortMatch | undefined): boolean {
	return port !== undefined && !port.negated && port.from === 0 && port.to === 65535;
}

/** Merge a rule's tcp (or udp) matches into the first one, later ports winning: nf_tables stores
 * them as plain payload comparisons and iptables-nft reads them back as a single match. A full
 * port range matches everything, so nf_tables keeps no comparison for it. Changes only the match
 * objects the rule's extensions just built. */
export function mergePayloadMatches(matches: Match[]): Match[] {
	let payloads = 0;
	for (const match of matches) if (match.module === 'tcp' || match.module === 'udp') payloads++;
	if (payloads === 0) return matches;
	const out: Match[] = [];
	for (const match of matches) {
		if (match.module === 'tcp' || match.module === 'udp') {
			const first = payloads > 1 ? out.find((m) => m.module === match.module) : undefined;
			if (first !== undefined && (first.module === 'tcp' || first.module === 'udp')) {
				if (match.sport !== undefined) first.sport = match.sport;
				if (match.dport !== undefined) first.dport = match.dport;
				continue;
			}
		}
		out.push(match);
	}
	for (const match of out) {
		if (match.module !== 'tcp' && match.module !== 'udp') continue;
		if (isFullRange(match.sport)) delete match.sport;
		if (isFullRange(match.dport)) delete match.dport;
	}
	return out;
}
