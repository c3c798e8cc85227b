// rules' listing flags belong to the forms iptables has them in; misuse is one line and exit 2.
import test from 'ava';
import {readFileSync} from 'node:fs';
import {runInProcess} from './run-in-process.js';

const files = {cluster: readFileSync('test/fixtures/golden/seed-notes.yaml', 'utf8')};
const rules = (...extra: string[]) => runInProcess(['rules', '-f', 'cluster', '--node', 'node01', ...extra], {files});

for (const [extra, message] of [
	[['-v'], 'svc-tutor: rules: -v goes with --format list or spec (iptables -L or -S)\n'],
	[['--format', 'restore', '--chain', 'KUBE-SERVICES'], 'svc-tutor: rules: --chain goes with --format list or spec (iptables -L or -S)\n'],
	[['--format', 'spec', '--line-numbers'], 'svc-tutor: rules: --line-numbers goes with --format list (iptables -L --line-numbers)\n'],
	[['--format', 'list', '-x'], 'svc-tutor: rules: -x goes with -v (iptables -L -v -x): it prints the counters exactly\n'],
	[['--format', 'list', '--chain', 'NOPE'], "svc-tutor: rules: iptables v1.8.9 (nf_tables): chain `NOPE' in table `nat' is incompatible, use 'nft' tool.\n"],
	[['--format', 'spec', '--proxy-mode', 'nftables'], 'svc-tutor: rules: --format spec is iptables -S, which has no nft counterpart; nftables mode prints --format save (nft list table) or restore\n'],
] as [string[], string][]) {
	test(`rules ${extra.join(' ')}: one line, exit 2`, async (t) => {
		const run = await rules(...extra);
		t.deepEqual([run.status, run.stdout, run.stderr], [2, '', message]);
	});
}

test('rules --format spec --chain prints that chain as iptables -S CHAIN does', async (t) => {
	const run = await rules('--format', 'spec', '--chain', 'KUBE-SVC-PKJNZ2BPYAP7WCVG');
	t.is(run.status, 0);
	t.is(
		run.stdout,
		'-N KUBE-SVC-PKJNZ2BPYAP7WCVG\n' +
			'-A KUBE-SVC-PKJNZ2BPYAP7WCVG ! -s 10.244.0.0/16 -d 10.103.132.104/32 -p tcp -m comment --comment "default/db-service cluster IP" -m tcp --dport 3306 -j KUBE-MARK-MASQ\n' +
			'-A KUBE-SVC-PKJNZ2BPYAP7WCVG -m comment --comment "default/db-service -> 10.244.1.2:3306" -j KUBE-SEP-HR6IMOEJVBB6KJXA\n',
	);
});
