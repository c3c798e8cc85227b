// Deployments, ReplicaSets and DaemonSets as their controllers run them: pod-template-hash names,
// scaling, a new ReplicaSet for a new image, one DaemonSet Pod per node and its replacement, the
// garbage collector, and the Events they report.
import test from 'ava';
import type {DaemonSet, Deployment} from '../../../src/sim/api/types.js';
import {Cluster} from '../../../src/sim/cluster/cluster.js';
import {addNode} from '../../../src/sim/scenarios/kubeadm-cluster.js';
import {computeHash, safeEncodeString} from '../../../src/sim/workloads/pod-template-hash.js';

function cluster(): Cluster {
	const c = new Cluster({seed: 3, recordEvents: true});
	addNode(c, 'controlplane', '192.168.56.10', true);
	addNode(c, 'node01', '192.168.56.11');
	addNode(c, 'node02', '192.168.56.12');
	return c;
}

function web(replicas: number, image = 'nginx:1.27'): Deployment {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: 'web', namespace: 'default', labels: {app: 'web'}},
		spec: {replicas, selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'nginx', image}]}}},
	};
}

const proxyDS: DaemonSet = {
	apiVersion: 'apps/v1',
	kind: 'DaemonSet',
	metadata: {name: 'kube-proxy', namespace: 'kube-system', labels: {'k8s-app': 'kube-proxy'}},
	spec: {
		selector: {matchLabels: {'k8s-app': 'kube-proxy'}},
		template: {metadata: {labels: {'k8s-app': 'kube-proxy'}}, spec: {hostNetwork: true, nodeSelector: {'kubernetes.io/os': 'linux'}, containers: [{name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.32.3'}]}},
	},
};

test('SafeEncodeString maps the decimal digits onto 4-9 and b, c, d, f, as real pod-template-hashes look', (t) => {
	t.is(safeEncodeString('0123456789'), '456789bcdf');
	t.regex(computeHash(web(1).spec.template), /^[456789bcdf]{1,10}$/);
});

test('a Deployment makes a ReplicaSet named by its template hash, and the ReplicaSet its Pods', (t) => {
	const c = cluster();
	c.apply(web(3));
	const hash = computeHash(web(3).spec.template);
	const rs = c.api.list('ReplicaSet');
	t.deepEqual(rs.map((r) => r.metadata.name), [`web-${hash}`]);
	t.is(rs[0]!.metadata.labels?.['pod-template-hash'], hash);
	t.is(rs[0]!.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
	const pods = c.pods();
	t.is(pods.length, 3);
	for (const p of pods) {
		t.true(p.metadata.name.startsWith(`web-${hash}-`));
		t.is(p.metadata.name.length, `web-${hash}-`.length + 5);
		t.is(p.status.phase, 'Running');
		t.deepEqual(p.metadata.ownerReferences?.map((o) => `${o.kind}/${o.name}`), [`ReplicaSet/web-${hash}`]);
	}
	const d = c.api.get('Deployment', 'web')!;
	t.like(d.status, {replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3});
	t.deepEqual(d.status?.conditions?.map((x) => `${x.type}=${x.status}/${x.reason}`), ['Available=True/MinimumReplicasAvailable', 'Progressing=True/NewReplicaSetAvailable']);
	t.like(c.api.get('ReplicaSet', `web-${hash}`)!.status, {replicas: 3, readyReplicas: 3, availableReplicas: 3});
});

test('scaling a Deployment scales its ReplicaSet; the newest Pods go first', (t) => {
	const c = cluster();
	c.apply(web(3));
	const first = c.pods().sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : 1))[0]!.metadata.name;
	c.apply({...c.api.get('Deployment', 'web')!, spec: {...web(1).spec}});
	t.deepEqual(c.pods().map((p) => p.metadata.name), [first]);
	const reasons = c.api.list('Event').filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
	const hash = computeHash(web(1).spec.template);
	t.deepEqual(reasons, [`Scaled up replica set web-${hash} from 0 to 3`, `Scaled down replica set web-${hash} from 3 to 1`]);
});

test('a new image rolls out a new ReplicaSet and scales the old one to zero', (t) => {
	const c = cluster();
	c.apply(web(2));
	c.apply({...c.api.get('Deployment', 'web')!, spec: web(2, 'nginx:1.28').spec});
	const oldHash = computeHash(web(2).spec.template);
	const newHash = computeHash(web(2, 'nginx:1.28').spec.template);
	t.not(oldHash, newHash);
	const rs = Object.fromEntries(c.api.list('ReplicaSet').map((r) => [r.metadata.name, [r.spec.replicas, r.metadata.annotations?.['deployment.kubernetes.io/revision']]]));
	t.deepEqual(rs, {[`web-${oldHash}`]: [0, '1'], [`web-${newHash}`]: [2, '2']});
	t.deepEqual(c.pods().map((p) => p.spec.containers[0]!.image), ['nginx:1.28', 'nginx:1.28']);
	t.is(c.api.get('Deployment', 'web')!.metadata.generation, 2);
});

test('deleting a Deployment deletes its ReplicaSets and their Pods', (t) => {
	const c = cluster();
	c.apply(web(2));
	c.delete('Deployment', 'web', 'default');
	t.is(c.api.count('ReplicaSet'), 0);
	t.is(c.api.count('Pod'), 0);
});

test('a DaemonSet runs one Pod per node; a deleted one is replaced, a new node gets one', (t) => {
	const c = cluster();
	c.apply(proxyDS);
	const pods = c.api.list('Pod', 'kube-system');
	t.deepEqual(pods.map((p) => p.spec.nodeName).sort(), ['controlplane', 'node01', 'node02']);
	for (const p of pods) {
		t.regex(p.metadata.name, /^kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
		t.is(p.status.podIP, p.status.hostIP, 'hostNetwork: the node IP');
		t.is(p.metadata.labels?.['pod-template-generation'], '1');
	}
	const victim = pods.find((p) => p.spec.nodeName === 'node01')!;
	c.delete('Pod', victim.metadata.name, 'kube-system');
	const after = c.api.list('Pod', 'kube-system');
	t.is(after.length, 3);
	const replacement = after.find((p) => p.spec.nodeName === 'node01')!;
	t.not(replacement.metadata.name, victim.metadata.name);
	addNode(c, 'node03', '192.168.56.13');
	t.is(c.api.list('Pod', 'kube-system').length, 4);
	t.like(c.api.get('DaemonSet', 'kube-proxy', 'kube-system')!.status, {desiredNumberScheduled: 4, currentNumberScheduled: 4, numberReady: 4});
	const created = c.api.list('Event', 'kube-system').filter((e) => e.involvedObject.kind === 'DaemonSet' && e.reason === 'SuccessfulCreate');
	t.is(created.length, 5);
	t.is(created[3]!.message, `Created pod: ${replacement.metadata.name}`);
});

test('a Pod started by a kubelet reports Scheduled, Pulled, Created and Started; a deleted one Killing', (t) => {
	const c = cluster();
	c.apply(web(1));
	const pod = c.pods()[0]!;
	const events = c.api.list('Event').filter((e) => e.involvedObject.kind === 'Pod' && e.involvedObject.name === pod.metadata.name);
	t.deepEqual(
		events.map((e) => [e.reason, e.source.component, e.message]),
		[
			['Scheduled', 'default-scheduler', `Successfully assigned default/${pod.metadata.name} to node01`],
			['Pulled', 'kubelet', 'Container image "nginx:1.27" already present on machine'],
			['Created', 'kubelet', 'Created container: nginx'],
			['Started', 'kubelet', 'Started container nginx'],
		],
	);
	t.is(events[1]!.involvedObject.fieldPath, 'spec.containers{nginx}');
	t.regex(events[0]!.metadata.name, new RegExp(`^${pod.metadata.name}\\.[0-9a-f]{16}$`));
	c.delete('Pod', pod.metadata.name, 'default');
	t.true(c.api.list('Event').some((e) => e.reason === 'Killing' && e.message === 'Stopping container nginx'));
});

test('without recordEvents a cluster keeps no Events, and its objects are those it always had', (t) => {
	const c = new Cluster({seed: 3});
	addNode(c, 'node01', '192.168.56.11');
	c.apply(web(1));
	t.is(c.api.count('Event'), 0);
	t.is(c.pods().length, 1);
});

test('with Namespaces kept, an object in a missing namespace is NotFound; deleting a namespace deletes what is in it; default may not be deleted', (t) => {
	const c = cluster();
	for (const name of ['default', 'shop']) c.create({apiVersion: 'v1', kind: 'Namespace', metadata: {name}});
	t.throws(() => c.create({...web(1), metadata: {name: 'web', namespace: 'nope'}}), {message: 'namespaces "nope" not found'});
	c.create({...web(2), metadata: {name: 'web', namespace: 'shop'}});
	t.is(c.api.list('Pod', 'shop').length, 2);
	c.delete('Namespace', 'shop');
	t.is(c.api.list('Pod', 'shop').length, 0);
	t.is(c.api.list('Deployment', 'shop').length, 0);
	t.throws(() => c.delete('Namespace', 'default'), {message: 'namespaces "default" is forbidden: this namespace may not be deleted'});
});

test('an untagged or :latest image is pulled (policy Always) and the kubelet says how long it took and how big it is', (t) => {
	const c = cluster();
	c.create({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'n', namespace: 'default'}, spec: {containers: [{name: 'n', image: 'nginx'}]}, status: {}});
	const events = c.api.list('Event').filter((e) => e.involvedObject.name === 'n').map((e) => `${e.reason}: ${e.message}`);
	t.is(events[1], 'Pulling: Pulling image "nginx"');
	t.regex(events[2]!, /^Pulled: Successfully pulled image "nginx" in (\d+ms|\d+(\.\d+)?s) \(\1 including waiting\)\. Image size: \d+ bytes\.$/);
	t.deepEqual(events.slice(3), ['Created: Created container: n', 'Started: Started container n']);
});
