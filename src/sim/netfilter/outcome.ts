// Turns finished branches into the outcomes a learner reads: one per distinct ending, with the
// probabilities of identical endings added up.

import {toArray, type Branch} from './branch.js';
import type {Outcome} from './types.js';

export function toOutcomes(branches: readonly Branch[]): Outcome[] {
	// Fork order ('0' = statistic taken) is rule order: the first endpoint's outcome comes first.
	const sorted = [...branches].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
	const byKey = new Map<string, Outcome>();
	for (const branch of sorted) {
		const outcome = toOutcome(branch);
		const key = JSON.stringify([outcome.verdict, outcome.to ?? '', outcome.masquerade, outcome.path]);
		const seen = byKey.get(key);
		if (seen === undefined) {
			byKey.set(key, outcome);
		} else {
			// Same ending by the same chains: one outcome. Its steps are the first branch's; the
			// others differ only in which statistic rules they passed on the way.
			seen.probability += outcome.probability;
		}
	}
	return [...byKey.values()];
}

function toOutcome(branch: Branch): Outcome {
	const outcome: Outcome = {
		verdict: branch.end?.verdict ?? (branch.dnatTo === undefined ? 'ACCEPT' : 'DNAT'),
		probability: branch.probability,
		masquerade: branch.masquerade,
		path: toArray(branch.path),
		steps: toArray(branch.steps),
		recorded: toArray(branch.recorded),
	};
	if (branch.dnatTo !== undefined) outcome.to = branch.dnatTo;
	if (branch.end !== undefined) outcome.decidedBy = branch.end.decidedBy;
	return outcome;
}
