// The README's command examples, run as a reader runs them: the built binary (dist/svc-tutor.js)
// in bash, through real pipes, with `set -o pipefail`. Each example's output must be what the
// README shows; each pipeline into `-f -` runs again with its writer delayed and trickling, as a
// slow producer would feed it. Then what pipes do at their ends: a reader that goes away early
// (`| head -1`) and a writer that starts late.
import test from 'ava';
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';

const BINARY = resolve('dist/svc-tutor.js');
const dir = mkdtempSync(join(tmpdir(), 'svct-pipes-'));

interface ShellRun {
	status: number | null;
	stdout: string;
	stderr: string;
}

/** A bash line with `svc-tutor` as the built binary; killed (status null) if it outlives 30 s. */
function sh(line: string): Promise<ShellRun> {
	const script = `set -o pipefail\nsvc-tutor() { ${JSON.stringify(process.execPath)} ${JSON.stringify(BINARY)} "$@"; }\n${line}`;
	return new Promise((done) => {
		const child = spawn('bash', ['-c', script], {cwd: dir, env: {...process.env, NO_COLOR: '1'}, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => void (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => void (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
		child.on('close', (status) => {
			clearTimeout(timer);
			done({status, stdout, stderr});
		});
	});
}

// ---- the README's examples -----------------------------------------------------------------

interface Example {
	command: string;
	/** The output as the README shows it; a line `…` elides the rest, a line ending in `…` is a prefix. */
	shown: string[];
}

/** Every `$ svc-tutor …` line in the README's code blocks, with the lines shown after it. */
function readmeExamples(): Example[] {
	const examples: Example[] = [];
	const blocks = readFileSync('README.md', 'utf8').split(/^```.*$/m).filter((_, i) => i % 2 === 1);
	for (const block of blocks) {
		let current: Example | undefined;
		for (const line of block.split('\n')) {
			if (line.startsWith('$ ')) {
				current = {command: line.slice(2), shown: []};
				if (line.startsWith('$ svc-tutor')) examples.push(current);
			} else if (current) current.shown.push(line);
		}
	}
	for (const example of examples) {
		while (example.shown.at(-1) === '') example.shown.pop();
	}
	return examples;
}

/** Undefined when the output is what the README shows, else the first difference. */
function differs(shown: string[], output: string): string | undefined {
	const actual = output.split('\n');
	if (actual.at(-1) === '') actual.pop();
	for (const [i, expected] of shown.entries()) {
		if (expected === '…') return undefined;
		const got = actual[i];
		if (got === undefined) return `line ${i + 1}: missing, README shows ${JSON.stringify(expected)}`;
		const cut = expected.indexOf('…');
		const same = cut < 0 ? got === expected : got.startsWith(expected.slice(0, cut));
		if (!same) return `line ${i + 1}: ${JSON.stringify(got)}, README shows ${JSON.stringify(expected)}`;
	}
	return actual.length === shown.length ? undefined : `${actual.length} lines, README shows ${shown.length}`;
}

/** `A | svc-tutor … -f - …` with A delayed a second and then trickling out in pieces. */
function delayedWriter(command: string): string | undefined {
	const match = /^(.*?) \| (svc-tutor \S+ -f - .*)$/.exec(command);
	if (!match) return undefined;
	const [, writer, reader] = match;
	return `(sleep 1; ${writer} > written.txt; head -c 700 written.txt; sleep 0.3; tail -c +701 written.txt | head -c 5000; sleep 0.3; tail -c +5701 written.txt) | ${reader}`;
}

const examples = readmeExamples();

test('the README has examples to check, pipelines among them', (t) => {
	t.true(examples.length >= 5);
	t.true(examples.filter((e) => delayedWriter(e.command) !== undefined).length >= 2);
});

// In order, one at a time: a later example may read a file an earlier one wrote (notes.yaml).
test.serial('every README example prints what the README shows, with status 0 and nothing on stderr', async (t) => {
	for (const example of examples) {
		const run = await sh(example.command);
		t.is(run.status, 0, `${example.command}\n${run.stderr}`);
		t.is(run.stderr, '', example.command);
		t.is(differs(example.shown, run.stdout), undefined, example.command);
	}
});

test.serial('every README pipeline into -f - gives the same output when its writer is late and slow', async (t) => {
	for (const example of examples) {
		const delayed = delayedWriter(example.command);
		if (!delayed) continue;
		const [direct, late] = [await sh(example.command), await sh(delayed)];
		t.is(late.status, 0, `${delayed}\n${late.stderr}`);
		t.is(late.stderr, '', delayed);
		t.is(late.stdout, direct.stdout, delayed);
	}
});

// ---- the ends of a pipe --------------------------------------------------------------------

test.serial("the course's own example, scenario | rules -f -, equals rules on the saved file, also from a late writer", async (t) => {
	const saved = await sh('svc-tutor scenario --seed 7 > seed7.yaml && svc-tutor rules -f seed7.yaml --node node01');
	t.is(saved.status, 0, saved.stderr);
	t.regex(saved.stdout, /^# Generated by iptables-save v1\.8\.9/);
	for (const line of [
		'svc-tutor scenario --seed 7 | svc-tutor rules -f - --node node01',
		'(sleep 1; cat seed7.yaml) | svc-tutor rules -f - --node node01',
		'(sleep 1; svc-tutor scenario --seed 7) | svc-tutor rules -f - --node node01',
	]) {
		const run = await sh(line);
		t.is(run.status, 0, `${line}\n${run.stderr}`);
		t.is(run.stderr, '', line);
		// iptables-save's header and footer carry the time: compare the rules.
		t.is(withoutDates(run.stdout), withoutDates(saved.stdout), line);
	}
});

const withoutDates = (save: string): string => save.replace(/^# (Generated by|Completed on) .*$/gm, '# $1');

test('a reader that leaves early (| head -1): the first line, no EPIPE trace, status 141 as for a Unix tool', async (t) => {
	const run = await sh('svc-tutor scenario --services 2000 | head -1; echo "status ${PIPESTATUS[0]} ${PIPESTATUS[1]}" >&2');
	t.is(run.stdout, 'apiVersion: v1\n');
	t.is(run.stderr, 'status 141 0\n');
});

test('a reader that leaves early from a rules pipeline: the same', async (t) => {
	writeFileSync(join(dir, 'notes-for-head.yaml'), readFileSync('test/fixtures/golden/seed-notes.yaml', 'utf8'));
	const run = await sh('svc-tutor scenario --services 300 | svc-tutor rules -f - --node node01 | head -2; echo "status ${PIPESTATUS[*]}" >&2');
	t.is(run.stdout.split('\n').length, 3);
	t.regex(run.stderr, /^status 0 (0|141) 0\n$/);
});

test('a refusal read from a pipe is one line and status 2', async (t) => {
	const run = await sh("(sleep 0.5; printf 'kind: Service\\nmetadata: [\\n') | svc-tutor rules -f -");
	t.is(run.status, 2);
	t.is(run.stdout, '');
	t.regex(run.stderr, /^svc-tutor: -:\d+:\d+: YAML syntax error: [^\n]*\n$/);
});

test('an empty pipe is read to its end, not waited on forever', async (t) => {
	const run = await sh('true | svc-tutor rules -f -');
	t.is(run.status, 2);
	t.is(run.stderr, "svc-tutor: rules: the input holds no Node: pass --node NAME --node-ip IP (the node's InternalIP)\n");
});

test('a directory as standard input is refused in one line', async (t) => {
	const run = await sh('svc-tutor rules -f - < /');
	t.is(run.status, 2);
	t.is(run.stderr, 'svc-tutor: standard input is a directory\n');
});

test('a full disk is one line and status 74', async (t) => {
	const run = await sh('svc-tutor scenario > /dev/full');
	t.is(run.status, 74);
	t.is(run.stderr, 'svc-tutor: cannot write standard output: ENOSPC\n');
});

test('an endless input (/dev/zero) is refused once past 256 MB, by file and by pipe, not read until memory runs out', async (t) => {
	for (const [line, message] of [
		['svc-tutor rules -f /dev/zero', 'svc-tutor: "/dev/zero": larger than 256 MB, the most svc-tutor reads\n'],
		['cat /dev/zero | svc-tutor rules -f -', 'svc-tutor: standard input: larger than 256 MB, the most svc-tutor reads\n'],
	] as const) {
		const run = await sh(line);
		t.is(run.status, 2, line);
		t.is(run.stderr, message);
		t.is(run.stdout, '');
	}
});
