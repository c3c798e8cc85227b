// The executor: expansions, pipes, lists, redirections, subshells, ssh and exit, history; and a
// generator of random lines that must never make run() throw.
import test from 'ava';
import fc from 'fast-check';
import {bareShell, runAll} from './helpers.js';

test('pipes carry stdout; the pipeline status is the last command\'s', (t) => {
	const s = bareShell();
	t.like(s.run('echo one two | wc -w'), {stdout: '2\n', stderr: '', status: 0});
	t.like(s.run('echo x | grep y'), {stdout: '', status: 1});
	t.like(s.run('echo x | grep y | wc -l'), {stdout: '0\n', status: 0});
	t.like(s.run('! echo x | grep y'), {status: 0});
});

test('&& || ; and $?', (t) => {
	const s = bareShell();
	t.like(s.run('false && echo no || echo yes; echo $?'), {stdout: 'yes\n0\n', status: 0});
	t.like(s.run('nosuch; echo $?'), {stdout: '127\n', stderr: 'bash: nosuch: command not found\n'});
	t.like(s.run('false'), {status: 1});
	t.like(s.run('echo $?'), {stdout: '1\n'});
});

test('variables, export, field splitting and quoting', (t) => {
	const s = bareShell();
	t.is(s.run('echo $HOME $HOSTNAME "$USER"').stdout, '/root controlplane root\n');
	s.run('X="a   b"');
	t.is(s.run('echo $X').stdout, 'a b\n');
	t.is(s.run('echo "$X"').stdout, 'a   b\n');
	t.is(s.run('export A=1 B=2; echo $A$B').stdout, '12\n');
	t.is(s.run('Y=1 echo $Y').stdout, '\n');
	t.is(s.run("echo '$HOME' \\$HOME").stdout, '$HOME $HOME\n');
	t.is(s.run('echo $(echo a; echo b)').stdout, 'a b\n');
	t.is(s.run('echo "$(echo a; echo b)"').stdout, 'a\nb\n');
	t.is(s.run('echo -n x; echo -e "a\\tb"').stdout, 'xa\tb\n');
});

test('redirections write into the node\'s files, and 2>&1 / 2>/dev/null route stderr', (t) => {
	const s = bareShell();
	t.like(s.run('mkdir -p /opt/course/p2 && echo one > /opt/course/p2/f.txt && echo two >> /opt/course/p2/f.txt'), {status: 0, stdout: ''});
	t.is(s.run('cat /opt/course/p2/f.txt').stdout, 'one\ntwo\n');
	t.like(s.run('cat /nope 2>/dev/null'), {stdout: '', stderr: '', status: 1});
	t.like(s.run('cat /nope 2>&1 | wc -l'), {stdout: '1\n', stderr: ''});
	t.like(s.run('cat /nope > /tmp/out 2>&1; cat /tmp/out'), {stdout: 'cat: /nope: No such file or directory\n'});
	t.like(s.run('echo x > /nodir/f'), {stderr: 'bash: /nodir/f: No such file or directory\n', status: 1});
	t.like(s.run('echo x > /etc'), {stderr: 'bash: /etc: Is a directory\n', status: 1});
	t.is(s.run('wc -l < /opt/course/p2/f.txt').stdout, '2\n');
	t.like(s.run('cat < /nope'), {stderr: 'bash: /nope: No such file or directory\n', status: 1});
	// The file is truncated before the command runs, as bash does.
	t.is(s.run('echo keep > /tmp/k; nosuch > /tmp/k; cat /tmp/k').stdout, '');
	t.is(s.run('echo hi | tee /tmp/t1 | wc -c; cat /tmp/t1').stdout, '3\nhi\n');
});

test('cd, pwd, ~ and globs', (t) => {
	const s = bareShell();
	runAll(s, 'mkdir -p /opt/course/a /opt/course/b', 'touch /opt/course/a/x.yaml /opt/course/a/y.yaml /opt/course/a/z.txt');
	t.is(s.run('cd /opt/course && pwd').stdout, '/opt/course\n');
	t.is(s.cwd, '/opt/course');
	t.is(s.run('ls').stdout, 'a\nb\n');
	t.is(s.run('echo a/*.yaml').stdout, 'a/x.yaml a/y.yaml\n');
	t.is(s.run('echo "a/*.yaml" a/*.none').stdout, 'a/*.yaml a/*.none\n');
	t.is(s.run('cd ~ && pwd').stdout, '/root\n');
	t.is(s.run('cd - ').stdout, '/opt/course\n');
	t.like(s.run('cd /nope'), {stderr: 'bash: cd: /nope: No such file or directory\n', status: 1});
	t.like(s.run('cd a b'), {stderr: 'bash: cd: too many arguments\n', status: 1});
	// A cd in a pipeline or a subshell does not move this shell.
	s.run('cd /tmp | true; (cd /etc)');
	t.is(s.cwd, '/opt/course');
});

test('ssh NODE opens a shell there with its own files; exit comes back', (t) => {
	const s = bareShell();
	s.run('echo cp > /root/mark');
	t.like(s.run('ssh node01'), {status: 0});
	t.is(s.node, 'node01');
	t.like(s.run('cat /root/mark'), {status: 1, stderr: 'cat: /root/mark: No such file or directory\n'});
	t.is(s.prompt(), 'node01 ~ ➜  ');
	t.like(s.run('exit'), {stdout: 'logout\n', stderr: 'Connection to node01 closed.\n', exit: false});
	t.is(s.node, 'controlplane');
	t.is(s.run('cat /root/mark').stdout, 'cp\n');
	t.like(s.run('ssh nosuch'), {stderr: 'ssh: Could not resolve hostname nosuch: Name or service not known\n', status: 255});
	t.like(s.run('ssh 192.168.56.12 hostname'), {stdout: 'node02\n', status: 0});
	t.is(s.node, 'controlplane');
	t.like(s.run('ssh root@node01 exit 3'), {status: 3, stdout: ''});
	t.is(s.node, 'controlplane');
	t.like(s.run('exit 4'), {exit: true, status: 4});
});

test('exit stops the rest of the line; a bare exit keeps $?', (t) => {
	const s = bareShell();
	t.like(s.run('false; exit; echo after'), {stdout: '', status: 1, exit: true});
	t.like(bareShell().run('exit abc'), {stderr: 'bash: exit: abc: numeric argument required\n', status: 2, exit: true});
});

test('history numbers lines as bash does; clear empties the output', (t) => {
	const s = bareShell();
	runAll(s, 'echo a', 'pwd');
	t.is(s.run('history').stdout, '    1  echo a\n    2  pwd\n    3  history\n');
	t.is(s.run('history 1').stdout, '    4  history 1\n');
	t.like(s.run('echo x; clear'), {stdout: '', clear: true});
});

test('unknown commands and paths: status 127 in bash\'s words', (t) => {
	const s = bareShell();
	t.like(s.run('kubectx'), {stderr: 'bash: kubectx: command not found\n', status: 127});
	t.like(s.run('./run.sh'), {stderr: 'bash: ./run.sh: No such file or directory\n', status: 127});
	t.like(s.run('/usr/bin/echo hi'), {stdout: 'hi\n', status: 0});
	t.like(s.run('for i in 1 2; do echo $i; done'), {status: 2});
	t.is(s.run('which grep iptables cd').stdout, '/usr/bin/grep\n/usr/sbin/iptables\n');
	t.is(s.run('type cd ls').stdout, 'cd is a shell builtin\nls is /usr/bin/ls\n');
});

test('output keeps stdout and stderr in the order they were printed', (t) => {
	const s = bareShell();
	const result = s.run('echo one; cat /nope; echo two');
	t.deepEqual(result.output, [
		{stream: 'stdout', text: 'one\n'},
		{stream: 'stderr', text: 'cat: /nope: No such file or directory\n'},
		{stream: 'stdout', text: 'two\n'},
	]);
});

const WORDS = ['echo', 'cat', 'ls', 'grep', '-v', '-n', 'x', '/etc', '/tmp/f', 'sed', "'s/a/b/'", 'awk', "'{print $1}'", 'iptables', '-L', '-t', 'nat', '-S', 'iptables-save', 'cd', '..', 'ssh', 'node01', 'exit', 'head', '-n', '3', 'sort', '-k', '2', 'cut', '-d:', '-f1', 'wc', '-l', 'uniq', '-c', '$(', ')', '"', "'", '$?', '$HOME', '|', '||', '&&', ';', '>', '>>', '2>&1', '<', '(', '`', '\\', '*', 'tee', 'mkdir', '-p', 'rm', '-rf', 'history', 'ipcalc', '10.96.0.0/12', 'base64', '-d', 'tail', '+2', 'export', 'A=1', '!', '#', '{', 'for'];

test('random lines never make run() throw, and each result is well formed', (t) => {
	const line = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({maxLength: 6})), {maxLength: 12}).map((ws) => ws.join(' '));
	fc.assert(
		fc.property(fc.array(line, {minLength: 1, maxLength: 6}), (lines) => {
			const s = bareShell();
			for (const l of lines) {
				const result = s.run(l);
				if (typeof result.stdout !== 'string' || typeof result.stderr !== 'string' || !Number.isInteger(result.status)) return false;
				if (result.stderr.includes('internal error')) return false;
				if (result.exit) break;
			}
			return true;
		}),
		{numRuns: 300, seed: 8},
	);
	t.pass();
});

test('in a terminal ls prints columns and ps is cut to its width; piped or captured, one per line and whole', (t) => {
	const s = bareShell({terminalColumns: 40});
	s.run('mkdir -p /opt/x && cd /opt/x && touch alpha beta gamma delta epsilon zeta eta theta iota kappa');
	// GNU ls pads with tabs where a tab stop fits (checked with COLUMNS=40 ls -C on the same names).
	t.is(s.run('ls').stdout, 'alpha  delta\teta    iota   theta\nbeta   epsilon\tgamma  kappa  zeta\n');
	t.is(s.run('ls | head -2').stdout, 'alpha\nbeta\n');
	t.is(s.run('echo $(ls) > /tmp/l; cat /tmp/l').stdout, 'alpha beta delta epsilon eta gamma iota kappa theta zeta\n');
});

test('full-screen programs say what to do instead; less and more show the file', (t) => {
	const s = bareShell();
	const vi = s.run('vi /etc/hosts');
	t.is(vi.status, 1);
	t.regex(vi.stderr, /^svc-tutor shell: vi \(a full-screen editor\) does not run in this shell; change a file with sed -i/);
	s.run('echo hi > /tmp/h');
	t.is(s.run('less /tmp/h').stdout, 'hi\n');
	t.is(s.run('which vim').stdout, '/usr/bin/vim\n');
});

test('alias lists k=kubectl in bash\'s form', (t) => {
	const s = bareShell();
	t.is(s.run('alias').stdout, "alias k='kubectl'\n");
	t.like(s.run('alias nope'), {stderr: 'bash: alias: nope: not found\n', status: 1});
});
