/**
 * `svc-tutor rules` in iptables' other printing forms (-S, -v, -x, --line-numbers, one chain),
 * through the real binary with no extra flags, against the real iptables 1.8.9 (nf_tables): the
 * node's baseline and the restore text `rules --format restore` prints are loaded into a fresh
 * network namespace (`unshare -n`, gone when the command exits), and the same listing is asked of
 * both. Counters are 0 on both sides: nothing has sent a packet.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {NODE_BASELINE_RESTORE} from '../../src/sim/iptables/node-baseline.js';
import {kernelTest} from '../support/kernel-test.js';

const BINARY = resolve('dist/svc-tutor.js');
const NFACCT_COUNTERS = ['ct_state_invalid_dropped_pkts', 'localhost_nps_accepted_pkts'];

/** svc-tutor's flags beside the iptables command that must print the same. */
const FORMS: [string[], string][] = [
	[['--format', 'spec'], 'iptables -t nat -S'],
	[['--format', 'spec', '--table', 'filter'], 'iptables -t filter -S'],
	[['--format', 'spec', '--chain', 'KUBE-SERVICES'], 'iptables -t nat -S KUBE-SERVICES'],
	[['--format', 'spec', '-v'], 'iptables -t nat -S -v'],
	[['--format', 'list', '-n', '-v'], 'iptables -t nat -L -n -v'],
	[['--format', 'list', '-n', '-v', '-x', '--line-numbers'], 'iptables -t nat -L -n -v -x --line-numbers'],
	[['--format', 'list', '--line-numbers', '--chain', 'KUBE-NODEPORTS'], 'iptables -t nat -L KUBE-NODEPORTS --line-numbers'],
	[['--format', 'list', '-n', '--chain', 'KUBE-SVC-PKJNZ2BPYAP7WCVG'], 'iptables -t nat -L KUBE-SVC-PKJNZ2BPYAP7WCVG -n'],
	[['--format', 'list', '-n', '-v', '--table', 'filter', '--chain', 'KUBE-SERVICES'], 'iptables -t filter -L KUBE-SERVICES -n -v'],
];

const ARGS = ['rules', '-f', 'test/fixtures/golden/seed-notes.yaml', '--node', 'node01'];

function ours(extra: string[]): {stdout: string; status: number | null} {
	const run = spawnSync(process.execPath, [BINARY, ...ARGS, ...extra], {encoding: 'utf8'});
	return {stdout: run.stdout, status: run.status};
}

function real(dir: string, line: string): {stdout: string; status: number | null} {
	const script = [
		...NFACCT_COUNTERS.map((name) => `nfacct add ${name} >/dev/null`),
		`iptables-restore < ${join(dir, 'baseline.txt')}`,
		`iptables-restore --noflush < ${join(dir, 'proxy.txt')}`,
		`exec ${line}`,
	].join('\n');
	const run = spawnSync('unshare', ['-n', 'sh', '-c', script], {encoding: 'utf8', env: {PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C'}});
	return {stdout: run.stdout, status: run.status};
}

kernelTest("kernel: rules --format spec, -v, -x, --line-numbers and --chain print what the real iptables prints for the notes' node01", async (t) => {
	if (!existsSync(BINARY)) return t.fail(`${BINARY} is missing: run npm run build first`);
	const dir = mkdtempSync(join(tmpdir(), 'svct-rules-forms-'));
	try {
		writeFileSync(join(dir, 'baseline.txt'), NODE_BASELINE_RESTORE);
		const restore = ours(['--format', 'restore']);
		t.is(restore.status, 0);
		writeFileSync(join(dir, 'proxy.txt'), restore.stdout);
		for (const [flags, line] of FORMS) {
			const expected = real(dir, line);
			t.is(expected.status, 0, line);
			t.true(expected.stdout.length > 0, line);
			t.deepEqual(ours(flags), expected, `${flags.join(' ')} vs ${line}`);
		}
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
