// formatTrace: the plain-text trace the CLI prints.

import test from 'ava';
import type {Rule} from '../../../src/sim/iptables/rule.js';
import {formatTrace} from '../../../src/sim/netfilter/format.js';
import {tracePacket} from '../../../src/sim/netfilter/traverse.js';
import {DNAT, MARK, MASQUERADE, REJECT, RETURN, dport, mark, rule, ruleset, statistic} from './build.js';
import {NODE_IP, OUTSIDE, node01} from './node.js';

/** A short stand-in for the save-form renderer, so these tests pin only formatTrace's layout. */
const renderRule = (r: Rule): string => {
	const target = r.target === undefined ? '(count)' : r.target.kind === 'jump' ? r.target.chain : r.target.kind;
	return `${r.chain} → ${target}`;
};

const small = ruleset({
	nat: [
		rule('PREROUTING', {j: 'SVC'}),
		rule('SVC', {m: [statistic(0.25)], j: 'SEP-A'}),
		rule('SVC', {j: 'SEP-B'}),
		rule('SEP-A', {s: '10.244.1.3', j: MARK(0x4000, 0x4000)}),
		rule('SEP-A', {j: DNAT('10.244.1.3:8080')}),
		rule('SEP-B', {j: DNAT('10.244.2.9:8080')}),
		rule('POSTROUTING', {m: [mark(0x4000, 0x4000, true)], j: RETURN}),
		rule('POSTROUTING', {j: MASQUERADE}),
	],
	filter: [rule('FORWARD', {d: '10.244.2.9', p: 'tcp', m: [dport('tcp', 8080)], j: REJECT})],
});

test('each outcome: verdict, probability, masquerade, path, then every rule tested, indented by depth', (t) => {
	const result = tracePacket({ruleset: small, entry: 'PREROUTING', packet: {src: '10.244.1.3', dst: '10.96.0.5', dport: 80, proto: 'tcp'}, localAddresses: [NODE_IP]});
	t.is(formatTrace(result, {renderRule}), `tcp 10.244.1.3 → 10.96.0.5:80, arriving (PREROUTING): 2 outcomes

Outcome 1/2: DNAT to 10.244.1.3:8080, probability 0.25 (25.00%), masquerade: yes
  path: PREROUTING → SVC → SEP-A → FORWARD → POSTROUTING
  nat PREROUTING
    ✔ 1 PREROUTING → SVC
      ✔ 1 SVC → SEP-A   [probability 0.25000000000: taken]
        ✔ 1 SEP-A → MARK   [mark 0x0 → 0x4000]
        ✔ 2 SEP-A → DNAT   [destination → 10.244.1.3:8080]
  filter FORWARD
    ✖ 1 FORWARD → REJECT
  nat POSTROUTING
    ✖ 1 POSTROUTING → RETURN
    ✔ 2 POSTROUTING → MASQUERADE   [source → the outgoing interface address]

Outcome 2/2: REJECT after DNAT to 10.244.2.9:8080 (filter FORWARD rule 1), probability 0.75 (75.00%), masquerade: no
  path: PREROUTING → SVC → SEP-B → FORWARD
  nat PREROUTING
    ✔ 1 PREROUTING → SVC
      ✖ 1 SVC → SEP-A   [probability 0.25000000000: not taken (0.75000000000)]
      ✔ 2 SVC → SEP-B
        ✔ 1 SEP-B → DNAT   [destination → 10.244.2.9:8080]
  filter FORWARD
    ✔ 1 FORWARD → REJECT
`);
});

test('an untouched packet says so; the node itself is the OUTPUT entry', (t) => {
	const result = tracePacket({ruleset: small, entry: 'OUTPUT', packet: {src: NODE_IP, sport: 40000, dst: '1.1.1.1', dport: 53, proto: 'udp'}, localAddresses: [NODE_IP]});
	t.is(formatTrace(result, {renderRule}), `udp 192.168.56.11:40000 → 1.1.1.1:53, sent by the node (OUTPUT): 1 outcome

Outcome 1/1: ACCEPT (untouched), probability 1 (100.00%), masquerade: no
  path: POSTROUTING
  nat POSTROUTING
    ✔ 1 POSTROUTING → RETURN
`);
});

test('long runs of unmatched rules can be collapsed to one line', (t) => {
	const result = tracePacket({ruleset: node01(), entry: 'PREROUTING', packet: {src: OUTSIDE, dst: NODE_IP, dport: 30090, proto: 'tcp'}, localAddresses: [NODE_IP]});
	const full = formatTrace(result, {renderRule}).split('\n');
	const short = formatTrace(result, {renderRule, collapseUnmatched: 3}).split('\n');
	t.true(full.includes('      ✖ 5 KUBE-SERVICES → KUBE-SVC-T2ECBIYT2WDZZK45'));
	t.true(short.includes('      ✖ … 5 rules not matched (KUBE-SERVICES rules 1–5)'));
	t.false(short.some((line) => line.includes('KUBE-SERVICES → KUBE-SVC-T2ECBIYT2WDZZK45')));
	// A run of 3 (the KUBE-EXT chain) is under the limit and stays rule by rule.
	t.true(short.includes('          ✖ 3 KUBE-EXT-VXBHRJBHABYZOW4Y → KUBE-SVC-VXBHRJBHABYZOW4Y'));
	t.is(full.length - short.length, 4);
	t.true(short[2]?.startsWith('Outcome 1/1: DROP (filter KUBE-EXTERNAL-SERVICES rule 1), probability 1 (100.00%), masquerade: no'));
});
