import test from 'ava';
import {spawnSync} from 'node:child_process';
import {existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, truncateSync, utimesSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {basename, dirname, join} from 'node:path';
import {configDir, progressPath} from '../../../src/tutor/progress/paths.js';
import {peekProgress} from '../../../src/tutor/progress/peek.js';
import {MAX_PROGRESS_BYTES, readProgressText} from '../../../src/tutor/progress/read.js';
import {eraseProgress, loadProgress, ProgressSaver, removeStaleTempFiles, saveProgressSync, STALE_TEMP_AGE_MS, stamp} from '../../../src/tutor/progress/store.js';
import {freshProgress, type Progress} from '../../../src/tutor/progress/types.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'svct-progress-'));
const fixedNow = (): Date => new Date('2025-11-26T07:50:12.123Z');

const sample: Progress = {
	...freshProgress(42),
	last: {lesson: 'clusterip', step: 3},
	lessons: {clusterip: {step: 3, furthest: 5, done: false, answers: {'6': {tries: 2, firstCorrect: false, lastCorrect: true}}}},
	practice: {asked: 4, correct: 3, next: 5},
};

test('SVC_TUTOR_CONFIG_DIR overrides the config directory; without it ~/.config/svc-tutor (see move-legacy.test.ts)', (t) => {
	t.is(configDir({SVC_TUTOR_CONFIG_DIR: '/tmp/x'}), '/tmp/x');
	t.regex(configDir({}), /svc-tutor/);
	t.is(progressPath('/tmp/x'), join('/tmp/x', 'progress.json'));
});

test('no file: a fresh start with the seed given, nothing to tell', (t) => {
	const loaded = loadProgress(join(dir(), 'progress.json'), {seed: () => 7});
	t.true(loaded.fresh);
	t.true(loaded.canSave);
	t.is(loaded.notice, undefined);
	t.is(loaded.progress.seed, 7);
});

test('saved progress comes back as it was', (t) => {
	const file = join(dir(), 'nested', 'progress.json');
	saveProgressSync(file, sample);
	const loaded = loadProgress(file);
	t.false(loaded.fresh);
	t.deepEqual(loaded.progress, sample);
});

for (const [name, text, why] of [
	['not JSON', '{"version": 1, "seed": ', /not valid JSON/],
	['empty', '', /empty/],
	['the wrong shape', JSON.stringify({...sample, lessons: {clusterip: {step: -1}}}), /lessons\.clusterip/],
	['a newer version', JSON.stringify({...sample, version: 2}), /version 2/],
	['an unknown practice kind', JSON.stringify({...sample, practice: {...sample.practice, kinds: ['dnat-target', 'guess-the-port']}}), /practice\.kinds\.1/],
	['no practice kind at all', JSON.stringify({...sample, practice: {...sample.practice, kinds: []}}), /practice\.kinds/],
] as const) {
	test(`a corrupted file (${name}) is moved aside with a message, and the learner starts afresh`, (t) => {
		const d = dir();
		const file = join(d, 'progress.json');
		writeFileSync(file, text);
		const loaded = loadProgress(file, {now: fixedNow, seed: () => 9});
		const aside = `${file}.corrupt-${stamp(fixedNow())}`;
		t.true(loaded.fresh);
		t.true(loaded.canSave);
		t.is(loaded.progress.seed, 9);
		t.regex(loaded.notice ?? '', why);
		t.true(loaded.notice?.includes(aside));
		t.false(existsSync(file));
		t.is(readFileSync(aside, 'utf8'), text, 'the file is kept, byte for byte');
	});
}

test('the practice kinds chosen are saved and come back', (t) => {
	const file = join(dir(), 'progress.json');
	const chosen: Progress = {...sample, practice: {...sample.practice, kinds: ['dnat-target', 'cidr-size']}};
	saveProgressSync(file, chosen);
	t.deepEqual(loadProgress(file).progress, chosen);
});

test('a file that cannot be read is left alone and never overwritten', (t) => {
	const d = dir();
	const file = join(d, 'progress.json');
	mkdirSync(file); // a directory where the file should be
	const loaded = loadProgress(file);
	t.false(loaded.canSave);
	t.regex(loaded.notice ?? '', /will not be saved/);
});

test('a corrupted file that cannot be moved aside: the session is not saved, so the file survives', (t) => {
	const d = dir();
	const file = join(d, 'progress.json');
	writeFileSync(file, 'garbage');
	// A directory already where the file would go makes the rename fail, even for root.
	mkdirSync(join(`${file}.corrupt-${stamp(fixedNow())}`, 'occupied'), {recursive: true});
	const loaded = loadProgress(file, {now: fixedNow});
	t.false(loaded.canSave);
	t.regex(loaded.notice ?? '', /moving it aside failed/);
	t.is(readFileSync(file, 'utf8'), 'garbage');
});

test('the saver writes in order, the latest state wins, and flush waits for the disk', async (t) => {
	const file = join(dir(), 'deep', 'er', 'progress.json');
	const errors: (string | undefined)[] = [];
	const saver = new ProgressSaver(file, (e) => errors.push(e));
	for (let step = 0; step < 20; step++) saver.save({...sample, last: {lesson: 'clusterip', step}});
	await saver.flush();
	t.deepEqual(JSON.parse(readFileSync(file, 'utf8')), {...sample, last: {lesson: 'clusterip', step: 19}});
	t.deepEqual(errors, []);
	t.deepEqual(readdirSync(join(file, '..')), ['progress.json'], 'no temporary files left behind');
});

test('a failed save is reported, not thrown, and cleared by the next good one', async (t) => {
	const d = dir();
	const blocked = join(d, 'blocked');
	writeFileSync(blocked, 'a file, so no directory can be made here');
	const errors: (string | undefined)[] = [];
	const saver = new ProgressSaver(join(blocked, 'progress.json'), (e) => errors.push(e));
	saver.save(sample);
	await saver.flush();
	t.is(errors.length, 1);
	t.regex(errors[0] ?? '', /could not save progress/);
	t.truthy(saver.error);
});

test('erase removes the file and keeps files moved aside', (t) => {
	const d = dir();
	const file = join(d, 'progress.json');
	t.deepEqual(eraseProgress(file), {kind: 'absent'});
	saveProgressSync(file, sample);
	writeFileSync(`${file}.corrupt-x`, 'old');
	t.deepEqual(eraseProgress(file), {kind: 'erased'});
	t.deepEqual(readdirSync(d), ['progress.json.corrupt-x']);
});

test('peek: none, found, or unsure (then the validating loader decides)', (t) => {
	const d = dir();
	const file = join(d, 'progress.json');
	t.deepEqual(peekProgress(file), {kind: 'none'});
	saveProgressSync(file, sample);
	t.deepEqual(peekProgress(file), {kind: 'found', progress: sample});
	writeFileSync(file, '{');
	t.deepEqual(peekProgress(file), {kind: 'unsure'});
	writeFileSync(file, JSON.stringify({...sample, colour: 'pink'}));
	t.deepEqual(peekProgress(file), {kind: 'unsure'});
});

test('erase leaves a directory in the place of the file alone, and says what it is', (t) => {
	const d = dir();
	const file = join(d, 'progress.json');
	mkdirSync(file);
	writeFileSync(join(file, 'keep'), 'mine');
	t.deepEqual(eraseProgress(file), {kind: 'not-a-file', what: 'a directory'});
	t.is(readFileSync(join(file, 'keep'), 'utf8'), 'mine');
});

test('control characters from a corrupted file are escaped in the notice, never passed to the terminal', (t) => {
	const d = dir();
	const file = join(d, 'progress.json');
	const text = '{"seed": \u001b[2J\u001b[31mred\u0007\u009b';
	writeFileSync(file, text);
	const loaded = loadProgress(file, {now: fixedNow});
	const notice = loaded.notice ?? '';
	t.regex(notice, /not valid JSON/);
	t.false(/[\u0000-\u001f\u007f-\u009f]/.test(notice), notice);
	t.true(notice.includes('\\x1b[2J\\x1b[31mr'), notice);
	t.is(readFileSync(`${file}.corrupt-${stamp(fixedNow())}`, 'utf8'), text, 'the file itself is kept byte for byte');
});

test('control characters in a key of the file are escaped in the notice too', (t) => {
	const file = join(dir(), 'progress.json');
	writeFileSync(file, JSON.stringify({...sample, lessons: {clusterip: {...sample.lessons.clusterip, answers: {'\u001b[31m6': {tries: 1, firstCorrect: true, lastCorrect: true}}}}}));
	const notice = loadProgress(file, {now: fixedNow}).notice ?? '';
	t.regex(notice, /lessons\.clusterip\.answers\.\\x1b\[31m6/);
	t.false(notice.includes('\u001b'));
});

test('a UTF-8 byte-order mark before valid JSON is accepted, by the loader and by peek', (t) => {
	const file = join(dir(), 'progress.json');
	writeFileSync(file, `\uFEFF${JSON.stringify(sample)}`);
	const loaded = loadProgress(file);
	t.is(loaded.notice, undefined);
	t.false(loaded.fresh);
	t.deepEqual(loaded.progress, sample);
	t.deepEqual(peekProgress(file), {kind: 'found', progress: sample});
});

test('a file without a version says the version is missing (not "version undefined")', (t) => {
	const file = join(dir(), 'progress.json');
	const {version: _v, ...unversioned} = sample;
	writeFileSync(file, JSON.stringify(unversioned));
	const notice = loadProgress(file, {now: fixedNow}).notice ?? '';
	t.regex(notice, /could not be read \(version is missing\)/);
	t.false(notice.includes('undefined'));
	const {seed: _s, ...seedless} = sample;
	writeFileSync(file, JSON.stringify(seedless));
	t.regex(loadProgress(file, {now: () => new Date('2025-11-26T08:00:00Z')}).notice ?? '', /\(seed is missing\)/);
});

test('a FIFO in the place of the file: one line saying so at once, never a blocked read, and it stays', (t) => {
	const d = dir();
	const file = join(d, 'progress.json');
	t.is(spawnSync('mkfifo', [file]).status, 0);
	const started = Date.now();
	const loaded = loadProgress(file);
	t.deepEqual(peekProgress(file), {kind: 'unsure'});
	t.true(Date.now() - started < 2000);
	t.false(loaded.canSave);
	t.is(loaded.notice, `${file} is a named pipe (FIFO), not a file. This session starts afresh and will not be saved, so it stays as it is.`);
	t.true(lstatSync(file).isFIFO());
});

test('a device or a socket in the place of the file is not read either', async (t) => {
	const d = dir();
	const device = join(d, 'device', 'progress.json');
	mkdirSync(dirname(device));
	symlinkSync('/dev/zero', device); // read as a file, this would never end
	t.regex(loadProgress(device).notice ?? '', /is a character device, not a file/);
	t.deepEqual(peekProgress(device), {kind: 'unsure'});
	const socket = join(d, 'progress.json');
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(socket, resolve));
	t.teardown(() => server.close());
	t.regex(loadProgress(socket).notice ?? '', /is a socket, not a file/);
	t.deepEqual(readProgressText(join(d, 'nothing-here')), {kind: 'missing'});
});

test('a file far larger than any progress file is moved aside unread', (t) => {
	const file = join(dir(), 'progress.json');
	writeFileSync(file, '');
	truncateSync(file, MAX_PROGRESS_BYTES + 1);
	const loaded = loadProgress(file, {now: fixedNow});
	t.regex(loaded.notice ?? '', /it is 4\.0 MB, far more than a progress file holds/);
	t.true(existsSync(`${file}.corrupt-${stamp(fixedNow())}`));
	t.deepEqual(peekProgress(`${file}.corrupt-${stamp(fixedNow())}`), {kind: 'unsure'});
});

const requireCjs = createRequire(import.meta.url);
const writeFileAtomicInternals = requireCjs('write-file-atomic') as {_getTmpname(file: string): string};

test("stale temporary files of interrupted saves are removed: only write-file-atomic's names for this file, only files, only old ones", (t) => {
	const d = dir();
	const file = join(d, 'progress.json');
	saveProgressSync(file, sample);
	const now = Date.now();
	const old = new Date(now - STALE_TEMP_AGE_MS - 60_000);
	const leftover = basename(writeFileAtomicInternals._getTmpname(file));
	t.regex(leftover, /^progress\.json\.\d+$/, 'the name write-file-atomic gives its temporary files');
	const names = [leftover, 'progress.json.0', 'progress.json.4294967295', 'progress.json.4294967296', 'progress.json.12ab', 'progress.json.corrupt-2025-11-26T07-50-12-123Z', 'other.json.5', 'progress.json.fresh'];
	for (const name of names) writeFileSync(join(d, name), '{"version": 1');
	mkdirSync(join(d, 'progress.json.77'));
	symlinkSync(join(d, 'other.json.5'), join(d, 'progress.json.78'));
	writeFileSync(join(d, 'progress.json.42'), '{"version": 1'); // being written right now, by whichever process
	for (const name of [...names, 'progress.json.77']) utimesSync(join(d, name), old, old);
	const removed = removeStaleTempFiles(file, now);
	t.deepEqual(removed.sort(), [leftover, 'progress.json.0', 'progress.json.4294967295'].sort());
	t.deepEqual(readdirSync(d).sort(), ['other.json.5', 'progress.json', 'progress.json.12ab', 'progress.json.42', 'progress.json.4294967296', 'progress.json.77', 'progress.json.78', 'progress.json.corrupt-2025-11-26T07-50-12-123Z', 'progress.json.fresh'].sort());
	t.deepEqual(loadProgress(file).progress, sample, 'the progress itself is untouched');
	t.deepEqual(removeStaleTempFiles(join(d, 'missing-dir', 'progress.json'), now), []);
});

test('stale temporary files are looked for beside the real file when progress.json is a link', (t) => {
	const d = dir();
	const real = join(d, 'dotfiles', 'progress.json');
	saveProgressSync(real, sample);
	const link = join(d, 'config', 'progress.json');
	mkdirSync(dirname(link));
	symlinkSync(real, link);
	const leftover = writeFileAtomicInternals._getTmpname(real);
	writeFileSync(leftover, '{');
	const old = new Date(Date.now() - STALE_TEMP_AGE_MS - 1000);
	utimesSync(leftover, old, old);
	t.deepEqual(removeStaleTempFiles(link), [basename(leftover)]);
	t.deepEqual(loadProgress(link).progress, sample);
});

test('a save under way in another process is never disturbed by the clean-up (two svc-tutors at once)', async (t) => {
	const file = join(dir(), 'progress.json');
	const saver = new ProgressSaver(file);
	for (let round = 0; round < 30; round++) {
		saver.save({...sample, practice: {...sample.practice, next: round}});
		// Another svc-tutor starting meanwhile cleans up, at any point of the write.
		removeStaleTempFiles(file);
		await new Promise((resolve) => setImmediate(resolve));
		removeStaleTempFiles(file);
	}
	await saver.flush();
	t.is(saver.error, undefined);
	t.is(loadProgress(file).progress.practice.next, 29);
});
