// Editing a static Pod manifest restarts that component as the kubelet would: a new
// --service-cluster-ip-range applies to Services created afterwards; a manifest that does not
// parse, or a flag kube-apiserver refuses, makes the API refuse connections until it is fixed.
import test from 'ava';
import {ApiServerUnreachableError} from '../../../src/sim/apiserver/errors.js';
import type {Service} from '../../../src/sim/api/types.js';
import {newShellCluster, shellClusterPlan} from '../../../src/sim/scenarios/shell-cluster.js';
import {nodeFiles, readNodeFile, removeNodeFile, writeNodeFile} from '../../../src/sim/node-host/files.js';
import {runtimeContainers} from '../../../src/sim/node-host/containers.js';
import {nodeProcesses} from '../../../src/sim/node-host/processes.js';
import {cidrContains} from '../../../src/sim/net/cidr.js';

const APISERVER = '/etc/kubernetes/manifests/kube-apiserver.yaml';

function service(name: string): Service {
	return {apiVersion: 'v1', kind: 'Service', metadata: {name, namespace: 'default'}, spec: {selector: {app: 'db'}, ports: [{port: 3306}]}};
}

test('a new --service-cluster-ip-range in kube-apiserver.yaml gives new Services IPs from it; old ones keep theirs', (t) => {
	const c = newShellCluster({seed: 4});
	const before = c.api.get('Service', 'db-service', 'default')!.spec.clusterIP!;
	const text = readNodeFile(c, 'controlplane', APISERVER)!.text;
	t.true(writeNodeFile(c, 'controlplane', APISERVER, text.replace(/--service-cluster-ip-range=\S+/, '--service-cluster-ip-range=10.200.0.0/16')));
	t.is(c.serviceClusterIPRange, '10.200.0.0/16');
	t.true(c.api.reachable);
	const created = c.create(service('after'));
	t.true(cidrContains('10.200.0.0/16', created.spec.clusterIP!), created.spec.clusterIP);
	t.is(c.api.get('Service', 'db-service', 'default')!.spec.clusterIP, before);
	// The process now runs with the new flag, as ps aux | grep kube-apiserver shows it.
	const apiserver = nodeProcesses(c, 'controlplane').find((p) => p.command.startsWith('kube-apiserver '))!;
	t.true(apiserver.command.includes(' --service-cluster-ip-range=10.200.0.0/16 '));
	t.is(readNodeFile(c, 'controlplane', APISERVER)!.text.includes('--service-cluster-ip-range=10.200.0.0/16'), true);
});

test('an unknown flag: kube-apiserver exits, the API refuses connections at the advertised address, until the file is fixed', (t) => {
	const c = newShellCluster({seed: 4});
	const ip = shellClusterPlan(4).nodeIPs['controlplane'];
	const text = readNodeFile(c, 'controlplane', APISERVER)!.text;
	writeNodeFile(c, 'controlplane', APISERVER, text.replace('    - --secure-port=6443\n', '    - --secure-port=6443\n    - --foo=bar\n'));
	t.false(c.api.reachable);
	const error = t.throws(() => c.api.list('Service'), {instanceOf: ApiServerUnreachableError});
	t.is(error?.message, `The connection to the server ${ip}:6443 was refused - did you specify the right host or port?`);
	t.throws(() => c.create(service('x')), {instanceOf: ApiServerUnreachableError});
	t.is(c.hosts!.staticPod('controlplane', APISERVER)!.exitError, 'Error: unknown flag: --foo');
	// On the node: no running kube-apiserver container, its last attempt exited; no process.
	t.false(runtimeContainers(c, 'controlplane').some((x) => x.name === 'kube-apiserver'));
	t.true(runtimeContainers(c, 'controlplane', true).some((x) => x.name === 'kube-apiserver' && x.state === 'CONTAINER_EXITED'));
	t.false(nodeProcesses(c, 'controlplane').some((p) => p.command.startsWith('kube-apiserver ')));
	// kube-proxy keeps the rules it has.
	t.true(c.kubeProxy('node01')!.sync().restore.includes('default/db-service'));
	writeNodeFile(c, 'controlplane', APISERVER, text);
	t.true(c.api.reachable);
	t.is(c.create(service('back')).metadata.name, 'back');
	t.true(runtimeContainers(c, 'controlplane').some((x) => x.name === 'kube-apiserver'));
});

test('a manifest that does not parse stops the static Pod, with the kubelet saying so', (t) => {
	const c = newShellCluster({seed: 4});
	const text = readNodeFile(c, 'controlplane', APISERVER)!.text;
	writeNodeFile(c, 'controlplane', APISERVER, text.replace('  containers:\n', ' containers:\n'));
	t.false(c.api.reachable);
	const state = c.hosts!.staticPod('controlplane', APISERVER)!;
	t.is(state.pod, undefined);
	t.regex(state.manifestError!, /^\/etc\/kubernetes\/manifests\/kube-apiserver\.yaml: couldn't parse as pod\(yaml: line \d+: .+\), please check config file$/);
	t.regex(c.hosts!.kubeletLog('controlplane').at(-1)!, /^E0112 \d\d:\d\d:\d\d\.\d{6} +\d+ file\.go:187\] "Could not process manifest file" err=".*" path="\/etc\/kubernetes\/manifests\/kube-apiserver\.yaml"$/);
	t.false(runtimeContainers(c, 'controlplane', true).some((x) => x.name === 'kube-apiserver'));
	writeNodeFile(c, 'controlplane', APISERVER, text);
	t.true(c.api.reachable);
	t.is(c.api.get('Pod', 'kube-apiserver-controlplane', 'kube-system')?.status.phase, 'Running');
});

test('a broken kube-controller-manager flag: its mirror Pod shows CrashLoopBackOff and a BackOff event; the API still answers', (t) => {
	const c = newShellCluster({seed: 4});
	const path = '/etc/kubernetes/manifests/kube-controller-manager.yaml';
	writeNodeFile(c, 'controlplane', path, readNodeFile(c, 'controlplane', path)!.text.replace('    - --leader-elect=true\n', '    - --leader-elect=true\n    - --bogus\n'));
	t.true(c.api.reachable);
	const pod = c.api.get('Pod', 'kube-controller-manager-controlplane', 'kube-system')!;
	t.is(pod.status.containerStatuses?.[0]?.state.waiting?.reason, 'CrashLoopBackOff');
	t.is(pod.status.containerStatuses?.[0]?.restartCount, 1);
	t.true(c.api.list('Event', 'kube-system').some((e) => e.reason === 'BackOff' && e.type === 'Warning' && e.involvedObject.name === pod.metadata.name));
});

test('a static Pod written on a worker runs there as <name>-<node>; removing the file stops it', (t) => {
	const c = newShellCluster({seed: 4});
	const path = '/etc/kubernetes/manifests/static-web.yaml';
	const manifest = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\nspec:\n  containers:\n  - name: web\n    image: nginx\n';
	writeNodeFile(c, 'node01', path, manifest);
	const pod = c.api.get('Pod', 'static-web-node01', 'default')!;
	t.is(pod.spec.nodeName, 'node01');
	t.regex(pod.status.podIP!, /^10\.244\.1\.\d+$/);
	t.is(pod.metadata.annotations?.['kubernetes.io/config.source'], 'file');
	t.is(nodeFiles(c, 'node01').get(path)?.text, manifest);
	t.true(removeNodeFile(c, 'node01', path));
	t.is(c.api.get('Pod', 'static-web-node01', 'default'), undefined);
	t.false(writeNodeFile(c, 'node01', '/root/notes.txt', 'hello'), 'not the kubelet’s file');
});

test('with kube-scheduler down new Pods stay Pending; with kube-controller-manager down a scaled Deployment makes no Pods; both catch up when fixed', (t) => {
	const c = newShellCluster({seed: 4});
	const scheduler = '/etc/kubernetes/manifests/kube-scheduler.yaml';
	const schedulerText = readNodeFile(c, 'controlplane', scheduler)!.text;
	removeNodeFile(c, 'controlplane', scheduler);
	t.false(c.isRunning('kube-scheduler'));
	c.create({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'waiting', namespace: 'default'}, spec: {containers: [{name: 'nginx', image: 'nginx'}]}, status: {}});
	t.is(c.api.get('Pod', 'waiting', 'default')!.spec.nodeName, undefined);
	writeNodeFile(c, 'controlplane', scheduler, schedulerText);
	t.true(c.isRunning('kube-scheduler'));
	t.regex(c.api.get('Pod', 'waiting', 'default')!.spec.nodeName!, /^node0[12]$/);

	const kcm = '/etc/kubernetes/manifests/kube-controller-manager.yaml';
	const kcmText = readNodeFile(c, 'controlplane', kcm)!.text;
	writeNodeFile(c, 'controlplane', kcm, kcmText.replace('--cluster-cidr=', '--cluster-cidrs='));
	t.false(c.isRunning('kube-controller-manager'));
	const db = c.api.get('Deployment', 'db', 'default')!;
	c.apply({...db, spec: {...db.spec, replicas: 3}});
	t.is(c.api.list('Pod', 'default').filter((p) => p.metadata.labels?.['app'] === 'db').length, 1);
	writeNodeFile(c, 'controlplane', kcm, kcmText);
	t.is(c.api.list('Pod', 'default').filter((p) => p.metadata.labels?.['app'] === 'db').length, 3);
	const slice = c.api.list('EndpointSlice', 'default').find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'db-service')!;
	t.is(slice.endpoints.length, 3);
});

test('deleting a mirror Pod through the API: the kubelet makes it again, the static Pod runs on', (t) => {
	const c = newShellCluster({seed: 4});
	const before = c.api.get('Pod', 'kube-scheduler-controlplane', 'kube-system')!;
	c.delete('Pod', 'kube-scheduler-controlplane', 'kube-system');
	const after = c.api.get('Pod', 'kube-scheduler-controlplane', 'kube-system')!;
	t.truthy(after);
	t.not(after.metadata.uid, before.metadata.uid);
	t.is(after.metadata.annotations?.['kubernetes.io/config.hash'], before.metadata.annotations?.['kubernetes.io/config.hash']);
	t.true(c.isRunning('kube-scheduler'));
});
