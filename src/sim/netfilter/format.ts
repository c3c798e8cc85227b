// A trace as plain text for the CLI: per outcome, every rule tested (✔ matched, ✖ not), indented
// by chain depth under a heading for each table's built-in chain. No colour: the caller decides.

import type {Rule} from '../iptables/rule.js';
import type {Outcome, Step, TraceResult} from './types.js';

export interface FormatOptions {
	renderRule: (rule: Rule) => string;
	/** A run of more unmatched rules than this, in a row in one chain, is shown as one line
	 * (a big node's KUBE-SERVICES is thousands of them). Default: every rule is shown. */
	collapseUnmatched?: number;
}

export function formatTrace(result: TraceResult, opts: FormatOptions): string {
	const {packet} = result;
	const from = packet.sport === undefined ? packet.src : `${packet.src}:${packet.sport}`;
	const how = result.entry === 'PREROUTING' ? 'arriving (PREROUTING)' : 'sent by the node (OUTPUT)';
	const count = result.outcomes.length;
	const lines = [`${packet.proto} ${from} → ${packet.dst}:${packet.dport}, ${how}: ${count} outcome${count === 1 ? '' : 's'}`];
	result.outcomes.forEach((outcome, i) => {
		lines.push('', `Outcome ${i + 1}/${count}: ${describeOutcome(outcome)}`);
		lines.push(`  path: ${outcome.path.length > 0 ? outcome.path.join(' → ') : '(no rules)'}`);
		lines.push(...formatSteps(outcome.steps, opts));
		for (const entry of outcome.recorded) lines.push(`  recorded ${entry.address} in recent list ${entry.name}`);
	});
	return lines.join('\n') + '\n';
}

/** The outcome line: verdict, probability, masquerade. */
export function describeOutcome(outcome: Outcome): string {
	let verdict: string;
	const by = outcome.decidedBy;
	if (by !== undefined) {
		const where = by.ruleIndex === undefined ? `policy of ${by.table} ${by.chain}` : `${by.table} ${by.chain} rule ${by.ruleIndex + 1}`;
		const after = outcome.to === undefined ? '' : ` after DNAT to ${outcome.to}`;
		verdict = `${outcome.verdict}${after} (${where})`;
	} else if (outcome.verdict === 'DNAT') {
		verdict = `DNAT to ${outcome.to ?? '?'}`;
	} else {
		verdict = outcome.masquerade ? 'ACCEPT' : 'ACCEPT (untouched)';
	}
	return `${verdict}, probability ${formatProbability(outcome.probability)}, masquerade: ${outcome.masquerade ? 'yes' : 'no'}`;
}

function formatProbability(p: number): string {
	return `${Number(p.toFixed(9))} (${(p * 100).toFixed(2)}%)`;
}

function formatSteps(steps: readonly Step[], opts: FormatOptions): string[] {
	const lines: string[] = [];
	let section = '';
	const limit = opts.collapseUnmatched ?? Infinity;
	for (let i = 0; i < steps.length; ) {
		const step = steps[i] as Step;
		if (step.depth === 0 && `${step.table} ${step.chain}` !== section) {
			section = `${step.table} ${step.chain}`;
			lines.push(`  ${section}`);
		}
		const indent = '    ' + '  '.repeat(step.depth);
		let end = i;
		while (end < steps.length && quietMiss(steps[end] as Step, step)) end++;
		if (end - i > limit) {
			const last = steps[end - 1] as Step;
			lines.push(`${indent}✖ … ${end - i} rules not matched (${step.chain} rules ${step.ruleIndex + 1}–${last.ruleIndex + 1})`);
			i = end;
			continue;
		}
		// A short run (or a single rule) is shown rule by rule, all at once, so a long run under
		// the limit is not rescanned for each of its rules.
		for (const shown of steps.slice(i, Math.max(end, i + 1))) lines.push(indent + stepLine(shown, opts));
		i = Math.max(end, i + 1);
	}
	return lines;
}

function stepLine(step: Step, opts: FormatOptions): string {
	const note = step.note === undefined ? '' : `   [${step.note}]`;
	return `${step.matched ? '✔' : '✖'} ${step.ruleIndex + 1} ${opts.renderRule(step.rule)}${note}`;
}

/** An unmatched step with nothing to say, in the same chain call as `first`. */
function quietMiss(step: Step, first: Step): boolean {
	return (
		!step.matched &&
		step.note === undefined &&
		step.table === first.table &&
		step.chain === first.chain &&
		step.depth === first.depth
	);
}
