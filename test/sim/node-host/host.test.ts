// Each node of the shell cluster as a host: its files, processes, interfaces, routes and
// containers agree with the cluster, and are the same for the same seed.
import test from 'ava';
import {newShellCluster, shellClusterPlan} from '../../../src/sim/scenarios/shell-cluster.js';
import {CNI_PLUGINS, nodeFiles, readNodeFile} from '../../../src/sim/node-host/files.js';
import {nodeProcesses} from '../../../src/sim/node-host/processes.js';
import {nodeInterfaces, nodeRoutes, podInterfaces, podResolvConf, podRoutes} from '../../../src/sim/node-host/interfaces.js';
import {podSandboxes, runtimeContainers} from '../../../src/sim/node-host/containers.js';
import {linkLocalFromMac} from '../../../src/sim/node-host/ids.js';

const SEED = 6;

test('controlplane has the static Pod manifests, kubeconfigs and PKI; workers have the kubelet files but no manifests', (t) => {
	const c = newShellCluster({seed: SEED});
	const cp = nodeFiles(c, 'controlplane');
	for (const path of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((n) => `/etc/kubernetes/manifests/${n}.yaml`)) t.true(cp.has(path), path);
	t.true(cp.has('/etc/kubernetes/admin.conf'));
	t.true(cp.has('/etc/kubernetes/pki/etcd/server.crt'));
	const w = nodeFiles(c, 'node01');
	t.false([...w.keys()].some((p) => p.startsWith('/etc/kubernetes/manifests/')));
	t.false(w.has('/etc/kubernetes/admin.conf'));
	t.true(w.has('/etc/kubernetes/kubelet.conf'));
	t.deepEqual([...w.keys()].filter((p) => p.startsWith('/opt/cni/bin/')).map((p) => p.slice(13)), CNI_PLUGINS);
	t.is(readNodeFile(c, 'node01', '/etc/hostname')?.text, 'node01\n');
});

test("kube-apiserver.yaml carries the cluster's range and address; kube-controller-manager.yaml the pod network and no --node-cidr-mask-size", (t) => {
	const c = newShellCluster({seed: SEED});
	const plan = shellClusterPlan(SEED);
	const apiserver = readNodeFile(c, 'controlplane', '/etc/kubernetes/manifests/kube-apiserver.yaml')!.text;
	t.true(apiserver.includes(`    - --service-cluster-ip-range=${plan.serviceCIDR}\n`));
	t.true(apiserver.includes(`    - --advertise-address=${plan.nodeIPs['controlplane']}\n`));
	t.true(apiserver.includes('    image: registry.k8s.io/kube-apiserver:v1.32.3\n'));
	const kcm = readNodeFile(c, 'controlplane', '/etc/kubernetes/manifests/kube-controller-manager.yaml')!.text;
	t.true(kcm.includes('    - --allocate-node-cidrs=true\n    - --authentication-kubeconfig'));
	t.true(kcm.includes('    - --cluster-cidr=10.244.0.0/16\n'));
	t.false(kcm.includes('node-cidr-mask-size'));
});

test('flannel files: the conflist is the ConfigMap cni-conf.json; subnet.env holds the node pod CIDR first address', (t) => {
	const c = newShellCluster({seed: SEED});
	const cni = c.api.get('ConfigMap', 'kube-flannel-cfg', 'kube-flannel')!.data!['cni-conf.json'];
	t.is(readNodeFile(c, 'node02', '/etc/cni/net.d/10-flannel.conflist')?.text, cni);
	t.is(readNodeFile(c, 'node02', '/run/flannel/subnet.env')?.text, 'FLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=10.244.2.1/24\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n');
	t.true(readNodeFile(c, 'node02', '/var/lib/kubelet/config.yaml')!.text.includes(`clusterDNS:\n- ${c.api.get('Service', 'kube-dns', 'kube-system')!.spec.clusterIP}\n`));
});

test('ps aux: the kubelet with kubeadm flags, kube-proxy with its node name, and on controlplane kube-apiserver with its range', (t) => {
	const c = newShellCluster({seed: SEED});
	const plan = shellClusterPlan(SEED);
	const cp = nodeProcesses(c, 'controlplane');
	t.is(cp[0]!.pid, 1);
	t.true(cp.every((p, i) => i === 0 || p.pid > cp[i - 1]!.pid), 'PID order');
	const kubelet = cp.find((p) => p.command.startsWith('/usr/bin/kubelet '))!;
	t.true(kubelet.command.includes(' --config=/var/lib/kubelet/config.yaml '));
	t.true(cp.some((p) => p.command.startsWith('kube-apiserver ') && p.command.includes(` --service-cluster-ip-range=${plan.serviceCIDR} `)));
	const worker = nodeProcesses(c, 'node01');
	t.true(worker.some((p) => p.command === '/usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf --hostname-override=node01'));
	t.true(worker.some((p) => p.command === '/opt/bin/flanneld --ip-masq --kube-subnet-mgr'));
	t.false(worker.some((p) => p.command.startsWith('kube-apiserver')));
	t.deepEqual(nodeProcesses(c, 'node01'), worker, 'stable');
});

test('ip addr: eth0 on the node network, flannel.1 the pod network address /32, cni0 the first address, a veth per Pod on the Pod network', (t) => {
	const c = newShellCluster({seed: SEED});
	const plan = shellClusterPlan(SEED);
	const ifs = nodeInterfaces(c, 'node01');
	t.deepEqual(ifs.slice(0, 4).map((i) => i.name), ['lo', 'eth0', 'flannel.1', 'cni0']);
	const eth0 = ifs[1]!;
	t.deepEqual(eth0.addresses[0], {family: 'inet', address: plan.nodeIPs['node01'], prefix: 24, broadcast: plan.nodeNetwork.replace(/0\/24$/, '255'), scope: 'global'});
	t.is(eth0.addresses[1]!.address, linkLocalFromMac(eth0.mac));
	t.deepEqual(ifs[2]!.addresses[0], {family: 'inet', address: '10.244.1.0', prefix: 32, scope: 'global'});
	t.deepEqual(ifs[3]!.addresses[0], {family: 'inet', address: '10.244.1.1', prefix: 24, broadcast: '10.244.1.255', scope: 'global'});
	const podNetworkPods = c.pods().filter((p) => p.spec.nodeName === 'node01' && !p.spec.hostNetwork);
	const veths = ifs.filter((i) => i.name.startsWith('veth'));
	t.is(veths.length, podNetworkPods.length);
	for (const v of veths) {
		t.regex(v.name, /^veth[0-9a-f]{8}$/);
		t.is(v.master, 'cni0');
		t.is(v.peerIndex, 2);
		t.regex(v.linkNetns!, /^cni-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	}
	// A Pod's eth0 points back at its veth's index.
	const pod = podNetworkPods[0]!;
	const inPod = podInterfaces(c, pod);
	const veth = veths.find((v) => v.pod?.name === pod.metadata.name)!;
	t.is(inPod[1]!.peerIndex, veth.index);
	t.is(inPod[1]!.addresses[0]!.address, pod.status.podIP!);
});

test('linkLocalFromMac is EUI-64 with the universal/local bit flipped', (t) => {
	t.is(linkLocalFromMac('02:42:ac:11:00:02'), 'fe80::42:acff:fe11:2');
});

test('ip route: default via the gateway, the other nodes pod CIDRs via flannel.1 onlink, the own one on cni0', (t) => {
	const c = newShellCluster({seed: SEED});
	const plan = shellClusterPlan(SEED);
	const routes = nodeRoutes(c, 'node01');
	t.deepEqual(routes[0], {dst: 'default', via: plan.nodeNetwork.replace(/0\/24$/, '1'), dev: 'eth0'});
	t.true(routes.some((r) => r.dst === '10.244.0.0/24' && r.via === '10.244.0.0' && r.dev === 'flannel.1' && r.onlink === true));
	t.true(routes.some((r) => r.dst === '10.244.2.0/24' && r.via === '10.244.2.0' && r.dev === 'flannel.1'));
	t.true(routes.some((r) => r.dst === '10.244.1.0/24' && r.dev === 'cni0' && r.src === '10.244.1.1'));
	const pod = c.pods().find((p) => p.spec.nodeName === 'node01' && !p.spec.hostNetwork)!;
	t.deepEqual(podRoutes(c, pod), [
		{dst: 'default', via: '10.244.1.1', dev: 'eth0'},
		{dst: '10.244.0.0/16', via: '10.244.1.1', dev: 'eth0'},
		{dst: '10.244.1.0/24', dev: 'eth0', proto: 'kernel', scope: 'link', src: pod.status.podIP},
	]);
	const dns = c.api.get('Service', 'kube-dns', 'kube-system')!.spec.clusterIP;
	t.is(podResolvConf(c, pod), `search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${dns}\noptions ndots:5\n`);
});

test('crictl: one sandbox per Pod on the node, one running container per container, ids of 64 hex digits, stable', (t) => {
	const c = newShellCluster({seed: SEED});
	const sandboxes = podSandboxes(c, 'controlplane');
	const pods = c.pods().filter((p) => p.spec.nodeName === 'controlplane');
	t.is(sandboxes.length, pods.length);
	const containers = runtimeContainers(c, 'controlplane');
	t.is(containers.length, pods.reduce((n, p) => n + p.spec.containers.length, 0));
	for (const x of containers) {
		t.regex(x.id, /^[0-9a-f]{64}$/);
		t.regex(x.imageRef, /^sha256:[0-9a-f]{64}$/);
		t.true(sandboxes.some((s) => s.id === x.podSandboxId));
	}
	t.deepEqual(runtimeContainers(c, 'controlplane'), containers);
	// The same image has the same id on every node.
	const proxyImages = new Set(['controlplane', 'node01', 'node02'].flatMap((n) => runtimeContainers(c, n).filter((x) => x.name === 'kube-proxy').map((x) => x.imageRef)));
	t.is(proxyImages.size, 1);
});
