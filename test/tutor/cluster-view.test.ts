// Pod colours in the cluster pane: an app named after a colour is drawn in it, the others take the
// colours left in the order the learner first saw them, and a Pod arriving later repaints nothing.
import test from 'ava';
import {Cluster} from '../../src/sim/cluster/cluster.js';
import {addNode} from '../../src/sim/scenarios/kubeadm-cluster.js';
import {scaleDeployment} from '../../src/sim/workloads/deployment.js';
import {appsInOrder, clusterView, podColours} from '../../src/tutor/cluster-view.js';

function deploy(cluster: Cluster, app: string, replicas = 1): void {
	scaleDeployment(cluster, {name: app, labels: {app}, container: {name: app, image: 'nginx'}}, replicas);
}

function colours(cluster: Cluster, apps?: readonly string[], reserved?: ReadonlySet<string>): Record<string, string> {
	const view = clusterView(cluster, apps ? {colouring: {apps, ...(reserved ? {reserved} : {})}} : {});
	return Object.fromEntries(view.nodes.flatMap((n) => n.pods.map((p) => [p.app, p.colour])));
}

function cluster(): Cluster {
	const c = new Cluster({seed: 4});
	addNode(c, 'controlplane', '192.168.56.10', true);
	addNode(c, 'node01', '192.168.56.11');
	return c;
}

test('apps named after a colour get it, whatever order their Pods are listed in', (t) => {
	const c = cluster();
	deploy(c, 'blue');
	deploy(c, 'web');
	deploy(c, 'orange');
	// web is the only app not named after a colour: it takes the first colour neither blue nor orange holds.
	t.deepEqual(colours(c), {blue: '🔵', orange: '🟠', web: '🟢'});
});

test('with the order the learner saw them, a later Pod repaints nothing; reserved colours stay free', (t) => {
	const c = cluster();
	deploy(c, 'zeta');
	const seen = appsInOrder(c, []);
	const before = colours(c, seen, new Set(['🟠']));
	t.deepEqual(before, {zeta: '🔵'});
	// An app whose Pods list before zeta's arrives: zeta keeps its colour.
	deploy(c, 'alpha');
	const after = colours(c, appsInOrder(c, seen), new Set(['🟠']));
	t.deepEqual(after, {zeta: '🔵', alpha: '🟢'});
});

test('podColours wraps round when there are more apps than colours', (t) => {
	const apps = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
	const map = podColours({apps});
	t.is(map.get('a'), '🟠');
	t.is(map.get('g'), map.get('a'));
});
