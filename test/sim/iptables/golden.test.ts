// Golden tests: svc-tutor's save and list forms must equal, byte for byte, what real iptables 1.8.9
// (nf_tables) printed for the same rules. The fixtures were captured once by
// test/fixtures/iptables/capture.sh in a private network namespace; these tests need no root.

import {readFileSync} from 'node:fs';
import test from 'ava';
import {renderList, type ListOptions} from '../../../src/sim/iptables/list.js';
import {nodeRuleset} from '../../../src/sim/iptables/node-baseline.js';
import type {TableName} from '../../../src/sim/iptables/rule.js';
import {renderSave} from '../../../src/sim/iptables/save.js';

const fixtures = new URL('../../fixtures/iptables/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, fixtures), 'utf8');

const variants: {suffix: string; opts: Pick<ListOptions, 'numeric' | 'verbose'>}[] = [
	{suffix: 'list', opts: {numeric: false}},
	{suffix: 'list-n', opts: {numeric: true}},
	{suffix: 'list-v', opts: {numeric: false, verbose: true}},
	{suffix: 'list-vn', opts: {numeric: true, verbose: true}},
];

for (const scenario of ['real-node', 'shapes']) {
	const rs = nodeRuleset(fixture(`${scenario}.restore.txt`));

	test(`${scenario}: iptables-save`, (t) => {
		t.is(renderSave(rs, {date: '<date>'}), fixture(`${scenario}.save.txt`));
	});

	for (const table of ['mangle', 'filter', 'nat'] as TableName[]) {
		for (const {suffix, opts} of variants) {
			test(`${scenario}: iptables -t ${table} -L ${JSON.stringify(opts)}`, (t) => {
				t.is(renderList(rs, {table, ...opts}), fixture(`${scenario}.${table}-${suffix}.txt`));
			});
		}
	}

	test(`${scenario}: iptables -t nat -L KUBE-SVC-… -n --line-numbers`, (t) => {
		const expected = fixture(`${scenario}.nat-chain-n.txt`);
		const chain = /^Chain (\S+)/.exec(expected)![1]!;
		t.is(renderList(rs, {table: 'nat', chain, numeric: true, lineNumbers: true}), expected);
	});
}

test('real-node.save.txt is the reference file of a real node', (t) => {
	// The committed fixture is what capture.sh checked against the shared reference file; make sure
	// its kube-proxy chains are all there, so a re-capture cannot silently drop the scenario.
	const save = fixture('real-node.save.txt');
	t.true(save.includes('-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name  ct_state_invalid_dropped_pkts -j DROP'));
	t.true(save.includes('-A KUBE-SVC-BILYYKAKWI7RYELB -m comment --comment "default/shop:http -> 10.244.1.12:3000" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-ANIFMAGWUDEEH45B'));
});
