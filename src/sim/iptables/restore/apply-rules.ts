// iptables-restore --noflush for input whose rules are already read: what applyRestore does with
// a text of `:CHAIN` declarations and `-A` lines, table by table, for a writer that built the
// Rules itself (kube-proxy's RuleWriter). The same chain table, declarations and COMMIT checks as
// the text path, so the rule set is the one the text would give. Errors are the text path's, at
// line 0 (there is no text): a caller that wants line numbers reads the text instead.

import type {Rule, Ruleset, Table, TableName} from '../rule.js';
import {declareChain, needChain} from './commands.js';
import {commitChecks, fromWork, newBatch, noteAdded, toWork, freshTable} from './work-table.js';

/** One table's part of the input: `:NAME - [0:0]` for each of chains, then `-A` each rule. */
export interface ReadTable {
	name: TableName;
	chains: readonly string[];
	rules: readonly Rule[];
}

export function applyRules(base: Ruleset, input: readonly ReadTable[]): Ruleset {
	const tables: Table[] = base.tables.map((t) => ({name: t.name, chains: t.chains.slice(), rules: t.rules.slice()}));
	for (const {name, chains, rules} of input) {
		const existing = tables.find((t) => t.name === name);
		const work = existing !== undefined ? toWork(existing) : freshTable(name);
		const batch = newBatch();
		for (const chain of chains) declareChain(work, chain, '-', 0, true, batch);
		let chain: ReturnType<typeof needChain> | undefined;
		for (const rule of rules) {
			if (chain === undefined || chain.name !== rule.chain) chain = needChain(work, rule.chain, 0);
			noteAdded(batch, chain, rule.target?.kind === 'jump' ? rule.target.chain : undefined);
			chain.rules.push(rule);
		}
		commitChecks(work, batch, 0);
		const done = fromWork(work);
		const at = tables.findIndex((t) => t.name === done.name);
		if (at >= 0) tables[at] = done;
		else tables.push(done);
	}
	return {tables};
}
