// `svc-tutor task` through the real binary: list, show, solution, check, and their exit statuses.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {TASK_TEMPLATES} from '../../src/tasks/templates/index.js';
import {runCli} from '../support/run-cli.js';

test('task list: a header and one row per template; --json gives id, group, title, version', (t) => {
	const run = runCli(['task', 'list']);
	t.is(run.status, 0);
	t.is(run.stderr, '');
	const lines = run.stdout.trimEnd().split('\n');
	t.regex(lines[0]!, /^ID +GROUP +VERSION +TITLE$/);
	t.is(lines.length, TASK_TEMPLATES.length + 1);
	t.regex(run.stdout, /^fix-selector +change +v1\.32 +Fix a Service whose selector matches no Pod$/m);
	const json = runCli(['task', 'list', '--json']);
	t.is(json.status, 0);
	const rows = JSON.parse(json.stdout) as {id: string; group: string; title: string; version: string}[];
	t.deepEqual(
		rows,
		TASK_TEMPLATES.map((x) => ({id: x.id, group: x.group, title: x.title, version: x.version})),
	);
	t.deepEqual(new Set(rows.map((r) => r.group)), new Set(['inspect', 'change', 'compute']));
});

test('task show: the seed\'s task text under a line naming the task, its group and version', (t) => {
	const run = runCli(['task', 'show', 'fix-selector', '--seed', '3']);
	t.is(run.status, 0);
	t.regex(run.stdout, /^fix-selector \(change, Kubernetes v1\.32, seed 3\)\n\nConnections to Service \S+ \(namespace \S+\) are refused\. .*Do not change the Deployment\.\n$/);
	t.is(runCli(['task', 'show', 'fix-selector', '--seed', '3']).stdout, run.stdout, 'the same seed, the same task');
	t.not(runCli(['task', 'show', 'fix-selector', '--seed', '4']).stdout, run.stdout);
});

test('task solution piped into task check passes every check, exit 0', (t) => {
	for (const id of ['expose-nodeport', 'pod-service-rules', 'kube-proxy-crashloop', 'cidr-range']) {
		const solution = runCli(['task', 'solution', id, '--seed', '11']);
		t.is(solution.status, 0);
		t.true(solution.stdout.split('\n').filter(Boolean).length >= 2, id);
		const check = runCli(['task', 'check', id, '--seed', '11', '--script', '-'], solution.stdout);
		t.is(check.status, 0, `${id}:\n${check.stdout}${check.stderr}`);
		t.is(check.stderr, '');
		const lines = check.stdout.trimEnd().split('\n');
		t.true(lines.slice(0, -1).every((l) => l.startsWith('✔ ')), check.stdout);
		t.regex(lines.at(-1)!, /^(\d+) of \1 checks passed$/);
	}
});

test('task check: a wrong script fails with the requirement and what was found, exit 1; a script file works as stdin does', (t) => {
	const dir = mkdtempSync(join(tmpdir(), 'svct-task-'));
	try {
		const solution = runCli(['task', 'solution', 'expose-nodeport', '--seed', '5']).stdout;
		// Exposed, but without the node port and with the container port's number.
		const wrong = solution
			.split('\n')
			.filter((l) => !l.includes('patch'))
			.map((l) => l.replace(/--target-port \S+/, '--target-port 8080'))
			.join('\n');
		const file = join(dir, 'attempt.sh');
		writeFileSync(file, `# my attempt\n${wrong}`);
		const run = runCli(['task', 'check', 'expose-nodeport', '--seed', '5', '--script', file]);
		t.is(run.status, 1);
		t.is(run.stderr, '');
		t.regex(run.stdout, /^✔ Service \S+: type NodePort$/m);
		t.regex(run.stdout, /^✖ Service \S+: targetPort [a-z-]+ — targetPort is 8080, expected [a-z-]+$/m);
		t.regex(run.stdout, /^✖ Service \S+: nodePort \d+ — nodePort is \d+, expected \d+$/m);
		t.regex(run.stdout, /^\d of 5 checks passed\n$/m);
		const empty = runCli(['task', 'check', 'service-range', '--seed', '2', '--script', '-'], '');
		t.is(empty.status, 1);
		t.regex(empty.stdout, /^✖ \/opt\/course\/\d+\/\S+ holds the Service IP range \(\S+\) — no file \/opt\/course\/\d+\/\S+ on controlplane\n0 of 1 checks passed\n$/);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

test('task check: a here-document spanning lines runs as one command', (t) => {
	const solution = runCli(['task', 'solution', 'service-range', '--seed', '6']).stdout;
	const file = /> (\S+)$/m.exec(solution)![1]!;
	const dir = file.slice(0, file.lastIndexOf('/'));
	const range = runCli(['shell', '--seed', '6', '-c', "grep -o 'service-cluster-ip-range=[^ ]*' /etc/kubernetes/manifests/kube-apiserver.yaml | cut -d= -f2"]).stdout.trim();
	const script = `mkdir -p ${dir}\ncat > ${file} <<EOF\n${range}\nEOF\n`;
	t.like(runCli(['task', 'check', 'service-range', '--seed', '6', '--script', '-'], script), {status: 0});
});

test('task: bad input is one line on stderr and exit 2, nothing on stdout', (t) => {
	const cases: [string[], RegExp][] = [
		[['task', 'show', 'no-such-task'], /^svc-tutor: task: no task "no-such-task" \(svc-tutor task list shows them\)\n$/],
		[['task', 'check', 'no-such-task', '--script', '-'], /^svc-tutor: task: no task "no-such-task"/],
		[['task'], /^svc-tutor: task: say what to do: list, show ID, solution ID or check ID/],
		[['task', 'frob'], /^svc-tutor: task takes list, show, solution, check, not "frob"\n$/],
		[['task', 'show'], /^svc-tutor: task: give the task id/],
		[['task', 'check', 'fix-selector'], /^svc-tutor: task check: give the commands to run with --script FILE/],
		[['task', 'check', 'fix-selector', '--script', '/nonexistent/attempt.sh'], /^svc-tutor: "\/nonexistent\/attempt\.sh": no such file\n$/],
		[['task', 'show', 'fix-selector', '--seed', 'x'], /^svc-tutor: --seed takes a whole number, not "x"\n$/],
		[['task', 'show', 'fix-selector', '--json'], /^svc-tutor: task show: --json belongs to task list\n$/],
		[['task', 'show', 'fix-selector', 'extra'], /^svc-tutor: task: unexpected argument "extra"/],
		[['task', 'list', '--bogus'], /^svc-tutor: task: unknown option "--bogus"/],
	];
	for (const [args, stderr] of cases) {
		const run = runCli(args);
		t.is(run.status, 2, args.join(' '));
		t.is(run.stdout, '', args.join(' '));
		t.regex(run.stderr, stderr, args.join(' '));
	}
	t.is(runCli(['task', '--help']).status, 0);
	t.regex(runCli(['task', '--help']).stdout, /svc-tutor task check ID \[--seed N\] --script FILE/);
	t.regex(runCli(['--help']).stdout, /svc-tutor task list/);
});
