// ps, ip, crictl, systemctl and journalctl on the seed-1 shell cluster: goldens (laid out as the
// real tools lay them out: test/kernel/shell-node-tools.test.ts checks the layouts against
// iproute2 and procps), and what the exam asks of them. The goldens hold the engine's host model
// (ids, PIDs, Pods): when that model changes on purpose, rewrite them with
// `SVC_TUTOR_UPDATE_GOLDEN=1 npx ava test/shell/node-tools.test.ts` and read the diff.
import test from 'ava';
import {readFileSync, writeFileSync} from 'node:fs';
import {newShellSession} from '../../src/shell/start.js';

const GOLDEN = new URL('../fixtures/shell/', import.meta.url);

for (const [file, line] of [
	['seed1-controlplane-ip-addr.txt', 'ip addr'],
	['seed1-controlplane-ip-route.txt', 'ip route'],
	['seed1-controlplane-ps-aux.txt', 'ps aux'],
	['seed1-controlplane-ps-ef.txt', 'ps -ef'],
	['seed1-controlplane-crictl-ps.txt', 'crictl ps'],
	['seed1-controlplane-crictl-pods.txt', 'crictl pods'],
	['seed1-controlplane-systemctl-status-kubelet.txt', 'systemctl status kubelet'],
] as const) {
	test(`golden: ${line} on seed 1 controlplane`, (t) => {
		const output = newShellSession({seed: 1}).run(line).stdout;
		if (process.env['SVC_TUTOR_UPDATE_GOLDEN'] === '1') writeFileSync(new URL(file, GOLDEN), output);
		t.is(output, readFileSync(new URL(file, GOLDEN), 'utf8'));
	});
}

test('ps aux | grep kube-apiserver shows the service range flag', (t) => {
	const s = newShellSession({seed: 3});
	const range = /--service-cluster-ip-range=(\S+)/.exec(s.run('grep service-cluster-ip-range /etc/kubernetes/manifests/kube-apiserver.yaml').stdout)![1]!;
	t.regex(s.run('ps aux | grep kube-apiserver').stdout, new RegExp(`--service-cluster-ip-range=${range.replace(/\./g, '\\.')}( |\\n)`));
	// As on a real node, the grep itself is in the list too.
	t.is(s.run('ps aux | grep -c kube-apiserver').stdout, '2\n');
	t.regex(s.run('ps aux | grep kube-apiserver').stdout, /\n(root +\d+ +0\.0 +0\.1 +\d+ +\d+ pts\/0 +S\+ +\d\d:\d\d +0:00 grep kube-apiserver)\n$/);
	t.is(s.run('ssh node01 "ps aux | grep -c kube-apiserver"').stdout, '1\n');
});

test('ip: eth0 holds the node\'s InternalIP; the default route; errors in iproute2\'s words', (t) => {
	const s = newShellSession({seed: 3});
	const internal = s.run("kubectl get node controlplane -o jsonpath='{.status.addresses[0].address}'").stdout;
	t.regex(s.run('ip addr show eth0').stdout, new RegExp(`^    inet ${internal.replace(/\./g, '\\.')}/\\d+ brd `, 'm'));
	t.regex(s.run('ip route show default').stdout, /^default via \d+\.\d+\.\d+\.\d+ dev eth0 \n$/);
	t.like(s.run('ip addr show nope'), {stderr: 'Device "nope" does not exist.\n', status: 1});
	t.like(s.run('ip foo'), {stderr: 'Object "foo" is unknown, try "ip help".\n', status: 255});
	t.like(s.run('ip link show cni0'), {status: 0});
});

test('crictl: kube-proxy\'s log says which proxier it uses; unknown ids fail', (t) => {
	const s = newShellSession({seed: 3});
	t.regex(s.run('crictl logs $(crictl ps -q --name kube-proxy) 2>&1 | head -1').stdout, /"Using iptables Proxier"/);
	t.like(s.run('crictl logs nope'), {status: 1});
	t.regex(s.run('crictl ps -a | head -1').stdout, /^CONTAINER {11}IMAGE {15}CREATED {13}STATE {15}NAME/);
});

test('a broken manifest shows in the kubelet\'s journal', (t) => {
	const s = newShellSession({seed: 3});
	s.run("sed -i 's/^kind: Pod/kind: [/' /etc/kubernetes/manifests/kube-apiserver.yaml");
	t.regex(s.run('journalctl -u kubelet | tail -1').stdout, /kubelet\[\d+\]: E\d{4} [\d:.]+ +\d+ file\.go:187\] "Could not process manifest file"/);
	t.like(s.run('systemctl status nope'), {stderr: 'Unit nope.service could not be found.\n', status: 4});
	t.is(s.run('systemctl is-active kubelet').stdout, 'active\n');
});
