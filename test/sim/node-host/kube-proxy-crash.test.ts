// The CKA fault "kube-proxy in CrashLoopBackOff": a DaemonSet whose --config names a file the
// ConfigMap does not hold. Its Pods crash-loop and log why; the node's rules stay as they were
// (a new Service gets none); fixing the DaemonSet, or the ConfigMap, brings kube-proxy back.
import test from 'ava';
import type {Service} from '../../../src/sim/api/types.js';
import {newShellCluster} from '../../../src/sim/scenarios/shell-cluster.js';
import {podLogs} from '../../../src/sim/logs/pod-logs.js';

function service(name: string): Service {
	return {apiVersion: 'v1', kind: 'Service', metadata: {name, namespace: 'default'}, spec: {selector: {app: 'db'}, ports: [{port: 3306}]}};
}

function proxyPods(c: ReturnType<typeof newShellCluster>) {
	return c.api.list('Pod', 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy');
}

function breakDaemonSet(c: ReturnType<typeof newShellCluster>, path: string): void {
	const ds = c.api.get('DaemonSet', 'kube-proxy', 'kube-system')!;
	ds.spec.template.spec.containers[0]!.command = ['/usr/local/bin/kube-proxy', `--config=${path}`, '--hostname-override=$(NODE_NAME)'];
	c.apply(ds);
}

test('a wrong --config path: every kube-proxy Pod crash-loops, says why, and new Services get no rules until the DaemonSet is fixed', (t) => {
	const c = newShellCluster({seed: 8});
	const good = c.api.get('DaemonSet', 'kube-proxy', 'kube-system')!;
	breakDaemonSet(c, '/var/lib/kube-proxy/configuration.conf');
	const pods = proxyPods(c);
	t.is(pods.length, 3);
	for (const pod of pods) {
		t.is(pod.status.containerStatuses?.[0]?.state.waiting?.reason, 'CrashLoopBackOff');
		const logs = podLogs(c, pod);
		t.true(logs.ok);
		if (logs.ok) t.regex(logs.lines[0]!, /^E0112 \d\d:\d\d:\d\d\.\d{6}       1 run\.go:74\] "command failed" err="failed complete: open \/var\/lib\/kube-proxy\/configuration\.conf: no such file or directory"$/);
	}
	t.is(c.api.get('DaemonSet', 'kube-proxy', 'kube-system')!.status?.numberReady, 0);
	c.create(service('while-broken'));
	t.false(c.kubeProxy('node01')!.sync().restore.includes('default/while-broken'), 'no kube-proxy: no rules for it');
	t.true(c.kubeProxy('node01')!.sync().restore.includes('default/db-service'), 'the old rules stay');
	c.apply({...c.api.get('DaemonSet', 'kube-proxy', 'kube-system')!, spec: good.spec});
	t.true(proxyPods(c).every((p) => p.status.containerStatuses === undefined && p.status.phase === 'Running'));
	t.true(c.kubeProxy('node01')!.sync().restore.includes('default/while-broken'));
	const log = podLogs(c, proxyPods(c).find((p) => p.spec.nodeName === 'node01')!);
	t.true(log.ok && log.lines[0]!.endsWith('"Using iptables Proxier"'));
});

test('fixing the ConfigMap instead: the crash-looping Pods run again, restarted once more', (t) => {
	const c = newShellCluster({seed: 8});
	breakDaemonSet(c, '/var/lib/kube-proxy/kube-proxy.conf');
	const cm = c.api.get('ConfigMap', 'kube-proxy', 'kube-system')!;
	c.apply({...cm, data: {...cm.data, 'kube-proxy.conf': cm.data!['config.conf']!}});
	for (const pod of proxyPods(c)) {
		t.is(pod.status.containerStatuses?.[0]?.restartCount, 2);
		t.truthy(pod.status.containerStatuses?.[0]?.state.running);
	}
	t.is(c.api.get('DaemonSet', 'kube-proxy', 'kube-system')!.status?.numberReady, 3);
});

test('deleting a kube-proxy Pod: the DaemonSet makes a new one, whose log starts afresh', (t) => {
	const c = newShellCluster({seed: 8});
	const old = proxyPods(c).find((p) => p.spec.nodeName === 'node02')!;
	c.delete('Pod', old.metadata.name, 'kube-system');
	const fresh = proxyPods(c).find((p) => p.spec.nodeName === 'node02')!;
	t.not(fresh.metadata.name, old.metadata.name);
	const log = podLogs(c, fresh);
	t.true(log.ok);
	if (log.ok) t.is(log.lines.length, 2);
	t.true(c.api.list('Event', 'kube-system').some((e) => e.reason === 'SuccessfulCreate' && e.message === `Created pod: ${fresh.metadata.name}`));
});

test('kube-proxy reads its ConfigMap when its Pod starts: a new clusterCIDR shows in the rules only after the Pod is recreated', (t) => {
	const c = newShellCluster({seed: 8});
	const cm = c.api.get('ConfigMap', 'kube-proxy', 'kube-system')!;
	const before = c.kubeProxy('node01')!.sync().restore;
	t.true(before.includes('! -s 10.244.0.0/16'));
	c.apply({...cm, data: {...cm.data, 'config.conf': cm.data!['config.conf']!.replace('clusterCIDR: 10.244.0.0/16', 'clusterCIDR: 10.240.0.0/12')}});
	t.is(c.kubeProxy('node01')!.sync().restore, before, 'a running kube-proxy does not reread its file');
	const pod = proxyPods(c).find((p) => p.spec.nodeName === 'node01')!;
	c.delete('Pod', pod.metadata.name, 'kube-system');
	const after = c.kubeProxy('node01')!.sync().restore;
	t.true(after.includes('! -s 10.240.0.0/12'));
	t.false(after.includes('! -s 10.244.0.0/16'));
	t.is(c.kubeProxy('node02')!.sync().restore.includes('! -s 10.244.0.0/16'), true, 'node02 still runs the old one');
});
