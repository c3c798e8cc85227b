// The walk finds a chain's rules wherever they are in the table: one run each (as parse builds
// tables) or spread out (a table built by hand), and whether it looks up a few chains or many.

import test from 'ava';
import type {Rule, Ruleset} from '../../../src/sim/iptables/rule.js';
import {tracePacket} from '../../../src/sim/netfilter/traverse.js';
import {DNAT, RETURN, comment, dport, rule, ruleset} from './build.js';

function summary(rs: Ruleset): string[] {
	const result = tracePacket({
		ruleset: rs,
		entry: 'PREROUTING',
		packet: {src: '10.244.1.3', dst: '10.96.0.5', dport: 80, proto: 'tcp'},
		localAddresses: ['192.168.56.11'],
	});
	return result.outcomes.map((o) => `${o.verdict} ${o.to ?? ''} ${o.path.join('>')} ${o.steps.map((s) => `${s.chain}#${s.ruleIndex}${s.matched ? '+' : '-'}`).join(' ')}`);
}

/** PREROUTING jumps through `count` chains that each count and return, then to a DNAT. */
function manyChains(count: number): Rule[] {
	const rules: Rule[] = [];
	for (let i = 0; i < count; i++) {
		rules.push(rule('PREROUTING', {j: `KUBE-C-${i}`}));
		rules.push(rule(`KUBE-C-${i}`, {m: [comment(`c${i}`)]}), rule(`KUBE-C-${i}`, {j: RETURN}));
	}
	rules.push(rule('PREROUTING', {d: '10.96.0.5', p: 'tcp', m: [dport('tcp', 80)], j: 'KUBE-SVC'}));
	rules.push(rule('KUBE-SVC', {p: 'tcp', j: DNAT('10.244.0.2:8080')}));
	return rules;
}

test('a chain whose rules are spread through the table is walked in rule order', (t) => {
	const rules = manyChains(3);
	const grouped = [...rules].sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
	t.deepEqual(summary(ruleset({nat: rules})), summary(ruleset({nat: grouped})));
	t.is(summary(ruleset({nat: rules}))[0]!.split(' ')[0], 'DNAT');
});

test('many chains looked up: the same walk as with a few', (t) => {
	// More chains than the index looks up one by one before indexing them all.
	const rs = ruleset({nat: manyChains(150)});
	const [outcome] = summary(rs);
	t.true(outcome!.startsWith('DNAT 10.244.0.2:8080 PREROUTING>KUBE-C-0>KUBE-C-1>'));
	t.regex(outcome!, /KUBE-C-149#1\+ PREROUTING#150\+ KUBE-SVC#0\+$/);
	// Traced again (the index is kept for the table): the same.
	t.deepEqual(summary(rs), [outcome]);
});
