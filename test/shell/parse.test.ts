// The command-line parser: words, quotes, expansions and operators, and bash's syntax errors.
import test from 'ava';
import {needsMoreInput, parseLine, ShellSyntaxError, type SimpleCommand, type Word} from '../../src/shell/parse.js';

function words(line: string): Word[] {
	const list = parseLine(line);
	return (list[0]!.first.commands[0] as SimpleCommand).words;
}

function syntaxError(t: import('ava').ExecutionContext, line: string, message: string): void {
	t.throws(() => parseLine(line), {instanceOf: ShellSyntaxError, message}, line);
}

test('words, quotes and escapes', (t) => {
	t.deepEqual(words(`echo 'a b' "c d" e\\ f`), [
		[{kind: 'text', text: 'echo', quoted: false}],
		[{kind: 'text', text: 'a b', quoted: true}],
		[{kind: 'text', text: 'c d', quoted: true}],
		[{kind: 'text', text: 'e', quoted: false}, {kind: 'text', text: ' ', quoted: true}, {kind: 'text', text: 'f', quoted: false}],
	]);
	t.deepEqual(words(`echo ""`)[1], [{kind: 'text', text: '', quoted: true}]);
	t.deepEqual(words(`echo "a\\"b\\$c\\x"`)[1], [{kind: 'text', text: 'a"b$c\\x', quoted: true}]);
});

test('variables, $? and command substitution, nested and inside double quotes', (t) => {
	const [, a, b, c] = words('echo $HOME ${USER}x "$?"');
	t.deepEqual(a, [{kind: 'var', name: 'HOME', quoted: false}]);
	t.deepEqual(b, [{kind: 'var', name: 'USER', quoted: false}, {kind: 'text', text: 'x', quoted: false}]);
	t.deepEqual(c, [{kind: 'var', name: '?', quoted: true}]);
	const [, sub] = words('echo "$(echo "$(hostname)" | wc -c)"');
	t.is(sub!.length, 1);
	t.is(sub![0]!.kind, 'command');
	const inner = (sub![0] as {list: ReturnType<typeof parseLine>}).list;
	t.is(inner[0]!.first.commands.length, 2);
	t.deepEqual(words('echo `hostname`')[1]![0]!.kind, 'command');
	t.deepEqual(words('echo $ a$')[1], [{kind: 'text', text: '$', quoted: false}]);
});

test('pipes, && || ; and subshells', (t) => {
	const list = parseLine('a | b && c || d; e');
	t.is(list.length, 2);
	t.is(list[0]!.first.commands.length, 2);
	t.deepEqual(list[0]!.rest.map((r) => r.op), ['&&', '||']);
	const sub = parseLine('(cd /tmp; ls) | wc -l');
	t.is(sub[0]!.first.commands[0]!.kind, 'subshell');
	t.is(parseLine('! grep x f')[0]!.first.negated, true);
	t.is(parseLine('echo a # a comment | b')[0]!.first.commands.length, 1);
});

test('redirections: fd numbers only when they touch the operator', (t) => {
	const cmd = (line: string) => parseLine(line)[0]!.first.commands[0] as SimpleCommand;
	t.deepEqual(
		cmd('ls x 2>/dev/null >out.txt 2>&1').redirects.map((r) => [r.fd, r.op, r.target.map((p) => (p.kind === 'text' ? p.text : '')).join('')]),
		[[2, '>', '/dev/null'], [1, '>', 'out.txt'], [2, '>&', '1']],
	);
	t.deepEqual(cmd('echo 2 >x').words.length, 2);
	t.deepEqual(cmd('echo a2>x').words.map((w) => (w[0] as {text: string}).text), ['echo', 'a2']);
	t.deepEqual(cmd('cat < in >> out').redirects.map((r) => r.op), ['<', '>>']);
	t.deepEqual(cmd('FOO=bar env').assignments.map((a) => a.name), ['FOO']);
});

test("syntax errors in bash's words", (t) => {
	syntaxError(t, '| x', "bash: syntax error near unexpected token `|'");
	syntaxError(t, 'echo a | | b', "bash: syntax error near unexpected token `|'");
	syntaxError(t, 'a && && b', "bash: syntax error near unexpected token `&&'");
	syntaxError(t, 'echo >', "bash: syntax error near unexpected token `newline'");
	syntaxError(t, 'echo > > x', "bash: syntax error near unexpected token `>'");
	syntaxError(t, 'echo 2>&', "bash: syntax error near unexpected token `newline'");
	syntaxError(t, 'echo a;;', "bash: syntax error near unexpected token `;;'");
	syntaxError(t, ';', "bash: syntax error near unexpected token `;'");
	syntaxError(t, 'echo a)', "bash: syntax error near unexpected token `)'");
	syntaxError(t, 'echo a |', 'bash: syntax error: unexpected end of file');
	syntaxError(t, 'a &&', 'bash: syntax error: unexpected end of file');
	syntaxError(t, "echo 'a", "bash: unexpected EOF while looking for matching `''");
	syntaxError(t, 'echo "a', 'bash: unexpected EOF while looking for matching `"\'');
	syntaxError(t, 'echo $(echo a', "bash: unexpected EOF while looking for matching `)'");
	syntaxError(t, 'echo `a', "bash: unexpected EOF while looking for matching ``'");
});

test('real bash agrees on every syntax error message (interactive form)', async (t) => {
	const {execFileSync} = await import('node:child_process');
	const lines = ['| x', 'echo a | | b', 'a && && b', 'echo >', 'echo a;;', 'echo a)', 'echo a |', "echo 'a", 'echo $(echo a'];
	for (const line of lines) {
		let real = '';
		try {
			execFileSync('bash', ['-c', line], {stdio: ['ignore', 'ignore', 'pipe'], env: {PATH: process.env.PATH ?? ''}});
		} catch (error) {
			real = String((error as {stderr: Buffer}).stderr);
		}
		// bash -c names the line ("-c: line 1: ") and echoes it; an interactive shell does neither.
		const first = real.split('\n')[0]!.replace(/^bash: -c: line \d+: /, 'bash: ');
		const ours = t.throws(() => parseLine(line), {instanceOf: ShellSyntaxError})!.message;
		t.is(ours, first, line);
	}
});

test('needsMoreInput: what makes bash print its > prompt', (t) => {
	for (const line of ["echo 'a", 'echo "a', 'ls |', 'true &&', 'cat <<EOF\nline', 'echo $(date', '(cd /tmp']) t.true(needsMoreInput(line), line);
	for (const line of ['echo a', 'cat <<EOF\nx\nEOF', 'echo a | | b', '', 'cat <<EOF\nEOF\n']) t.false(needsMoreInput(line), line);
});

test('a here-document with kubectl apply -f - reaches the cluster', async (t) => {
	const {newShellSession} = await import('../../src/shell/start.js');
	const s = newShellSession({seed: 2});
	const result = s.run('kubectl apply -f - <<EOF\napiVersion: v1\nkind: Service\nmetadata:\n  name: from-heredoc\nspec:\n  ports:\n  - port: 80\nEOF');
	t.is(result.stderr, '');
	t.is(result.status, 0);
	t.regex(s.run('iptables-save | grep -c from-heredoc').stdout, /^[1-9]\d*\n$/);
});
