// The shell's iptables family on a fixed seed: goldens for the forms a learner types, and the
// command-line quirks of iptables 1.8.9 (the kernel test compares all of them with the real tool).
import test from 'ava';
import {readFileSync} from 'node:fs';
import {scenarioShell} from './helpers.js';

const GOLDEN = new URL('../fixtures/shell/', import.meta.url);

function golden(name: string): string {
	return readFileSync(new URL(name, GOLDEN), 'utf8');
}

test('golden: seed 7 node01, the nat table as -S, -L -n -v --line-numbers and KUBE-SERVICES -L', (t) => {
	const s = scenarioShell(7, {node: 'node01'});
	t.is(s.run('iptables -t nat -S').stdout, golden('seed7-node01-nat-S.txt'));
	t.is(s.run('iptables -t nat -L -n -v --line-numbers').stdout, golden('seed7-node01-nat-Lnv-lines.txt'));
	t.is(s.run('iptables -t nat -L KUBE-SERVICES').stdout, golden('seed7-node01-KUBE-SERVICES-L.txt'));
});

test('the notes\' slips fail as iptables fails them', (t) => {
	const s = scenarioShell(7);
	t.deepEqual(s.run('iptables –L –t net'), {
		stdout: '',
		stderr: "Bad argument `–L'\nTry `iptables -h' or 'iptables --help' for more information.\n",
		status: 2,
		output: [{stream: 'stderr', text: "Bad argument `–L'\nTry `iptables -h' or 'iptables --help' for more information.\n"}],
		clear: false,
		exit: false,
	});
	t.like(s.run('iptables -L -t net'), {stderr: "iptables v1.8.9 (nf_tables): table 'net' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n", status: 3});
	t.like(s.run('iptables -t nat -L -n KUBE-SERVICES'), {stderr: "Bad argument `KUBE-SERVICES'\nTry `iptables -h' or 'iptables --help' for more information.\n", status: 2});
	t.like(s.run('iptables --version; iptables-legacy --version'), {stdout: 'iptables v1.8.9 (nf_tables)\niptables v1.8.9 (legacy)\n'});
});

test('rules follow the cluster: every node holds kube-proxy\'s rules for every Service', (t) => {
	const s = scenarioShell(7);
	const here = s.run('iptables-save | grep -c KUBE-SVC-').stdout;
	t.not(here, '0\n');
	t.is(s.run('ssh node02 "iptables-save | grep -c KUBE-SVC-"').stdout, here);
	t.like(s.run('iptables-save | grep "default/web" | head -1'), {status: 0});
	t.like(s.run('iptables -A INPUT -j ACCEPT'), {status: 1});
});
