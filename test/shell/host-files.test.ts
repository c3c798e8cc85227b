// The node's own files come from the engine's host model; writing a static Pod manifest reaches
// the kubelet, which restarts (or stops) that Pod.
import test from 'ava';
import {newShellSession} from '../../src/shell/start.js';

test('controlplane has the static Pod manifests; a worker has none', (t) => {
	const s = newShellSession({seed: 2});
	t.is(s.run('ls /etc/kubernetes/manifests').stdout, 'etcd.yaml\nkube-apiserver.yaml\nkube-controller-manager.yaml\nkube-scheduler.yaml\n');
	t.regex(s.run('ls -l /etc/kubernetes/manifests/etcd.yaml').stdout, /^-rw------- 1 root root \d+ \w{3} [ \d]\d \d\d:\d\d \/etc\/kubernetes\/manifests\/etcd.yaml\n$/);
	t.regex(s.run('grep -- --service-cluster-ip-range /etc/kubernetes/manifests/kube-apiserver.yaml').stdout, /^ {4}- --service-cluster-ip-range=\d+\.\d+\.\d+\.\d+\/\d+\n$/);
	t.is(s.run('ssh node01 ls /etc/kubernetes/manifests').stdout, '');
	t.is(s.run('ls /etc/cni/net.d').stdout, '10-flannel.conflist\n');
});

test('a broken kube-apiserver manifest makes the API refuse connections until it is fixed', (t) => {
	const s = newShellSession({seed: 2});
	t.like(s.run('cp /etc/kubernetes/manifests/kube-apiserver.yaml /root/backup.yaml && kubectl get svc kubernetes'), {status: 0});
	s.run("sed -i 's/^kind: Pod/kind: [/' /etc/kubernetes/manifests/kube-apiserver.yaml");
	const refused = s.run('kubectl get svc kubernetes');
	t.is(refused.status, 1);
	t.regex(refused.stderr, /^The connection to the server [\d.]+:6443 was refused - did you specify the right host or port\?\n$/);
	t.like(s.run('cp /root/backup.yaml /etc/kubernetes/manifests/kube-apiserver.yaml && kubectl get svc kubernetes'), {status: 0});
});

test('rm hides a host file; moving a manifest out stops its Pod and moving it back starts it', (t) => {
	const s = newShellSession({seed: 2});
	t.like(s.run('rm /etc/cni/net.d/10-flannel.conflist && ls /etc/cni/net.d'), {stdout: '', status: 0});
	t.like(s.run('cat /etc/cni/net.d/10-flannel.conflist'), {status: 1});
	t.like(s.run('mv /etc/kubernetes/manifests/kube-apiserver.yaml /tmp/ && kubectl get pods'), {status: 1});
	t.like(s.run('mv /tmp/kube-apiserver.yaml /etc/kubernetes/manifests/ && kubectl get svc kubernetes'), {status: 0});
});

test('hostname -i resolves through /etc/hosts; -I lists every non-loopback address (checked with the real hostname)', (t) => {
	const s = newShellSession({seed: 2});
	const ip = s.run("kubectl get node controlplane -o jsonpath='{.status.addresses[0].address}'").stdout;
	t.is(s.run('hostname -i').stdout, `127.0.1.1 ${ip}\n`);
	t.regex(s.run('hostname -I').stdout, new RegExp(`^${ip.replace(/\./g, '\\.')} 10\\.244\\.0\\.0 10\\.244\\.0\\.1 \\n$`));
	t.is(s.run('type k').stdout, "k is aliased to `kubectl'\n");
});

test('the kernel settings kubeadm needs are on: sysctl and /proc/sys agree (sysctl checked with the real one)', (t) => {
	const s = newShellSession({seed: 2});
	t.is(s.run('sysctl net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables').stdout, 'net.ipv4.ip_forward = 1\nnet.bridge.bridge-nf-call-iptables = 1\n');
	t.is(s.run('ssh node01 cat /proc/sys/net/ipv4/ip_forward').stdout, '1\n');
	t.like(s.run('sysctl net.nope'), {stderr: 'sysctl: cannot stat /proc/sys/net/nope: No such file or directory\n', status: 1});
	t.is(s.run('sysctl net.ipv4.ip_forward=0').status, 1);
});
