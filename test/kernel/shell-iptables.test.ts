/**
 * The node shell's iptables family against the real iptables 1.8.9 (nf_tables): for seeded
 * clusters, each command line runs in the shell and, in a fresh network namespace (`unshare -n`,
 * gone when the command exits) holding the node's baseline and kube-proxy's rules, as the real
 * command. stdout, stderr and the exit status must be equal byte for byte (iptables-save's dates
 * masked). Counters are 0 on both sides: nothing has sent a packet.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {NODE_BASELINE_RESTORE} from '../../src/sim/iptables/node-baseline.js';
import {generateScenario} from '../../src/sim/scenarios/generate.js';
import {newShellCluster} from '../../src/sim/scenarios/shell-cluster.js';
import type {Cluster} from '../../src/sim/cluster/cluster.js';
import {Session} from '../../src/shell/session.js';
import {maskSaveDates} from '../support/kernel-node.js';
import {kernelTest} from '../support/kernel-test.js';

const NFACCT_COUNTERS = ['ct_state_invalid_dropped_pkts', 'localhost_nps_accepted_pkts'];

const LINES = [
	'iptables -t nat -S',
	'iptables -S',
	'iptables -t mangle -S',
	'iptables -t nat -S KUBE-SERVICES',
	'iptables -t nat -S KUBE-SERVICES 2',
	'iptables -t nat -S KUBE-SERVICES 99',
	'iptables -t nat -S KUBE-SERVICES -v',
	'iptables -S -v',
	'iptables -t nat -L -n -v --line-numbers',
	'iptables -t nat -L -n -v -x',
	'iptables -t nat -L -v -x --line-numbers',
	'iptables -t nat -L',
	'iptables -L',
	'iptables -L -n -v',
	'iptables -t nat -L KUBE-SERVICES -n',
	'iptables -t nat -nvL KUBE-SERVICES',
	'iptables -t nat -L KUBE-SERVICES 2 -n --line-numbers',
	'iptables -t nat -L KUBE-NODEPORTS -n -v -x --line-numbers',
	'iptables --table=nat --list KUBE-MARK-MASQ --numeric --verbose --exact',
	'iptables --list-rules KUBE-FORWARD',
	'iptables -t raw -L -n',
	'iptables -t security -S',
	'iptables -t raw -S -v',
	'iptables –L –t net',
	'iptables -L -t net',
	'iptables -t nat -L NOPE',
	'iptables -t nat -S NOPE',
	'iptables',
	'iptables -L -n INPUT',
	'iptables -Lnv INPUT',
	'iptables -S -L',
	'iptables -L -L',
	'iptables --foo',
	'iptables -L -z',
	'iptables -L -n -t',
	'iptables -t nat -L KUBE-SERVICES 0',
	'iptables -t nat -L KUBE-SERVICES x',
	'iptables --version',
	'iptables -V',
	'iptables -h',
	'iptables-nft --version',
	'iptables-legacy --version',
	'iptables-legacy -L -n',
	'iptables-save',
	'iptables-save -t nat',
	'iptables-save -t filter -c',
	'iptables-save -t net',
	'iptables-save --foo',
	'iptables-save -x',
	'iptables-save --version',
];

function realRun(dir: string, line: string): {stdout: string; stderr: string; status: number | null} {
	const script = [
		...NFACCT_COUNTERS.map((name) => `nfacct add ${name} >/dev/null`),
		`iptables-restore < ${join(dir, 'baseline.txt')}`,
		`iptables-restore --noflush < ${join(dir, 'proxy.txt')}`,
		`exec ${line}`,
	].join('\n');
	const result = spawnSync('unshare', ['-n', 'sh', '-c', script], {encoding: 'utf8', env: {PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C'}});
	return {stdout: result.stdout, stderr: result.stderr, status: result.status};
}

const CLUSTERS: [string, () => Cluster, string][] = [
	['scenario seed 7', () => generateScenario({seed: 7}), 'node01'],
	['scenario seed 3', () => generateScenario({seed: 3}), 'controlplane'],
	['the shell cluster, seed 1', () => newShellCluster({seed: 1}), 'node01'],
	['the shell cluster, seed 6', () => newShellCluster({seed: 6}), 'controlplane'],
];

for (const [label, make, node] of CLUSTERS) {
	kernelTest(`shell iptables on ${label}, ${node}, prints what the real iptables prints`, async (t) => {
		const cluster = make();
		const proxy = cluster.kubeProxy(node)!;
		const dir = mkdtempSync(join(tmpdir(), 'svct-shell-ipt-'));
		try {
			writeFileSync(join(dir, 'baseline.txt'), NODE_BASELINE_RESTORE);
			writeFileSync(join(dir, 'proxy.txt'), proxy.sync().restore);
			const session = new Session({cluster, node});
			// The real side really holds the node's rules (not an empty namespace that prints nothing).
			t.regex(realRun(dir, 'iptables -t nat -S KUBE-SERVICES').stdout, /-A KUBE-SERVICES -d [\d.]+\/32 -p tcp -m comment --comment "default\/kubernetes:https cluster IP"/);
			for (const line of LINES) {
				const real = realRun(dir, line);
				const ours = session.run(line);
				t.deepEqual(
					{stdout: maskSaveDates(ours.stdout), stderr: ours.stderr, status: ours.status},
					{stdout: maskSaveDates(real.stdout), stderr: real.stderr, status: real.status},
					line,
				);
			}
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
}
