// Where progress lives (~/.config/svc-tutor/) and the one-time move from env-paths' old
// ~/.config/svc-tutor-nodejs/, on temporary HOME and XDG_CONFIG_HOME folders.
import test from 'ava';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {configDir, legacyConfigDir} from '../../../src/tutor/progress/paths.js';
import {moveLegacyProgress} from '../../../src/tutor/progress/move-legacy.js';

const PROGRESS = '{"version":1,"seed":7}\n';
const HISTORY = 'kubectl get svc\n';

function home(): {env: NodeJS.ProcessEnv; old: string; now: string} {
	const dir = mkdtempSync(join(tmpdir(), 'svct-home-'));
	return {env: {HOME: dir}, old: join(dir, '.config', 'svc-tutor-nodejs'), now: join(dir, '.config', 'svc-tutor')};
}

function write(dir: string, files: Record<string, string>): void {
	mkdirSync(dir, {recursive: true});
	for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

test('the folder is ~/.config/svc-tutor, or $XDG_CONFIG_HOME/svc-tutor, or SVC_TUTOR_CONFIG_DIR', (t) => {
	t.is(configDir({HOME: '/home/ana'}, 'linux'), '/home/ana/.config/svc-tutor');
	t.is(legacyConfigDir({HOME: '/home/ana'}, 'linux'), '/home/ana/.config/svc-tutor-nodejs');
	t.is(configDir({HOME: '/home/ana', XDG_CONFIG_HOME: '/xdg'}, 'linux'), '/xdg/svc-tutor');
	t.is(configDir({HOME: '/home/ana', XDG_CONFIG_HOME: ''}, 'linux'), '/home/ana/.config/svc-tutor');
	t.is(configDir({HOME: '/Users/ana'}, 'darwin'), '/Users/ana/Library/Preferences/svc-tutor');
	t.is(configDir({HOME: '/home/ana', SVC_TUTOR_CONFIG_DIR: '/tmp/x'}, 'linux'), '/tmp/x');
	t.is(legacyConfigDir({HOME: '/home/ana', SVC_TUTOR_CONFIG_DIR: '/tmp/x'}, 'linux'), undefined);
});

test('old folder only: progress and shell history move, the old folder goes', (t) => {
	const {env, old, now} = home();
	write(old, {'progress.json': PROGRESS, 'shell-history': HISTORY});
	t.is(moveLegacyProgress(env, 'linux'), undefined);
	t.is(readFileSync(join(now, 'progress.json'), 'utf8'), PROGRESS);
	t.is(readFileSync(join(now, 'shell-history'), 'utf8'), HISTORY);
	t.false(existsSync(old));
	// Once: a second start finds nothing to move and changes nothing.
	t.is(moveLegacyProgress(env, 'linux'), undefined);
	t.deepEqual(readdirSync(now).sort(), ['progress.json', 'shell-history']);
});

test('under XDG_CONFIG_HOME the move happens there', (t) => {
	const {env} = home();
	const xdg = mkdtempSync(join(tmpdir(), 'svct-xdg-'));
	write(join(xdg, 'svc-tutor-nodejs'), {'progress.json': PROGRESS});
	t.is(moveLegacyProgress({...env, XDG_CONFIG_HOME: xdg}, 'linux'), undefined);
	t.is(readFileSync(join(xdg, 'svc-tutor', 'progress.json'), 'utf8'), PROGRESS);
	t.false(existsSync(join(xdg, 'svc-tutor-nodejs')));
});

test('a file kept in the old folder (a .corrupt- copy) keeps the folder; the progress still moves', (t) => {
	const {env, old, now} = home();
	write(old, {'progress.json': PROGRESS, 'progress.json.corrupt-2025-11-26T07-50-12': 'x'});
	t.is(moveLegacyProgress(env, 'linux'), undefined);
	t.is(readFileSync(join(now, 'progress.json'), 'utf8'), PROGRESS);
	t.deepEqual(readdirSync(old), ['progress.json.corrupt-2025-11-26T07-50-12']);
});

test('both folders have progress: both are left as they are, and one notice says so', (t) => {
	const {env, old, now} = home();
	write(old, {'progress.json': PROGRESS, 'shell-history': HISTORY});
	write(now, {'progress.json': '{"version":1,"seed":9}\n'});
	t.is(
		moveLegacyProgress(env, 'linux'),
		"Saved progress is in both ~/.config/svc-tutor (used) and ~/.config/svc-tutor-nodejs (an earlier version's, left as it is).",
	);
	t.is(readFileSync(join(old, 'progress.json'), 'utf8'), PROGRESS);
	t.is(readFileSync(join(old, 'shell-history'), 'utf8'), HISTORY);
	t.is(readFileSync(join(now, 'progress.json'), 'utf8'), '{"version":1,"seed":9}\n');
	t.false(existsSync(join(now, 'shell-history')));
});

test('new folder only: nothing moves, nothing is said', (t) => {
	const {env, old, now} = home();
	write(now, {'progress.json': PROGRESS});
	t.is(moveLegacyProgress(env, 'linux'), undefined);
	t.is(readFileSync(join(now, 'progress.json'), 'utf8'), PROGRESS);
	t.false(existsSync(old));
});

test('neither: nothing is created', (t) => {
	const {env, old, now} = home();
	t.is(moveLegacyProgress(env, 'linux'), undefined);
	t.false(existsSync(old));
	t.false(existsSync(now));
});

test('SVC_TUTOR_CONFIG_DIR set: the old folder is not touched', (t) => {
	const {env, old, now} = home();
	write(old, {'progress.json': PROGRESS});
	t.is(moveLegacyProgress({...env, SVC_TUTOR_CONFIG_DIR: now}, 'linux'), undefined);
	t.is(readFileSync(join(old, 'progress.json'), 'utf8'), PROGRESS);
	t.false(existsSync(now));
});

test('the old folder cannot be looked into (a file where the folder should be): left as it is, one notice', (t) => {
	const {env, old, now} = home();
	mkdirSync(join(old, '..'), {recursive: true});
	writeFileSync(old, PROGRESS);
	const notice = moveLegacyProgress(env, 'linux');
	t.is(notice, `Progress from an earlier version in ${old} could not be looked at (ENOTDIR: not a directory, lstat '${join(old, 'progress.json')}'): it is left there, and this course saves in ${now}.`);
	t.is(readFileSync(old, 'utf8'), PROGRESS);
	t.false(existsSync(now));
});

test('the old progress.json is not a file (a folder): left as it is, one notice', (t) => {
	const {env, old, now} = home();
	mkdirSync(join(old, 'progress.json'), {recursive: true});
	t.regex(moveLegacyProgress(env, 'linux') ?? '', /could not be looked at \(not a regular file\): it is left there/);
	t.true(existsSync(join(old, 'progress.json')));
	t.false(existsSync(now));
});

// As root, permissions do not stop a read: this case needs an ordinary user.
(process.getuid?.() === 0 ? test.skip : test)('the old folder is unreadable (mode 000): left as it is, one notice', (t) => {
	const {env, old, now} = home();
	write(old, {'progress.json': PROGRESS});
	chmodSync(old, 0o000);
	try {
		t.regex(moveLegacyProgress(env, 'linux') ?? '', /could not be looked at \(EACCES/);
	} finally {
		chmodSync(old, 0o755);
	}
	t.is(readFileSync(join(old, 'progress.json'), 'utf8'), PROGRESS);
	t.false(existsSync(join(now, 'progress.json')));
});

test('the new folder cannot be made (a file in its place): the old progress stays, one notice', (t) => {
	const {env, old, now} = home();
	write(old, {'progress.json': PROGRESS});
	writeFileSync(now, 'in the way');
	t.regex(moveLegacyProgress(env, 'linux') ?? '', /^Progress from an earlier version in .* was not moved|could not be moved to/);
	t.is(readFileSync(join(old, 'progress.json'), 'utf8'), PROGRESS);
});
