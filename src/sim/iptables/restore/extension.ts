// What iptables' match and target extensions share: each collects its options while a rule's words
// are read, then builds the value the kernel keeps. Options are known by their canonical long name
// (the one used in messages). Extensions are small classes, not closures: a big restore makes one
// or more per rule, so they should cost one object each.

import type {Match, Rule, Target} from '../rule.js';
import {paramError} from './errors.js';

export interface Ext {
	/** option as written → canonical name, or undefined if not this extension's */
	option(name: string): string | undefined;
	takesArgument(canonical: string): boolean;
	accept(canonical: string, arg: string | undefined, inverted: boolean): void;
}

export interface MatchExt extends Ext {
	finish(rule: Rule): Match;
}

export interface TargetExt extends Ext {
	finish(rule: Rule): Target;
}

/** An extension with a name for its messages, the line it is on and xtables' once-only options. */
export abstract class Extension {
	// Fields are declared, then set in the constructor: V8 makes ES2022 class field definitions
	// (define semantics) far slower than plain stores, and a big restore builds 300,000 of these.
	protected declare readonly label: string;
	protected declare readonly line: number;
	private declare seen: string[] | undefined;

	constructor(label: string, line: number) {
		this.label = label;
		this.line = line;
		this.seen = undefined;
	}

	/** xtables' check that an option is given at most once. */
	protected once(name: string): void {
		if (this.seen === undefined) {
			this.seen = [name];
			return;
		}
		if (this.seen.includes(name)) throw paramError(this.line, `${this.label}: option "--${name}" can only be used once.\n`);
		this.seen.push(name);
	}

	protected notInverted(name: string, inverted: boolean): void {
		if (inverted) throw paramError(this.line, `${this.label}: option "--${name}" cannot be inverted.\n`);
	}

	protected mustHave(name: string, value: unknown): void {
		if (value === undefined) throw paramError(this.line, `${this.label}: option "--${name}" must be specified\n`);
	}
}

/** `option()` for an extension whose options have no aliases. */
export function ownOption(names: readonly string[], name: string): string | undefined {
	return names.includes(name) ? name : undefined;
}
