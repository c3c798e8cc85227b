// kubectl logs for the Pods whose output the simulation knows: kube-proxy at kubeadm's default
// verbosity (no "Adding new service port", a V(4) line), CoreDNS's banner, a crashing
// control-plane container's error.
import test from 'ava';
import {newShellCluster} from '../../../src/sim/scenarios/shell-cluster.js';
import {podLogs, verbosityOf} from '../../../src/sim/logs/pod-logs.js';
import {readNodeFile, writeNodeFile} from '../../../src/sim/node-host/files.js';

test('kube-proxy, run without --v, logs "Using iptables Proxier" and route_localnet, not the V(4) service port lines', (t) => {
	const c = newShellCluster({seed: 2});
	const pod = c.api.list('Pod', 'kube-system').find((p) => p.metadata.name.startsWith('kube-proxy-') && p.spec.nodeName === 'node01')!;
	const result = podLogs(c, pod);
	t.true(result.ok);
	if (!result.ok) return;
	t.is(result.lines.length, 2);
	t.regex(result.lines[0]!, /^I0112 \d\d:\d\d:\d\d\.\d{6}       1 server_linux\.go:169\] "Using iptables Proxier"$/);
	t.true(result.lines[1]!.includes('"Setting route_localnet=1 to allow node-ports on localhost;'));
	t.false(result.lines.some((l) => l.includes('Adding new service port')));
	// With --v=4 in its command line, the service ports show, db-service's among them.
	const verbose = structuredClone(pod);
	verbose.spec.containers[0]!.command = [...verbose.spec.containers[0]!.command!, '--v=4'];
	const all = podLogs(c, verbose);
	t.true(all.ok && all.lines.some((l) => l.includes('"Adding new service port" portName="default/db-service"')));
});

test('CoreDNS prints its zone, configuration hash, version and build', (t) => {
	const c = newShellCluster({seed: 2});
	const pod = c.api.list('Pod', 'kube-system').find((p) => p.metadata.name.startsWith('coredns-'))!;
	const result = podLogs(c, pod);
	t.true(result.ok);
	if (!result.ok) return;
	t.is(result.lines[0], '.:53');
	t.regex(result.lines[1]!, /^\[INFO\] plugin\/reload: Running configuration SHA512 = [0-9a-f]{128}$/);
	t.deepEqual(result.lines.slice(2), ['CoreDNS-1.11.3', 'linux/amd64, go1.21.8, a7ed346']);
});

test('a control-plane container that exits shows its error; an unknown container name is refused as kubectl refuses it', (t) => {
	const c = newShellCluster({seed: 2});
	const path = '/etc/kubernetes/manifests/kube-scheduler.yaml';
	writeNodeFile(c, 'controlplane', path, readNodeFile(c, 'controlplane', path)!.text.replace('--leader-elect=true', '--leader-elect=true\n    - --no-such-flag'));
	const pod = c.api.get('Pod', 'kube-scheduler-controlplane', 'kube-system')!;
	t.deepEqual(podLogs(c, pod), {ok: true, lines: ['Error: unknown flag: --no-such-flag']});
	t.deepEqual(podLogs(c, pod, 'nope'), {ok: false, error: 'container nope is not valid for pod kube-scheduler-controlplane'});
});

test('verbosity comes from -v/--v in either form', (t) => {
	t.is(verbosityOf(['kube-proxy', '--config=x']), 0);
	t.is(verbosityOf(['kube-proxy', '--v=4']), 4);
	t.is(verbosityOf(['kube-proxy', '-v', '2']), 2);
});
