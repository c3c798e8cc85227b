import test from 'ava';
import {spawnSync} from 'node:child_process';
import {existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runReset} from '../../src/commands/reset.js';

interface Run {
	status: number;
	stdout: string;
	stderr: string;
	asked: string[];
}

async function reset(dir: string, options: {yes?: boolean; answer?: string} = {}): Promise<Run> {
	const run: Run = {status: -1, stdout: '', stderr: '', asked: []};
	run.status = await runReset({
		yes: options.yes ?? false,
		env: {SVC_TUTOR_CONFIG_DIR: dir},
		...(options.answer !== undefined ? {ask: async (question: string) => (run.asked.push(question), options.answer!)} : {}),
		stdout: (text) => (run.stdout += text),
		stderr: (text) => (run.stderr += text),
	});
	return run;
}

const dir = (): string => mkdtempSync(join(tmpdir(), 'svct-reset-'));

test('a directory where progress.json should be: one line, exit 2, nothing deleted, nothing asked', async (t) => {
	const d = dir();
	const file = join(d, 'progress.json');
	mkdirSync(file);
	writeFileSync(join(file, 'notes.txt'), 'mine');
	for (const options of [{yes: true}, {answer: 'y'}]) {
		const run = await reset(d, options);
		t.is(run.status, 2);
		t.is(run.stdout, '');
		t.is(run.stderr, `svc-tutor reset: ${file} is a directory, not a progress file; nothing was erased.\n`);
		t.deepEqual(run.asked, []);
		t.is(readFileSync(join(file, 'notes.txt'), 'utf8'), 'mine');
	}
});

test('a FIFO where progress.json should be is refused the same way, and never opened', async (t) => {
	const d = dir();
	const file = join(d, 'progress.json');
	t.is(spawnSync('mkfifo', [file]).status, 0);
	const run = await reset(d, {yes: true});
	t.is(run.status, 2);
	t.is(run.stderr, `svc-tutor reset: ${file} is a named pipe (FIFO), not a progress file; nothing was erased.\n`);
	t.true(lstatSync(file).isFIFO());
});

test('a progress path that cannot even be looked at: one line naming it and why, exit 2', async (t) => {
	// A file under a file gives a real failure for anyone, root included (a read-only directory would not stop root).
	const d = dir();
	writeFileSync(join(d, 'blocker'), 'a file, not a directory');
	const run = await reset(join(d, 'blocker'), {yes: true});
	// progress.json under a file: stat fails with ENOTDIR, which is not "no progress".
	t.is(run.status, 2);
	t.is(run.stderr, `svc-tutor reset: cannot look at ${join(d, 'blocker', 'progress.json')}: a part of its path is not a directory; nothing was erased.\n`);
	t.is(run.stdout, '');
});

test('no file: nothing to reset, exit 0', async (t) => {
	const d = dir();
	const run = await reset(d, {yes: true});
	t.is(run.status, 0);
	t.is(run.stdout, `Nothing to reset: there is no saved progress (${join(d, 'progress.json')}).\n`);
});

test('a file: asked first, n keeps it, y erases it; --yes does not ask', async (t) => {
	const d = dir();
	const file = join(d, 'progress.json');
	writeFileSync(file, '{}');
	const kept = await reset(d, {answer: 'n'});
	t.is(kept.status, 0);
	t.is(kept.asked.length, 1);
	t.true(existsSync(file));
	const erased = await reset(d, {answer: 'y'});
	t.is(erased.status, 0);
	t.false(existsSync(file));
	writeFileSync(file, '{}');
	const yes = await reset(d, {yes: true});
	t.deepEqual([yes.status, yes.asked], [0, []]);
	t.false(existsSync(file));
});

test('without a terminal to ask on and without --yes: one line, exit 2, the file kept', async (t) => {
	const d = dir();
	const file = join(d, 'progress.json');
	writeFileSync(file, '{}');
	const run = await reset(d);
	t.is(run.status, 2);
	t.is(run.stderr, `svc-tutor reset: not erasing ${file} without asking, and there is no terminal to ask on; svc-tutor reset --yes erases it anyway.\n`);
	t.true(existsSync(file));
});
