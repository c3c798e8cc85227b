// `svc-tutor rules` in nftables mode: chosen by the KubeProxyConfiguration's mode or --proxy-mode,
// printing kube-proxy's transaction (restore) or `nft list table ip kube-proxy` (save); `list`
// has no nft counterpart. The text forms themselves are checked against upstream's tests
// (test/sim/kube-proxy/nftables-upstream.test.ts) and the real nft (test/kernel/nftables.test.ts).
import test from 'ava';
import {runInProcess} from './run-in-process.js';

const CLUSTER = `apiVersion: v1
kind: Node
metadata:
  name: node01
spec:
  podCIDR: 10.244.1.0/24
status:
  addresses:
  - type: InternalIP
    address: 192.168.56.11
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: default
spec:
  clusterIP: 10.96.0.41
  ports:
  - name: http
    port: 80
    targetPort: 8080
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: web-abcde
  namespace: default
  labels:
    kubernetes.io/service-name: web
addressType: IPv4
endpoints:
- addresses: [10.244.1.5]
  conditions: {ready: true}
  nodeName: node01
ports:
- name: http
  port: 8080
  protocol: TCP
`;

const config = (mode: string): string => `---
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clusterCIDR: 10.244.0.0/16
mode: ${JSON.stringify(mode)}
`;

test('mode: nftables in the KubeProxyConfiguration: --format save is nft list table ip kube-proxy', async (t) => {
	const run = await runInProcess(['rules', '-f', 'c.yaml', '--service-cluster-ip-range', '10.96.0.0/12'], {files: {'c.yaml': CLUSTER + config('nftables')}});
	t.is(run.status, 0, run.stderr);
	t.true(run.stdout.startsWith('table ip kube-proxy {\n\tcomment "rules for kube-proxy"\n\tset cluster-ips {\n\t\ttype ipv4_addr\n'), run.stdout);
	// nodePortAddresses defaults to primary in nftables mode: the node's InternalIP takes NodePorts.
	t.true(run.stdout.includes('\tset nodeport-ips {\n\t\ttype ipv4_addr\n\t\tcomment "IPs that accept NodePort traffic"\n\t\telements = { 192.168.56.11 }\n\t}\n'));
	t.true(run.stdout.includes('\t\telements = { 10.96.0.41 . tcp . 80 : goto service-SUSTUHLJ-default/web/tcp/http }\n'), run.stdout);
	t.true(run.stdout.includes('\tchain service-SUSTUHLJ-default/web/tcp/http {\n\t\tip daddr 10.96.0.41 ip saddr != 10.244.0.0/16 jump mark-for-masquerade\n\t\tnumgen random mod 1 vmap { 0 : goto endpoint-'));
	t.true(run.stdout.includes('\t\tmeta l4proto tcp dnat to 10.244.1.5:8080\n'));
	// The cluster's ServiceCIDR: traffic to a ClusterIP no Service holds is dropped.
	t.true(run.stdout.includes('\t\tip daddr 10.96.0.0/12 drop comment "Drop traffic to unallocated ClusterIPs"\n'));
	t.true(run.stdout.endsWith('\t}\n}\n'));
	t.false(run.stdout.includes('KUBE-'));
});

test('--proxy-mode nftables --format restore: the transaction as knftables dumps it', async (t) => {
	const run = await runInProcess(['rules', '-f', 'c.yaml', '--proxy-mode', 'nftables', '--format', 'restore'], {files: {'c.yaml': CLUSTER + config('iptables')}});
	t.is(run.status, 0, run.stderr);
	const lines = run.stdout.split('\n');
	t.is(lines[0], 'add table ip kube-proxy { comment "rules for kube-proxy" ; }');
	t.is(lines[1], 'add chain ip kube-proxy cluster-ips-check');
	t.true(lines.includes('add chain ip kube-proxy filter-prerouting-pre-dnat { type filter hook prerouting priority -110 ; }'));
	t.true(lines.includes('add rule ip kube-proxy mark-for-masquerade mark set mark or 0x00004000'));
	t.true(lines.includes('add element ip kube-proxy service-ips { 10.96.0.41 . tcp . 80 : goto service-SUSTUHLJ-default/web/tcp/http }'));
	t.is(lines.at(-1), '');
});

test('iptables stays the default, and --proxy-mode iptables overrides a config that says nftables', async (t) => {
	const plain = await runInProcess(['rules', '-f', 'c.yaml', '--format', 'restore'], {files: {'c.yaml': CLUSTER + config('')}});
	t.is(plain.status, 0, plain.stderr);
	t.true(plain.stdout.startsWith('*filter\n'));
	const forced = await runInProcess(['rules', '-f', 'c.yaml', '--format', 'restore', '--proxy-mode', 'iptables'], {files: {'c.yaml': CLUSTER + config('nftables')}});
	t.is(forced.stdout, plain.stdout);
});

test('--format list in nftables mode: one line saying it has no nft counterpart, exit 2', async (t) => {
	const run = await runInProcess(['rules', '-f', 'c.yaml', '--format', 'list'], {files: {'c.yaml': CLUSTER + config('nftables')}});
	t.is(run.status, 2);
	t.is(run.stdout, '');
	t.is(run.stderr, 'svc-tutor: rules: --format list is iptables -L, which has no nft counterpart; nftables mode prints --format save (nft list table) or restore\n');
});

test('--proxy-mode takes iptables or nftables', async (t) => {
	const run = await runInProcess(['rules', '-f', 'c.yaml', '--proxy-mode', 'ipvs'], {files: {'c.yaml': CLUSTER}});
	t.is(run.status, 2);
	t.is(run.stderr, 'svc-tutor: --proxy-mode takes iptables, nftables, not "ipvs"\n');
});

test('without a KubeProxyConfiguration, the defaults note names the nftables masquerade rule that is not written', async (t) => {
	const run = await runInProcess(['rules', '-f', 'c.yaml', '--proxy-mode', 'nftables', '--service-cluster-ip-range', '10.96.0.0/12'], {files: {'c.yaml': CLUSTER}});
	t.is(run.status, 0);
	t.is(
		run.stderr,
		'note: no KubeProxyConfiguration given, so kube-proxy runs with its defaults: clusterCIDR is empty and no "ip saddr != <pod CIDR> jump mark-for-masquerade" rules are written (kubeadm clusters set clusterCIDR in the kube-proxy ConfigMap)\n',
	);
	t.true(run.stdout.includes('\tchain service-SUSTUHLJ-default/web/tcp/http {\n\t\tnumgen random mod 1 vmap'));
});
