// The order kube-proxy's own unit tests put iptables-restore text in before comparing it
// (pkg/proxy/iptables/proxier_test.go, sortIPTablesRules), so their expected dumps can be compared
// with svc-tutor's output line for line whatever order Services are visited in:
//
// - tables by name (filter before nat);
// - chain lines: KUBE-NODEPORTS, then KUBE-SERVICES, then the other KUBE-* chains, then the rest,
//   each group in byte order;
// - rules grouped by chain in that chain order, each chain's rules in generation order, except
//   KUBE-NODEPORTS and KUBE-SERVICES (both tables), whose rules are stably sorted by the Service
//   name in their comment (the comment up to the first space or colon), with nat KUBE-SERVICES'
//   "must be the last rule" rule kept last;
// - `-X CHAIN` deletions after the rules, then COMMIT.
//
// Comment lines (`# …`) and blank lines are dropped, so fixtures can carry a provenance header.

interface Chain {
	name: string;
	/** The `:NAME - [0:0]` line, or a made-up one for a chain only seen in rules. */
	line: string;
	rules: string[];
}

interface Table {
	name: string;
	chains: Map<string, Chain>;
	deleted: string[];
}

const NODEPORTS = 'KUBE-NODEPORTS';
const SERVICES = 'KUBE-SERVICES';

/** The value of `--comment`, quoted or not; undefined when the rule has none. */
export function ruleComment(rule: string): string | undefined {
	const at = rule.indexOf('--comment ');
	if (at < 0) return undefined;
	const rest = rule.slice(at + '--comment '.length);
	if (rest.startsWith('"')) {
		const end = rest.indexOf('"', 1);
		return end < 0 ? rest.slice(1) : rest.slice(1, end);
	}
	const space = rest.indexOf(' ');
	return space < 0 ? rest : rest.slice(0, space);
}

/** `ns/name` from `ns/name:port …` or `ns/name …`: the comment up to the first space or colon. */
function serviceName(rule: string): string | undefined {
	const comment = ruleComment(rule);
	if (comment === undefined) return undefined;
	const end = comment.search(/[ :]/);
	return end < 0 ? comment : comment.slice(0, end);
}

/** Upstream's "less" gives no order when either rule lacks a comment; a stable sort keeps them put. */
function byServiceName(a: string, b: string): number {
	const x = serviceName(a);
	const y = serviceName(b);
	if (x === undefined || y === undefined) return 0;
	return x < y ? -1 : x > y ? 1 : 0;
}

function chainRank(name: string): number {
	if (name === NODEPORTS) return 0;
	if (name === SERVICES) return 1;
	return name.startsWith('KUBE-') ? 2 : 3;
}

function byChainOrder(a: Chain, b: Chain): number {
	const rank = chainRank(a.name) - chainRank(b.name);
	if (rank !== 0) return rank;
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function parse(text: string): Table[] {
	const tables: Table[] = [];
	let table: Table | undefined;
	const chainOf = (t: Table, name: string): Chain => {
		let chain = t.chains.get(name);
		if (!chain) {
			chain = {name, line: `:${name} - [0:0]`, rules: []};
			t.chains.set(name, chain);
		}
		return chain;
	};
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) continue;
		if (line.startsWith('*')) {
			table = {name: line.slice(1), chains: new Map(), deleted: []};
			tables.push(table);
			continue;
		}
		if (!table) throw new Error(`iptables-restore text outside a table: ${line}`);
		if (line === 'COMMIT') {
			table = undefined;
		} else if (line.startsWith(':')) {
			const name = line.slice(1).split(' ')[0] ?? '';
			chainOf(table, name).line = line;
		} else if (line.startsWith('-A ')) {
			const name = line.split(' ')[1] ?? '';
			chainOf(table, name).rules.push(line);
		} else if (line.startsWith('-X ')) {
			table.deleted.push(line);
		} else {
			throw new Error(`unexpected iptables-restore line: ${line}`);
		}
	}
	return tables;
}

/** kube-proxy's test order for iptables-restore text; ends with a newline. */
export function sortIPTablesRules(text: string): string {
	const tables = parse(text).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const out: string[] = [];
	for (const table of tables) {
		const chains = [...table.chains.values()].sort(byChainOrder);
		for (const chain of chains) {
			if (chain.name === NODEPORTS) chain.rules.sort(byServiceName);
			if (chain.name === SERVICES) {
				const last = (rule: string): number => (ruleComment(rule)?.includes('must be the last rule') ? 1 : 0);
				chain.rules.sort((a, b) => last(a) - last(b) || byServiceName(a, b));
			}
		}
		out.push(`*${table.name}`, ...chains.map((c) => c.line), ...chains.flatMap((c) => c.rules), ...table.deleted, 'COMMIT');
	}
	return out.map((line) => `${line}\n`).join('');
}

/** The rules of one chain of one table, in order, one per line (upstream assertIPTablesChainEqual). */
export function chainRules(text: string, table: string, chain: string): string {
	const found = parse(text).find((t) => t.name === table)?.chains.get(chain);
	return (found?.rules ?? []).map((rule) => `${rule}\n`).join('');
}
