// kubectl create service, all four types, as kubectl v1.34.5 generates them (each expected text
// below was printed by the real kubectl with --dry-run=client -o yaml), and what the cluster then holds.
import test from 'ava';
import {newShellSession} from '../../../src/shell/start.js';

const yaml = (name: string, spec: string): string =>
	`apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: ${name}\n  name: ${name}\nspec:\n${spec}status:\n  loadBalancer: {}\n`;

test('a port given alone is named after itself, as kubectl names it ("80", not "80-80")', (t) => {
	const s = newShellSession({seed: 1});
	const run = s.run('kubectl create service clusterip c --tcp=80 --dry-run=client -o yaml');
	t.is(run.stdout, yaml('c', '  ports:\n  - name: "80"\n    port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: c\n  type: ClusterIP\n'));
});

test('loadbalancer and externalname, and the external name checked as kubectl checks it', (t) => {
	const s = newShellSession({seed: 1});
	t.is(
		s.run('kubectl create service loadbalancer lb --tcp=80:8080 --dry-run=client -o yaml').stdout,
		yaml('lb', '  ports:\n  - name: 80-8080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: lb\n  type: LoadBalancer\n'),
	);
	t.is(s.run('kubectl create service externalname ext --external-name example.com --dry-run=client -o yaml').stdout, yaml('ext', '  externalName: example.com\n  selector:\n    app: ext\n  type: ExternalName\n'));
	const missing = s.run('kubectl create service externalname ext');
	t.deepEqual([missing.stderr, missing.status], ['error: required flag(s) "external-name" not set\n', 1]);
	const bad = s.run('kubectl create service externalname ext --external-name Bad_Name');
	t.deepEqual([bad.stderr, bad.status], ['error: invalid service external name Bad_Name\n', 1]);
});

test('an ExternalName Service is stored with no ports, shows its name as EXTERNAL-IP, and gets no rules', (t) => {
	const s = newShellSession({seed: 1});
	t.is(s.run('kubectl create service externalname ext --external-name example.com').stdout, 'service/ext created\n');
	t.regex(s.run('kubectl get svc ext').stdout, /^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\next +ExternalName +<none> +example\.com +<none> +\d+s\n$/);
	t.is(s.run('iptables-save | grep -c default/ext').stdout, '0\n');
});

test('nothing is created in a namespace that does not exist, by any verb, a server dry run included', (t) => {
	const s = newShellSession({seed: 1});
	for (const line of ['kubectl create deploy x --image=nginx -n nope', 'kubectl run p --image=nginx -n nope', 'kubectl create service clusterip c --tcp=80 -n nope', 'kubectl create deploy x --image=nginx -n nope --dry-run=server']) {
		const run = s.run(line);
		t.deepEqual([run.stdout, run.stderr, run.status], ['', 'Error from server (NotFound): namespaces "nope" not found\n', 1], line);
	}
	s.run('printf "apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: c\\n  namespace: nope\\n" > /tmp/c.yaml');
	t.is(s.run('kubectl create -f /tmp/c.yaml').stderr, 'Error from server (NotFound): error when creating "/tmp/c.yaml": namespaces "nope" not found\n');
	t.is(s.run('kubectl get ns nope').status, 1);
});
