// The kernel-side meaning of kube-proxy's restore text: how each option ends up in the model.

import {readFileSync} from 'node:fs';
import test from 'ava';
import {nodeBaseline, nodeRuleset} from '../../../src/sim/iptables/node-baseline.js';
import {
	IptablesParseError,
	applyRestore,
	kernelProbability,
	parseRestore,
	parseRule,
	tokenize,
} from '../../../src/sim/iptables/parse.js';
import type {Rule, Ruleset} from '../../../src/sim/iptables/rule.js';
import {renderSave, saveRule} from '../../../src/sim/iptables/save.js';

const realNode = readFileSync(new URL('../../fixtures/iptables/real-node.restore.txt', import.meta.url), 'utf8');

test('a kube-proxy KUBE-SERVICES rule: -m tcp before -p tcp, --dport belongs to the tcp match', (t) => {
	const rule = parseRule(
		'-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O',
	);
	t.deepEqual(rule, {
		chain: 'KUBE-SERVICES',
		destination: {value: '172.30.0.41/32', negated: false},
		protocol: {value: 'tcp', negated: false},
		matches: [
			{module: 'comment', comment: 'ns1/svc1:p80 cluster IP'},
			{module: 'tcp', dport: {from: 80, to: 80, negated: false}},
		],
		target: {kind: 'jump', chain: 'KUBE-SVC-XPGD46QRK7WJZT7O'},
	} satisfies Rule);
});

test('unquoted comments, long option forms and array input', (t) => {
	const rule = parseRule(
		['--source', '10.180.0.1', '--match', 'comment', '--comment', 'ns1/svc1:p80', '--jump', 'KUBE-MARK-MASQ'],
		'KUBE-SEP-SXIVWICOYRO3J4NJ',
	);
	t.deepEqual(rule.source, {value: '10.180.0.1/32', negated: false});
	t.deepEqual(rule.matches, [{module: 'comment', comment: 'ns1/svc1:p80'}]);
	t.deepEqual(rule.target, {kind: 'jump', chain: 'KUBE-MARK-MASQ'});
});

test('negations before options, networks normalised', (t) => {
	const rule = parseRule('-A KUBE-SVC-X -d 10.96.0.1 ! -s 10.244.3.7/16 -p tcp -m tcp ! --dport 443 -j KUBE-MARK-MASQ');
	t.deepEqual(rule.source, {value: '10.244.0.0/16', negated: true});
	t.deepEqual(rule.matches, [{module: 'tcp', dport: {from: 443, to: 443, negated: true}}]);
});

test('MARK targets are stored as the kernel value/mask', (t) => {
	const target = (spec: string): Rule['target'] => parseRule(`-A C -j MARK ${spec}`).target;
	t.deepEqual(target('--or-mark 0x00004000'), {kind: 'MARK', value: 0x4000, mask: 0x4000});
	t.deepEqual(target('--xor-mark 0x00004000'), {kind: 'MARK', value: 0x4000, mask: 0});
	t.deepEqual(target('--set-xmark 0x8000/0x8000'), {kind: 'MARK', value: 0x8000, mask: 0x8000});
	t.deepEqual(target('--set-xmark 0x1'), {kind: 'MARK', value: 1, mask: 0xffffffff});
	t.deepEqual(target('--set-mark 0x10/0xff'), {kind: 'MARK', value: 0x10, mask: 0xff});
	t.deepEqual(target('--and-mark 0xffff0000'), {kind: 'MARK', value: 0, mask: 0xffff});
});

test('mark match: mask defaults to 0xffffffff', (t) => {
	t.deepEqual(parseRule('-A C -m mark ! --mark 0x00004000/0x00004000 -j RETURN').matches, [
		{module: 'mark', value: 0x4000, mask: 0x4000, negated: true},
	]);
	t.deepEqual(parseRule('-A C -m mark --mark 0x4000 -j RETURN').matches, [
		{module: 'mark', value: 0x4000, mask: 0xffffffff, negated: false},
	]);
});

test('statistic probability is what the kernel stores', (t) => {
	const [match] = parseRule('-A C -m statistic --mode random --probability 0.3333333333 -j RETURN').matches;
	t.deepEqual(match, {module: 'statistic', mode: 'random', probability: kernelProbability(0.3333333333)});
	t.is(kernelProbability(0.3333333333) * 2 ** 31, 715827883);
});

test('recent: defaults mask 255.255.255.255 and rsource', (t) => {
	t.deepEqual(parseRule('-A C -m recent --name KUBE-SEP-X --rcheck --seconds 10800 --reap -j KUBE-SEP-X').matches, [
		{module: 'recent', command: 'rcheck', name: 'KUBE-SEP-X', seconds: 10800, reap: true, mask: '255.255.255.255', side: 'rsource'},
	]);
	t.deepEqual(parseRule('-A C -m recent --name KUBE-SEP-X --set -m tcp -p tcp -j DNAT --to-destination 10.0.1.1:80').matches[0], {
		module: 'recent',
		command: 'set',
		name: 'KUBE-SEP-X',
		reap: false,
		mask: '255.255.255.255',
		side: 'rsource',
	});
});

test('targets: REJECT default, MASQUERADE --random-fully, DNAT, and a rule with no target', (t) => {
	t.deepEqual(parseRule('-A C -j REJECT').target, {kind: 'REJECT', rejectWith: 'icmp-port-unreachable'});
	t.deepEqual(parseRule('-A C -j MASQUERADE --random-fully').target, {kind: 'MASQUERADE', randomFully: true});
	t.deepEqual(parseRule('-A C -m tcp -p tcp -j DNAT --to-destination 10.244.1.2:3306').target, {
		kind: 'DNAT',
		toDestination: '10.244.1.2:3306',
	});
	const counting = parseRule('-A KUBE-FW-X -m comment --comment "other traffic to ns/svc:p will be dropped by KUBE-PROXY-FIREWALL"');
	t.is(counting.target, undefined);
	t.is(saveRule(counting), '-A KUBE-FW-X -m comment --comment "other traffic to ns/svc:p will be dropped by KUBE-PROXY-FIREWALL"');
});

test('conntrack and addrtype lists are kept in kernel bit order', (t) => {
	t.deepEqual(parseRule('-A C -m conntrack ! --ctstate DNAT,RELATED,ESTABLISHED -j DROP').matches, [
		{module: 'conntrack', ctstate: ['RELATED', 'ESTABLISHED', 'DNAT'], negated: true},
	]);
	t.deepEqual(parseRule('-A C -m addrtype --src-type LOCAL -j RETURN').matches, [
		{module: 'addrtype', srcType: {value: 'LOCAL', negated: false}},
	]);
});

test('tokenize follows iptables-restore quoting', (t) => {
	t.deepEqual(tokenize('-m comment --comment "a \\"b\\" c" -j X'), ['-m', 'comment', '--comment', 'a "b" c', '-j', 'X']);
	t.deepEqual(tokenize(`--comment "" x"y z" 'sq'`), ['--comment', '', 'xy z', "'sq'"]);
});

test('parseRestore reads only the tables in the text', (t) => {
	const rs = parseRestore(realNode);
	t.deepEqual(
		rs.tables.map((x) => x.name),
		['filter', 'nat'],
	);
	const nat = rs.tables.find((x) => x.name === 'nat')!;
	t.deepEqual(nat.chains.slice(0, 4), [
		{name: 'PREROUTING', policy: 'ACCEPT'},
		{name: 'INPUT', policy: 'ACCEPT'},
		{name: 'OUTPUT', policy: 'ACCEPT'},
		{name: 'POSTROUTING', policy: 'ACCEPT'},
	]);
	t.is(nat.chains[4]!.name, 'KUBE-NODEPORTS');
});

test('--noflush: declared user chains are flushed, built-in chains keep their rules, the rest stays', (t) => {
	const base = parseRestore('*filter\n:FORWARD DROP [0:0]\n:U - [0:0]\n:V - [0:0]\n-A INPUT -j U\n-A U -j RETURN\n-A V -j ACCEPT\nCOMMIT\n*nat\n:N - [0:0]\nCOMMIT\n');
	const before = JSON.stringify(base);
	const next = applyRestore(base, '*filter\n:INPUT ACCEPT [0:0]\n:V - [0:0]\n-A V -j DROP\nCOMMIT\n', {noflush: true});
	t.is(JSON.stringify(base), before, 'base is not changed');
	t.is(
		renderSave(next, {header: false, tables: ['filter']}),
		'*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:U - [0:0]\n:V - [0:0]\n-A INPUT -j U\n-A U -j RETURN\n-A V -j DROP\nCOMMIT\n',
	);
	t.truthy(next.tables.find((x) => x.name === 'nat'));
});

test('without --noflush a table in the text is replaced whole, other tables stay', (t) => {
	const base = parseRestore('*filter\n:FORWARD DROP [0:0]\n:U - [0:0]\n-A U -j RETURN\nCOMMIT\n*nat\n:N - [0:0]\nCOMMIT\n');
	const next = applyRestore(base, '*filter\n:V - [0:0]\nCOMMIT\n', {noflush: false});
	t.is(
		renderSave(next, {header: false}),
		'*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:V - [0:0]\nCOMMIT\n' +
			'*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:N - [0:0]\nCOMMIT\n',
	);
});

test('kube-proxy deletes a stale chain by declaring it and -X', (t) => {
	const base = nodeRuleset(realNode);
	const next = applyRestore(
		base,
		'*nat\n:KUBE-SVC-CDGGSHYLG3RE2FKL - [0:0]\n:KUBE-SERVICES - [0:0]\n-X KUBE-SVC-CDGGSHYLG3RE2FKL\nCOMMIT\n',
		{noflush: true},
	);
	const nat = next.tables.find((x) => x.name === 'nat')!;
	t.false(nat.chains.some((c) => c.name === 'KUBE-SVC-CDGGSHYLG3RE2FKL'));
	t.false(nat.rules.some((r) => r.chain === 'KUBE-SERVICES'));
});

test('a jump to an undeclared chain fails at COMMIT, with what was committed before', (t) => {
	const text = '*filter\n:A - [0:0]\nCOMMIT\n*nat\n:KUBE-SERVICES - [0:0]\n-A KUBE-SERVICES -j KUBE-SVC-X\nCOMMIT\n';
	const error = t.throws(() => applyRestore({tables: []}, text, {noflush: true}), {instanceOf: IptablesParseError});
	t.is(error.line, 7);
	t.is(error.message, "line 7: Chain 'KUBE-SVC-X' does not exist");
	t.is(error.exitCode, 2);
	t.deepEqual(
		error.state!.tables.map((x) => x.name),
		['filter'],
	);
});

test('things real iptables has but svc-tutor does not model are refused by name', (t) => {
	const error = t.throws(() => parseRule('-A C -p tcp -m multiport --dports 80,443 -j ACCEPT'), {
		instanceOf: IptablesParseError,
	});
	t.regex(error.message, /svc-tutor does not model the multiport match/);
	t.throws(() => parseRule('-A C -m recent ! --rcheck --name X -j RETURN'), {message: /inverted recent/});
	t.throws(() => parseRule('-A C -j LOG'), {message: /LOG target/});
});

test('the baseline has kubelet\'s KUBE-FIREWALL jumps but not its rule (kube-proxy writes that)', (t) => {
	const rs: Ruleset = nodeBaseline();
	const filter = rs.tables.find((x) => x.name === 'filter')!;
	t.true(filter.chains.some((c) => c.name === 'KUBE-FIREWALL'));
	t.false(filter.rules.some((r) => r.chain === 'KUBE-FIREWALL'));
	t.deepEqual(
		filter.rules.filter((r) => r.target?.kind === 'jump' && r.target.chain === 'KUBE-FIREWALL').map((r) => r.chain),
		['INPUT', 'OUTPUT'],
	);
	t.deepEqual(
		rs.tables.map((x) => x.name),
		['mangle', 'filter', 'nat'],
	);
});
