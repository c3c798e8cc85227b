// `svc-tutor shell -c` through the real binary: separated streams, the line's exit status, usage errors.
import test from 'ava';
import {runCli} from '../support/run-cli.js';

test('shell -c prints stdout and stderr apart and exits with the line\'s status', (t) => {
	const run = runCli(['shell', '-c', 'echo out; cat /nope; exit 3']);
	t.is(run.stdout, 'out\n');
	t.is(run.stderr, 'cat: /nope: No such file or directory\n');
	t.is(run.status, 3);
});

test('shell -c: a command not found is 127, a syntax error 2, in bash\'s words', (t) => {
	t.like(runCli(['shell', '-c', 'kubectx']), {stdout: '', stderr: 'bash: kubectx: command not found\n', status: 127});
	t.like(runCli(['shell', '-c', 'echo a | | b']), {stdout: '', stderr: "bash: syntax error near unexpected token `|'\n", status: 2});
});

test('shell -c runs on the seeded kubeadm cluster: the same seed gives the same rules, --node picks the node', (t) => {
	const a = runCli(['shell', '--seed', '5', '-c', 'iptables-save -t nat | grep -c KUBE-SVC-']);
	const b = runCli(['shell', '--seed', '5', '-c', 'iptables-save -t nat | grep -c KUBE-SVC-']);
	t.is(a.status, 0);
	t.regex(a.stdout, /^[1-9]\d*\n$/);
	t.is(a.stdout, b.stdout);
	t.like(runCli(['shell', '--node', 'node02', '-c', 'hostname; cat /etc/hostname']), {stdout: 'node02\nnode02\n', status: 0});
	t.like(runCli(['shell', '-c', 'grep -c service-cluster-ip-range /etc/kubernetes/manifests/kube-apiserver.yaml']), {stdout: '1\n', status: 0});
});

test('shell: usage errors in one line, exit 2; no -c says how to run a line', (t) => {
	t.like(runCli(['shell', '--node', 'node09', '-c', 'true']), {stdout: '', stderr: 'svc-tutor: shell: --node: no node named "node09"; the nodes are controlplane, node01, node02\n', status: 2});
	const bare = runCli(['shell']);
	t.is(bare.status, 2);
	t.regex(bare.stderr, /svc-tutor shell -c 'COMMAND LINE'/);
	t.is(runCli(['shell', '--help']).status, 0);
	t.regex(runCli(['--help']).stdout, /svc-tutor shell -c LINE/);
});
