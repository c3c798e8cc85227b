// The real binary, as scripts use it: exit statuses, one-line errors, pipes, help and version.
import test from 'ava';
import {readFileSync, writeFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {VERSION} from '../../src/version.js';
import {runCli} from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'svct-cli-'));
const file = (name: string, text: string): string => {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
};
const NODE = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  addresses:\n  - type: InternalIP\n    address: 192.168.1.5\n';

test('--version prints the version in package.json', (t) => {
	const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {version: string};
	t.is(VERSION, pkg.version);
	const run = runCli(['--version']);
	t.is(run.status, 0);
	t.is(run.stdout, `${pkg.version}\n`);
});

for (const command of ['rules', 'trace', 'cidr', 'scenario']) {
	test(`${command} --help prints its usage and exits 0`, (t) => {
		const run = runCli([command, '--help']);
		t.is(run.status, 0);
		t.true(run.stdout.startsWith(`Usage: svc-tutor ${command}`));
	});
}

test('cidr prints the arithmetic of 10.96.0.0/12', (t) => {
	const run = runCli(['cidr', '10.96.0.0/12', '10.111.255.255', '10.112.0.1']);
	t.is(run.status, 0);
	t.is(
		run.stdout,
		[
			'CIDR            10.96.0.0/12',
			'netmask         255.240.0.0',
			'network         10.96.0.0',
			'first address   10.96.0.0',
			'last address    10.111.255.255 (broadcast)',
			'usable hosts    10.96.0.1 – 10.111.255.254 (1,048,574)',
			'size            1,048,576 addresses (2^20)',
			"service range   valid --service-cluster-ip-range; the kubernetes Service gets 10.96.0.1, kubeadm's kube-dns 10.96.0.10",
			'10.111.255.255  inside 10.96.0.0/12',
			'10.112.0.1      outside 10.96.0.0/12',
			'',
		].join('\n'),
	);
});

test('cidr --json says a /11 is refused by kube-apiserver 1.31–1.33, in its words, and accepted from 1.34', (t) => {
	const run = runCli(['cidr', '10.0.0.0/11', '--json']);
	t.is(run.status, 0);
	const report = JSON.parse(run.stdout) as {size: number; serviceClusterIPRange: {valid: boolean; error: string}};
	t.is(report.size, 2097152);
	// validation.go skips validateMaxCIDRRange once MultiCIDRServiceAllocator and DisableAllocatorDualWrite are both on (1.34+).
	t.deepEqual(report.serviceClusterIPRange, {
		valid: false,
		error: 'specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12',
		refusedBy: '1.31–1.33',
		acceptedFrom: '1.34',
	});
});

test('cidr says which kube-apiserver versions refuse a /11 service range, and that 1.34+ do not check', (t) => {
	const run = runCli(['cidr', '10.0.0.0/11']);
	t.is(run.status, 0);
	t.true(
		run.stdout.includes(
			'service range  refused by kube-apiserver 1.31–1.33: specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12; 1.34 and later skip this check\n',
		),
		run.stdout,
	);
	// A range too small is refused by every version: no version note.
	const small = runCli(['cidr', '10.0.0.0/30']);
	t.regex(small.stdout, /service range +not valid as --service-cluster-ip-range: .*at least 8 IP addresses\n/);
});

test('cidr refuses an octal-looking address with one line and status 2', (t) => {
	const run = runCli(['cidr', '010.96.0.0/12']);
	t.is(run.status, 2);
	t.is(run.stdout, '');
	t.regex(run.stderr, /^svc-tutor: cidr: .*010\.96\.0\.0\/12.*\n$/);
});

test('scenario | rules: the same seed gives the same rules, through a pipe', (t) => {
	const manifests = runCli(['scenario', '--seed', '7']);
	t.is(manifests.status, 0);
	t.is(runCli(['scenario', '--seed', '7']).stdout, manifests.stdout);
	t.not(runCli(['scenario', '--seed', '8']).stdout, manifests.stdout);
	const rules = runCli(['rules', '-f', '-', '--node', 'node01', '--format', 'restore'], manifests.stdout);
	t.is(rules.status, 0, rules.stderr);
	t.regex(rules.stdout, /^\*filter\n/);
	t.regex(rules.stdout, /-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS\nCOMMIT\n$/);
	t.is(rules.stderr, '');
});

test('trace --json on the notes\' cluster: a Pod on node02 reaches db at 10.244.1.2:3306', (t) => {
	const manifests = runCli(['scenario', '--name', 'seed-notes']).stdout;
	const withClient = manifests + '---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: client\nspec:\n  nodeName: node02\n  containers:\n  - name: c\n    image: busybox:1.28\n';
	const run = runCli(['trace', '-f', '-', '--from', 'client', '--to', '10.103.132.104:3306', '--json'], withClient);
	t.is(run.status, 0, run.stderr);
	t.deepEqual(JSON.parse(run.stdout), {
		node: 'node02',
		entry: 'PREROUTING',
		outcomes: [
			{
				verdict: 'DNAT',
				to: '10.244.1.2:3306',
				probability: 1,
				masquerade: false,
				path: ['PREROUTING', 'KUBE-SERVICES', 'KUBE-SVC-PKJNZ2BPYAP7WCVG', 'KUBE-SEP-HR6IMOEJVBB6KJXA', 'FORWARD', 'KUBE-PROXY-FIREWALL', 'KUBE-FORWARD', 'KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'POSTROUTING', 'KUBE-POSTROUTING'],
			},
		],
	});
});

test('trace: three endpoints, a third each, summing to 1', (t) => {
	const manifests = runCli(['scenario', '--seed', '7']).stdout;
	const list = JSON.parse(runCli(['scenario', '--seed', '7', '-o', 'json']).stdout) as {items: {kind: string; metadata: {name: string}; spec: {clusterIP?: string; ports?: {port: number}[]}}[]};
	const services = list.items.filter((i) => i.kind === 'Service' && i.metadata.name !== 'kubernetes');
	// The generator gives the first application Service three replicas.
	const results = services.map((s) => {
		const run = runCli(['trace', '-f', '-', '--node', 'node01', '--from', '10.244.1.250', '--to', `${s.spec.clusterIP}:${s.spec.ports![0]!.port}`, '--json'], manifests);
		return JSON.parse(run.stdout) as {outcomes: {verdict: string; probability: number}[]};
	});
	const three = results.find((r) => r.outcomes.length === 3);
	t.truthy(three, 'a Service with three endpoints');
	for (const o of three!.outcomes) {
		t.is(o.verdict, 'DNAT');
		t.true(Math.abs(o.probability - 1 / 3) < 1e-9);
	}
	t.true(Math.abs(three!.outcomes.reduce((p, o) => p + o.probability, 0) - 1) < 1e-12);
	t.true(results.some((r) => r.outcomes.length === 1 && r.outcomes[0]!.verdict === 'REJECT'), 'the Service scaled to zero is REJECTed');
});

const errors: [string, string[], string | undefined, RegExp][] = [
	['an unknown command', ['frob'], undefined, /^svc-tutor: unknown command "frob"; svc-tutor --help lists them\n$/],
	['rules without -f', ['rules'], undefined, /^svc-tutor: give the cluster with -f FILE/],
	['a missing file', ['rules', '-f', join(dir, 'nope.yaml')], undefined, /^svc-tutor: ".*nope\.yaml": no such file\n$/],
	['an unknown --format', ['rules', '-f', '-', '--format', 'xml'], NODE, /^svc-tutor: --format takes save, restore, list, spec, not "xml"\n$/],
	['an unknown flag', ['rules', '--bogus'], undefined, /^svc-tutor: rules: unknown option "--bogus" \(svc-tutor rules --help lists the options\)\n$/],
	['-n without list', ['rules', '-f', '-', '-n'], NODE, /^svc-tutor: rules: -n goes with --format list/],
	['broken YAML', ['rules', '-f', '-'], 'kind: Service\nmetadata: [\n', /^svc-tutor: -:\d+:\d+: YAML syntax error: /],
	['several nodes without --node', ['rules', '-f', '-'], NODE + '---\n' + NODE.replace('n1', 'n2').replace('1.5', '1.6'), /^svc-tutor: rules: the cluster has 2 nodes \(n1, n2\): choose one with --node\n$/],
	['an unknown node', ['rules', '-f', '-', '--node', 'x'], NODE, /^svc-tutor: rules: no node "x" in the cluster; nodes: n1\n$/],
	['a trace to a malformed address', ['trace', '-f', '-', '--from', '10.0.0.1', '--to', '10.0.0.300:80'], NODE, /^svc-tutor: trace: --to must be IP:PORT \(e\.g\. 10\.96\.0\.10:53\), not "10\.0\.0\.300:80"\n$/],
	['a trace from an unknown Pod', ['trace', '-f', '-', '--from', 'ghost', '--to', '10.96.0.1:443'], NODE, /^svc-tutor: trace: --from "ghost" is neither an IP address nor a Pod of the cluster\n$/],
	['scenario with an unknown name', ['scenario', '--name', 'nope'], undefined, /^svc-tutor: scenario: unknown --name "nope"; known: seed-notes\n$/],
	['scenario --nodes 0', ['scenario', '--nodes', '0'], undefined, /^svc-tutor: --nodes takes a whole number of at least 1, not "0"\n$/],
];

for (const [what, args, input, expected] of errors) {
	test(`${what}: one line on stderr, nothing on stdout, status 2`, (t) => {
		const run = runCli(args, input);
		t.is(run.status, 2);
		t.is(run.stdout, '');
		t.regex(run.stderr, expected);
		t.is(run.stderr.trimEnd().split('\n').filter((l) => l.startsWith('svc-tutor:')).length, 1);
	});
}

test('an apiserver refusal is reported at the manifest line of the offending field', (t) => {
	const path = file('bad-nodeport.yaml', NODE + '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 40000\n');
	const run = runCli(['rules', '-f', path]);
	t.is(run.status, 2);
	t.is(run.stdout, '');
	t.is(
		run.stderr,
		`svc-tutor: ${path}:18:15: Service default/web: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767\n`,
	);
});

test('a clusterIP taken twice is refused in the API server\'s words', (t) => {
	const svc = (name: string): string => `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  clusterIP: 10.96.0.20\n  ports:\n  - port: 80\n`;
	const run = runCli(['rules', '-f', '-'], NODE + svc('a') + svc('b'));
	t.is(run.status, 2);
	t.regex(run.stderr, /^svc-tutor: -:\d+:\d+: Service default\/b: spec\.clusterIPs: Invalid value: \[\]string\{"10\.96\.0\.20"\}: failed to allocate IP 10\.96\.0\.20: provided IP is already allocated\n$/);
});

test('without a KubeProxyConfiguration, rules says kube-proxy runs with its defaults', (t) => {
	const run = runCli(['rules', '-f', '-', '--format', 'restore'], NODE);
	t.is(run.status, 0);
	t.regex(run.stderr, /^note: no KubeProxyConfiguration given/);
	t.false(run.stdout.includes('KUBE-MARK-MASQ\n-A KUBE-SVC'));
});
