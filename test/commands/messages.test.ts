// One line, not several: how the CLI words refused arguments, what it echoes of them, and that a
// run that fails prints its error line only. Run in-process through cli(), the binary's own entry.
import test from 'ava';
import {readFileSync} from 'node:fs';
import {cli} from '../../src/cli.js';
import type {CommandIO} from '../../src/commands/io.js';
import {runInProcess} from './run-in-process.js';

const NOTES = readFileSync('test/fixtures/golden/seed-notes.yaml', 'utf8');

const refusals: [string, string[], string][] = [
	[
		"an option's value that starts with -",
		['rules', '-f', '--node', 'n1'],
		'svc-tutor: rules: -f needs a value, and "--node" after it looks like an option (a value starting with - is written --filename=VALUE)\n',
	],
	['an option without its value', ['trace', '--to'], 'svc-tutor: trace: --to needs a value\n'],
	['a value given to a switch', ['cidr', '10.0.0.0/8', '--json=yes'], 'svc-tutor: cidr: --json takes no value, not "yes"\n'],
	['an unexpected argument', ['scenario', 'extra'], 'svc-tutor: scenario: unexpected argument "extra" (svc-tutor scenario --help lists the options)\n'],
	['an unknown option holding a newline', ['rules', '--no\nde'], 'svc-tutor: rules: unknown option "--no\\nde" (svc-tutor rules --help lists the options)\n'],
	['an unknown command holding an escape sequence', ['\x1b[2Jrules'], 'svc-tutor: unknown command "\\x1b[2Jrules"; svc-tutor --help lists them\n'],
	['a number holding a newline', ['scenario', '--nodes', '1\n2'], 'svc-tutor: --nodes takes a whole number of at least 1, not "1\\n2"\n'],
	['an option named like an Object property', ['rules', '--constructor'], 'svc-tutor: rules: unknown option "--constructor" (svc-tutor rules --help lists the options)\n'],
	['a format that is not one', ['rules', '-f', '-', '--format', 'x\ny'], 'svc-tutor: --format takes save, restore, list, spec, not "x\\ny"\n'],
	['a service range with a newline', ['rules', '-f', '-', '--service-cluster-ip-range', '10.0.0.0/24\n'], 'svc-tutor: --service-cluster-ip-range "10.0.0.0/24\\n": prefix length must be 0–32\n'],
	['a destination with a newline', ['trace', '-f', '-', '--from', '10.0.0.1', '--to', '1.2.3.4:80\nx'], 'svc-tutor: trace: --to must be IP:PORT (e.g. 10.96.0.10:53), not "1.2.3.4:80\\nx"\n'],
	['an unknown node with a newline', ['rules', '-f', '-', '--node', 'node\n01'], 'svc-tutor: rules: no node "node\\n01" in the cluster; nodes: controlplane, node01, node02\n'],
	['a source with a newline', ['trace', '-f', '-', '--from', 'db\n', '--to', '10.103.132.104:3306'], 'svc-tutor: trace: --from "db\\n" is neither an IP address nor a Pod of the cluster\n'],
	['a CIDR with a newline', ['cidr', '10.0.0.0/8\n'], 'svc-tutor: cidr: "10.0.0.0/8\\n": prefix length must be 0–32\n'],
	['a missing file with a newline in its name', ['rules', '-f', 'no\nsuch.yaml'], 'svc-tutor: "no\\nsuch.yaml": no such file\n'],
];

for (const [what, args, expected] of refusals) {
	test(`${what}: exactly one line, status 2, nothing on stdout`, async (t) => {
		const run = await runInProcess(args, {stdin: NOTES});
		t.is(run.stderr, expected);
		t.is(run.status, 2);
		t.is(run.stdout, '');
	});
}

test('a 100,000-character argument is echoed as its first 60 characters and …', async (t) => {
	const run = await runInProcess(['scenario', '--name', 'n'.repeat(100_000)]);
	t.is(run.stderr, `svc-tutor: scenario: unknown --name "${'n'.repeat(60)}…"; known: seed-notes\n`);
	t.is(run.status, 2);
});

test('a 100,000-digit octet is named by its first characters only, in the reason too', async (t) => {
	const run = await runInProcess(['cidr', `1.1.1.${'9'.repeat(100_000)}/8`]);
	t.is(run.stderr, `svc-tutor: cidr: "1.1.1.${'9'.repeat(54)}…": ${'9'.repeat(16)}… is not in 0–255\n`);
	t.is(run.status, 2);
});

// Two unknown fields (warnings) before a NodePort out of range (the fatal error).
const WARN_THEN_FAIL = `apiVersion: v1
kind: Node
metadata:
  name: n1
  bogus: 1
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selectr: {}
  type: NodePort
  ports:
  - port: 80
    nodePort: 40000
`;

test('warnings before a fatal error are not printed: the error line is all there is', async (t) => {
	const run = await runInProcess(['rules', '-f', 'c.yaml'], {files: {'c.yaml': WARN_THEN_FAIL}});
	t.is(run.status, 2);
	t.is(run.stdout, '');
	t.is(
		run.stderr,
		'svc-tutor: c.yaml:16:15: Service default/web: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767\n',
	);
});

test('the same warnings are printed when the run succeeds', async (t) => {
	const run = await runInProcess(['rules', '-f', 'c.yaml', '--format', 'restore'], {files: {'c.yaml': WARN_THEN_FAIL.replace('40000', '30080')}});
	t.is(run.status, 0);
	t.is(
		run.stderr.split('\n').slice(0, 2).join('\n'),
		'warning: c.yaml:5:10: Node n1: unknown field "metadata.bogus" (ignored)\nwarning: c.yaml:12:3: Service default/web: unknown field "spec.selectr" (ignored)',
	);
	t.regex(run.stderr.split('\n')[2]!, /^note: no KubeProxyConfiguration given/);
	t.regex(run.stdout, /^\*filter\n/);
});

test('warnings are not printed when the trace that follows is refused', async (t) => {
	const run = await runInProcess(['trace', '-f', 'c.yaml', '--from', 'ghost', '--to', '10.96.0.1:443'], {files: {'c.yaml': WARN_THEN_FAIL.replace('40000', '30080')}});
	t.is(run.stderr, 'svc-tutor: trace: --from "ghost" is neither an IP address nor a Pod of the cluster\n');
	t.is(run.status, 2);
});

function memoryIO(overrides: Partial<CommandIO>): CommandIO & {err: string} {
	const io = {
		err: '',
		stdout: () => undefined,
		stderr: (text: string) => void (io.err += text),
		readFile: () => '',
		readStdin: async () => '',
		...overrides,
	};
	return io;
}

test('a bug inside a command is one line, "internal error", and status 70: never a stack', async (t) => {
	const io = memoryIO({
		stdout: () => {
			throw new TypeError('boom\nat somewhere');
		},
	});
	t.is(await cli(['cidr', '10.0.0.0/8'], io, {env: {}} as never), 70);
	t.is(io.err, 'svc-tutor: internal error: TypeError: boom\\nat somewhere\n');
});

test('SVC_TUTOR_DEBUG adds the stack after that line, for whoever fixes the bug', async (t) => {
	const io = memoryIO({
		stdout: () => {
			throw new Error('boom');
		},
	});
	t.is(await cli(['cidr', '10.0.0.0/8'], io, {env: {SVC_TUTOR_DEBUG: '1'}} as never), 70);
	t.regex(io.err, /^svc-tutor: internal error: Error: boom\nError: boom\n {4}at /);
});

test('-f - waits for standard input however late it comes', async (t) => {
	let out = '';
	const io = memoryIO({
		stdout: (text) => void (out += text),
		readStdin: () => new Promise((resolve) => setTimeout(() => resolve(NOTES), 300)),
	});
	t.is(await cli(['rules', '-f', '-', '--node', 'node01', '--format', 'restore'], io, {env: {}} as never), 0);
	t.is(out, readFileSync('test/fixtures/golden/seed-notes.node01.restore.txt', 'utf8'));
	t.is(io.err, '');
});
