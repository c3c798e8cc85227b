// The text tools against the real GNU tools (and mawk, Debian's ipcalc) on this machine: each line
// runs in `bash -c` in a directory holding the fixture files, with LC_ALL=C (the node shell has no
// LANG), and in the node shell with the same files in its working directory. stdout, stderr and
// the exit status must be equal. A tool missing here skips its lines, with the reason printed.
import test from 'ava';
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {bareShell} from './helpers.js';

const FIXTURES = new URL('../fixtures/shell/', import.meta.url);
const FILES: Record<string, string> = {
	'in.txt': readFileSync(new URL('oracle-input.txt', FIXTURES), 'utf8'),
	'cols.txt': readFileSync(new URL('oracle-cols.txt', FIXTURES), 'utf8'),
	'passwd': readFileSync(new URL('oracle-passwd.txt', FIXTURES), 'utf8'),
	'words': 'b\na\nb\nb\nc\na\n',
	'nonl': 'one\ntwo',
	'empty': '',
};

const LINES: Record<string, string[]> = {
	grep: [
		'grep KUBE-SVC in.txt', 'grep -i kube-mark in.txt', 'grep -v KUBE in.txt', 'grep -c KUBE in.txt', 'grep -n proxy in.txt',
		"grep -o 'KUBE-[A-Z]*' in.txt", "grep -on 'KUBE-[A-Z]*' in.txt", "grep -E 'SEP|POSTROUTING' in.txt", 'grep -w dns in.txt', 'grep -w kube in.txt',
		'grep -A1 MARK-MASQ in.txt', 'grep -B2 -n apiserver in.txt', 'grep -C1 RETURN in.txt', 'grep -A1 -e SERVICES -e SEP in.txt',
		'grep nomatch in.txt', "grep '\\(KUBE\\)-SVC-T' in.txt", "grep -x 'db-0 3 Running node02' cols.txt", 'grep Running cols.txt nope.txt',
		'grep -c Running cols.txt passwd', 'grep -h Running cols.txt passwd', "grep -E '(' in.txt", 'grep -A x a in.txt', 'grep', 'grep -z', 'grep --foo x', 'grep -z x words',
		'cat cols.txt | grep -v Running', 'grep -l root passwd cols.txt', "grep -E '[[:digit:]]{3}' cols.txt", "grep 'service-cluster-ip-range' in.txt",
		'grep -q Running cols.txt; echo $?', 'grep Running -', "grep -n '' nonl", 'grep -m1 Running cols.txt', 'grep -i -o RUNNING cols.txt',
	],
	head: ['head -3 in.txt', 'head -n 2 cols.txt', 'head -n -5 cols.txt', 'head -c 12 in.txt', 'head in.txt cols.txt', 'head -n x in.txt', 'head -n', 'head /nope', 'head -2 nonl', 'head -q -n1 cols.txt passwd', 'head --foo'],
	tail: ['tail -n 2 cols.txt', 'tail -n +6 cols.txt', 'tail -3 in.txt', 'tail -c 5 nonl', 'tail -n 1 nonl', 'tail cols.txt passwd', 'tail -n x cols.txt', 'tail /nope'],
	wc: ['wc in.txt', 'wc -l in.txt', 'wc -l < in.txt', 'cat in.txt | wc', 'wc -w cols.txt passwd', 'wc -c nonl', 'wc -lc cols.txt', 'wc nope', 'wc -l empty', 'wc -z'],
	sort: [
		'sort cols.txt', 'sort -r cols.txt', 'sort -n -k2 cols.txt', 'sort -k2n cols.txt', 'sort -k 2,2 cols.txt', 'sort -t: -k3,3n passwd', 'sort -u words', 'sort -rn -k 2 cols.txt',
		'sort -k3 cols.txt', 'sort -k4,4 -k2,2n cols.txt', 'sort words nonl', 'sort -k x cols.txt', 'sort /nope', 'sort -t: -k7 passwd', 'sort -b -k1 cols.txt', 'sort -f in.txt',
	],
	uniq: ['sort words | uniq -c', 'sort words | uniq -d', 'sort words | uniq -u', 'uniq words', 'uniq -c cols.txt', 'uniq a b c'],
	cut: [
		'cut -d: -f1,3 passwd', 'cut -c1-5 in.txt', 'cut -f2 in.txt', "cut -d' ' -f2- cols.txt", "cut -d ' ' -f 1,4 cols.txt", 'cut -d: -f6 -s passwd cols.txt', 'cut -f x in.txt', 'cut -d ab -f1 in.txt', 'cut in.txt', 'cut -b 3- nonl', 'cut -d: --complement -f2 passwd',
	],
	awk: [
		"awk '{print $1}' cols.txt", "awk -F: '{print $1, $3}' passwd", "awk 'NR==2' cols.txt", "awk '/Running/ {print $NF}' cols.txt", "awk '{s+=$2} END {print s}' cols.txt",
		"awk '$2 > 10 {print $1}' cols.txt", "awk '{print NR\": \"$0}' cols.txt", "awk '{printf \"%-10s|%5d|%s\\n\", $1, $2, $3}' cols.txt", "awk -F: 'NF>3 && $3 >= 998 {print $1}' passwd",
		"awk '{print length($1)}' cols.txt", "awk 'BEGIN {print \"start\"} END {print NR}' cols.txt", "awk '{$2=\"\"; print}' cols.txt", "awk '{print $1 $2}' cols.txt", "awk '{print toupper($3)}' cols.txt",
		"awk '$3 == \"Pending\"' cols.txt", "awk '$1 ~ /^web/ {print $4}' cols.txt", "awk -F: '{print $NF}' passwd", "awk '{print $(NF-1)}' cols.txt", "awk 'NR>1 && NR<4 {print}' cols.txt",
		"awk '{print substr($1, 1, 3), index($1, \"-\")}' cols.txt", "awk -v x=5 '$2 > x {print $1}' cols.txt", "awk '{ if ($2 > 10) print \"big\", $1; else print \"small\", $1 }' cols.txt",
		"awk '{print $2 + 0, $2 * 2, $2 / 4, $2 % 5}' cols.txt", "awk 'END {print $0}' cols.txt", "awk '{n++} END {print n}' cols.txt", 'awk \'{print $1\' cols.txt', "awk '{print $1}}' cols.txt", "awk '{print \"abc}' cols.txt", "awk 'BEGIN {x = }'", "awk '/abc'", 'awk', "awk '{print $1}' nope", "awk '{print 1/0, -1/0}' words",
		"awk -F'[: ]' '{print $2}' cols.txt", "awk '!/Running/' cols.txt", "awk '{print NF}' in.txt", "awk 'NR==1 {next} {print $1}' cols.txt",
	],
	sed: [
		"sed -n '2p' in.txt", "sed 's/KUBE/kube/g' in.txt", "sed -n '/proxy/p' in.txt", "sed '2d' cols.txt", "sed -e 's/node0/n/' -e 's/Running/R/' cols.txt", "sed -n '2,4p' cols.txt",
		"sed 's/\\(KUBE\\)-\\([A-Z]*\\)/\\2-\\1/' in.txt", "sed -E 's/(0|1)+/X/g' cols.txt", "sed '$d' cols.txt", "sed -n '$p' cols.txt", "sed '/^$/d' in.txt", "sed 's/e/E/2' cols.txt",
		"sed 's|/|_|g' passwd", "sed 's/a/'", "sed 'x/' in.txt", "sed -n '/db-0/,/cache/p' cols.txt", "sed '/Running/!d' cols.txt", "sed 's/.*/[&]/' nonl", "sed = words", "sed 3q cols.txt",
		"sed -n 's/Running/UP/p' cols.txt", "sed 's/running/up/I' cols.txt", 'sed', "sed 's/x/y/' nope", "sed '0p' cols.txt", "sed 'k' cols.txt", "sed -n 'x;p' words", "sed 'G' words", "sed -n 'h;n;G;p' cols.txt", "sed n words",
	],
	echo: ["echo -e 'a\\tb\\nc'", 'echo -n x', 'echo -z a', "echo -e 'x\\cy'", 'echo -ne "a\\x41\\0101"', 'echo a "" b', "echo 'it''s'"],
	cat: ['cat -n cols.txt', 'cat nonl words', 'cat /nope cols.txt', 'cat -E nonl', 'cat -z', 'cat -A in.txt', 'cat -T in.txt', "printf 'a\\x01\\xc3\\xa9\\x7f\\tb\\n' > bin && cat -v bin && cat -A bin"],
	heredoc: [
		'X=1; cat <<EOF\na $X \\$X "q" \'s\' \\x\n$(echo sub)\nEOF',
		"X=1; cat <<'EOF'\n$X $(echo no)\nEOF",
		'cat <<-EOF\n\tindented\n\t\tdeeper\n\tEOF',
		'cat <<EOF | wc -l\na\nb\nEOF\necho after',
		'cat <<EOF > f && cat f\nx\nEOF',
		'cat <<EOF\nno end',
		'cat <<"END" ; echo two\none\nEND',
		'grep b <<EOF\na\nb\nEOF',
		'cat <<EOF\nEOF',
		'cat <<A <<B\n1\nA\n2\nB',
	],
	arithmetic: [
		'echo $((1+2)) $((2**20)) $((2**(32-12))) $((7/2)) $((-7/2)) $((7%3))', 'X=5; echo $((X+1)) $(($X*2)) "$((X<<2))"', 'echo $((010)) $((0x10)) $((1<2)) $((3&1)) $((1?2:3))',
		'echo $((1/0)); echo next', 'echo $((1 +))', 'echo $((2**-1))', 'echo $(( (1+2)*3 ))', 'N=12; echo $(( 2 ** (32 - N) - 2 ))', 'echo $((09))', 'echo $((1+2', 'echo $((2**63)) $((2**64))',
	],
	date: ['sleep 1x', 'sleep', 'printenv NOPE; echo $?'],
	printf: ["printf '%s-%d\\n' a 1 b 2", "printf '%5s|%-5s|%05d|%x|%o|%c\\n' ab cd 42 255 8 xyz", "printf '%b\\n' 'a\\tb\\0101'", "printf '%.2f %e\\n' 3.14159 12345", "printf 'x%%y\\n'", "printf '%d\\n' abc", 'printf', "printf '%s\\n'", "printf '[%3.1s]\\n' hello"],
	base64: ['echo hello | base64', 'echo aGVsbG8K | base64 -d', 'base64 passwd', 'base64 -w 20 passwd'],
	ls: ['ls', 'ls -1', 'ls -a', 'ls /nope', 'ls cols.txt words', 'ls -z', 'ls . /nope'],
	ipcalc: ['ipcalc 10.96.0.0/12', 'ipcalc 192.168.56.11', 'ipcalc 10.244.1.0/24', 'ipcalc 172.16.5.4/20', 'ipcalc 10.0.0.1/32', 'ipcalc 10.0.0.0/31', 'ipcalc 8.8.8.8/8', 'ipcalc 224.0.0.1/4', 'ipcalc 169.254.1.1/16', 'ipcalc 127.0.0.1/8', 'ipcalc abc', 'ipcalc 10.96.0.0/33', 'ipcalc -b 10.96.0.0/12', 'ipcalc 10.0.0.0/255.255.0.0'],
	'grep -r': ['mkdir -p d/e && cp in.txt d/e/x && cp cols.txt d/y && grep -r MARK d', 'mkdir -p d/e && cp in.txt d/e/x && cp cols.txt d/y && grep -rn -i running d', 'mkdir -p d && cp passwd d/p && grep -rl root d', 'mkdir -p d && cp passwd d/p && grep -rc nologin d'],
	misc: ['mkdir a && mkdir a', 'mkdir', 'touch', 'rm', 'rm nope', 'rm -f nope; echo $?', 'touch x/y', 'mkdir x/y', 'echo hi | tee t1 t2 && cat t1 t2', 'echo a | tee nope/x'],
};

function available(tool: string): string | undefined {
	const probe = spawnSync('bash', ['-c', `command -v ${tool}`], {encoding: 'utf8'});
	return probe.status === 0 ? undefined : `${tool} is not installed here`;
}

for (const [family, lines] of Object.entries(LINES)) {
	const tool = ['misc', 'heredoc', 'arithmetic'].includes(family) ? 'cat' : family.split(' ')[0]!;
	test(`${family}: the node shell prints what the real tool prints`, (t) => {
		const missing = available(tool);
		if (missing) {
			t.log(`SKIPPED: ${missing}`);
			t.pass();
			return;
		}
		for (const line of lines) {
			const dir = mkdtempSync(join(tmpdir(), 'svct-oracle-'));
			const session = bareShell();
			try {
				for (const [name, text] of Object.entries(FILES)) {
					writeFileSync(join(dir, name), text);
					session.fs().write(`/root/${name}`, text);
				}
				const real = spawnSync('bash', ['--norc', '--noprofile', '-c', line], {cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: {PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', HOME: dir}});
				const ours = session.run(line);
				t.deepEqual({stdout: ours.stdout, stderr: ours.stderr, status: ours.status}, {stdout: real.stdout, stderr: real.stderr.replace(/^bash: (-c: )?line \d+: /gm, 'bash: '), status: real.status}, line);
			} finally {
				rmSync(dir, {recursive: true, force: true});
			}
		}
	});
}

test('the oracle runs real tools: grep here is GNU grep', (t) => {
	if (available('grep')) return t.pass();
	t.regex(execFileSync('grep', ['--version'], {encoding: 'utf8'}), /GNU grep/);
});

test('ls in a terminal: the same columns, tabs and spaces as GNU ls -C at several widths', (t) => {
	if (available('ls')) return t.pass();
	const names = ['a.yaml', 'etcd.yaml', 'kube-apiserver.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml', 'x', 'y', 'zzzzzzzzzzzzz', '10-flannel.conflist', 'README.md', 'LICENSE', 'bridge', 'host-local', 'loopback', 'portmap'];
	const dir = mkdtempSync(join(tmpdir(), 'svct-oracle-ls-'));
	try {
		for (const name of names) writeFileSync(join(dir, name), '');
		for (const columns of [20, 40, 60, 80, 132]) {
			const real = spawnSync('ls', ['-C'], {cwd: dir, encoding: 'utf8', env: {PATH: process.env.PATH ?? '', LC_ALL: 'C', COLUMNS: String(columns)}}).stdout;
			const session = bareShell({terminalColumns: columns});
			session.run('mkdir -p /opt/ls && cd /opt/ls');
			for (const name of names) session.fs().write(`/opt/ls/${name}`, '');
			t.is(session.run('ls').stdout, real, `COLUMNS=${columns}`);
		}
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
