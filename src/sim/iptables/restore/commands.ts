// The lines of a table's part of a restore text: chain declarations (`:NAME POLICY [0:0]`) and the
// iptables commands (-A, -I, -D, -N, -X, -F, -P, -Z), applied to the table as iptables-restore
// applies them.

import type {Rule} from '../rule.js';
import {IptablesParseError, badArgument, kernelError, lineFailed, paramError} from './errors.js';
import {parseRuleWords} from './parse-rule.js';
import {
	deleteChain,
	filledChains,
	isBuiltin,
	newChainRules,
	noteAdded,
	referenceCounts,
	refuse,
	type Batch,
	type ChainRules,
	type WorkTable,
} from './work-table.js';

function sameRule(a: Rule, b: Rule): boolean {
	return JSON.stringify({...a, chain: ''}) === JSON.stringify({...b, chain: ''});
}

function parsePosition(line: number, text: string | undefined): number | undefined {
	if (text === undefined || text.startsWith('-') || text === '!') return undefined;
	const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
	if (!(n >= 1)) throw paramError(line, `Invalid rule number \`${text}'`);
	return n;
}

export function needChain(work: WorkTable, chainName: string | undefined, line: number): ChainRules {
	const chain = chainName === undefined ? undefined : work.rules.get(chainName);
	if (chain === undefined) throw lineFailed(line, 'No chain/target/match by that name.');
	return chain;
}

/** The rule in words[start…] for chain, or undefined if the kernel will refuse it at COMMIT. */
function ruleFrom(work: WorkTable, chain: ChainRules, words: readonly string[], start: number, line: number, batch: Batch): Rule | undefined {
	try {
		const rule = parseRuleWords(words, start, chain.name, line, work.name);
		noteAdded(batch, chain, rule.target?.kind === 'jump' ? rule.target.chain : undefined);
		return rule;
	} catch (error) {
		if (!(error instanceof IptablesParseError) || error.exitCode !== 4) throw error;
		refuse(batch, error);
		return undefined;
	}
}

export function runCommand(work: WorkTable, words: readonly string[], line: number, batch: Batch): void {
	const command = words[0];
	const chainName = words[1];
	switch (command) {
		case '-A':
		case '--append': {
			if (chainName === undefined) throw paramError(line, `option "${command}" requires an argument`);
			const chain = needChain(work, chainName, line);
			const rule = ruleFrom(work, chain, words, 2, line, batch);
			if (rule !== undefined) chain.rules.push(rule);
			return;
		}
		case '-I':
		case '--insert': {
			if (chainName === undefined) throw paramError(line, `option "${command}" requires an argument`);
			const position = parsePosition(line, words[2]);
			const chain = needChain(work, chainName, line);
			const index = (position ?? 1) - 1;
			if (index > chain.rules.length) throw lineFailed(line, 'Index of insertion too big.');
			const rule = ruleFrom(work, chain, words, position === undefined ? 2 : 3, line, batch);
			if (rule !== undefined) chain.rules.splice(index, 0, rule);
			return;
		}
		case '-D':
		case '--delete': {
			if (chainName === undefined) throw paramError(line, `option "${command}" requires an argument`);
			const position = parsePosition(line, words[2]);
			const chain = needChain(work, chainName, line);
			if (position !== undefined) {
				if (position > chain.rules.length) throw lineFailed(line, 'Index of deletion too big.');
				chain.rules.splice(position - 1, 1);
				return;
			}
			const wanted = parseRuleWords(words, 2, chainName, line, work.name);
			const index = chain.rules.findIndex((r) => sameRule(r, wanted));
			if (index < 0) throw lineFailed(line, 'Bad rule (does a matching rule exist in that chain?).');
			chain.rules.splice(index, 1);
			return;
		}
		case '-N':
		case '--new-chain': {
			if (chainName === undefined) throw paramError(line, `option "${command}" requires an argument`);
			if (chainName.length > 28) throw paramError(line, `chain name \`${chainName}' too long (must be under 29 chars)`);
			if (work.rules.has(chainName)) throw lineFailed(line, 'Chain already exists.');
			work.chains.push({name: chainName});
			work.rules.set(chainName, newChainRules(chainName));
			return;
		}
		case '-X':
		case '--delete-chain':
			deleteChains(work, chainName, line, batch);
			return;
		case '-F':
		case '--flush': {
			if (chainName === undefined) {
				for (const chain of work.rules.values()) chain.rules = [];
				for (const name of filledChains(work, batch)) batch.stickyAfterFlushAll.add(name);
			} else {
				needChain(work, chainName, line).rules = [];
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

/** -X [CHAIN]: without a name, every user chain. A chain with rules or jumps to it stays (the
 * kernel refuses, reported at COMMIT). */
function deleteChains(work: WorkTable, chainName: string | undefined, line: number, batch: Batch): void {
	const victims =
		chainName === undefined ? work.chains.filter((c) => !isBuiltin(work.name, c.name)).map((c) => c.name) : [chainName];
	for (const victim of victims) {
		if (isBuiltin(work.name, victim) || !work.rules.has(victim)) {
			throw lineFailed(line, 'No chain/target/match by that name.');
		}
	}
	// Deleting a chain (it has no rules) changes no other chain's references: count them once.
	let references: Map<string, number> | undefined;
	const deleted = new Set<string>();
	for (const victim of victims) {
		const busy =
			work.rules.get(victim)!.rules.length > 0 ||
			((references ??= referenceCounts(work)).get(victim) ?? 0) > 0 ||
			batch.stickyAfterFlushAll.has(victim);
		if (busy) {
			refuse(batch, kernelError(line, 'CHAIN_DEL', 'Device or resource busy', `chain ${victim}`));
			continue;
		}
		deleteChain(work, batch, victim);
		deleted.add(victim);
	}
	if (deleted.size > 0) work.chains = work.chains.filter((c) => !deleted.has(c.name));
}

function setPolicy(work: WorkTable, chainName: string, policy: string, line: number): void {
	if (!isBuiltin(work.name, chainName)) throw lineFailed(line, 'Bad built-in chain name.');
	if (policy !== 'ACCEPT' && policy !== 'DROP') throw lineFailed(line, 'Bad policy name.');
	if (policy === 'DROP' && work.name === 'nat') {
		throw paramError(line, '\nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n');
	}
	work.chains = work.chains.map((c) => (c.name === chainName ? {...c, policy} : c));
}

/** `:NAME POLICY …` (the words after the policy, the counters, are not read). */
export function declareChain(
	work: WorkTable,
	name: string,
	policy: string | undefined,
	line: number,
	noflush: boolean,
	batch: Batch,
): void {
	if (name === '' || policy === undefined) throw lineFailed(line);
	if (name.length > 28) throw paramError(line, `chain name \`${name}' too long (must be under 29 chars)`);
	if (isBuiltin(work.name, name)) {
		// A built-in chain keeps its rules even with --noflush; only its policy is set.
		if (policy !== '-') setPolicy(work, name, policy, line);
		return;
	}
	const existing = work.rules.get(name);
	if (existing !== undefined) {
		if (noflush) existing.rules = [];
		batch.stickyAfterFlushAll.delete(name);
		return;
	}
	work.chains.push({name});
	work.rules.set(name, newChainRules(name));
}
