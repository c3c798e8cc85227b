// The rules pane: a node's NAT table as `iptables -t nat -L -n`, `iptables -t nat -L` (names
// resolved, as the seed notes show it) or `iptables-save -t nat` prints it, with the lines of one
// Service marked (what `| grep db-service` would keep), or only those.
import type {RuleFormat} from '../lessons/vocabulary.js';
import type {Cluster} from '../sim/cluster/cluster.js';
import {renderList} from '../sim/iptables/list.js';
import {nodeBaseline} from '../sim/iptables/node-baseline.js';
import type {Ruleset} from '../sim/iptables/rule.js';
import {ctimeDate, renderSave} from '../sim/iptables/save.js';

export interface RuleLine {
	text: string;
	/** Belongs to the selected Service: its comment names it, or it declares/heads one of its chains. */
	highlight: boolean;
}

export interface RulesViewOptions {
	node: string;
	format: RuleFormat;
	/** `namespace/name` (or `name` in default) of the Service to mark. */
	service?: string;
	/** Keep only the Service's lines (and the headers that place them). */
	only?: boolean;
	table?: 'nat' | 'filter';
}

export function rulesView(cluster: Cluster, options: RulesViewOptions): RuleLine[] {
	const proxy = cluster.kubeProxy(options.node);
	if (!proxy) return [{text: `no node ${options.node} in this cluster`, highlight: false}];
	const ruleset = proxy.ruleset();
	const table = options.table ?? 'nat';
	const text =
		options.format !== 'save'
			? renderList(ruleset, {table, numeric: options.format === 'list'})
			: renderSave(ruleset, {tables: [table], date: ctimeDate(cluster.clock.now())});
	const lines = text.replace(/\n$/, '').split('\n');
	if (!options.service) return lines.map((line) => ({text: line, highlight: false}));

	const name = options.service.includes('/') ? options.service : `default/${options.service}`;
	// Comments are `ns/name`, `ns/name:port`, `ns/name cluster IP`, `ns/name -> ip:port`, …
	const mentions = new RegExp(`${escape(name)}(?=[: "*]|$)`);
	const chains = new Set<string>();
	for (const line of lines) {
		if (!mentions.test(line)) continue;
		for (const chain of line.match(/KUBE-(?:SVC|SVL|EXT|FW|SEP)-[A-Z2-7]{16}/g) ?? []) chains.add(chain);
	}
	const marked = lines.map((line) => ({
		text: line,
		highlight: mentions.test(line) || [...chains].some((c) => line.startsWith(`Chain ${c} `) || line.startsWith(`:${c} `) || line.startsWith(`-A ${c} `)),
	}));
	if (!options.only) return marked;
	if (options.format === 'save') return marked.filter((l) => l.highlight || /^(\*|COMMIT)/.test(l.text));
	// List form: keep each chain block (header, column line, rules) that holds a marked line.
	const kept: RuleLine[] = [];
	let block: RuleLine[] = [];
	const flush = (): void => {
		if (block.some((l) => l.highlight)) kept.push(...(kept.length > 0 ? [{text: '', highlight: false}] : []), ...block.filter((l) => l.highlight || /^(Chain |target )/.test(l.text)));
		block = [];
	};
	for (const line of marked) {
		if (line.text === '') flush();
		else block.push(line);
	}
	flush();
	return kept;
}

function escape(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const natRules = (ruleset: Ruleset): number => ruleset.tables.find((t) => t.name === 'nat')?.rules.length ?? 0;
let baselineNatRules: number | undefined;

/** The rules kube-proxy added to the node's nat table: the nat rules of its rule set beyond kubelet's
 * and kube-proxy's baseline (the filter table, with its REJECT and DROP rules, is not counted). */
export function natRuleCount(cluster: Cluster, node: string): number {
	const proxy = cluster.kubeProxy(node);
	if (!proxy) return 0;
	baselineNatRules ??= natRules(nodeBaseline());
	return natRules(proxy.ruleset()) - baselineNatRules;
}
