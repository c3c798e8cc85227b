// Random command lines on the shell cluster (valid and invalid, kubectl and node tools, edits of
// the static Pod manifests): run() never throws nor reports an internal error, and afterwards
// every node's kube-proxy holds the same rules as a kube-proxy started fresh on the same objects.
import test from 'ava';
import fc from 'fast-check';
import {KubeProxy} from '../../src/sim/kube-proxy/kube-proxy.js';
import {renderSave} from '../../src/sim/iptables/save.js';
import {objectKey} from '../../src/sim/api/types.js';
import type {Cluster} from '../../src/sim/cluster/cluster.js';
import {newShellSession} from '../../src/shell/start.js';

const WORDS = [
	'kubectl', 'k', 'get', 'svc', 'pods', 'po', 'deploy', 'ep', '-A', '-n', 'kube-system', '-o', 'wide', 'yaml', 'describe', 'create', 'deployment', 'web2', '--image=nginx',
	'service', 'clusterip', 'nodeport', 'x1', '--tcp=80:8080', 'delete', 'expose', 'web', '--port=80', '--target-port=8080', 'run', 'p1', 'scale', '--replicas=3', 'logs', 'label',
	'ps', 'aux', '-ef', 'ip', 'addr', 'route', 'link', 'show', 'eth0', 'crictl', 'pods', 'logs', 'systemctl', 'status', 'kubelet', 'journalctl', '-u',
	'iptables', '-t', 'nat', '-L', '-S', '-nvL', 'KUBE-SERVICES', '--line-numbers', 'iptables-save', 'ssh', 'node01', 'exit', 'cat', 'ls', '-l', 'grep', '-c', 'db',
	'/etc/kubernetes/manifests/kube-apiserver.yaml', '/etc/kubernetes/manifests/etcd.yaml', 'sed', '-i', "'s/6443/6444/'", "'s/10.96/10.97/'", 'mv', 'cp', '/tmp/',
	'echo', 'x', '>', '>>', '|', '&&', '||', ';', '$(', ')', '"', "'", '2>&1', 'rm', '-f', 'head', '-3', 'awk', "'{print $1}'", 'sort', 'wc', '-l',
];

function rulesetText(proxy: KubeProxy): string {
	return renderSave(proxy.ruleset(), {date: 'D'});
}

/** Every node's running kube-proxy against a fresh one: the first node that differs, or undefined. */
function outOfStep(cluster: Cluster): string | undefined {
	for (const node of cluster.nodes().map((n) => n.metadata.name)) {
		const running = cluster.kubeProxy(node);
		if (running && rulesetText(running) !== rulesetText(freshProxy(cluster, node))) return node;
	}
	return undefined;
}

function freshProxy(cluster: Cluster, node: string): KubeProxy {
	const object = cluster.api.peekOne('Node', node)!;
	const proxy = new KubeProxy(
		{node: object, config: cluster.kubeProxyConfig, clock: cluster.clock},
		{services: () => cluster.api.peek('Service'), endpointSlices: () => cluster.api.peek('EndpointSlice')},
	);
	for (const service of cluster.api.peek('Service')) proxy.onServiceChange(objectKey(service.metadata), service);
	return proxy;
}

test('random lines on the shell cluster never throw, and kube-proxy stays in step with the API', (t) => {
	const line = fc.array(fc.oneof({weight: 5, arbitrary: fc.constantFrom(...WORDS)}, {weight: 1, arbitrary: fc.string({maxLength: 5})}), {maxLength: 10}).map((ws) => ws.join(' '));
	fc.assert(
		fc.property(fc.array(line, {minLength: 1, maxLength: 8}), (lines) => {
			const s = newShellSession({seed: 4});
			for (const l of lines) {
				const result = s.run(l);
				if (result.stderr.includes('internal error')) throw new Error(`internal error on ${JSON.stringify(l)}: ${result.stderr}`);
				if (result.exit) break;
			}
			const node = outOfStep(s.cluster);
			if (node !== undefined) throw new Error(`node ${node}'s rules differ from a fresh kube-proxy's after ${JSON.stringify(lines)}`);
			return true;
		}),
		{numRuns: 60, seed: 11},
	);
	t.pass();
});

test('a session that changes the cluster through the shell leaves every kube-proxy in step', (t) => {
	const s = newShellSession({seed: 4});
	for (const line of [
		'kubectl create deployment web2 --image=nginx --replicas=2',
		'kubectl expose deployment web2 --port=80 --target-port=8080',
		'kubectl scale deployment web2 --replicas=3',
		'kubectl create service nodeport np1 --tcp=80:8080',
		"sed -i 's#--service-cluster-ip-range=[^ ]*#--service-cluster-ip-range=10.120.0.0/16#' /etc/kubernetes/manifests/kube-apiserver.yaml",
		'kubectl create service clusterip c2 --tcp=81',
		'kubectl delete svc web2',
	]) {
		const result = s.run(line);
		t.is(result.status, 0, `${line}: ${result.stderr}`);
		t.is(outOfStep(s.cluster), undefined, line);
	}
	t.regex(s.run('kubectl get svc c2').stdout, / 10\.120\.\d+\.\d+ /);
	t.is(s.run('iptables-save | grep -c web2').stdout, '0\n');
	t.regex(s.run('ssh node02 "iptables-save | grep -c default/c2"').stdout, /^[1-9]\d*\n$/);
});
