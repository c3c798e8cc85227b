// The restore form: the table as kube-proxy's unit tests see it, knftables' Fake.Dump(): the
// table, then every chain, set and map sorted by name, then each chain's rules, each set's and
// map's elements. Unlike kube-proxy's own transaction (which also flushes and deletes), it is a
// plain list of `add` commands that `nft -f` loads into an empty table.
import type {NftChain, NftElement, NftSetOrMap, NftTable} from './table.js';

/** Go's %q for the ASCII comments kube-proxy writes. */
function quote(s: string): string {
	return '"' + s.replaceAll('\\', '\\\\').replaceAll('"', '\\"') + '"';
}

function byName<T extends {name: string}>(objects: T[]): T[] {
	return [...objects].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function chainLine(prefix: string, chain: NftChain): string {
	let line = `add chain ${prefix} ${chain.name}`;
	if (chain.base !== undefined || chain.comment !== undefined) {
		line += ' {';
		if (chain.base) line += ` type ${chain.base.type} hook ${chain.base.hook} priority ${chain.base.priority} ;`;
		if (chain.comment !== undefined) line += ` comment ${quote(chain.comment)} ;`;
		line += ' }';
	}
	return line;
}

function setLine(prefix: string, set: NftSetOrMap): string {
	let line = `add ${set.kind} ${prefix} ${set.name} { type ${set.type} ;`;
	if (set.flags && set.flags.length > 0) line += ` flags ${set.flags.join(',')} ;`;
	if (set.timeoutSeconds !== undefined) line += ` timeout ${set.timeoutSeconds}s ;`;
	if (set.comment !== undefined) line += ` comment ${quote(set.comment)} ;`;
	return line + ' }';
}

function elementLine(prefix: string, set: string, element: NftElement): string {
	let line = `add element ${prefix} ${set} { ${element.key.join(' . ')}`;
	if (element.comment !== undefined) line += ` comment ${quote(element.comment)}`;
	if (element.value !== undefined) line += ` : ${element.value.join(' . ')}`;
	return line + ' }';
}

export function renderNftDump(table: NftTable): string {
	const prefix = `${table.family} ${table.name}`;
	const chains = byName(table.chains());
	const sets = byName(table.setsAndMaps('set'));
	const maps = byName(table.setsAndMaps('map'));
	const lines = [`add table ${prefix} { comment ${quote(table.comment)} ; }`];
	for (const chain of chains) lines.push(chainLine(prefix, chain));
	for (const set of [...sets, ...maps]) lines.push(setLine(prefix, set));
	for (const chain of chains) {
		for (const rule of chain.rules) lines.push(`add rule ${prefix} ${chain.name} ${rule.rule}${rule.comment !== undefined ? ` comment ${quote(rule.comment)}` : ''}`);
	}
	for (const set of [...sets, ...maps]) for (const element of set.elements) lines.push(elementLine(prefix, set.name, element));
	return lines.join('\n') + '\n';
}

/** The same commands with the objects in the order kube-proxy's transaction first creates them:
 * loaded with `nft -f`, the kernel lists the table as it does on a node after kube-proxy's sync. */
export function renderNftCreationOrder(table: NftTable): string {
	const prefix = `${table.family} ${table.name}`;
	const objects = [...table.objects.values()];
	const lines = [`add table ${prefix} { comment ${quote(table.comment)} ; }`];
	for (const o of objects) lines.push(o.kind === 'chain' ? chainLine(prefix, o) : setLine(prefix, o));
	for (const o of objects) {
		if (o.kind === 'chain') for (const rule of o.rules) lines.push(`add rule ${prefix} ${o.name} ${rule.rule}${rule.comment !== undefined ? ` comment ${quote(rule.comment)}` : ''}`);
	}
	for (const o of objects) if (o.kind !== 'chain') for (const element of o.elements) lines.push(elementLine(prefix, o.name, element));
	return lines.join('\n') + '\n';
}
