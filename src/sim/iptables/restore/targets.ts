// The `-j` targets svc-tutor models, and loadTarget, which picks one by name as `-j NAME` does: a
// name that is not a target is a jump to a user chain (checked at COMMIT).

import type {Rule, TableName, Target} from '../rule.js';
import {appendRefused, paramError, unsupported} from './errors.js';
import {Extension, ownOption, type TargetExt} from './extension.js';
import {intToIp, isCanonicalIpv4, parseIpv4, parseMarkValue} from './numbers.js';

/** A target with no options: the built-in verdicts and jumps to user chains. */
class PlainTarget implements TargetExt {
	private declare readonly target: Target;

	constructor(target: Target) {
		this.target = target;
	}

	option(): string | undefined {
		return undefined;
	}

	takesArgument(): boolean {
		return false;
	}

	accept(): void {}

	finish(): Target {
		return this.target;
	}
}

// Rule sets are values, never changed in place: the verdicts can be one shared object each.
const ACCEPT = new PlainTarget({kind: 'ACCEPT'});
const DROP = new PlainTarget({kind: 'DROP'});
const RETURN = new PlainTarget({kind: 'RETURN'});

/** `ip[:port]` as the kernel keeps it, or undefined if the text is not that. */
export function dnatDestination(line: number, arg: string): string | undefined {
	// What /^([^:]+)(?::([0-9]+))?$/ accepts: a host without colons, then an optional numeric port.
	const colon = arg.indexOf(':');
	const hostEnd = colon < 0 ? arg.length : colon;
	if (hostEnd === 0 || (colon >= 0 && arg.indexOf(':', colon + 1) >= 0)) return undefined;
	let port: number | undefined;
	let canonicalPort = true;
	if (colon >= 0) {
		if (colon + 1 === arg.length) return undefined;
		port = 0;
		for (let i = colon + 1; i < arg.length; i++) {
			const d = arg.charCodeAt(i) - 48;
			if (d < 0 || d > 9) return undefined;
			port = port * 10 + d;
		}
		canonicalPort = arg.charCodeAt(colon + 1) !== 48 && arg.length - colon - 1 <= 5;
	}
	const host = arg.slice(0, hostEnd);
	const ip = parseIpv4(host);
	if (ip === undefined || host.includes('-')) return undefined;
	if (port !== undefined && (port < 1 || port > 65535)) throw paramError(line, `Port "${arg.slice(colon + 1)}" not valid\n`);
	// kube-proxy writes it as the kernel keeps it: no need to build it again.
	if (canonicalPort && isCanonicalIpv4(arg, 0, hostEnd)) return arg;
	return port === undefined ? intToIp(ip) : `${intToIp(ip)}:${port}`;
}

const DNAT_OPTIONS = ['to-destination', 'random', 'persistent'];

class DnatTarget extends Extension implements TargetExt {
	private declare destination: string | undefined;

	constructor(line: number) {
		super('DNAT', line);
		this.destination = undefined;
	}

	option(name: string): string | undefined {
		return ownOption(DNAT_OPTIONS, name);
	}

	takesArgument(name: string): boolean {
		return name === 'to-destination';
	}

	accept(name: string, arg: string | undefined, inverted: boolean): void {
		this.notInverted(name, inverted);
		if (name !== 'to-destination') throw unsupported(this.line, `DNAT --${name}`);
		this.once(name);
		const destination = dnatDestination(this.line, arg!);
		if (destination === undefined) throw unsupported(this.line, `the DNAT destination ${arg} (only ip[:port])`);
		this.destination = destination;
	}

	finish(rule: Rule): Target {
		this.mustHave('to-destination', this.destination);
		const proto = rule.protocol;
		if (this.destination!.includes(':') && (proto === undefined || proto.negated || proto.value === 'icmp')) {
			throw paramError(this.line, 'Need TCP, UDP, SCTP or DCCP with port specification');
		}
		return {kind: 'DNAT', toDestination: this.destination!};
	}
}

const MARK_OPTIONS = ['set-xmark', 'set-mark', 'and-mark', 'or-mark', 'xor-mark'];

class MarkTarget extends Extension implements TargetExt {
	private declare chosen: string | undefined;
	private declare value: number;
	private declare mask: number;

	constructor(line: number) {
		super('MARK', line);
		this.chosen = undefined;
		this.value = 0;
		this.mask = 0;
	}

	option(name: string): string | undefined {
		return ownOption(MARK_OPTIONS, name);
	}

	takesArgument(): boolean {
		return true;
	}

	accept(name: string, arg: string | undefined, inverted: boolean): void {
		const {line} = this;
		this.notInverted(name, inverted);
		this.once(name);
		if (this.chosen !== undefined) {
			throw paramError(line, `MARK: option "--${this.chosen}" cannot be used together with "--${name}".\n`);
		}
		this.chosen = name;
		const parsed = parseMarkValue(line, 'MARK', name, arg!);
		const single = (): number => {
			if (parsed.mask !== undefined) {
				throw paramError(line, `MARK: bad integer value for option "--${name}", or out of range.\n`);
			}
			return parsed.value;
		};
		// libxt_MARK's translation of each spelling into the kernel's value/mask pair.
		if (name === 'set-xmark') {
			this.value = parsed.value;
			this.mask = parsed.mask ?? 0xffffffff;
		} else if (name === 'set-mark') {
			this.value = parsed.value;
			this.mask = (parsed.value | (parsed.mask ?? 0xffffffff)) >>> 0;
		} else if (name === 'and-mark') {
			this.value = 0;
			this.mask = ~single() >>> 0;
		} else if (name === 'or-mark') {
			this.value = single();
			this.mask = this.value;
		} else {
			this.value = single();
			this.mask = 0;
		}
	}

	finish(): Target {
		if (this.chosen === undefined) {
			throw paramError(this.line, 'MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required');
		}
		return {kind: 'MARK', value: this.value, mask: this.mask};
	}
}

const MASQUERADE_OPTIONS = ['random-fully', 'random', 'to-ports'];

class MasqueradeTarget extends Extension implements TargetExt {
	private declare randomFully: boolean;

	constructor(line: number) {
		super('MASQUERADE', line);
		this.randomFully = false;
	}

	option(name: string): string | undefined {
		return ownOption(MASQUERADE_OPTIONS, name);
	}

	takesArgument(name: string): boolean {
		return name === 'to-ports';
	}

	accept(name: string, _arg: string | undefined, inverted: boolean): void {
		this.notInverted(name, inverted);
		if (name !== 'random-fully') throw unsupported(this.line, `MASQUERADE --${name}`);
		this.randomFully = true;
	}

	finish(): Target {
		return {kind: 'MASQUERADE', randomFully: this.randomFully};
	}
}

// libipt_REJECT's names and the aliases it accepts for them.
const REJECT_TYPES: Record<string, string> = {
	'icmp-net-unreachable': 'icmp-net-unreachable',
	'net-unreach': 'icmp-net-unreachable',
	'icmp-host-unreachable': 'icmp-host-unreachable',
	'host-unreach': 'icmp-host-unreachable',
	'icmp-port-unreachable': 'icmp-port-unreachable',
	'port-unreach': 'icmp-port-unreachable',
	'icmp-proto-unreachable': 'icmp-proto-unreachable',
	'proto-unreach': 'icmp-proto-unreachable',
	'icmp-net-prohibited': 'icmp-net-prohibited',
	'net-prohib': 'icmp-net-prohibited',
	'icmp-host-prohibited': 'icmp-host-prohibited',
	'host-prohib': 'icmp-host-prohibited',
	'icmp-admin-prohibited': 'icmp-admin-prohibited',
	'admin-prohib': 'icmp-admin-prohibited',
	'tcp-reset': 'tcp-reset',
	'tcp-rst': 'tcp-reset',
};

class RejectTarget extends Extension implements TargetExt {
	private declare rejectWith: string;

	constructor(line: number) {
		super('REJECT', line);
		this.rejectWith = 'icmp-port-unreachable';
	}

	option(name: string): string | undefined {
		return name === 'reject-with' ? name : undefined;
	}

	takesArgument(): boolean {
		return true;
	}

	accept(name: string, arg: string | undefined, inverted: boolean): void {
		this.notInverted(name, inverted);
		this.once(name);
		const type = Object.hasOwn(REJECT_TYPES, arg!) ? REJECT_TYPES[arg!] : undefined;
		if (type === undefined) throw paramError(this.line, `unknown reject type "${arg}"`);
		this.rejectWith = type;
	}

	finish(rule: Rule): Target {
		const proto = rule.protocol;
		if (this.rejectWith === 'tcp-reset' && (proto?.value !== 'tcp' || proto.negated)) {
			throw appendRefused(this.line, rule.chain);
		}
		return {kind: 'REJECT', rejectWith: this.rejectWith};
	}
}

const UNMODELLED_TARGETS = new Set(
	(
		'AUDIT CHECKSUM CLASSIFY CLUSTERIP CONNMARK CONNSECMARK CT DSCP ECN HL HMARK IDLETIMER LED LOG NETMAP ' +
		'NFLOG NFQUEUE NOTRACK QUEUE RATEEST REDIRECT SECMARK SET SNAT SYNPROXY TCPMSS TEE TOS TPROXY TRACE TTL ULOG'
	).split(' '),
);

/** The target `-j NAME` builds when NAME takes no options and the rule can have it in table:
 * a verdict or a jump. Undefined for the rest (DNAT, MARK, …) and for what loadTarget refuses. */
export function plainTarget(name: string, table: TableName): Target | undefined {
	switch (name) {
		case 'ACCEPT':
			return ACCEPT.finish();
		case 'DROP':
			return table === 'nat' ? undefined : DROP.finish();
		case 'RETURN':
			return RETURN.finish();
		case 'DNAT':
		case 'MARK':
		case 'MASQUERADE':
		case 'REJECT':
			return undefined;
		default:
			if (UNMODELLED_TARGETS.has(name) || name.length > 28) return undefined;
			return {kind: 'jump', chain: name};
	}
}

/** `-j NAME`. */
export function loadTarget(line: number, name: string): TargetExt {
	switch (name) {
		case 'ACCEPT':
			return ACCEPT;
		case 'DROP':
			return DROP;
		case 'RETURN':
			return RETURN;
		case 'DNAT':
			return new DnatTarget(line);
		case 'MARK':
			return new MarkTarget(line);
		case 'MASQUERADE':
			return new MasqueradeTarget(line);
		case 'REJECT':
			return new RejectTarget(line);
		default:
			if (UNMODELLED_TARGETS.has(name)) throw unsupported(line, `the ${name} target`);
			if (name.length > 28) throw paramError(line, `Invalid target name \`${name}' (28 chars max)`);
			return new PlainTarget({kind: 'jump', chain: name});
	}
}
