// A table's chains by name while a restore works on it: a Map, plus looking a name up where it
// stands in a line (the fast path reads words in place, see words.ts).

import type {ChainRules} from './work-table.js';

export class ChainTable {
	private readonly byName = new Map<string, ChainRules>();

	get size(): number {
		return this.byName.size;
	}

	/** The chain whose name is text[from, to). */
	getIn(text: string, from: number, to: number): ChainRules | undefined {
		return this.byName.get(text.slice(from, to));
	}

	get(name: string): ChainRules | undefined {
		return this.byName.get(name);
	}

	has(name: string): boolean {
		return this.byName.has(name);
	}

	/** Sets name's entry; a name already there keeps its place in the order. */
	set(name: string, entry: ChainRules): void {
		this.byName.set(name, entry);
	}

	delete(name: string): boolean {
		return this.byName.delete(name);
	}

	/** The entries in the order first set. */
	values(): ChainRules[] {
		return [...this.byName.values()];
	}
}
