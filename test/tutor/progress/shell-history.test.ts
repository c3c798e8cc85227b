// The shell's history file beside progress.json: read back across sessions, capped, written
// atomically, and never a crash when it is something else.
import test from 'ava';
import {chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {historyText, loadShellHistory, SHELL_HISTORY_SIZE, shellHistoryPath, ShellHistorySaver} from '../../../src/tutor/progress/shell-history.js';

const dirs: string[] = [];
test.after.always(() => {
	for (const d of dirs) rmSync(d, {recursive: true, force: true});
});
function dir(): string {
	const d = mkdtempSync(join(tmpdir(), 'svct-history-'));
	dirs.push(d);
	return d;
}

test('the file is shell-history beside progress.json; missing, the history is empty', (t) => {
	const d = dir();
	t.is(shellHistoryPath(d), join(d, 'shell-history'));
	t.deepEqual(loadShellHistory(shellHistoryPath(d)), {lines: [], canSave: true});
});

test('saved lines come back in order; blank lines are dropped; only the newest SHELL_HISTORY_SIZE are kept', async (t) => {
	const file = join(dir(), 'deeper', 'shell-history');
	const saver = new ShellHistorySaver(file);
	saver.save(['kubectl get svc -A', 'ssh node01']);
	saver.save(['kubectl get svc -A', 'ssh node01', '', 'iptables-save | grep db-service']);
	await saver.flush();
	t.is(readFileSync(file, 'utf8'), 'kubectl get svc -A\nssh node01\niptables-save | grep db-service\n');
	t.deepEqual(loadShellHistory(file).lines, ['kubectl get svc -A', 'ssh node01', 'iptables-save | grep db-service']);
	const many = Array.from({length: SHELL_HISTORY_SIZE + 5}, (_, i) => `echo ${i}`);
	t.is(SHELL_HISTORY_SIZE, 1000);
	saver.save(many);
	await saver.flush();
	const back = loadShellHistory(file).lines;
	t.is(back.length, 1000);
	t.is(back[0], 'echo 5');
	t.is(back.at(-1), 'echo 1004');
	t.deepEqual(readdirSync(join(file, '..')), ['shell-history'], 'no temporary file left behind');
	t.is(historyText(['cat <<EOF\nx\nEOF']), 'cat <<EOF\nx\nEOF\n', 'a line typed with newlines is saved as bash saves it, a line each');
});

test('a file that is not text is ignored with one notice, and this session writes over it', (t) => {
	const file = join(dir(), 'shell-history');
	writeFileSync(file, Buffer.from([0x6c, 0x73, 0x0a, 0xff, 0xfe, 0x00, 0x0a]));
	const loaded = loadShellHistory(file);
	t.deepEqual(loaded.lines, []);
	t.true(loaded.canSave);
	t.is(loaded.notice, `svc-tutor: ${file} is not a shell history (not text): it is ignored, and replaced by this session's`);
});

test('a directory in its place is named, left alone and not written; a failed save is told once', async (t) => {
	const file = join(dir(), 'shell-history');
	mkdirSync(file);
	const loaded = loadShellHistory(file);
	t.deepEqual(loaded, {lines: [], canSave: false, notice: `svc-tutor: ${file} is a directory, not a file: the shell history is not read or saved this session`});
	const told: string[] = [];
	const saver = new ShellHistorySaver(file, (m) => told.push(m));
	saver.save(['ls']);
	await saver.flush();
	saver.save(['ls', 'pwd']);
	await saver.flush();
	t.is(told.length, 1);
	t.regex(told[0]!, new RegExp(`^svc-tutor: could not save the shell history to ${file}: `));
});

// Root reads any file, so this needs an ordinary user.
(process.getuid?.() === 0 ? test.skip : test)('an unreadable file (no permission) is a notice, not a crash', (t) => {
	const file = join(dir(), 'shell-history');
	writeFileSync(file, 'ls\n');
	chmodSync(file, 0);
	const loaded = loadShellHistory(file);
	t.false(loaded.canSave);
	t.regex(loaded.notice ?? '', /^svc-tutor: could not read the shell history \(EACCES/);
});
