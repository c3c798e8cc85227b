// What `npx svc-tutor` gets: the project packed with `npm pack`, installed from the tarball into an
// empty folder offline with an empty npm cache (so nothing but the tarball can be installed), and
// run from there. The bundle holds every library, so the install is one package; lessons/ ships.
import test from 'ava';
import {spawnSync, type SpawnSyncReturns} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {delimiter, dirname, join} from 'node:path';
import {BINARY, sleep, tmuxTest, waitForScreen} from './tmux.js';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as {version: string}).version;
const work = mkdtempSync(join(tmpdir(), 'svct-pack-'));
const home = join(work, 'home');
const configDir = join(work, 'config');
const app = join(work, 'app');

// npm run by `npm test` passes its settings down as npm_* variables: the installs here use none of them.
const cleanEnv = (): NodeJS.ProcessEnv => {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
	return {...env, HOME: home, SVC_TUTOR_CONFIG_DIR: configDir, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`};
};

const run = (command: string, args: string[], cwd: string): SpawnSyncReturns<string> => {
	const result = spawnSync(command, args, {cwd, encoding: 'utf8', env: cleanEnv(), timeout: 40_000});
	if (result.error) throw result.error;
	return result;
};

let installed: {tarball: string; install: SpawnSyncReturns<string>} | undefined;
const installOnce = (): {tarball: string; install: SpawnSyncReturns<string>} => {
	if (installed) return installed;
	if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing: run npm run build first (npm test does)`);
	for (const dir of [home, configDir, app]) rmSync(dir, {recursive: true, force: true});
	for (const dir of [home, configDir, app]) mkdirSync(dir, {recursive: true});
	// Packed from a copy of what ships, with the project's own prepack and postpack (which take
	// `prepare` out of the tarball's package.json and drop stale chunks), but on the dist/ that
	// `npm test` built: rebuilding in the checkout would rewrite files other tests are running.
	const source = join(work, 'source');
	for (const name of ['package.json', 'README.md', 'dist', 'lessons', 'scripts/pack.mjs']) cpSync(name, join(source, name), {recursive: true});
	const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', work], {cwd: source, encoding: 'utf8', env: {...cleanEnv(), SVC_TUTOR_PACK_PREBUILT: '1'}, timeout: 40_000});
	if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
	const tarball = join(work, pack.stdout.trim().split('\n').at(-1)!);
	writeFileSync(join(app, 'package.json'), '{"private": true}\n');
	const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--cache', join(work, 'cache'), tarball], app);
	installed = {tarball, install};
	return installed;
};

const bin = (): string => join(app, 'node_modules', '.bin', 'svc-tutor');

test.after.always(() => {
	rmSync(work, {recursive: true, force: true});
});

test.serial('the packed tarball installs offline as one package, with no warnings', (t) => {
	const {install} = installOnce();
	t.is(install.status, 0, install.stderr);
	t.notRegex(install.stderr, /warn/i);
	t.deepEqual(
		readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.')),
		['svc-tutor'],
	);
	const shipped = readdirSync(join(app, 'node_modules', 'svc-tutor'));
	t.true(shipped.includes('dist') && shipped.includes('lessons'), shipped.join(' '));
	t.true(readdirSync(join(app, 'node_modules', 'svc-tutor', 'lessons')).some((name) => name.startsWith('01-')));
	// No lifecycle script ships (npm 11 warns of any), and the checkout's package.json has its prepare back.
	const scripts = (JSON.parse(readFileSync(join(app, 'node_modules', 'svc-tutor', 'package.json'), 'utf8')) as {scripts: Record<string, string>}).scripts;
	t.false('prepare' in scripts);
	t.is(scripts['_prepare'], 'node scripts/build.mjs');
	t.is((JSON.parse(readFileSync(join(work, 'source', 'package.json'), 'utf8')) as {scripts: Record<string, string>}).scripts['prepare'], 'node scripts/build.mjs');
});

test.serial('svc-tutor --version and svc-tutor cidr from the installed package', (t) => {
	installOnce();
	const v = run(bin(), ['--version'], app);
	t.is(v.status, 0, v.stderr);
	t.is(v.stdout.trim(), version);
	const installedCidr = run(bin(), ['cidr', '10.96.0.0/12'], app);
	const localCidr = run(process.execPath, [BINARY, 'cidr', '10.96.0.0/12'], process.cwd());
	t.is(installedCidr.status, 0, installedCidr.stderr);
	t.is(installedCidr.stderr, '');
	t.is(installedCidr.stdout, localCidr.stdout);
	t.regex(installedCidr.stdout, /10\.96\.0\.0/);
});

/** The installed svc-tutor in a private tmux server, 80×24, with the environment given (and no CI, FORCE_COLOR, NO_COLOR). */
function installedTerminal(env: Record<string, string>) {
	const own = mkdtempSync(join(tmpdir(), 'svct-tmux-'));
	const conf = join(own, 'tmux.conf');
	writeFileSync(conf, 'set -g status off\nset -g remain-on-exit on\n');
	const socket = `svct-pack-${process.pid}-${Date.now()}`;
	const tmux = (...args: string[]): string => {
		const result = spawnSync('tmux', ['-L', socket, '-f', conf, ...args], {encoding: 'utf8'});
		if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
		return result.stdout;
	};
	const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
	const assignments = Object.entries({TERM: 'xterm-256color', PATH: cleanEnv().PATH!, ...env}).map(([k, v]) => `${k}=${q(v)}`);
	tmux('new-session', '-d', '-s', 'main', '-x', '80', '-y', '24', `cd ${q(app)} && env -u CI -u FORCE_COLOR -u NO_COLOR -u SVC_TUTOR_CONFIG_DIR -u XDG_CONFIG_HOME ${assignments.join(' ')} ${q(bin())} --seed 1`);
	return {
		keys: (...keys: string[]) => tmux('send-keys', '-t', 'main', ...keys),
		waitFor: (text: string): Promise<string> => waitForScreen(() => tmux('capture-pane', '-p', '-J', '-t', 'main'), text, 15_000),
		kill(): void {
			spawnSync('tmux', ['-L', socket, 'kill-server']);
			rmSync(own, {recursive: true, force: true});
		},
	};
}

const savedStep = (): number | undefined => {
	try {
		return (JSON.parse(readFileSync(join(configDir, 'progress.json'), 'utf8')) as {last?: {step: number}}).last?.step;
	} catch {
		return undefined;
	}
};

async function until(check: () => boolean, what: string): Promise<void> {
	const end = Date.now() + 5000;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await sleep(25);
	}
}

tmuxTest('the course from the installed package: home screen, then lesson 1 steps 1 and 2', async (t) => {
	installOnce();
	const term = installedTerminal({HOME: home, SVC_TUTOR_CONFIG_DIR: configDir});
	try {
		await term.waitFor('❯ Start the course: 1 Pods, and why Services exist');
		term.keys('Enter');
		const screen = await term.waitFor('step 1/11');
		t.regex(screen, /Your notes start with two Pods/);
		term.keys('Enter');
		await term.waitFor('step 2/11');
		await until(() => savedStep() === 1, 'progress.json to be saved at step 2 (1, counted from 0)');
	} finally {
		term.kill();
	}
	t.false(existsSync(join(home, '.config')), 'the real config folder is never touched');
});

tmuxTest('progress an earlier version kept in ~/.config/svc-tutor-nodejs/ moves to ~/.config/svc-tutor/ and the course continues from it', async (t) => {
	installOnce();
	const saved = readFileSync(join(configDir, 'progress.json'), 'utf8');
	const old = join(home, '.config', 'svc-tutor-nodejs');
	mkdirSync(old, {recursive: true});
	writeFileSync(join(old, 'progress.json'), saved);
	const term = installedTerminal({HOME: home});
	try {
		await term.waitFor('❯ Continue: 1 Pods, and why Services exist, step 2/11');
	} finally {
		term.kill();
	}
	t.false(existsSync(old));
	t.is(JSON.parse(readFileSync(join(home, '.config', 'svc-tutor', 'progress.json'), 'utf8')).seed, JSON.parse(saved).seed);
});

tmuxTest('progress in both folders: the new one is used, both are kept, and the course says so', async (t) => {
	installOnce();
	const now = join(home, '.config', 'svc-tutor', 'progress.json');
	const saved = readFileSync(now, 'utf8');
	const old = join(home, '.config', 'svc-tutor-nodejs');
	mkdirSync(old, {recursive: true});
	writeFileSync(join(old, 'progress.json'), '{"version":1}');
	const term = installedTerminal({HOME: home});
	try {
		await term.waitFor('❯ Continue: 1 Pods, and why Services exist, step 2/11');
		// Two whole rows: nothing of the early frame (drawn without the notice) is left beside them.
		const screen = await term.waitFor("~/.config/svc-tutor-nodejs (an earlier version's, left as it is).");
		t.regex(screen, /^ ⚠ Saved progress is in both ~\/\.config\/svc-tutor \(used\) and *\n {3}~\/\.config\/svc-tutor-nodejs \(an earlier version's, left as it is\)\. *\n *\n/m);
	} finally {
		term.kill();
	}
	t.is(readFileSync(join(old, 'progress.json'), 'utf8'), '{"version":1}');
	t.is(JSON.parse(readFileSync(now, 'utf8')).seed, JSON.parse(saved).seed);
});
