// Reading what a learner typed. A right answer written differently from the key (an en dash
// pasted from a course, "1 048 576", "api server") must count as right, and a garbled one must
// say why it could not be read rather than crash or be silently marked wrong. Addresses go
// through the simulator's strict parser: "010.96.0.0" is refused, never read as octal.
import {tryParseIPv4, formatIPv4} from '../sim/net/ipv4.js';
import {parseRangeAnswer} from '../sim/net/range-answer.js';
import type {BooleanFlavour, Component} from './types.js';
import {groupThousands, percent} from './text.js';

export type Read<T> = {ok: true; value: T; understood: string} | {ok: false; why: string};

const ok = <T>(value: T, understood: string): Read<T> => ({ok: true, value, understood});
const no = <T>(why: string): Read<T> => ({ok: false, why});

/** Unicode spaces (no-break, thin, narrow no-break, ideographic) become plain spaces, runs collapse. */
export function clean(text: string): string {
	return text
		.replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\t\r\n]/g, ' ')
		.replace(/ +/g, ' ')
		.trim();
}

/** Sentence punctuation at the end ("yes.", "kube-proxy!") is not part of the answer. */
function withoutFinalPunctuation(text: string): string {
	return text.replace(/[.!?;]+$/, '').trim();
}

const quote = (text: string): string => JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);

// --- addresses --------------------------------------------------------------------------------

export interface Endpoint {
	ip: string;
	port: number;
}

/** `IP:port`, spaces around the colon allowed, and the prefixes iptables prints (`to:`, `DNAT to`). */
export function readEndpoint(text: string): Read<Endpoint> {
	let s = withoutFinalPunctuation(clean(text));
	s = s.replace(/^(?:dnat\s*(?:to|--to-destination)?|to)\s*:?\s*/i, '');
	if (s === '') return no('nothing to read: write IP:port, e.g. 10.244.1.2:80');
	const match = /^(.*?)\s*:\s*([^:]*)$/.exec(s);
	if (!match) return no(`${quote(s)} has no port: write IP:port, e.g. 10.244.1.2:80`);
	const ip = tryParseIPv4(match[1]!);
	if (!ip.ok) return no(`${quote(match[1]!)}: ${ip.error.reason}`);
	const portText = match[2]!;
	if (!/^[0-9]{1,5}$/.test(portText)) return no(`${quote(portText)} is not a port number`);
	const port = Number(portText);
	if (port < 1 || port > 65535) return no(`port ${port} is not in 1–65535`);
	const canonical = `${formatIPv4(ip.value)}:${port}`;
	return ok({ip: formatIPv4(ip.value), port}, canonical);
}

const VERDICT_WORDS: Record<string, string> = {
	drop: 'DROP',
	dropped: 'DROP',
	drops: 'DROP',
	'it is dropped': 'DROP',
	"it's dropped": 'DROP',
	discarded: 'DROP',
	reject: 'REJECT',
	rejected: 'REJECT',
	rejects: 'REJECT',
	'it is rejected': 'REJECT',
	"it's rejected": 'REJECT',
};

/** An `IP:port` the packet is DNATed to, or the verdict that ends it (DROP, REJECT). */
export function readDestination(text: string): Read<string> {
	const words = withoutFinalPunctuation(clean(text)).toLowerCase();
	// "DROP: node02 drops it", as a choice words it: the verdict before the colon is the answer.
	const verdict = VERDICT_WORDS[words] ?? VERDICT_WORDS[/^(\w+)\s*:/.exec(words)?.[1] ?? ''];
	if (verdict !== undefined) return ok(verdict, verdict);
	const endpoint = readEndpoint(text);
	return endpoint.ok ? ok(endpoint.understood, endpoint.understood) : endpoint;
}

/** "10.96.0.0–10.111.255.255", with "(10.96.0.0/12)" when the range is exactly one block. */
export function rangeText(first: number, last: number): string {
	const span = `${formatIPv4(first)}–${formatIPv4(last)}`;
	const size = last - first + 1;
	const prefix = 32 - Math.log2(size);
	if (Number.isInteger(prefix) && first % size === 0) return `${span} (${formatIPv4(first)}/${prefix})`;
	return span;
}

/** A range as a/len, or first and last joined by a dash of any kind or "to". */
export function readRange(text: string): Read<{first: number; last: number}> {
	const s = withoutFinalPunctuation(clean(text)).replace(/^from\s+/i, '');
	const result = parseRangeAnswer(s);
	if (!result.ok) return no(s === '' ? `nothing to read: ${result.error.reason}` : `${quote(s)}: ${result.error.reason}`);
	return ok(result.value, rangeText(result.value.first, result.value.last));
}

// --- numbers ----------------------------------------------------------------------------------

const UNIT_WORDS = /\s*\b(?:ip addresses|addresses|address|ips|services|service ips|nodes|subnets|hosts|pod cidrs|cidrs)$/i;

/**
 * A whole number: plain digits, groups of three split by commas, spaces, apostrophes,
 * underscores or (two or more) dots, or a power of two such as 2^20 and 2^20 - 2.
 */
export function readCount(text: string): Read<number> {
	const s = withoutFinalPunctuation(clean(text)).replace(UNIT_WORDS, '').replace(/,\s+/g, ',').trim();
	if (s === '') return no('nothing to read: write a whole number, e.g. 1,048,576');
	const power = /^2\s*(?:\^|\*\*)\s*([0-9]{1,2})(?:\s*[-−]\s*([0-9]+))?$/.exec(s);
	if (power) {
		const value = 2 ** Number(power[1]) - Number(power[2] ?? 0);
		return ok(value, groupThousands(value));
	}
	let digits: string | undefined;
	if (/^[0-9]+$/.test(s)) digits = s;
	else {
		for (const separator of [',', ' ', "'", '’', '_', '.']) {
			const groups = s.split(separator);
			if (groups.length < 2) continue;
			// A single dot group ("1.048") reads as a decimal fraction, so dots need two.
			if (separator === '.' && groups.length < 3) continue;
			if (/^[0-9]{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^[0-9]{3}$/.test(g))) digits = groups.join('');
			else return no(`${quote(s)}: digits are grouped by three (1,048,576 or 1 048 576)`);
			break;
		}
	}
	if (digits === undefined) return no(`${quote(s)} is not a whole number`);
	const value = Number(digits);
	if (!Number.isSafeInteger(value)) return no(`${quote(s)} is too large to be an answer here`);
	return ok(value, groupThousands(value));
}

/** 1/3, 1 in 3, 0.333, ,5, 33.3%, 0.33333333349: a number from 0 to 1. */
export function readProbability(text: string): Read<number> {
	// "1/3 (0.33333333349)", as the key itself shows it: the part before the brackets is the answer.
	const s = withoutFinalPunctuation(clean(text)).replace(/\s*\([^)]*\)$/, '').toLowerCase().replace(/\s+/g, '');
	if (s === '') return no('nothing to read: write a fraction (1/3), a decimal (0.333) or a percentage (33.3%)');
	let value: number | undefined;
	let shown = s;
	const pct = /^([0-9]+(?:[.,][0-9]+)?)%$/.exec(s);
	const frac = /^([0-9]+)(?:\/|in)([0-9]+)$/.exec(s);
	const dec = /^([0-9]*)[.,]([0-9]+)$/.exec(s);
	// Shifting the exponent, not dividing, so 33.3% is exactly 0.333.
	if (pct) value = Number(`${pct[1]!.replace(',', '.')}e-2`);
	else if (frac) {
		if (Number(frac[2]) === 0) return no(`${quote(s)} divides by zero`);
		value = Number(frac[1]) / Number(frac[2]);
		shown = `${frac[1]}/${frac[2]}`;
	} else if (dec) value = Number(`${dec[1] || '0'}.${dec[2]}`);
	else if (/^[0-9]+$/.test(s)) value = Number(s);
	if (value === undefined || !Number.isFinite(value)) return no(`${quote(s)} is not a probability: write 1/3, 0.333 or 33.3%`);
	if (value > 1) return no(`${quote(s)} is more than 1: a probability is from 0 to 1 (0% to 100%)`);
	return ok(value, `${shown} (${percent(value)})`);
}

// --- yes / no ---------------------------------------------------------------------------------

const YES = new Set(['yes', 'y', 'true', 'yep', 'yeah', 'correct', 'right']);
const NO = new Set(['no', 'n', 'false', 'nope', 'wrong']);

const FLAVOUR_WORDS: Record<BooleanFlavour, {yes: string[]; no: string[]; yesText: string; noText: string}> = {
	contains: {
		yes: ['inside', 'in', 'in it', 'in range', 'in the range', 'within', 'within it', 'contained', 'included', 'in the block', 'inside the range'],
		no: ['outside', 'out', 'not inside', 'not in', 'not in it', 'not in range', 'not in the range', 'out of range', 'not within', 'not contained', 'outside the range'],
		yesText: 'inside',
		noText: 'outside',
	},
	overlap: {
		yes: ['overlap', 'overlaps', 'overlapping', 'they overlap', 'do overlap', 'intersect', 'they intersect', 'clash', 'conflict'],
		no: ['no overlap', 'disjoint', 'separate', 'distinct', 'do not overlap', "don't overlap", 'dont overlap', 'they do not overlap', "they don't overlap", 'not overlapping', 'no overlapping'],
		yesText: 'they overlap',
		noText: 'no overlap',
	},
	accepted: {
		yes: ['valid', 'accepted', 'accept', 'ok', 'okay', 'allowed', 'fine', 'it is valid', 'it is accepted', 'in range'],
		no: ['invalid', 'not valid', 'refused', 'rejected', 'reject', 'error', 'not allowed', 'out of range', 'not accepted', 'taken', 'already allocated', 'in use', 'already used'],
		yesText: 'accepted',
		noText: 'refused',
	},
};

export function booleanText(value: boolean, flavour: BooleanFlavour): string {
	const words = FLAVOUR_WORDS[flavour];
	return value ? `yes (${words.yesText})` : `no (${words.noText})`;
}

export function readBoolean(text: string, flavour: BooleanFlavour): Read<boolean> {
	const s = withoutFinalPunctuation(clean(text))
		.toLowerCase()
		.replace(/[’`]/g, "'")
		.replace(/^(?:it is|it's|its|it|they are|they|the answer is)\s+/, '')
		.trim();
	if (s === '') return no('nothing to read: answer yes or no');
	const first = s.split(/[\s,:;()-]+/)[0] ?? '';
	const words = FLAVOUR_WORDS[flavour];
	// A flavour phrase is checked first: "no overlap" means no, not the "no" of a longer phrase.
	if (words.no.includes(s)) return ok(false, booleanText(false, flavour));
	if (words.yes.includes(s)) return ok(true, booleanText(true, flavour));
	if (YES.has(first)) return ok(true, booleanText(true, flavour));
	if (NO.has(first)) return ok(false, booleanText(false, flavour));
	return no(`${quote(text.trim())}: answer yes or no (or ${words.yesText} / ${words.noText})`);
}

// --- chains -----------------------------------------------------------------------------------

/** A chain name (KUBE-SVC-…), or DNAT with its target: what a jump rule leads to. */
export function readChain(text: string): Read<string> {
	let s = withoutFinalPunctuation(clean(text)).toUpperCase().replace(/^(?:-J|JUMP TO|JUMPS TO|GOES TO)\s+/, '');
	const dnat = /^DNAT(?:\s*(?:TO|--TO-DESTINATION)?\s*:?\s*(.+))?$/.exec(s);
	if (dnat) {
		if (dnat[1] === undefined) return ok('DNAT', 'DNAT');
		const endpoint = readEndpoint(dnat[1]);
		if (!endpoint.ok) return endpoint;
		return ok(`DNAT ${endpoint.understood}`, `DNAT to ${endpoint.understood}`);
	}
	s = s.replace(/\s*-\s*/g, '-');
	if (s === '') return no('nothing to read: write a chain name, e.g. KUBE-SERVICES');
	if (/(?:…|\.\.\.|-)$/.test(s)) return no(`${quote(text.trim())}: write the whole chain name, hash included`);
	if (!/^[A-Z][A-Z0-9_-]*$/.test(s)) return no(`${quote(text.trim())} is not a chain name (letters, digits and dashes)`);
	return ok(s, s);
}

// --- components -------------------------------------------------------------------------------

export const COMPONENT_NAMES: Record<Component, string> = {
	'kube-proxy': 'kube-proxy',
	kubelet: 'the kubelet',
	'container-runtime': 'the container runtime (containerd)',
	cni: 'the CNI plugin (its IPAM)',
	'kube-apiserver': 'kube-apiserver',
	'kube-controller-manager': 'kube-controller-manager',
	'kube-scheduler': 'kube-scheduler',
	none: 'none: no process runs',
};

// Patterns over the answer with spaces, dashes, dots and underscores removed and lower-cased:
// "kube proxy", "kube-proxy" and "KubeProxy" all become "kubeproxy".
const MENTIONS: Array<[Component, RegExp]> = [
	['kube-proxy', /kubeproxy|^proxy|iptablesproxier/],
	['kube-apiserver', /apiserver|^api$|^theapi$|apiserv/],
	['kube-controller-manager', /controllermanager|^kcm$|nodeipam|endpointslicecontroller|controllermgr/],
	['kube-scheduler', /scheduler/],
	['container-runtime', /containerd|crio|containerruntime|^runtime$|^cri$|^criruntime$/],
	['cni', /cni|ipam|hostlocal|flannel|calico|weave|cilium|networkplugin|containernetworkinterface/],
	['kubelet', /kubelet/],
];

// "none", "nothing runs", "no process: it is virtual": a first word that denies any component.
const NONE_WORDS = /^(?:none|nothing|no|nobody|noone|virtual)\b/;

export function readComponent(text: string): Read<Component> {
	const words = withoutFinalPunctuation(clean(text)).toLowerCase().replace(/^(?:the|a|an)\s+/, '');
	const squeezed = words.replace(/[\s\-_.'’:,;()/]+/g, '').replace(/(?:plugin|process|component|daemon|oneverynode|oneachnode)$/, '');
	if (squeezed === '') return no('nothing to read: name a component, e.g. kube-proxy');
	const found = new Set<Component>();
	for (const [component, pattern] of MENTIONS) if (pattern.test(squeezed)) found.add(component);
	if (found.size === 0 && (NONE_WORDS.test(words) || /^(?:it'?s|it is|a service is) virtual/.test(words))) found.add('none');
	// "the kubelet, through CNI" names the plugin that picks the address: read it as CNI.
	if (found.has('cni') && found.has('kubelet')) found.delete('kubelet');
	if (found.size === 1) {
		const [component] = [...found] as [Component];
		return ok(component, COMPONENT_NAMES[component]);
	}
	if (found.size > 1) return no(`${quote(text.trim())} names several components: ${[...found].join(', ')}; name one`);
	return no(`${quote(text.trim())} is not a component I know (kube-proxy, kubelet, containerd, CNI, kube-apiserver, kube-controller-manager, kube-scheduler, none)`);
}
