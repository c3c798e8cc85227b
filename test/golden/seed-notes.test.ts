// Golden files for the notes' cluster on node01, hand-checked once: the restore text is what a
// current kube-proxy writes, the save form is what the kernel prints back (the kernel test proves
// that form against real iptables), and the list forms are iptables -L with and without -n.
import test from 'ava';
import {readFileSync} from 'node:fs';
import {runRules, type RulesArgs} from '../../src/commands/rules.js';
import {fakeIO} from '../support/fake-io.js';

const dir = 'test/fixtures/golden';
const cluster = `${dir}/seed-notes.yaml`;
const golden = (name: string): string => readFileSync(`${dir}/${name}`, 'utf8');

const cases: [string, Partial<RulesArgs>][] = [
	['seed-notes.node01.restore.txt', {format: 'restore'}],
	['seed-notes.node01.save.txt', {format: 'save'}],
	['seed-notes.node01.nat-list.txt', {format: 'list'}],
	['seed-notes.node01.nat-list-n.txt', {format: 'list', numeric: true}],
	['seed-notes.node01.filter-list-n.txt', {format: 'list', numeric: true, table: 'filter'}],
];

for (const [file, args] of cases) {
	test(`rules ${JSON.stringify(args)} for the notes' cluster equals ${file}`, async (t) => {
		const io = fakeIO();
		t.is(await runRules({files: [cluster], node: 'node01', format: 'save', numeric: false, ...args}, io), 0);
		t.is(io.out, golden(file));
		t.is(io.err, '');
	});
}

test('the notes\' db-service rules carry the real chain names and DNAT to 10.244.1.2:3306', (t) => {
	const restore = golden('seed-notes.node01.restore.txt');
	t.true(restore.includes('-A KUBE-SERVICES -m comment --comment "default/db-service cluster IP" -m tcp -p tcp -d 10.103.132.104 --dport 3306 -j KUBE-SVC-PKJNZ2BPYAP7WCVG'));
	t.true(restore.includes('-A KUBE-SEP-HR6IMOEJVBB6KJXA -m comment --comment default/db-service -m tcp -p tcp -j DNAT --to-destination 10.244.1.2:3306'));
	const list = golden('seed-notes.node01.nat-list.txt');
	t.true(list.includes('KUBE-SVC-PKJNZ2BPYAP7WCVG  tcp  --  anywhere             10.103.132.104       /* default/db-service cluster IP */ tcp dpt:mysql'));
	t.true(list.includes('DNAT       tcp  --  anywhere             anywhere             /* default/db-service */ tcp to:10.244.1.2:3306'));
});
