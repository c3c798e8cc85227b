// The `ip kube-proxy` table as kube-proxy's knftables transaction builds it: chains, sets and
// maps in the order kube-proxy first creates them (the kernel lists them in that order), each
// with its rules or elements in the order they were added.

export type NftFamily = 'ip' | 'ip6';

export interface NftRule {
	rule: string;
	comment?: string;
}

export interface NftBaseChain {
	type: 'filter' | 'nat';
	hook: 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';
	priority: number;
}

export interface NftChain {
	kind: 'chain';
	name: string;
	base?: NftBaseChain;
	comment?: string;
	rules: NftRule[];
}

export interface NftElement {
	key: string[];
	/** A map element's value (a verdict); absent in sets. */
	value?: string[];
	comment?: string;
}

export interface NftSetOrMap {
	kind: 'set' | 'map';
	name: string;
	/** knftables' Type: `ipv4_addr`, `ipv4_addr . inet_proto . inet_service : verdict`. */
	type: string;
	flags?: string[];
	timeoutSeconds?: number;
	comment?: string;
	elements: NftElement[];
}

export type NftObject = NftChain | NftSetOrMap;

export class NftTable {
	readonly comment = 'rules for kube-proxy';
	/** Every object by name, in creation order (a Map keeps insertion order). */
	readonly objects = new Map<string, NftObject>();
	private readonly elementKeys = new Map<string, Map<string, number>>();

	constructor(readonly family: NftFamily, readonly name = 'kube-proxy') {}

	/** knftables' Add of a chain: a no-op when it exists. */
	chain(name: string, extra: {base?: NftBaseChain; comment?: string} = {}): NftChain {
		const existing = this.objects.get(name);
		if (existing?.kind === 'chain') return existing;
		const chain: NftChain = {kind: 'chain', name, rules: [], ...extra};
		this.objects.set(name, chain);
		return chain;
	}

	set(kind: 'set' | 'map', name: string, props: Omit<NftSetOrMap, 'kind' | 'name' | 'elements'>): NftSetOrMap {
		const existing = this.objects.get(name);
		if (existing !== undefined && existing.kind !== 'chain') return existing;
		const set: NftSetOrMap = {kind, name, elements: [], ...props};
		this.objects.set(name, set);
		return set;
	}

	/** knftables' Delete: the object goes (kube-proxy adds and deletes nodeport-ips when every address takes NodePorts). */
	delete(name: string): void {
		this.objects.delete(name);
		this.elementKeys.delete(name);
	}

	rule(chain: string, rule: string, comment?: string): void {
		const target = this.objects.get(chain);
		if (target?.kind !== 'chain') throw new Error(`nftables: no chain ${chain}`);
		target.rules.push(comment === undefined ? {rule} : {rule, comment});
	}

	/** kube-proxy's ensureElem: an element already there with the same key is not added again
	 * (two ports of one Service share its cluster-ips element). */
	element(set: string, element: NftElement): void {
		const target = this.objects.get(set);
		if (target === undefined || target.kind === 'chain') throw new Error(`nftables: no set or map ${set}`);
		let keys = this.elementKeys.get(set);
		if (keys === undefined) this.elementKeys.set(set, (keys = new Map()));
		const key = element.key.join(' . ');
		const at = keys.get(key);
		if (at === undefined) {
			keys.set(key, target.elements.length);
			target.elements.push(element);
		} else target.elements[at] = element;
	}

	chains(): NftChain[] {
		return [...this.objects.values()].filter((o): o is NftChain => o.kind === 'chain');
	}

	setsAndMaps(kind: 'set' | 'map'): NftSetOrMap[] {
		return [...this.objects.values()].filter((o): o is NftSetOrMap => o.kind === kind);
	}

	get(name: string): NftObject | undefined {
		return this.objects.get(name);
	}
}
