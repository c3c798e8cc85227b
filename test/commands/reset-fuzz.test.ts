// The CLI's promise to scripts, for `reset` and the course without a terminal: whatever the
// arguments and whatever stands where progress.json should be, the binary exits 0, or exits 2
// with exactly one line on stderr and nothing on stdout; and the progress file is erased only
// when --yes (or -y) was given and the run succeeded.
import test from 'ava';
import fc from 'fast-check';
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';

const BINARY = resolve('dist/svc-tutor.js');
const PROGRESS = '{"version":1,"seed":7}';

type Place = 'none' | 'file' | 'directory' | 'garbage' | 'bom';

function prepare(place: Place): string {
	const dir = mkdtempSync(join(tmpdir(), 'svct-reset-fuzz-'));
	const file = join(dir, 'progress.json');
	if (place === 'file') writeFileSync(file, PROGRESS);
	if (place === 'garbage') writeFileSync(file, '\x00\x1b[2J{not json');
	if (place === 'bom') writeFileSync(file, `\uFEFF${PROGRESS}`);
	if (place === 'directory') mkdirSync(file);
	return dir;
}

const ARGUMENT = fc.oneof(
	fc.constantFrom('--yes', '-y', '--help', '-h', '--seed', '--seed=7', '--no', '-', '--', 'x'.repeat(100_000), 'a\nb', '\x1b[2J'),
	fc.string({unit: 'grapheme-ascii', maxLength: 10}),
);

test('reset and the course without a terminal: exit 0, or exit 2 with one line; progress erased only on --yes', (t) => {
	t.timeout(120_000);
	fc.assert(
		fc.property(fc.constantFrom<Place>('none', 'file', 'directory', 'garbage', 'bom'), fc.constantFrom('reset', ''), fc.array(ARGUMENT, {maxLength: 4}), (place, command, rest) => {
			const dir = prepare(place);
			const args = command === '' ? rest.filter((a) => a !== '--help' && a !== '-h') : [command, ...rest];
			const run = spawnSync(process.execPath, [BINARY, ...args], {
				env: {...process.env, SVC_TUTOR_CONFIG_DIR: dir, NO_COLOR: '1'},
				input: '',
				encoding: 'utf8',
				timeout: 30_000,
			});
			const where = `svc-tutor ${JSON.stringify(args).slice(0, 200)} with ${place}`;
			const lines = run.stderr === '' ? [] : run.stderr.replace(/\n$/, '').split('\n');
			if (run.status === 0) {
				t.true(lines.length <= 1, `${where}: ${run.stderr.slice(0, 300)}`);
			} else {
				t.is(run.status, 2, `${where}: status ${run.status} ${run.stderr.slice(0, 300)}`);
				t.is(run.stdout, '', where);
				t.is(lines.length, 1, `${where}: ${run.stderr.slice(0, 300)}`);
				t.regex(lines[0]!, /^svc-tutor/, where);
			}
			const file = join(dir, 'progress.json');
			const erasedAllowed = command === 'reset' && run.status === 0 && rest.some((a) => a === '--yes' || a === '-y');
			if (place === 'file' && !erasedAllowed) t.is(readFileSync(file, 'utf8'), PROGRESS, `${where}: the progress file was touched`);
			if (place === 'directory') t.true(existsSync(file), `${where}: the directory was removed`);
		}),
		{numRuns: 40, seed: 7},
	);
});
