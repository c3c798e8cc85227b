// The node's rule counters: a packet counts on every rule it matches (jumps, targets, rules with
// no target), with its bytes; counters follow the rule through a rebuilt rule set; the printers'
// number formats are libxtables' xtables_print_num.
import test from 'ava';
import {formatCount, NodeCounters} from '../../../src/sim/netfilter/counters.js';
import {traceBranches} from '../../../src/sim/netfilter/index.js';
import {nodeRuleset} from '../../../src/sim/iptables/node-baseline.js';
import {renderList} from '../../../src/sim/iptables/list.js';
import {renderSave} from '../../../src/sim/iptables/save.js';
import {renderSpec} from '../../../src/sim/iptables/spec.js';

const RESTORE = `*nat
:KUBE-SERVICES - [0:0]
:KUBE-SVC-A - [0:0]
:KUBE-SEP-A - [0:0]
:KUBE-MARK-MASQ - [0:0]
-A KUBE-SERVICES -d 10.96.0.20/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-A
-A KUBE-SVC-A ! -s 10.244.0.0/16 -d 10.96.0.20/32 -p tcp -m tcp --dport 80 -j KUBE-MARK-MASQ
-A KUBE-SVC-A -j KUBE-SEP-A
-A KUBE-SEP-A -p tcp -m tcp -j DNAT --to-destination 10.244.1.5:8080
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
COMMIT
`;

function walk(src: string) {
	const ruleset = nodeRuleset(RESTORE);
	const [branch] = traceBranches({ruleset, entry: 'PREROUTING', packet: {src, dst: '10.96.0.20', dport: 80, proto: 'tcp'}, localAddresses: ['127.0.0.1', '192.168.56.11']});
	return {ruleset, branch: branch!};
}

test('a packet counts on each rule it matched, with its bytes; unmatched rules stay 0', (t) => {
	const counters = new NodeCounters();
	t.true(counters.empty);
	const {ruleset, branch} = walk('192.168.56.1');
	counters.countBranch(branch, 60);
	counters.countBranch(walk('10.244.2.7').branch, 60);
	const save = renderSave(ruleset, {tables: ['nat'], header: false, ruleCounters: true, counters: counters.viewOf(ruleset)!});
	t.true(save.includes('[2:120] -A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES\n'));
	t.true(save.includes('[2:120] -A KUBE-SERVICES -d 10.96.0.20/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-A\n'));
	// Only the outside client is masqueraded: one packet through KUBE-MARK-MASQ.
	t.true(save.includes('[1:60] -A KUBE-SVC-A ! -s 10.244.0.0/16 -d 10.96.0.20/32 -p tcp -m tcp --dport 80 -j KUBE-MARK-MASQ\n'));
	t.true(save.includes('[1:60] -A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n'));
	t.true(save.includes('[2:120] -A KUBE-SEP-A -p tcp -m tcp -j DNAT --to-destination 10.244.1.5:8080\n'));
	t.true(save.includes('[0:0] -A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES\n'));
	// Built-in chains keep 0 policy counters, as kube-proxy's iptables-nft chains do.
	t.true(save.includes(':PREROUTING ACCEPT [0:0]\n'));
});

test('counters follow a rule into a rebuilt rule set (same text), and zero() clears them', (t) => {
	const counters = new NodeCounters();
	counters.countBranch(walk('192.168.56.1').branch, 52);
	const rebuilt = nodeRuleset(RESTORE);
	const list = renderList(rebuilt, {table: 'nat', chain: 'KUBE-SEP-A', numeric: true, verbose: true, counters: counters.viewOf(rebuilt)!});
	t.is(list.split('\n')[2], '    1    52 DNAT       6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp to:10.244.1.5:8080');
	const spec = renderSpec(rebuilt, {table: 'nat', chain: 'KUBE-SEP-A', verbose: true, counters: counters.viewOf(rebuilt)!});
	t.is(spec, '-N KUBE-SEP-A\n-A KUBE-SEP-A -p tcp -m tcp -c 1 52 -j DNAT --to-destination 10.244.1.5:8080\n');
	counters.zero();
	t.true(counters.empty);
	t.is(counters.viewOf(rebuilt), undefined);
});

test('numbers as xtables_print_num prints them: units past 99999, exact with -x, no widths in headings', (t) => {
	t.is(formatCount(0, false), '    0 ');
	t.is(formatCount(99999, false), '99999 ');
	t.is(formatCount(100000, false), ' 100K ');
	t.is(formatCount(1499, false), ' 1499 ');
	t.is(formatCount(9999499, false), '9999K ');
	t.is(formatCount(9999500, false), '  10M ');
	t.is(formatCount(123456, true), '  123456 ');
	t.is(formatCount(123456, false, true), '123K ');
	t.is(formatCount(7, true, true), '7 ');
});
