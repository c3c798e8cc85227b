// What iptables-restore 1.8.9 prints when it fails: IptablesParseError carries the exact stderr
// text and exit status (checked against real iptables-restore in a network namespace).

import type {Ruleset} from '../rule.js';

export const PROGRAM = 'iptables-restore v1.8.9 (nf_tables)';
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
export function paramError(line: number, text: string): IptablesParseError {
	return new IptablesParseError(
		line,
		text.trim(),
		`${PROGRAM}: ${text}\nError occurred at line: ${line}\n${TRY_HELP}`,
		2,
	);
}

export function badArgument(line: number, arg: string): IptablesParseError {
	return new IptablesParseError(
		line,
		`Bad argument \`${arg}'`,
		`Bad argument \`${arg}'\nError occurred at line: ${line}\n${TRY_HELP}`,
		2,
	);
}

export function lineFailed(line: number, reason?: string): IptablesParseError {
	const text = reason === undefined ? `line ${line} failed` : `line ${line} failed: ${reason}`;
	return new IptablesParseError(line, reason ?? 'failed', `iptables-restore: ${text}\n`, 1);
}

export function kernelError(line: number, operation: string, errno: string, what: string): IptablesParseError {
	const text = `${operation} failed (${errno}): ${what}`;
	return new IptablesParseError(line, text, `${PROGRAM}: \nline ${line}: ${text}\n`, 4);
}

/** The kernel's refusal to append a rule (nf_tables reports it at COMMIT). */
export function appendRefused(line: number, chain: string): IptablesParseError {
	return kernelError(line, 'RULE_APPEND', 'Invalid argument', `rule in chain ${chain}`);
}

/** Something real iptables accepts but svc-tutor's model cannot hold: say so rather than guess. */
export function unsupported(line: number, what: string): IptablesParseError {
	const text = `svc-tutor does not model ${what}`;
	return new IptablesParseError(line, text, `${PROGRAM}: ${text}\nError occurred at line: ${line}\n`, 2);
}
