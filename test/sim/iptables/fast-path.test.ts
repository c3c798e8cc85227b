// applyRestore reads kube-proxy's usual `-A` lines on a fast path (restore/fast-rule.ts) and all
// else with the general reader. The fast path must build exactly what the general reader builds:
// the same values with their keys in the same order (-D compares rules by their JSON), so each
// rule is checked against parseRule's, which only ever uses the general reader.

import {readFileSync} from 'node:fs';
import test from 'ava';
import {IptablesParseError, applyRestore, parseRestore, parseRule} from '../../../src/sim/iptables/parse.js';
import type {Rule, Ruleset, TableName} from '../../../src/sim/iptables/rule.js';
import {renderSave} from '../../../src/sim/iptables/save.js';

const fixtures = new URL('../../fixtures/iptables/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, fixtures), 'utf8');

/** Each `-A` line of text with its table, parsed by the general reader alone. */
function generalRules(text: string): Map<string, Rule[]> {
	const byChain = new Map<string, Rule[]>();
	let table: TableName = 'filter';
	text.split('\n').forEach((line, index) => {
		if (line.startsWith('*')) table = line.slice(1) as TableName;
		if (!line.startsWith('-A ')) return;
		const rule = parseRule(line, undefined, {line: index + 1, table});
		const key = `${table} ${rule.chain}`;
		byChain.set(key, [...(byChain.get(key) ?? []), rule]);
	});
	return byChain;
}

function rulesByChain(rs: Ruleset): Map<string, Rule[]> {
	const byChain = new Map<string, Rule[]>();
	for (const table of rs.tables) {
		for (const rule of table.rules) {
			const key = `${table.name} ${rule.chain}`;
			byChain.set(key, [...(byChain.get(key) ?? []), rule]);
		}
	}
	return byChain;
}

function assertSameAsGeneral(t: import('ava').ExecutionContext, text: string): void {
	const fast = rulesByChain(parseRestore(text));
	const general = generalRules(text);
	t.deepEqual([...fast.keys()].sort(), [...general.keys()].sort());
	for (const [chain, rules] of general) {
		t.is(JSON.stringify(fast.get(chain)), JSON.stringify(rules), chain);
	}
}

/** kube-proxy's rule shapes, with the variations the fast path reads and ones it leaves alone. */
const SHAPES = `*nat
:KUBE-SERVICES - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SVC-AAAAAAAAAAAAAAAA - [0:0]
:KUBE-EXT-AAAAAAAAAAAAAAAA - [0:0]
:KUBE-SEP-BBBBBBBBBBBBBBBB - [0:0]
:KUBE-SEP-CCCCCCCCCCCCCCCC - [0:0]
-A KUBE-POSTROUTING -m mark ! --mark 0x00004000/0x00004000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x00004000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000
-A KUBE-SERVICES -m comment --comment "ns/a:http cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j KUBE-SVC-AAAAAAAAAAAAAAAA
-A KUBE-SERVICES -m comment --comment "ns/a:dns cluster IP" -m udp -p udp -d 10.96.0.10/32 --dport 53 -j KUBE-SVC-AAAAAAAAAAAAAAAA
-A KUBE-SERVICES -m comment --comment "ns/a:sctp cluster IP" -m sctp -p sctp -d 10.96.0.10 --dport 9 -j KUBE-SVC-AAAAAAAAAAAAAAAA
-A KUBE-SERVICES -p tcp -d 10.96.0.11 --dport 80 -m comment --comment implicit -j KUBE-SVC-AAAAAAAAAAAAAAAA
-A KUBE-SERVICES -m tcp -p tcp -d 10.96.0.12 --sport 1000 --dport 80 -j KUBE-SVC-AAAAAAAAAAAAAAAA
-A KUBE-SERVICES -m tcp -p tcp -d 10.96.0.12 --dport http -j KUBE-SVC-AAAAAAAAAAAAAAAA
-A KUBE-SERVICES -m tcp -p tcp -d 10.96.0.12 --dport 0:65535 -j KUBE-SVC-AAAAAAAAAAAAAAAA
-A KUBE-SERVICES -m tcp -p tcp -d 10.96.0.12 ! --dport 80 -j KUBE-SVC-AAAAAAAAAAAAAAAA
-A KUBE-SERVICES -m tcp -m tcp -p tcp --dport 80 --sport 81 -j KUBE-SVC-AAAAAAAAAAAAAAAA
-A KUBE-SERVICES -d 10.96.0.13/16 -p tcp -m tcp --dport 80 -j KUBE-SVC-AAAAAAAAAAAAAAAA
-A KUBE-SERVICES -d 010.96.0.14 -j KUBE-SVC-AAAAAAAAAAAAAAAA
-A KUBE-SERVICES ! -d 10.96.0.14 -j KUBE-SVC-AAAAAAAAAAAAAAAA
-A KUBE-SERVICES -d 0.0.0.0/0 -j KUBE-SVC-AAAAAAAAAAAAAAAA
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-NODEPORTS -m comment --comment ns/a:http -m tcp -p tcp -d 127.0.0.0/8 --dport 30080 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-AAAAAAAAAAAAAAAA
-A KUBE-NODEPORTS -m comment --comment ns/a:http -m tcp -p tcp --dport 30080 -j KUBE-EXT-AAAAAAAAAAAAAAAA
-A KUBE-EXT-AAAAAAAAAAAAAAAA -m comment --comment "masquerade traffic for ns/a:http external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-AAAAAAAAAAAAAAAA -j KUBE-SVC-AAAAAAAAAAAAAAAA
-A KUBE-SVC-AAAAAAAAAAAAAAAA -m comment --comment "ns/a:http cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
-A KUBE-SVC-AAAAAAAAAAAAAAAA -m comment --comment "ns/a:http -> 10.244.1.2:8080" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-BBBBBBBBBBBBBBBB
-A KUBE-SVC-AAAAAAAAAAAAAAAA -m comment --comment "ns/a:http -> 10.244.1.3:8080" -m statistic --mode random -j KUBE-SEP-CCCCCCCCCCCCCCCC
-A KUBE-SVC-AAAAAAAAAAAAAAAA -m statistic --probability 0.2 --mode random -j KUBE-SEP-CCCCCCCCCCCCCCCC
-A KUBE-SVC-AAAAAAAAAAAAAAAA -m comment --comment "ns/a:http -> 10.244.1.3:8080" -j KUBE-SEP-CCCCCCCCCCCCCCCC
-A KUBE-SEP-BBBBBBBBBBBBBBBB -m comment --comment ns/a:http -s 10.244.1.2 -j KUBE-MARK-MASQ
-A KUBE-SEP-BBBBBBBBBBBBBBBB -m comment --comment ns/a:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.2:8080
-A KUBE-SEP-CCCCCCCCCCCCCCCC -m comment --comment ns/a:http -s 10.244.1.3 -j KUBE-MARK-MASQ
-A KUBE-SEP-CCCCCCCCCCCCCCCC -m comment --comment ns/a:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.3:08080
-A KUBE-SEP-CCCCCCCCCCCCCCCC -m comment --comment ns/a:http -j DNAT --to-destination 010.244.1.3
-A KUBE-SEP-CCCCCCCCCCCCCCCC -m comment --comment ns/a:http -m udp -p udp -j DNAT --to-destination 10.244.1.3:53
-A KUBE-SEP-CCCCCCCCCCCCCCCC	-m comment --comment tabbed -j RETURN
-A KUBE-SEP-CCCCCCCCCCCCCCCC -m comment --comment "a \\"quoted\\" one" -j RETURN
-A KUBE-SEP-CCCCCCCCCCCCCCCC -m "comment" --comment x"y" -j RETURN
-A KUBE-SEP-CCCCCCCCCCCCCCCC "-j" "ACCEPT"
-A KUBE-SEP-CCCCCCCCCCCCCCCC -m comment --comment ns/a:http
-A KUBE-SEP-CCCCCCCCCCCCCCCC -j UNDECLARED-LATER
-A KUBE-SEP-CCCCCCCCCCCCCCCC -j NODASH
:UNDECLARED-LATER - [0:0]
:NODASH - [0:0]
COMMIT
*filter
:KUBE-FORWARD - [0:0]
:KUBE-FIREWALL - [0:0]
-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x00004000/0x00004000 -j ACCEPT
-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A KUBE-FIREWALL -p tcp -s 10.0.0.0/8 -d 10.0.0.1 -j REJECT --reject-with tcp-reset
COMMIT
`;

test('kube-proxy rule shapes: every rule is exactly what the general reader builds', (t) => {
	assertSameAsGeneral(t, SHAPES);
});

test('real node and shapes fixtures: every rule is exactly what the general reader builds', (t) => {
	assertSameAsGeneral(t, fixture('real-node.restore.txt'));
	assertSameAsGeneral(t, fixture('shapes.restore.txt'));
});

test('values shared between rules are equal values, not one rule changed through another', (t) => {
	const rs = parseRestore(SHAPES);
	const before = renderSave(rs, {header: false});
	const copy = JSON.parse(JSON.stringify(rs)) as Ruleset;
	t.is(renderSave(copy, {header: false}), before);
	// Deleting a rule by its text still finds it among rules that share parts with it.
	const deleted = applyRestore(
		rs,
		'*nat\n-D KUBE-SEP-BBBBBBBBBBBBBBBB -m comment --comment ns/a:http -s 10.244.1.2 -j KUBE-MARK-MASQ\nCOMMIT\n',
		{noflush: true},
	);
	const nat = deleted.tables.find((x) => x.name === 'nat')!;
	t.deepEqual(
		nat.rules.filter((r) => r.chain === 'KUBE-SEP-BBBBBBBBBBBBBBBB').map((r) => r.target),
		[{kind: 'DNAT', toDestination: '10.244.1.2:8080'}],
	);
	t.is(renderSave(rs, {header: false}), before, 'base is not changed');
});

test('a jump to a chain deleted later in the same table still fails at COMMIT', (t) => {
	const text = '*nat\n:A - [0:0]\n:B - [0:0]\n-A A -m comment --comment x -j B\n-F A\n-X B\nCOMMIT\n';
	const error = t.throws(() => parseRestore(text), {instanceOf: IptablesParseError});
	t.is(error.message, "line 7: Chain 'B' does not exist");
	// Made again under the same name: the jump is fine.
	t.notThrows(() => parseRestore('*nat\n:A - [0:0]\n:B - [0:0]\n-A A -m comment --comment x -j B\n-F A\n-X B\n-N B\nCOMMIT\n'));
});

test('the fast path forgets chains across tables and deletions', (t) => {
	// The same chain names in two tables, and a chain deleted and made again between rules.
	const text =
		'*filter\n:KUBE-X - [0:0]\n-A KUBE-X -m comment --comment f -j RETURN\nCOMMIT\n' +
		'*nat\n:KUBE-X - [0:0]\n:KUBE-Y - [0:0]\n-A KUBE-Y -m comment --comment n -j KUBE-X\n-A KUBE-X -m comment --comment n -j RETURN\n' +
		'-F KUBE-Y\n-F KUBE-X\n-X KUBE-X\n-N KUBE-X\n-A KUBE-X -m comment --comment again -j RETURN\n-A KUBE-Y -m comment --comment n -j KUBE-X\nCOMMIT\n';
	const rs = parseRestore(text);
	t.is(
		renderSave(rs, {header: false}),
		'*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:KUBE-X - [0:0]\n-A KUBE-X -m comment --comment f -j RETURN\nCOMMIT\n' +
			'*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:KUBE-X - [0:0]\n:KUBE-Y - [0:0]\n' +
			'-A KUBE-X -m comment --comment again -j RETURN\n-A KUBE-Y -m comment --comment n -j KUBE-X\nCOMMIT\n',
	);
	t.is(JSON.stringify(rulesByChain(rs).get('nat KUBE-X')), JSON.stringify(generalRules('*nat\n-A KUBE-X -m comment --comment again -j RETURN\n').get('nat KUBE-X')));
});

/** Lines the fast path leaves to the general reader because they are wrong: the error is the one
 * parseRule gives for the line (kernel refusals, exit status 4, are reported at COMMIT). */
const WRONG = [
	'-A KUBE-SVC-X -m comment --comment "x" -m tcp -p udp --dport 80 -j KUBE-SEP-X',
	'-A KUBE-SVC-X -m comment --comment x -m comment -j KUBE-SEP-X',
	'-A KUBE-SVC-X -m comment --comment x --comment y -j KUBE-SEP-X',
	'-A KUBE-SVC-X -m tcp -p tcp --dport 80 --dport 81 -j KUBE-SEP-X',
	'-A KUBE-SVC-X -m tcp -p tcp --dport 70000 -j KUBE-SEP-X',
	'-A KUBE-SVC-X --dport 80 -p tcp -j KUBE-SEP-X',
	'-A KUBE-SVC-X -m statistic --probability 0.5 -j KUBE-SEP-X',
	'-A KUBE-SVC-X -m statistic --mode random --probability 1.5 -j KUBE-SEP-X',
	'-A KUBE-SVC-X -m statistic --mode nth -j KUBE-SEP-X',
	'-A KUBE-SVC-X -s 10.0.0.1 -s 10.0.0.2 -j KUBE-SEP-X',
	'-A KUBE-SVC-X -s 10.0.0.256 -j KUBE-SEP-X',
	'-A KUBE-SVC-X -s 10.0.0.1/33 -j KUBE-SEP-X',
	'-A KUBE-SVC-X ! ! -s 10.0.0.1 -j KUBE-SEP-X',
	'-A KUBE-SVC-X -j KUBE-SEP-X -j KUBE-SEP-X',
	'-A KUBE-SVC-X -j KUBE-SEP-THIS-NAME-IS-FAR-TOO-LONG-X',
	'-A KUBE-SVC-X -j DNAT',
	'-A KUBE-SVC-X -j DNAT --to-destination 10.0.0.1:80',
	'-A KUBE-SVC-X -p tcp -j DNAT --to-destination 10.0.0.1:0',
	'-A KUBE-SVC-X -p tcp -j DNAT --to-destination 10.0.0.1:80 --to-destination 10.0.0.1:81',
	'-A KUBE-SVC-X --to-destination 10.0.0.1:80 -j DNAT',
	'-A KUBE-SVC-X -j DROP',
	'-A KUBE-SVC-X -m comment --comment x !',
	'-A KUBE-SVC-X -m comment --comment',
	'-A KUBE-SVC-X -m nfacct -j RETURN',
	'-A KUBE-SVC-X -m comment --comment "' + 'x'.repeat(256) + '" -j RETURN',
	'-A KUBE-SVC-X -m comment --comment x stray -j RETURN',
];

test('wrong lines fail as the general reader says', (t) => {
	for (const line of WRONG) {
		const text = `*nat\n:KUBE-SVC-X - [0:0]\n:KUBE-SEP-X - [0:0]\n${line}\nCOMMIT\n`;
		const fromRestore = t.throws(() => parseRestore(text), {instanceOf: IptablesParseError}, line);
		const fromRule = t.throws(() => parseRule(line, undefined, {line: 4, table: 'nat'}), {instanceOf: IptablesParseError}, line);
		t.is(fromRestore?.output, fromRule?.output, line);
		t.is(fromRestore?.exitCode, fromRule?.exitCode, line);
	}
});
