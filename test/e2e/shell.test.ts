// The node shell as a new learner meets it: the built binary in tmux at 80×24, from home and
// as `svc-tutor shell`; its history in the progress directory, across sessions.
import test from 'ava';
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {BINARY, Terminal, tmuxTest} from './tmux.js';

const terminals: Terminal[] = [];
const dirs: string[] = [];
test.afterEach.always(() => {
	for (const t of terminals.splice(0)) t.kill();
});
test.after.always(() => {
	for (const d of dirs) rmSync(d, {recursive: true, force: true});
});
function open(options: ConstructorParameters<typeof Terminal>[0] = {}): Terminal {
	const terminal = new Terminal(options);
	terminals.push(terminal);
	return terminal.start();
}

const PROMPT = 'controlplane ~ ➜  ';

tmuxTest('a new learner: the shell from home, kubectl, ssh, iptables-save | grep, a typo, Tab, ↑, and exit back home', async (t) => {
	const term = open({args: ['--seed', '1']});
	await term.waitFor('❯ Start the course');
	term.keys('$');
	await term.waitFor(`${PROMPT}▏`);
	term.type('kubectl get svc -A').keys('Enter');
	let screen = await term.waitFor(/^kube-system +kube-dns +ClusterIP +10\.96\.0\.10 /m);
	// Wider than 80 columns, the table wraps as a terminal wraps it.
	t.regex(screen, /^NAMESPACE +NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\)\n +AGE$/m);
	t.regex(screen, /^default +db-service +ClusterIP /m);
	term.type('ssh node01').keys('Enter');
	await term.waitFor('node01 ~ ➜  ▏');
	term.type('iptables-save | grep db-service').keys('Enter');
	screen = await term.waitFor(/iptables-save \| grep db-service\n[\s\S]*node01 ~ ➜ {2}▏/);
	// The rules are wider than 80 columns: they wrap, so they are read with the rows joined.
	const joined = screen.replace(/\n/g, '');
	t.regex(joined, /-A KUBE-SERVICES -d [\d.]+\/32 -p tcp -m comment --comment "default\/db-service cluster IP" -m tcp --dport 3306 -j KUBE-SVC-\w+-A /);
	t.regex(joined, /-A KUBE-SEP-\w+ -p tcp -m comment --comment "default\/db-service" -m tcp -j DNAT --to-destination 10\.244\.\d+\.\d+:3306/);
	term.type('kubeclt').keys('Enter');
	await term.waitFor('bash: kubeclt: command not found');
	// ↑ recalls the lines before, across the ssh.
	term.keys('Up', 'Up');
	await term.waitFor('node01 ~ ➜  iptables-save | grep db-service▏');
	term.keys('C-u');
	term.type('exit').keys('Enter');
	await term.waitFor(`${PROMPT}▏`);
	term.type('kubectl get svcs').keys('Enter');
	await term.waitFor('error: the server doesn\'t have a resource type "svcs"');
	// Tab: one candidate completes with a space; two Tabs list the candidates under the prompt.
	term.type('kubectl get s').keys('Tab');
	await term.waitFor(`${PROMPT}kubectl get s▏`);
	term.keys('Tab');
	await term.waitFor(/^services {6}statefulsets {2}sts {11}svc$/m);
	term.type('vc -n kube-s').keys('Tab');
	await term.waitFor(`${PROMPT}kubectl get svc -n kube-system ▏`);
	term.keys('Tab');
	await term.waitFor(`${PROMPT}kubectl get svc -n kube-system kube-dns ▏`);
	term.keys('Enter');
	await term.waitFor(/^kube-dns +ClusterIP +10\.96\.0\.10 +<none> +53\/UDP,53\/TCP,9153\/TCP /m);
	term.type('exit').keys('Enter');
	screen = await term.waitFor('❯ Start the course');
	t.regex(screen, /Shell/);
	t.is(readFileSync(join(term.configDir, 'shell-history'), 'utf8').split('\n').slice(0, 4).join('\n'), 'kubectl get svc -A\nssh node01\niptables-save | grep db-service\nkubeclt');
	term.keys('q');
	t.is(await term.exited(), 0);
});

tmuxTest('svc-tutor shell opens the shell directly, ↑ brings back the last session\'s lines, and exit leaves; progress.json is not written', async (t) => {
	const configDir = mkdtempSync(join(tmpdir(), 'svct-e2e-shell-'));
	dirs.push(configDir);
	const first = open({args: ['shell', '--seed', '3'], configDir});
	await first.waitFor(`${PROMPT}▏`);
	t.regex(first.screen(), /svc-tutor · Shell · a kubeadm cluster/);
	first.type('hostname').keys('Enter');
	await first.waitFor(/^controlplane$/m);
	first.keys('Escape');
	t.is(await first.exited(), 0);
	t.is(readFileSync(join(configDir, 'shell-history'), 'utf8'), 'hostname\n');
	t.false(existsSync(join(configDir, 'progress.json')), 'the course is untouched');

	const second = open({args: ['shell', '--node', 'node02'], configDir});
	await second.waitFor('node02 ~ ➜  ▏');
	second.keys('Up');
	await second.waitFor('node02 ~ ➜  hostname▏');
	second.keys('Enter');
	await second.waitFor(/^node02$/m);
	second.type('exit').keys('Enter');
	t.is(await second.exited(), 0);
	t.is(readFileSync(join(configDir, 'shell-history'), 'utf8'), 'hostname\nhostname\nexit\n', 'exit is a line too, as in bash');
	t.false(existsSync(join(configDir, 'progress.json')));
});

tmuxTest('a history save cut short by kill -9 leaves a temporary file: removed at a later start once ten minutes old', async (t) => {
	const configDir = mkdtempSync(join(tmpdir(), 'svct-e2e-shell-'));
	dirs.push(configDir);
	const stale = join(configDir, 'shell-history.123456');
	const fresh = join(configDir, 'shell-history.654321');
	writeFileSync(stale, 'ls\n');
	writeFileSync(fresh, 'ls\n');
	const old = new Date(Date.now() - 11 * 60 * 1000);
	utimesSync(stale, old, old);
	const term = open({args: ['shell'], configDir});
	await term.waitFor(`${PROMPT}▏`);
	t.false(existsSync(stale));
	t.true(existsSync(fresh), 'a save that may be under way is left alone');
	term.keys('Escape');
	t.is(await term.exited(), 0);
});

test('svc-tutor shell without a terminal: one line on stderr, status 2, nothing else', (t) => {
	const result = spawnSync(process.execPath, [BINARY, 'shell'], {encoding: 'utf8', input: '', env: {...process.env, SVC_TUTOR_CONFIG_DIR: join(tmpdir(), 'svct-no-such-dir')}});
	t.is(result.status, 2);
	t.is(result.stdout, '');
	t.is(result.stderr, "svc-tutor: the shell needs an interactive terminal, and standard input or output is redirected: run `npx svc-tutor shell` in a terminal, or one line anywhere with svc-tutor shell -c 'COMMAND LINE'\n");
	t.false(existsSync(join(tmpdir(), 'svct-no-such-dir')), 'nothing written');
});
