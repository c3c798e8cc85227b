// iptables-restore as the kernel sees it: reads the text kube-proxy (or a learner) feeds to
// `iptables-restore` and builds the rule set the kernel then holds, normalised the way iptables 1.8.9
// (nf_tables) normalises it, so that save.ts and list.ts can print it back exactly like a real node.
// Errors carry the text real iptables-restore prints (checked against it in a network namespace).

import {
	BUILTIN_CHAINS,
	type AddressMatch,
	type Chain,
	type Match,
	type Negatable,
	type PortMatch,
	type Rule,
	type Ruleset,
	type Table,
	type TableName,
	type Target,
} from './rule.js';
import {servicePort, type PortProtocol} from './services-names.js';

const PROGRAM = 'iptables-restore v1.8.9 (nf_tables)';
const TRY_HELP = "Try `iptables-restore -h' or 'iptables-restore --help' for more information.\n";

export class IptablesParseError extends Error {
	override name = 'IptablesParseError';
	/** The line iptables-restore blames (for a jump to a missing chain: the table's COMMIT line). */
	readonly line: number;
	/** Exactly what iptables-restore writes to stderr for this input. */
	readonly output: string;
	readonly exitCode: number;
	/** From applyRestore: the rule set after the tables committed before the failing one. */
	state?: Ruleset;

	constructor(line: number, message: string, output: string, exitCode: number) {
		super(`line ${line}: ${message}`);
		this.line = line;
		this.output = output;
		this.exitCode = exitCode;
	}
}

// The four shapes of error output iptables-restore 1.8.9 has.
function paramError(line: number, text: string): IptablesParseError {
	return new IptablesParseError(
		line,
		text.trim(),
		`${PROGRAM}: ${text}\nError occurred at line: ${line}\n${TRY_HELP}`,
		2,
	);
}

function badArgument(line: number, arg: string): IptablesParseError {
	return new IptablesParseError(
		line,
		`Bad argument \`${arg}'`,
		`Bad argument \`${arg}'\nError occurred at line: ${line}\n${TRY_HELP}`,
		2,
	);
}

function lineFailed(line: number, reason?: string): IptablesParseError {
	const text = reason === undefined ? `line ${line} failed` : `line ${line} failed: ${reason}`;
	return new IptablesParseError(line, reason ?? 'failed', `iptables-restore: ${text}\n`, 1);
}

function kernelError(line: number, operation: string, errno: string, what: string): IptablesParseError {
	const text = `${operation} failed (${errno}): ${what}`;
	return new IptablesParseError(line, text, `${PROGRAM}: \nline ${line}: ${text}\n`, 4);
}

/** Something real iptables accepts but svc-tutor's model cannot hold: say so rather than guess. */
function unsupported(line: number, what: string): IptablesParseError {
	const text = `svc-tutor does not model ${what}`;
	return new IptablesParseError(line, text, `${PROGRAM}: ${text}\nError occurred at line: ${line}\n`, 2);
}

// ---------------------------------------------------------------------------------------------
// Tokens: iptables-restore's own splitting. Double quotes group (and may start mid-word), a closing
// quote ends the word, a backslash inside quotes takes the next character literally; single quotes
// and backslashes outside quotes are ordinary characters.

export function tokenize(text: string): string[] {
	// Words are cut out with slice rather than grown a character at a time: rope strings built
	// by += are flattened again on every Map lookup, which made large restores several times slower.
	const words: string[] = [];
	let parts: string[] = [];
	let inWord = false;
	let i = 0;
	const end = (): void => {
		words.push(parts.length === 1 ? parts[0]! : parts.join(''));
		parts = [];
		inWord = false;
	};
	while (i < text.length) {
		const ch = text[i]!;
		if (ch === '"') {
			inWord = true;
			i++;
			let from = i;
			while (i < text.length && text[i] !== '"') {
				if (text[i] === '\\') {
					parts.push(text.slice(from, i));
					from = i + 1;
					i += 2;
				} else {
					i++;
				}
			}
			parts.push(text.slice(from, Math.min(i, text.length)));
			i++;
			end();
			continue;
		}
		if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
			if (inWord) end();
			i++;
			continue;
		}
		const from = i;
		while (i < text.length && !' \t\n\r"'.includes(text[i]!)) i++;
		parts.push(text.slice(from, i));
		inWord = true;
	}
	if (inWord) end();
	return words;
}

// ---------------------------------------------------------------------------------------------
// Numbers and addresses, parsed the way libxtables does.

/** strtoul with base 0 (0x hex, leading-0 octal, else decimal), whole string, within max. */
function parseUnsigned(text: string, max: number): number | undefined {
	let value: number;
	if (/^0[xX][0-9a-fA-F]+$/.test(text)) value = parseInt(text.slice(2), 16);
	else if (/^0[0-7]*$/.test(text)) value = text.length === 1 ? 0 : parseInt(text.slice(1), 8);
	else if (/^[1-9][0-9]*$/.test(text)) value = Number(text);
	else return undefined;
	return value <= max ? value : undefined;
}

function ipToInt(octets: number[]): number {
	return ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
}

export function intToIp(value: number): string {
	return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** xtables' numeric address parser: octets in any strtoul base; `10.1` means 10.1.0.0. */
function parseIpv4(text: string, isMask = false): number | undefined {
	const parts = text.split('.');
	if (parts.length > 4 || (isMask && parts.length !== 4)) return undefined;
	const octets: number[] = [];
	for (const part of parts) {
		const octet = parseUnsigned(part, 255);
		if (octet === undefined) return undefined;
		octets.push(octet);
	}
	while (octets.length < 4) octets.push(0);
	return ipToInt(octets);
}

function prefixMask(prefix: number): number {
	return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function maskToPrefix(mask: number): number | undefined {
	for (let prefix = 0; prefix <= 32; prefix++) if (prefixMask(prefix) === mask) return prefix;
	return undefined;
}

/** `10.1.2.3/8` → `10.0.0.0/8`, a host → `/32`; undefined for 0.0.0.0/0 (the kernel keeps nothing). */
function parseAddress(line: number, text: string): string | undefined {
	const slash = text.indexOf('/');
	const hostText = slash < 0 ? text : text.slice(0, slash);
	const host = parseIpv4(hostText);
	if (host === undefined) throw paramError(line, `host/network \`${hostText}' not found`);
	let prefix = 32;
	if (slash >= 0) {
		const maskText = text.slice(slash + 1);
		if (maskText.includes('.')) {
			const mask = parseIpv4(maskText, true);
			if (mask === undefined) throw paramError(line, `host/network \`${maskText}' not found`);
			const candidate = maskToPrefix(mask);
			if (candidate === undefined) throw unsupported(line, `the non-contiguous netmask ${maskText}`);
			prefix = candidate;
		} else {
			const bits = parseUnsigned(maskText, 32);
			if (bits === undefined) throw paramError(line, `invalid mask \`${maskText}' specified`);
			prefix = bits;
		}
	}
	if (prefix === 0) return undefined;
	return `${intToIp((host & prefixMask(prefix)) >>> 0)}/${prefix}`;
}

// ---------------------------------------------------------------------------------------------
// Extensions. Each collects its options while the rule's words are read, then builds the value the
// kernel keeps. Option names are listed with their canonical long name (used in messages).

interface Ext {
	/** Name in messages: `tcp`, `MARK`, … */
	label: string;
	/** option as written → canonical name, or undefined if not this extension's */
	option(name: string): string | undefined;
	takesArgument(canonical: string): boolean;
	accept(canonical: string, arg: string | undefined, inverted: boolean): void;
}

type MatchExt = Ext & {finish(rule: Rule): Match};
type TargetExt = Ext & {finish(rule: Rule): Target};

function onceGuard(label: string, line: number): (name: string) => void {
	const seen = new Set<string>();
	return (name) => {
		if (seen.has(name)) throw paramError(line, `${label}: option "--${name}" can only be used once.\n`);
		seen.add(name);
	};
}

function notInverted(label: string, line: number, name: string, inverted: boolean): void {
	if (inverted) throw paramError(line, `${label}: option "--${name}" cannot be inverted.\n`);
}

function mustHave(label: string, line: number, name: string, value: unknown): void {
	if (value === undefined) throw paramError(line, `${label}: option "--${name}" must be specified\n`);
}

function aliasTable(table: Record<string, string>): (name: string) => string | undefined {
	return (name) => (Object.hasOwn(table, name) ? table[name] : undefined);
}

function parsePort(line: number, text: string, proto: PortProtocol): number {
	const port = /^[0-9]+$/.test(text) ? Number(text) : servicePort(text, proto);
	if (port === undefined || port > 65535) throw paramError(line, `invalid port/service \`${text}' specified`);
	return port;
}

function parsePortRange(line: number, text: string, proto: PortProtocol, inverted: boolean): PortMatch {
	const colon = text.indexOf(':');
	if (colon < 0) {
		const port = parsePort(line, text, proto);
		return {from: port, to: port, negated: inverted};
	}
	const fromText = text.slice(0, colon);
	const toText = text.slice(colon + 1);
	const from = fromText === '' ? 0 : parsePort(line, fromText, proto);
	const to = toText === '' ? 65535 : parsePort(line, toText, proto);
	if (from > to) throw paramError(line, 'invalid portrange (min > max)');
	return {from, to, negated: inverted};
}

const PORT_OPTIONS = aliasTable({
	sport: 'source-port',
	'source-port': 'source-port',
	dport: 'destination-port',
	'destination-port': 'destination-port',
});

function portMatch(module: PortProtocol, line: number): MatchExt {
	const once = onceGuard(module, line);
	const ports: {sport?: PortMatch; dport?: PortMatch} = {};
	return {
		label: module,
		option: (name) => {
			if (PORT_OPTIONS(name) !== undefined) return PORT_OPTIONS(name);
			// Known to real iptables, refused by accept() as not modelled.
			const others = module === 'tcp' ? ['tcp-flags', 'syn', 'tcp-option'] : module === 'sctp' ? ['chunk-types'] : [];
			return others.includes(name) ? name : undefined;
		},
		takesArgument: (name) => name !== 'syn',
		accept(name, arg, inverted) {
			if (name !== 'source-port' && name !== 'destination-port') throw unsupported(line, `--${name}`);
			const key = name === 'source-port' ? 'sport' : 'dport';
			// libxt_tcp predates the generic option parser and has its own duplicate message.
			if (ports[key] !== undefined && module === 'tcp') throw paramError(line, `Only one \`--${name}' allowed`);
			once(name);
			ports[key] = parsePortRange(line, arg!, module, inverted);
		},
		finish(rule) {
			const proto = rule.protocol;
			if (proto?.value !== module) {
				if (module === 'sctp') throw kernelError(line, 'RULE_APPEND', 'Invalid argument', `rule in chain ${rule.chain}`);
				throw paramError(line, `${module.toUpperCase()} match requires '-p ${module}'`);
			}
			const match: Match = {module};
			if (ports.sport !== undefined) match.sport = ports.sport;
			if (ports.dport !== undefined) match.dport = ports.dport;
			return match;
		},
	};
}

function commentMatch(line: number): MatchExt {
	let comment: string | undefined;
	const once = onceGuard('comment', line);
	return {
		label: 'comment',
		option: aliasTable({comment: 'comment'}),
		takesArgument: () => true,
		accept(name, arg, inverted) {
			notInverted('comment', line, name, inverted);
			once(name);
			if (arg!.length > 255) throw paramError(line, `comment: option "--comment" value too long.\n`);
			comment = arg;
		},
		finish() {
			mustHave('comment', line, 'comment', comment);
			return {module: 'comment', comment: comment!};
		},
	};
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

function addrtypeMatch(line: number): MatchExt {
	const once = onceGuard('addrtype', line);
	let srcType: Negatable<string> | undefined;
	let dstType: Negatable<string> | undefined;
	return {
		label: 'addrtype',
		option: aliasTable({
			'src-type': 'src-type',
			'dst-type': 'dst-type',
			'limit-iface-in': 'limit-iface-in',
			'limit-iface-out': 'limit-iface-out',
		}),
		takesArgument: (name) => name.endsWith('-type'),
		accept(name, arg, inverted) {
			if (!name.endsWith('-type')) throw unsupported(line, `--${name}`);
			once(name);
			const value = canonicalList(line, arg!, ADDRTYPES, (w) => `addrtype: bad type "${w}"`);
			if (name === 'src-type') srcType = {value, negated: inverted};
			else dstType = {value, negated: inverted};
		},
		finish() {
			if (srcType === undefined && dstType === undefined) {
				throw paramError(line, 'addrtype: you must specify --src-type or --dst-type');
			}
			const match: Match = {module: 'addrtype'};
			if (srcType !== undefined) match.srcType = srcType;
			if (dstType !== undefined) match.dstType = dstType;
			return match;
		},
	};
}

/** What the kernel keeps of a probability: round(p × 2^31), as a fraction of 2^31. */
export function kernelProbability(p: number): number {
	return Math.round(p * 0x80000000) / 0x80000000;
}

function statisticMatch(line: number): MatchExt {
	const once = onceGuard('statistic', line);
	let mode: string | undefined;
	let probability: number | undefined;
	return {
		label: 'statistic',
		option: aliasTable({mode: 'mode', probability: 'probability', every: 'every', packet: 'packet'}),
		takesArgument: () => true,
		accept(name, arg, inverted) {
			once(name);
			if (name === 'mode') {
				notInverted('statistic', line, name, inverted);
				if (arg !== 'random' && arg !== 'nth') throw paramError(line, `Bad mode "${arg}"`);
				mode = arg;
			} else if (name === 'probability') {
				if (inverted) throw unsupported(line, 'an inverted --probability');
				const p = /^[0-9]*\.?[0-9]+(e-?[0-9]+)?$|^[0-9]+\.$/i.test(arg!) ? Number(arg) : NaN;
				if (!(p >= 0 && p <= 1)) {
					throw paramError(line, 'statistic: bad value for option "--probability", or out of range (0-1).\n');
				}
				probability = p;
			} else {
				throw unsupported(line, `statistic --${name} (mode nth)`);
			}
		},
		finish() {
			mustHave('statistic', line, 'mode', mode);
			if (mode === 'nth') throw unsupported(line, 'statistic mode nth');
			return {module: 'statistic', mode: 'random', probability: kernelProbability(probability ?? 0)};
		},
	};
}

function recentMatch(line: number, rule: () => Rule): MatchExt {
	const once = onceGuard('recent', line);
	const commands = ['set', 'rcheck', 'update', 'remove'] as const;
	type Command = (typeof commands)[number];
	let command: Command | undefined;
	let seconds: number | undefined;
	let reap = false;
	let name = 'DEFAULT';
	let mask = '255.255.255.255';
	let side: 'rsource' | 'rdest' = 'rsource';
	return {
		label: 'recent',
		option: aliasTable({
			set: 'set',
			rcheck: 'rcheck',
			update: 'update',
			remove: 'remove',
			seconds: 'seconds',
			reap: 'reap',
			hitcount: 'hitcount',
			rttl: 'rttl',
			name: 'name',
			mask: 'mask',
			rsource: 'rsource',
			rdest: 'rdest',
		}),
		takesArgument: (option) => ['seconds', 'hitcount', 'name', 'mask'].includes(option),
		accept(option, arg, inverted) {
			if ((commands as readonly string[]).includes(option)) {
				if (inverted) throw unsupported(line, `an inverted recent --${option}`);
				if (command !== undefined) {
					throw paramError(line, `recent: option "--${command}" cannot be used together with "--${option}".\n`);
				}
				command = option as Command;
				return;
			}
			notInverted('recent', line, option, inverted);
			if (option === 'rsource' || option === 'rdest') {
				side = option;
				return;
			}
			once(option);
			if (option === 'seconds') {
				const value = parseUnsigned(arg!, 0xffffffff);
				if (value === undefined) {
					throw paramError(line, `recent: bad value for option "--seconds", or out of range (0-4294967295).\n`);
				}
				seconds = value;
			} else if (option === 'reap') {
				reap = true;
			} else if (option === 'name') {
				name = arg!;
			} else if (option === 'mask') {
				const value = parseIpv4(arg!, true);
				if (value === undefined) throw paramError(line, `host/network \`${arg}' not found`);
				mask = intToIp(value);
			} else {
				throw unsupported(line, `recent --${option}`);
			}
		},
		finish() {
			if (command === undefined) {
				throw paramError(line, "recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'");
			}
			if (reap && seconds === undefined) throw paramError(line, 'recent: option "--reap" also requires "--seconds".\n');
			// The kernel refuses a timeout on --set/--remove and names that are not plain words.
			if ((seconds !== undefined && (command === 'set' || command === 'remove')) || !/^[\w.-]{1,199}$/.test(name)) {
				throw kernelError(line, 'RULE_APPEND', 'Invalid argument', `rule in chain ${rule().chain}`);
			}
			const match: Match = {module: 'recent', command, name, reap, mask, side};
			if (seconds !== undefined) match.seconds = seconds;
			return match;
		},
	};
}

function parseMarkValue(line: number, label: string, option: string, text: string): {value: number; mask?: number} {
	const [valueText, maskText, extra] = text.split('/');
	const value = parseUnsigned(valueText ?? '', 0xffffffff);
	const mask = maskText === undefined ? undefined : parseUnsigned(maskText, 0xffffffff);
	if (value === undefined || (maskText !== undefined && mask === undefined) || extra !== undefined) {
		throw paramError(line, `${label}: bad integer value for option "--${option}", or out of range.\n`);
	}
	return mask === undefined ? {value} : {value, mask};
}

function markMatch(line: number): MatchExt {
	const once = onceGuard('mark', line);
	let mark: {value: number; mask: number; negated: boolean} | undefined;
	return {
		label: 'mark',
		option: aliasTable({mark: 'mark'}),
		takesArgument: () => true,
		accept(name, arg, inverted) {
			once(name);
			const parsed = parseMarkValue(line, 'mark', name, arg!);
			mark = {value: parsed.value, mask: parsed.mask ?? 0xffffffff, negated: inverted};
		},
		finish() {
			mustHave('mark', line, 'mark', mark);
			return {module: 'mark', ...mark!};
		},
	};
}

const CTSTATES = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];

function conntrackMatch(line: number): MatchExt {
	const once = onceGuard('conntrack', line);
	let state: {ctstate: string[]; negated: boolean} | undefined;
	return {
		label: 'conntrack',
		option: (name) =>
			name === 'ctstate' || name.startsWith('ct') || ['ipvs', 'ctdir'].includes(name) ? name : undefined,
		takesArgument: (name) => name !== 'ipvs',
		accept(name, arg, inverted) {
			if (name !== 'ctstate') throw unsupported(line, `conntrack --${name}`);
			once(name);
			const list = canonicalList(line, arg!, CTSTATES, (w) => `Bad ctstate "${w}"`);
			state = {ctstate: list.split(','), negated: inverted};
		},
		finish() {
			if (state === undefined) throw paramError(line, 'conntrack: At least one option is required');
			return {module: 'conntrack', ...state};
		},
	};
}

function nfacctMatch(line: number): MatchExt {
	const once = onceGuard('nfacct', line);
	let name: string | undefined;
	return {
		label: 'nfacct',
		option: aliasTable({'nfacct-name': 'nfacct-name'}),
		takesArgument: () => true,
		accept(option, arg, inverted) {
			notInverted('nfacct', line, option, inverted);
			once(option);
			name = arg;
		},
		finish() {
			mustHave('nfacct', line, 'nfacct-name', name);
			return {module: 'nfacct', name: name!};
		},
	};
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

function loadMatch(line: number, name: string, rule: () => Rule): MatchExt {
	switch (name) {
		case 'tcp':
		case 'udp':
		case 'sctp':
			return portMatch(name, line);
		case 'comment':
			return commentMatch(line);
		case 'addrtype':
			return addrtypeMatch(line);
		case 'statistic':
			return statisticMatch(line);
		case 'recent':
			return recentMatch(line, rule);
		case 'mark':
			return markMatch(line);
		case 'conntrack':
			return conntrackMatch(line);
		case 'nfacct':
			return nfacctMatch(line);
		default:
			if (UNMODELLED_MATCHES.has(name)) throw unsupported(line, `the ${name} match`);
			throw paramError(line, `Couldn't load match \`${name}':No such file or directory\n`);
	}
}

function simpleTarget(kind: 'ACCEPT' | 'DROP' | 'RETURN'): TargetExt {
	return {
		label: kind,
		option: () => undefined,
		takesArgument: () => false,
		accept: () => undefined,
		finish: () => ({kind}),
	};
}

function jumpTarget(chain: string): TargetExt {
	return {
		label: chain,
		option: () => undefined,
		takesArgument: () => false,
		accept: () => undefined,
		finish: () => ({kind: 'jump', chain}),
	};
}

function dnatTarget(line: number): TargetExt {
	const once = onceGuard('DNAT', line);
	let destination: string | undefined;
	return {
		label: 'DNAT',
		option: aliasTable({'to-destination': 'to-destination', random: 'random', persistent: 'persistent'}),
		takesArgument: (name) => name === 'to-destination',
		accept(name, arg, inverted) {
			notInverted('DNAT', line, name, inverted);
			if (name !== 'to-destination') throw unsupported(line, `DNAT --${name}`);
			once(name);
			const match = /^([^:]+)(?::([0-9]+))?$/.exec(arg!);
			const ip = match === null ? undefined : parseIpv4(match[1]!);
			if (match === null || ip === undefined || match[1]!.includes('-')) {
				throw unsupported(line, `the DNAT destination ${arg} (only ip[:port])`);
			}
			const port = match[2] === undefined ? undefined : Number(match[2]);
			if (port !== undefined && (port < 1 || port > 65535)) throw paramError(line, `Port "${match[2]}" not valid\n`);
			destination = port === undefined ? intToIp(ip) : `${intToIp(ip)}:${port}`;
		},
		finish(rule) {
			mustHave('DNAT', line, 'to-destination', destination);
			const proto = rule.protocol;
			if (destination!.includes(':') && (proto === undefined || proto.negated || proto.value === 'icmp')) {
				throw paramError(line, 'Need TCP, UDP, SCTP or DCCP with port specification');
			}
			return {kind: 'DNAT', toDestination: destination!};
		},
	};
}

function markTarget(line: number): TargetExt {
	const once = onceGuard('MARK', line);
	let chosen: string | undefined;
	let value = 0;
	let mask = 0;
	return {
		label: 'MARK',
		option: aliasTable({
			'set-xmark': 'set-xmark',
			'set-mark': 'set-mark',
			'and-mark': 'and-mark',
			'or-mark': 'or-mark',
			'xor-mark': 'xor-mark',
		}),
		takesArgument: () => true,
		accept(name, arg, inverted) {
			notInverted('MARK', line, name, inverted);
			once(name);
			if (chosen !== undefined) {
				throw paramError(line, `MARK: option "--${chosen}" cannot be used together with "--${name}".\n`);
			}
			chosen = name;
			const parsed = parseMarkValue(line, 'MARK', name, arg!);
			const single = (): number => {
				if (parsed.mask !== undefined) {
					throw paramError(line, `MARK: bad integer value for option "--${name}", or out of range.\n`);
				}
				return parsed.value;
			};
			// libxt_MARK's translation of each spelling into the kernel's value/mask pair.
			if (name === 'set-xmark') {
				value = parsed.value;
				mask = parsed.mask ?? 0xffffffff;
			} else if (name === 'set-mark') {
				value = parsed.value;
				mask = (parsed.value | (parsed.mask ?? 0xffffffff)) >>> 0;
			} else if (name === 'and-mark') {
				value = 0;
				mask = ~single() >>> 0;
			} else if (name === 'or-mark') {
				value = single();
				mask = value;
			} else {
				value = single();
				mask = 0;
			}
		},
		finish() {
			if (chosen === undefined) {
				throw paramError(line, 'MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required');
			}
			return {kind: 'MARK', value, mask};
		},
	};
}

function masqueradeTarget(line: number): TargetExt {
	let randomFully = false;
	return {
		label: 'MASQUERADE',
		option: aliasTable({'random-fully': 'random-fully', random: 'random', 'to-ports': 'to-ports'}),
		takesArgument: (name) => name === 'to-ports',
		accept(name, _arg, inverted) {
			notInverted('MASQUERADE', line, name, inverted);
			if (name !== 'random-fully') throw unsupported(line, `MASQUERADE --${name}`);
			randomFully = true;
		},
		finish: () => ({kind: 'MASQUERADE', randomFully}),
	};
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

function rejectTarget(line: number): TargetExt {
	const once = onceGuard('REJECT', line);
	let rejectWith = 'icmp-port-unreachable';
	return {
		label: 'REJECT',
		option: aliasTable({'reject-with': 'reject-with'}),
		takesArgument: () => true,
		accept(name, arg, inverted) {
			notInverted('REJECT', line, name, inverted);
			once(name);
			const type = Object.hasOwn(REJECT_TYPES, arg!) ? REJECT_TYPES[arg!] : undefined;
			if (type === undefined) throw paramError(line, `unknown reject type "${arg}"`);
			rejectWith = type;
		},
		finish(rule) {
			const proto = rule.protocol;
			if (rejectWith === 'tcp-reset' && (proto?.value !== 'tcp' || proto.negated)) {
				throw kernelError(line, 'RULE_APPEND', 'Invalid argument', `rule in chain ${rule.chain}`);
			}
			return {kind: 'REJECT', rejectWith};
		},
	};
}

const UNMODELLED_TARGETS = new Set(
	(
		'AUDIT CHECKSUM CLASSIFY CLUSTERIP CONNMARK CONNSECMARK CT DSCP ECN HL HMARK IDLETIMER LED LOG NETMAP ' +
		'NFLOG NFQUEUE NOTRACK QUEUE RATEEST REDIRECT SECMARK SET SNAT SYNPROXY TCPMSS TEE TOS TPROXY TRACE TTL ULOG'
	).split(' '),
);

function loadTarget(line: number, name: string): TargetExt {
	switch (name) {
		case 'ACCEPT':
		case 'DROP':
		case 'RETURN':
			return simpleTarget(name);
		case 'DNAT':
			return dnatTarget(line);
		case 'MARK':
			return markTarget(line);
		case 'MASQUERADE':
			return masqueradeTarget(line);
		case 'REJECT':
			return rejectTarget(line);
		default:
			if (UNMODELLED_TARGETS.has(name)) throw unsupported(line, `the ${name} target`);
			if (name.length > 28) throw paramError(line, `Invalid target name \`${name}' (28 chars max)`);
			return jumpTarget(name);
	}
}

// ---------------------------------------------------------------------------------------------
// One rule.

type Protocol = 'tcp' | 'udp' | 'sctp' | 'icmp';
const PROTOCOL_BY_NUMBER: Record<string, Protocol | 'all'> = {'0': 'all', '1': 'icmp', '6': 'tcp', '17': 'udp', '132': 'sctp'};
const UNMODELLED_PROTOCOLS = new Set(
	'ipip igmp gre esp ah icmpv6 ipv6-icmp udplite mh ipv6 ipencap egp pup idp rsvp ospf pim vrrp l2tp dccp'.split(' '),
);

function parseProtocol(line: number, text: string): Protocol | 'all' {
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

function parseInterface(line: number, text: string): string {
	if (text.length > 15) throw paramError(line, `interface name \`${text}' must be shorter than IFNAMSIZ (15)`);
	return text;
}

const RULE_OPTIONS: Record<string, 's' | 'd' | 'p' | 'i' | 'o' | 'j' | 'm' | 'g'> = {
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

/** Merge a rule's tcp (or udp) matches into the first one, later ports winning: nf_tables stores
 * them as plain payload comparisons and iptables-nft reads them back as a single match. */
function mergePayloadMatches(matches: Match[]): Match[] {
	const out: Match[] = [];
	for (const match of matches) {
		if (match.module === 'tcp' || match.module === 'udp') {
			const first = out.find((m) => m.module === match.module);
			if (first !== undefined && (first.module === 'tcp' || first.module === 'udp')) {
				if (match.sport !== undefined) first.sport = match.sport;
				if (match.dport !== undefined) first.dport = match.dport;
				continue;
			}
			const copy: Match = {module: match.module};
			if (match.sport !== undefined) copy.sport = match.sport;
			if (match.dport !== undefined) copy.dport = match.dport;
			out.push(copy);
			continue;
		}
		out.push(match);
	}
	// A full port range matches everything, so nf_tables keeps no comparison for it.
	for (const match of out) {
		if (match.module !== 'tcp' && match.module !== 'udp') continue;
		for (const key of ['sport', 'dport'] as const) {
			const port = match[key];
			if (port !== undefined && !port.negated && port.from === 0 && port.to === 65535) delete match[key];
		}
	}
	return out;
}

/**
 * One rule's words after `-A CHAIN` (or the whole `-A CHAIN …` line), as the kernel keeps it.
 * `table` enables the checks that depend on it (DROP in nat, NAT targets outside nat).
 */
export function parseRule(args: string[] | string, chain?: string, options: {line?: number; table?: TableName} = {}): Rule {
	const line = options.line ?? 1;
	let words = typeof args === 'string' ? tokenize(args) : [...args];
	if (chain === undefined) {
		if ((words[0] === '-A' || words[0] === '--append') && words[1] !== undefined) {
			chain = words[1];
			words = words.slice(2);
		} else {
			throw lineFailed(line);
		}
	}
	const rule: Rule = {chain, matches: []};
	const loaded: {ext: MatchExt}[] = [];
	let target: TargetExt | undefined;
	let inverted = false;
	const seenFlags = new Set<string>();

	const takeArg = (index: number, written: string): string => {
		const arg = words[index + 1];
		if (arg === undefined) throw paramError(line, `option "${written}" requires an argument`);
		return arg;
	};

	for (let i = 0; i < words.length; i++) {
		const word = words[i]!;
		if (word === '!') {
			if (inverted) throw paramError(line, 'multiple consecutive ! not allowed');
			inverted = true;
			continue;
		}
		const flag = RULE_OPTIONS[word];
		if (flag !== undefined) {
			if (flag === 'g') throw unsupported(line, '-g/--goto');
			const arg = takeArg(i, word);
			i++;
			if (flag === 'm') {
				if (inverted) throw paramError(line, 'unexpected ! flag before --match');
				loaded.push({ext: loadMatch(line, arg, () => rule)});
				continue;
			}
			if (flag === 'j') {
				if (inverted) throw paramError(line, 'cannot have ! before -j');
				if (target !== undefined) throw paramError(line, 'multiple -j flags not allowed');
				target = loadTarget(line, arg);
				continue;
			}
			if (seenFlags.has(flag)) throw paramError(line, `multiple -${flag} flags not allowed`);
			seenFlags.add(flag);
			if (flag === 's' || flag === 'd') {
				const value = parseAddress(line, arg);
				if (value === undefined) {
					// `! -s 0.0.0.0/0` can never match; nf_tables refuses the rule outright.
					if (inverted) throw kernelError(line, 'RULE_APPEND', 'Invalid argument', `rule in chain ${chain}`);
				} else {
					const address: AddressMatch = {value, negated: inverted};
					if (flag === 's') rule.source = address;
					else rule.destination = address;
				}
			} else if (flag === 'p') {
				const proto = parseProtocol(line, arg);
				if (proto !== 'all') rule.protocol = {value: proto, negated: inverted};
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
				canonical = loaded[k]!.ext.option(name);
				if (canonical !== undefined) owner = loaded[k]!.ext;
			}
			if (owner === undefined && rule.protocol !== undefined && rule.protocol.value !== 'icmp') {
				// iptables loads the protocol's match by itself for an option it does not know yet.
				const implicit = portMatch(rule.protocol.value, line);
				canonical = implicit.option(name);
				if (canonical !== undefined) {
					loaded.push({ext: implicit});
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

	rule.matches = mergePayloadMatches(loaded.map(({ext}) => ext.finish(rule)));
	if (target !== undefined) {
		const built = target.finish(rule);
		if (options.table === 'nat' && built.kind === 'DROP') {
			throw paramError(line, '\nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n');
		}
		if (options.table !== undefined && options.table !== 'nat' && (built.kind === 'DNAT' || built.kind === 'MASQUERADE')) {
			throw kernelError(line, 'RULE_APPEND', 'Invalid argument', `rule in chain ${chain}`);
		}
		rule.target = built;
	}
	return rule;
}

// ---------------------------------------------------------------------------------------------
// Whole restore files.

const TABLE_NAMES: TableName[] = ['filter', 'nat', 'mangle'];

interface WorkTable {
	name: TableName;
	chains: Chain[];
	rules: Map<string, Rule[]>;
}

function toWork(table: Table): WorkTable {
	const rules = new Map<string, Rule[]>(table.chains.map((c) => [c.name, []]));
	for (const rule of table.rules) rules.get(rule.chain)?.push(structuredClone(rule));
	return {name: table.name, chains: table.chains.map((c) => ({...c})), rules};
}

function freshTable(name: TableName): WorkTable {
	const chains: Chain[] = BUILTIN_CHAINS[name].map((c) => ({name: c, policy: 'ACCEPT'}));
	return {name, chains, rules: new Map(chains.map((c) => [c.name, []]))};
}

function fromWork(work: WorkTable): Table {
	const rules = work.chains.flatMap((c) => work.rules.get(c.name) ?? []);
	return {name: work.name, chains: work.chains, rules};
}

function isBuiltin(table: TableName, chain: string): boolean {
	return BUILTIN_CHAINS[table].includes(chain);
}

function references(work: WorkTable, chain: string): number {
	let count = 0;
	for (const rules of work.rules.values()) {
		for (const rule of rules) if (rule.target?.kind === 'jump' && rule.target.chain === chain) count++;
	}
	return count;
}

function sameRule(a: Rule, b: Rule): boolean {
	return JSON.stringify({...a, chain: ''}) === JSON.stringify({...b, chain: ''});
}

function parsePosition(line: number, text: string | undefined): number | undefined {
	if (text === undefined || text.startsWith('-') || text === '!') return undefined;
	const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
	if (!(n >= 1)) throw paramError(line, `Invalid rule number \`${text}'`);
	return n;
}

/** One table's part of the text, between `*table` and COMMIT: nf_tables' batch. */
interface Batch {
	/** Rules added, for the jump checks made at COMMIT. */
	added: Rule[];
	/** Kernel refusals: nf_tables reports them all at COMMIT, after the userspace checks. */
	refused: string[];
	refusedLine?: number;
	/** Chains given rules in this batch, and those of them a whole-table -F did not really empty
	 * for a later -X (an nf_tables batch quirk seen with real iptables-restore). */
	ruleChains: Set<string>;
	stickyAfterFlushAll: Set<string>;
}

function newBatch(): Batch {
	return {added: [], refused: [], ruleChains: new Set(), stickyAfterFlushAll: new Set()};
}

function refuse(batch: Batch, error: IptablesParseError): void {
	// kernelError's output is the program line then "line N: …"; keep the latter for the summary.
	batch.refused.push(error.output.slice(error.output.indexOf('\n') + 1));
	batch.refusedLine ??= error.line;
}

function runCommand(work: WorkTable, words: string[], line: number, batch: Batch): void {
	const [command, chainName] = words;
	const needChain = (): Rule[] => {
		const rules = chainName === undefined ? undefined : work.rules.get(chainName);
		if (rules === undefined) throw lineFailed(line, 'No chain/target/match by that name.');
		return rules;
	};
	const ruleFrom = (rest: string[]): Rule | undefined => {
		try {
			const rule = parseRule(rest, chainName!, {line, table: work.name});
			batch.added.push(rule);
			batch.ruleChains.add(chainName!);
			return rule;
		} catch (error) {
			if (!(error instanceof IptablesParseError) || error.exitCode !== 4) throw error;
			refuse(batch, error);
			return undefined;
		}
	};
	switch (command) {
		case '-A':
		case '--append': {
			if (chainName === undefined) throw paramError(line, `option "${command}" requires an argument`);
			const rules = needChain();
			const rule = ruleFrom(words.slice(2));
			if (rule !== undefined) rules.push(rule);
			return;
		}
		case '-I':
		case '--insert': {
			if (chainName === undefined) throw paramError(line, `option "${command}" requires an argument`);
			const position = parsePosition(line, words[2]);
			const rest = words.slice(position === undefined ? 2 : 3);
			const rules = needChain();
			const index = (position ?? 1) - 1;
			if (index > rules.length) throw lineFailed(line, 'Index of insertion too big.');
			const rule = ruleFrom(rest);
			if (rule !== undefined) rules.splice(index, 0, rule);
			return;
		}
		case '-D':
		case '--delete': {
			if (chainName === undefined) throw paramError(line, `option "${command}" requires an argument`);
			const position = parsePosition(line, words[2]);
			const rules = needChain();
			if (position !== undefined) {
				if (position > rules.length) throw lineFailed(line, 'Index of deletion too big.');
				rules.splice(position - 1, 1);
				return;
			}
			const wanted = parseRule(words.slice(2), chainName, {line, table: work.name});
			const index = rules.findIndex((r) => sameRule(r, wanted));
			if (index < 0) throw lineFailed(line, 'Bad rule (does a matching rule exist in that chain?).');
			rules.splice(index, 1);
			return;
		}
		case '-N':
		case '--new-chain': {
			if (chainName === undefined) throw paramError(line, `option "${command}" requires an argument`);
			if (chainName.length > 28) throw paramError(line, `chain name \`${chainName}' too long (must be under 29 chars)`);
			if (work.rules.has(chainName)) throw lineFailed(line, 'Chain already exists.');
			work.chains.push({name: chainName});
			work.rules.set(chainName, []);
			return;
		}
		case '-X':
		case '--delete-chain': {
			const victims =
				chainName === undefined
					? work.chains.filter((c) => !isBuiltin(work.name, c.name)).map((c) => c.name)
					: [chainName];
			for (const victim of victims) {
				if (isBuiltin(work.name, victim) || !work.rules.has(victim)) {
					throw lineFailed(line, 'No chain/target/match by that name.');
				}
			}
			for (const victim of victims) {
				const busy =
					work.rules.get(victim)!.length > 0 ||
					references(work, victim) > 0 ||
					batch.stickyAfterFlushAll.has(victim);
				if (busy) {
					refuse(batch, kernelError(line, 'CHAIN_DEL', 'Device or resource busy', `chain ${victim}`));
					continue;
				}
				work.rules.delete(victim);
				work.chains = work.chains.filter((c) => c.name !== victim);
			}
			return;
		}
		case '-F':
		case '--flush': {
			if (chainName === undefined) {
				for (const name of work.rules.keys()) work.rules.set(name, []);
				for (const name of batch.ruleChains) batch.stickyAfterFlushAll.add(name);
			} else {
				needChain();
				work.rules.set(chainName, []);
				batch.stickyAfterFlushAll.delete(chainName);
			}
			return;
		}
		case '-P':
		case '--policy': {
			const policy = words[2];
			if (chainName === undefined || policy === undefined) {
				throw paramError(line, `option "${command}" requires an argument`);
			}
			setPolicy(work, chainName, policy, line);
			return;
		}
		case '-Z':
		case '--zero':
			// svc-tutor keeps no counters, so zeroing them changes nothing.
			return;
		default:
			if (command !== undefined && command.startsWith('-')) throw paramError(line, `unknown option "${command}"`);
			throw badArgument(line, command ?? '');
	}
}

function setPolicy(work: WorkTable, chainName: string, policy: string, line: number): void {
	if (!isBuiltin(work.name, chainName)) throw lineFailed(line, 'Bad built-in chain name.');
	if (policy !== 'ACCEPT' && policy !== 'DROP') throw lineFailed(line, 'Bad policy name.');
	if (policy === 'DROP' && work.name === 'nat') {
		throw paramError(line, '\nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n');
	}
	work.chains = work.chains.map((c) => (c.name === chainName ? {...c, policy} : c));
}

function declareChain(work: WorkTable, words: string[], line: number, noflush: boolean, batch: Batch): void {
	const name = words[0]!.slice(1);
	const policy = words[1];
	if (name === '' || policy === undefined) throw lineFailed(line);
	if (name.length > 28) throw paramError(line, `chain name \`${name}' too long (must be under 29 chars)`);
	if (isBuiltin(work.name, name)) {
		// A built-in chain keeps its rules even with --noflush; only its policy is set.
		if (policy !== '-') setPolicy(work, name, policy, line);
		return;
	}
	if (work.rules.has(name)) {
		if (noflush) work.rules.set(name, []);
		batch.stickyAfterFlushAll.delete(name);
		return;
	}
	work.chains.push({name});
	work.rules.set(name, []);
}

/** What happens at COMMIT: iptables' own jump checks, then the kernel's verdict on the batch. */
function commitChecks(work: WorkTable, batch: Batch, commitLine: number): void {
	for (const rule of batch.added) {
		if (rule.target?.kind === 'jump' && !work.rules.has(rule.target.chain)) {
			throw paramError(commitLine, `Chain '${rule.target.chain}' does not exist`);
		}
	}
	if (batch.refused.length > 0) {
		const first = batch.refused[0]!;
		throw new IptablesParseError(
			batch.refusedLine!,
			first.slice(first.indexOf(': ') + 2).trim(),
			`${PROGRAM}: \n${batch.refused.join('')}`,
			4,
		);
	}
}

function lineCount(text: string): number {
	const parts = text.split('\n');
	return text.endsWith('\n') ? parts.length - 1 : parts.length;
}

/**
 * Applies iptables-restore input to a rule set, returning the new one (base is not changed).
 * Without noflush each table in the text is replaced whole (policies back to ACCEPT); with noflush
 * a declared user chain is flushed, a declared built-in chain only gets its policy, the rest stays.
 * Tables are committed one by one, as iptables-restore does: on an error, `state` on the thrown
 * IptablesParseError holds the rule set with the tables committed before it.
 */
export function applyRestore(base: Ruleset, text: string, opts: {noflush: boolean}): Ruleset {
	const tables: Table[] = structuredClone(base.tables);
	let work: WorkTable | undefined;
	let batch = newBatch();
	const lines = text.split('\n');
	try {
		for (let index = 0; index < lines.length; index++) {
			const line = index + 1;
			let raw = lines[index]!.replace(/\r$/, '');
			if (raw.trim() === '' || raw.startsWith('#')) continue;
			// Counters (`[pkts:bytes] -A …`) are only used with -c, which kube-proxy never passes.
			raw = raw.replace(/^\[[0-9]+:[0-9]+\]\s+/, '');
			if (work === undefined) {
				if (!raw.startsWith('*')) throw lineFailed(line);
				const name = raw.slice(1).trim();
				if (name === 'raw' || name === 'security') throw unsupported(line, `the ${name} table`);
				if (!TABLE_NAMES.includes(name as TableName)) {
					throw paramError(line, `iptables-restore: line ${line} table name '${name}' invalid`);
				}
				const existing = tables.find((t) => t.name === name);
				work = opts.noflush && existing !== undefined ? toWork(existing) : freshTable(name as TableName);
				batch = newBatch();
				continue;
			}
			if (raw.trim() === 'COMMIT') {
				commitChecks(work, batch, line);
				const done = fromWork(work);
				const at = tables.findIndex((t) => t.name === done.name);
				if (at >= 0) tables[at] = done;
				else tables.push(done);
				work = undefined;
				continue;
			}
			const words = tokenize(raw);
			if (words[0]!.startsWith(':')) declareChain(work, words, line, opts.noflush, batch);
			else runCommand(work, words, line, batch);
		}
		if (work !== undefined) {
			const line = lineCount(text) + 1;
			throw new IptablesParseError(line, 'COMMIT expected', `iptables-restore: COMMIT expected at line ${line}\n`, 1);
		}
	} catch (error) {
		if (error instanceof IptablesParseError) error.state = {tables};
		throw error;
	}
	return {tables};
}

/** The rule set a restore text alone describes (as loaded into an empty namespace). */
export function parseRestore(text: string): Ruleset {
	return applyRestore({tables: []}, text, {noflush: false});
}
