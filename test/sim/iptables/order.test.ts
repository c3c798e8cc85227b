// The order iptables prints a table in (built-in chains, then user chains in byte order) and the
// sort behind it: it must order names exactly as JavaScript compares strings, whatever they are,
// and print a table the same however its rules are laid out.

import test from 'ava';
import fc from 'fast-check';
import {renderList} from '../../../src/sim/iptables/list.js';
import {parseRestore} from '../../../src/sim/iptables/parse.js';
import type {Ruleset} from '../../../src/sim/iptables/rule.js';
import {orderedChains, renderSave} from '../../../src/sim/iptables/save.js';
import {sortedOrder} from '../../../src/sim/iptables/sort-names.js';

/** What sortedOrder must give: positions by `<`, equal names in their order. */
function reference(names: string[]): number[] {
	return names
		.map((name, i) => [name, i] as const)
		.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]))
		.map(([, i]) => i);
}

const nameChars = fc.constantFrom('a', 'b', 'K', '-', '_', '0', '\u0000', '\u00ff', '\u0100', '\ud800', '\udc00', '\uffff');

test('sortedOrder orders names as < does, stably', (t) => {
	fc.assert(
		fc.property(fc.array(fc.string({unit: nameChars, maxLength: 8}), {maxLength: 200}), (names) => {
			const withDuplicates = [...names, ...names.slice(0, names.length / 3)];
			t.deepEqual([...sortedOrder(withDuplicates)], reference(withDuplicates));
		}),
	);
});

test('sortedOrder on kube-proxy-like names, long shared prefixes and deep nesting', (t) => {
	const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	const hash = (i: number): string => Array.from({length: 16}, (_, k) => chars[(i * 7919 + k * 104729) % 32]).join('');
	const names = Array.from({length: 5000}, (_, i) => `KUBE-${['SEP', 'SVC', 'EXT', 'FW'][i % 4]}-${hash(i)}`);
	t.deepEqual([...sortedOrder(names)], reference(names));
	// "a", "aa", "aaa", … shuffled: a bucket within a bucket for every length.
	const deep = Array.from({length: 2000}, (_, i) => 'a'.repeat(((i * 7) % 2000) + 1));
	t.deepEqual([...sortedOrder(deep)], reference(deep));
});

const TEXT = `*nat
:KUBE-SVC-B - [0:0]
:KUBE-SEP-A - [0:0]
:KUBE-SVC-A - [0:0]
:KUBE-EMPTY - [0:0]
-A PREROUTING -j KUBE-SVC-B
-A KUBE-SVC-B -m comment --comment b -j KUBE-SEP-A
-A KUBE-SVC-A -m comment --comment a1 -j KUBE-SEP-A
-A KUBE-SVC-A -m comment --comment a2 -j KUBE-SEP-A
-A KUBE-SEP-A -p tcp -j DNAT --to-destination 10.244.0.2:80
-A PREROUTING -j KUBE-SVC-A
COMMIT
`;

test('a table prints the same whether the rules of each chain are grouped or interleaved', (t) => {
	const grouped = parseRestore(TEXT);
	const nat = grouped.tables[0]!;
	t.deepEqual(
		orderedChains(nat).map((c) => c.name),
		['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING', 'KUBE-EMPTY', 'KUBE-SEP-A', 'KUBE-SVC-A', 'KUBE-SVC-B'],
	);
	// The same rules, each chain's in order but the chains mixed up, and the chains listed in
	// another order: a table built by hand rather than by parse.
	const rules = [...nat.rules];
	const mixed = [rules[0]!, rules[2]!, rules[4]!, rules[1]!, rules[3]!, rules[5]!];
	const interleaved: Ruleset = {tables: [{name: 'nat', chains: [...nat.chains].reverse(), rules: mixed}]};
	t.is(renderSave(interleaved, {header: false}), renderSave(grouped, {header: false}));
	for (const numeric of [false, true]) {
		t.is(renderList(interleaved, {table: 'nat', numeric, lineNumbers: true}), renderList(grouped, {table: 'nat', numeric, lineNumbers: true}));
	}
	t.regex(renderSave(grouped, {header: false}), /-A PREROUTING -j KUBE-SVC-B\n-A PREROUTING -j KUBE-SVC-A\n/);
});
