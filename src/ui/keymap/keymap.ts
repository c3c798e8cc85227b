// One table of keys per screen or part: each binding names its keys once, and the same table
// decides what a key does (dispatch), what the footer offers and what the help screen lists, so
// the three can never disagree.
import type {Key} from './key.js';

/**
 * A key as a binding names it: `up`, `enter`, `pageup`, … (Key names), `ctrl+u`, one character
 * (`k`, `?`, ` `), `digit` (1-9), `char` (any printable character) or `any`.
 */
export type KeySpec = string;

export interface Binding<C, I> {
	keys: readonly KeySpec[];
	/** The keys as shown, e.g. `↑↓`; a binding without one is never shown. */
	label?: string;
	/** What it does, as the footer says it. */
	does?: string | ((context: C) => string);
	/** The help screen's longer line; the footer's words when absent. */
	help?: string;
	/** Listed in help only: the footer has room for the main keys only. */
	footer?: false;
	/** The binding applies only when this holds. */
	when?: (context: C) => boolean;
	/** The intent the key stands for; undefined lets later bindings have the key. */
	to: I | ((context: C, key: Key) => I | undefined);
}

export type Keymap<C, I> = readonly Binding<C, I>[];

const NAMED = new Set(['up', 'down', 'left', 'right', 'enter', 'escape', 'tab', 'backspace', 'pageup', 'pagedown', 'home', 'end']);

export function keyMatches(spec: KeySpec, key: Key): boolean {
	switch (spec) {
		case 'any':
			return true;
		case 'char':
			return key.name === 'char';
		case 'digit':
			return key.name === 'char' && /^[1-9]$/.test(key.char);
		default:
			if (NAMED.has(spec)) return key.name === spec;
			if (spec.startsWith('ctrl+')) return key.name === 'ctrl' && key.char === spec.slice(5);
			return key.name === 'char' && key.char === spec;
	}
}

const applies = <C, I>(binding: Binding<C, I>, context: C): boolean => binding.when === undefined || binding.when(context);

/** The intent of the first binding that applies to the key and takes it. */
export function dispatch<C, I>(keymap: Keymap<C, I>, context: C, key: Key): I | undefined {
	for (const binding of keymap) {
		if (!applies(binding, context) || !binding.keys.some((spec) => keyMatches(spec, key))) continue;
		const intent = typeof binding.to === 'function' ? (binding.to as (c: C, k: Key) => I | undefined)(context, key) : binding.to;
		if (intent !== undefined) return intent;
	}
	return undefined;
}

export type KeyHint = readonly [string, string];

/** The footer's `[keys, what]` pairs: the bindings a key can reach now, in table order, once per label. */
export function footerHints<C, I>(keymap: Keymap<C, I>, context: C): KeyHint[] {
	return hints(reachable(keymap, context).filter((b) => b.footer !== false), context, false);
}

/** Help's lines for a keymap: every binding a key can reach now, with its longer words. */
export function helpHints<C, I>(keymap: Keymap<C, I>, context: C): KeyHint[] {
	return hints(reachable(keymap, context), context, true);
}

/** Bindings that apply and that some key still reaches (not all taken by earlier bindings). */
function reachable<C, I>(keymap: Keymap<C, I>, context: C): Binding<C, I>[] {
	const taken = new Set<KeySpec>();
	let all = false;
	let chars = false;
	const out: Binding<C, I>[] = [];
	for (const b of keymap) {
		if (all) break;
		if (!applies(b, context)) continue;
		const isChar = (spec: KeySpec): boolean => spec === 'digit' || spec === 'char' || [...spec].length === 1;
		if (b.keys.some((spec) => !taken.has(spec) && !(chars && isChar(spec)))) out.push(b);
		for (const spec of b.keys) {
			if (spec === 'any') all = true;
			else if (spec === 'char') chars = true;
			else taken.add(spec);
		}
	}
	return out;
}

function hints<C, I>(bindings: readonly Binding<C, I>[], context: C, long: boolean): KeyHint[] {
	const out: KeyHint[] = [];
	const seen = new Set<string>();
	for (const b of bindings) {
		if (b.label === undefined || seen.has(b.label)) continue;
		const does = typeof b.does === 'function' ? b.does(context) : b.does;
		const text = long ? (b.help ?? does) : does;
		if (text === undefined) continue;
		seen.add(b.label);
		out.push([b.label, text]);
	}
	return out;
}

/** Whether a text field has the keyboard: some binding that applies takes any character. */
export function takesText<C, I>(keymap: Keymap<C, I>, context: C): boolean {
	return keymap.some((b) => b.keys.includes('char') && applies(b, context));
}

/** A part's keymap used inside a screen's: its context is derived from the screen's. */
export function within<C, P, I, J>(keymap: Keymap<P, I>, part: (context: C) => P | undefined, wrap: (intent: I, context: C) => J): Keymap<C, J> {
	return keymap.map((b): Binding<C, J> => {
		const does = b.does;
		return {
			keys: b.keys,
			...(b.label !== undefined ? {label: b.label} : {}),
			...(does !== undefined ? {does: typeof does === 'function' ? (c: C) => does(part(c)!) : does} : {}),
			...(b.help !== undefined ? {help: b.help} : {}),
			...(b.footer === false ? {footer: false as const} : {}),
			when: (c) => {
				const p = part(c);
				return p !== undefined && (b.when === undefined || b.when(p));
			},
			to: (c, key) => {
				const p = part(c)!;
				const intent = typeof b.to === 'function' ? (b.to as (c: P, k: Key) => I | undefined)(p, key) : b.to;
				return intent === undefined ? undefined : wrap(intent, c);
			},
		};
	});
}

const SHOWN: Readonly<Record<string, string>> = {up: '↑', down: '↓', left: '←', right: '→', enter: 'Enter', escape: 'Esc', backspace: '⌫', tab: 'Tab', ' ': 'Space', pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End'};

/** A key as the screen shows it: `→`, `Enter`, `Ctrl+L`, `n`. */
export function shownKey(spec: KeySpec): string {
	return SHOWN[spec] ?? (spec.startsWith('ctrl+') ? `Ctrl+${spec.slice(5).toUpperCase()}` : spec);
}

/**
 * The key of the first binding standing for an intent of this type, as shown: for the hints a
 * view writes beside what it shows ("n: next node"), so they name the key the keymap has.
 */
export function keyFor<C, I extends {type: string}>(keymap: Keymap<C, I>, type: I['type']): string {
	const binding = keymap.find((b) => typeof b.to === 'object' && b.to !== null && (b.to as {type: string}).type === type);
	if (!binding) throw new Error(`no key for ${type}`);
	return shownKey(binding.keys[0]!);
}
