import test from 'ava';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {configDir, progressPath} from '../../../src/tutor/progress/paths.js';
import {peekProgress} from '../../../src/tutor/progress/peek.js';
import {eraseProgress, loadProgress, ProgressSaver, saveProgressSync, stamp} from '../../../src/tutor/progress/store.js';
import {freshProgress, type Progress} from '../../../src/tutor/progress/types.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'svct-progress-'));
const fixedNow = (): Date => new Date('2025-11-26T07:50:12.123Z');

const sample: Progress = {
	...freshProgress(42),
	last: {lesson: 'clusterip', step: 3},
	lessons: {clusterip: {step: 3, furthest: 5, done: false, answers: {'6': {tries: 2, firstCorrect: false, lastCorrect: true}}}},
	practice: {asked: 4, correct: 3, next: 5},
};

test('SVC_TUTOR_CONFIG_DIR overrides the config directory; without it env-paths decides', (t) => {
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
	t.is(eraseProgress(file), 'absent');
	saveProgressSync(file, sample);
	writeFileSync(`${file}.corrupt-x`, 'old');
	t.is(eraseProgress(file), 'erased');
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
