// An nftables trace as plain text for the CLI, laid out as the iptables one (src/sim/netfilter/
// format.ts): per outcome, its line, its path, and every rule tested (✔ matched, ✖ not) indented
// by depth under each base chain, with the map or set element a lookup found.

import {describeOutcome} from '../netfilter/format.js';
import type {NftOutcome, NftStep, NftTraceResult} from './types.js';

export function formatNftTrace(result: NftTraceResult): string {
	const {packet} = result;
	const from = packet.sport === undefined ? packet.src : `${packet.src}:${packet.sport}`;
	const how = result.entry === 'PREROUTING' ? 'arriving (prerouting)' : 'sent by the node (output)';
	const count = result.outcomes.length;
	const lines = [`${packet.proto} ${from} → ${packet.dst}:${packet.dport}, ${how}: ${count} outcome${count === 1 ? '' : 's'}`];
	result.outcomes.forEach((outcome, i) => {
		lines.push('', `Outcome ${i + 1}/${count}: ${describeNftOutcome(outcome)}`);
		lines.push(`  path: ${outcome.path.join(' → ')}`);
		let section = '';
		for (const step of outcome.steps) {
			if (step.depth === 0 && step.chain !== section) {
				section = step.chain;
				lines.push(`  ${step.table} ${step.chain}`);
			}
			lines.push(stepLine(step));
		}
		for (const entry of outcome.recorded) lines.push(`  recorded ${entry.address} in set @${entry.name}`);
	});
	return lines.join('\n') + '\n';
}

function stepLine(step: NftStep): string {
	const extra = [...(step.element !== undefined ? [`element ${step.element}`] : []), ...(step.note !== undefined ? [step.note] : [])];
	return `    ${'  '.repeat(step.depth)}${step.matched ? '✔' : '✖'} ${step.ruleIndex + 1} ${step.rule}${extra.length > 0 ? `   [${extra.join('; ')}]` : ''}`;
}

/** The iptables tracer's outcome line (describeOutcome), with the deciding rule named in nft's words. */
export function describeNftOutcome(outcome: NftOutcome): string {
	const by = outcome.decidedBy;
	if (by === undefined) {
		const {decidedBy: _none, ...rest} = outcome;
		return describeOutcome({...rest, steps: []});
	}
	const after = outcome.to === undefined ? '' : ` after DNAT to ${outcome.to}`;
	const p = outcome.probability;
	return `${outcome.verdict}${after} (${by.table} chain ${by.chain} rule ${by.ruleIndex + 1}), probability ${Number(p.toFixed(9))} (${(p * 100).toFixed(2)}%), masquerade: ${outcome.masquerade ? 'yes' : 'no'}`;
}
