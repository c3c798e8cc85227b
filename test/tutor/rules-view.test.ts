// The rules view in the three forms a lesson can open: `iptables -t nat -L` as the seed notes show
// it (names resolved: anywhere, tcp dpt:mysql), `-L -n` (numbers, the prot column too) and
// iptables-save. The list forms are the engine's printer, checked against real iptables 1.8.9 in
// the goldens.
import {readFileSync} from 'node:fs';
import test from 'ava';
import {seedNotesCluster} from '../../src/sim/scenarios/seed-notes.js';
import {rulesView} from '../../src/tutor/rules-view.js';

const golden = (name: string): string[] => readFileSync(new URL(`../fixtures/golden/${name}`, import.meta.url), 'utf8').replace(/\n$/, '').split('\n');

test('list-names is `iptables -t nat -L` without -n, as the notes show it: anywhere, tcp dpt:mysql', (t) => {
	const lines = rulesView(seedNotesCluster(), {node: 'node01', format: 'list-names'}).map((l) => l.text);
	t.deepEqual(lines, golden('seed-notes.node01.nat-list.txt'));
	t.true(lines.includes('KUBE-SVC-PKJNZ2BPYAP7WCVG  tcp  --  anywhere             10.103.132.104       /* default/db-service cluster IP */ tcp dpt:mysql'));
	t.true(lines.includes('DNAT       tcp  --  anywhere             anywhere             /* default/db-service */ tcp to:10.244.1.2:3306'));
});

test('list is `iptables -t nat -L -n`: numeric addresses, ports and protocol (6 tcp, 0 all)', (t) => {
	const lines = rulesView(seedNotesCluster(), {node: 'node01', format: 'list'}).map((l) => l.text);
	t.deepEqual(lines, golden('seed-notes.node01.nat-list-n.txt'));
	t.true(lines.includes('KUBE-SVC-PKJNZ2BPYAP7WCVG  6    --  0.0.0.0/0            10.103.132.104       /* default/db-service cluster IP */ tcp dpt:3306'));
	t.true(lines.includes('KUBE-SEP-HR6IMOEJVBB6KJXA  0    --  0.0.0.0/0            0.0.0.0/0            /* default/db-service -> 10.244.1.2:3306 */'));
});
