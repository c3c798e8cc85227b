// The kernel's packet and byte counters of one node's rules: every rule a packet matches counts
// it (`-j` to a chain, a target, or no target at all). What `iptables -L -v`, `-S -v` and
// `iptables-save -c` print. Built-in chains' policy counters stay 0 on a kube-proxy node: with
// iptables-nft, kubelet's and kube-proxy's `iptables -A` create those chains without counters
// (measured: a real node's save shows `:INPUT ACCEPT [0:0]` however busy it is; only a chain
// declared by a restore `:INPUT ACCEPT [0:0]` line counts its policy).
//
// A counter belongs to the rule as the kernel holds it, named here by its table and save form
// (`-A KUBE-SERVICES -d …`): when kube-proxy's next sync writes the same rule again, it keeps its
// count here. (A real kube-proxy's restore replaces the chains it writes, which zeroes theirs; the
// simulated one rewrites only on changes, so this differs only after a Service or endpoint change.)
// Two identical rules in one chain share a counter; kube-proxy writes none.
import type {Rule, Ruleset, TableName} from '../iptables/rule.js';
import {saveRule} from '../iptables/save.js';
import type {Branch} from './branch.js';

export interface Counter {
	packets: number;
	bytes: number;
}

/** What the printers ask: a rule's counter, a built-in chain's policy counter (undefined: 0 0). */
export interface CounterView {
	rule(rule: Rule): Counter | undefined;
	/** Always undefined here (see above); kept so the printers can show a chain that counts. */
	policy(table: TableName, chain: string): Counter | undefined;
}

export class NodeCounters {
	private readonly rules = new Map<string, Counter>();
	/** `table chain` pairs holding counted rules: only their rules need naming when printing. */
	private readonly chains = new Set<string>();
	private version = 0;
	private view: {ruleset: Ruleset; version: number; view: CounterView} | undefined;

	/** No packet counted yet: printers keep their fast path. */
	get empty(): boolean {
		return this.rules.size === 0;
	}

	/** One packet of `bytes` bytes (IP header included, as skb->len) took this branch's walk. */
	countBranch(branch: Branch, bytes: number): void {
		for (let node = branch.steps; node !== undefined; node = node.tail) {
			const step = node.head;
			if (!step.matched) continue;
			const key = ruleKey(step.table, step.rule);
			this.chains.add(`${step.table} ${step.rule.chain}`);
			add(this.rules, key, bytes);
		}
		this.version++;
	}

	/** `iptables -Z`: every counter back to 0. */
	zero(): void {
		this.rules.clear();
		this.chains.clear();
		this.version++;
	}

	/** The counters of this rule set's rules (Rule objects are rebuilt by each sync, so looked up by name). */
	viewOf(ruleset: Ruleset): CounterView | undefined {
		if (this.empty) return undefined;
		if (this.view?.ruleset === ruleset && this.view.version === this.version) return this.view.view;
		const byRule = new Map<Rule, Counter>();
		for (const table of ruleset.tables) {
			for (const rule of table.rules) {
				if (!this.chains.has(`${table.name} ${rule.chain}`)) continue;
				const counter = this.rules.get(ruleKey(table.name, rule));
				if (counter !== undefined) byRule.set(rule, counter);
			}
		}
		const view: CounterView = {rule: (rule) => byRule.get(rule), policy: () => undefined};
		this.view = {ruleset, version: this.version, view};
		return view;
	}
}

function ruleKey(table: TableName, rule: Rule): string {
	return `${table} ${saveRule(rule)}`;
}

function add(map: Map<string, Counter>, key: string, bytes: number): void {
	const counter = map.get(key);
	if (counter === undefined) map.set(key, {packets: 1, bytes});
	else {
		counter.packets++;
		counter.bytes += bytes;
	}
}

/**
 * libxtables' xtables_print_num: with -x the exact number (`%8llu `); otherwise up to 99999 as
 * is (`%5llu `), then rounded to K, M, G, T (`%4lluK `). `notable` (the chain heading's counts)
 * drops the widths.
 */
export function formatCount(value: number, exact: boolean, notable = false): string {
	if (exact) return notable ? `${value} ` : `${String(value).padStart(8)} `;
	if (value <= 99999) return notable ? `${value} ` : `${String(value).padStart(5)} `;
	let n = value;
	for (const unit of ['K', 'M', 'G', 'T']) {
		n = Math.floor((n + 500) / 1000);
		if (n <= 9999 || unit === 'T') return notable ? `${n}${unit} ` : `${String(n).padStart(4)}${unit} `;
	}
	return `${n}T `;
}
