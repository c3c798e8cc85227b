// The CLI's promise to scripts, as a property: whatever the manifests or the arguments, a run of
// rules, trace, cidr or scenario exits 0, or exits 2 with exactly one line on stderr and nothing on
// stdout; never a stack, another status, or a hang. Inputs are real manifests mutated (bytes
// flipped, cut short, lines deleted, duplicated or swapped, values swapped), given by file and on
// standard input, and arbitrary argument strings. Most runs go through cli(), the binary's own
// entry, in this process; a sample of the same cases runs through the real binary, killed after
// the limit. In-process, a run is timed when it ends: one that never ends (synchronous code cannot
// be interrupted here) fails the test by its timeout instead.
import test, {type ExecutionContext} from 'ava';
import fc from 'fast-check';
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {runInProcess, type InProcessRun} from './run-in-process.js';

/**
 * Each run must end within this; inputs here are all well under 1 MB. In-process it is processor
 * time, so a loaded machine does not fail the test; the binary is given wall time, three times as much.
 */
const RUN_LIMIT_MS = 10_000;
const BINARY_LIMIT_MS = 3 * RUN_LIMIT_MS;

interface Fixture {
	name: string;
	text: string;
	/** Arguments that make a successful rules and trace run on the unmutated text. */
	rules: string[];
	trace: string[];
}

const NOTES = readFileSync('test/fixtures/golden/seed-notes.yaml', 'utf8');
const KUBECTL = readFileSync('test/fixtures/manifest/kubectl-get-all.yaml', 'utf8');

async function fixtures(): Promise<Fixture[]> {
	const scenarioYAML = (await runInProcess(['scenario', '--seed', '7'])).stdout;
	const scenarioJSON = (await runInProcess(['scenario', '--seed', '7', '--nodes', '1', '--services', '3', '-o', 'json'])).stdout;
	return [
		{name: 'seed-notes.yaml', text: NOTES, rules: ['--node', 'node01'], trace: ['--node', 'node02', '--from', '10.244.2.9', '--to', '10.103.132.104:3306']},
		{name: 'kubectl-get-all.yaml', text: KUBECTL, rules: ['--node', 'node01'], trace: ['--node', 'node01', '--from', '10.244.1.77', '--to', '10.103.132.104:80']},
		{name: 'scenario-7.yaml', text: scenarioYAML, rules: ['--node', 'node02'], trace: ['--node', 'node01', '--from', '10.244.1.250', '--to', '10.97.248.7:80']},
		{name: 'scenario-7.json', text: scenarioJSON, rules: ['--node', 'node01'], trace: ['--from', 'external', '--to', '10.96.0.10:53', '--proto', 'udp', '--node', 'controlplane']},
	];
}

// ---- what counts as a good run -------------------------------------------------------------

/** Undefined when the run kept the promise, else what broke it. */
function broken(run: {status: number | null; stdout: string; stderr: string}, ms: number, limit: number): string | undefined {
	if (ms > limit) return `took ${Math.round(ms)} ms`;
	if (run.stderr !== '' && !run.stderr.endsWith('\n')) return 'stderr does not end with a newline';
	const lines = run.stderr === '' ? [] : run.stderr.slice(0, -1).split('\n');
	if (run.status === 0) {
		const stray = lines.find((line) => !/^(warning|note): /.test(line));
		return stray === undefined ? undefined : `exit 0 with a stderr line that is no warning or note: ${stray.slice(0, 200)}`;
	}
	if (run.status !== 2) return `exit status ${run.status}: ${run.stderr.slice(0, 300)}`;
	if (run.stdout !== '') return 'exit 2 with output on stdout';
	if (lines.length !== 1) return `exit 2 with ${lines.length} stderr lines: ${run.stderr.slice(0, 300)}`;
	if (!lines[0]!.startsWith('svc-tutor: ')) return `exit 2 with a line not from svc-tutor: ${lines[0]!.slice(0, 200)}`;
	return undefined;
}

// Node prints process warnings (a dependency's emitWarning) on stderr in the binary: count them here too.
async function runCounted(args: string[], input: {stdin?: string; files?: Record<string, string>}): Promise<InProcessRun> {
	const warnings: string[] = [];
	const listener = (warning: Error): void => void warnings.push(`(node) ${warning.name}: ${warning.message}\n`);
	process.on('warning', listener);
	try {
		const run = await runInProcess(args, input);
		// 'warning' is emitted on the next tick.
		await new Promise((resolve) => setImmediate(resolve));
		return {...run, stderr: run.stderr + warnings.join('')};
	} finally {
		process.off('warning', listener);
	}
}

// ---- mutations of a manifest ---------------------------------------------------------------

type Mutation =
	| {kind: 'flip'; at: number; to: string}
	| {kind: 'insert'; at: number; text: string}
	| {kind: 'truncate'; at: number}
	| {kind: 'delete-lines' | 'duplicate-lines'; at: number; count: number}
	| {kind: 'swap-lines' | 'swap-values'; a: number; b: number}
	| {kind: 'set-value'; at: number; value: string}
	| {kind: 'append-document'; document: number};

// Characters that mean something to YAML or JSON, and some that mean trouble to a terminal or a decoder.
const SPECIAL = [':', '-', ' ', '\n', '\t', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', "'", '"', '#', '%', '@', '`', '?', '<', '\\', '0', '9', '.', '/', '\x00', '\x1b', '\r', '\uFEFF', 'é', '🟠', '\u2028'];
const character = fc.oneof(fc.constantFrom(...SPECIAL), fc.string({unit: 'binary', minLength: 1, maxLength: 1}));
const where = fc.double({min: 0, max: 1, noNaN: true, maxExcluded: true});

// Values that parse, so the case gets past the YAML reader to the decoder, the API server and kube-proxy.
const ODD_VALUES = [
	'0', '-1', '1', '65535', '65536', '30000', '32767', '32768', '2147483648', '1e400', '1.5', '""', "''", 'null', '~', '[]', '{}', 'true', 'yes', '0x1F', '.inf',
	'10.244.1.0/31', '10.244.1.0/32', '10.244.0.0/30', '10.0.0.0/8', '10.96.0.0/8', '10.244.1.2', '10.244.1.255', '0.0.0.0', '255.255.255.255', '127.0.0.1', '10.103.132.104',
	'fd00::1', '::1', 'fd00::/64', '"10.244.0.0/16,fd00::/48"', '[10.244.1.2]', 'None', 'ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'Local', 'Cluster', 'ClientIP',
	'TCP', 'UDP', 'SCTP', 'ICMP', 'v1', 'discovery.k8s.io/v1', 'Node', 'Pod', 'Service', 'EndpointSlice', 'List', 'KubeProxyConfiguration', 'IPv6', 'ipvs', 'nftables',
	'node01', 'node02', 'default', 'kube-system', 'db', '"*"', 'a'.repeat(300), '&x a', '*x', '!!binary aGVsbG8=', '!!int "12"', '|\n  text', '2024-05-02T09:12:41Z',
];

// Whole documents of the kinds that broke or slowed readers: alias cycles and bombs, deep nesting,
// very many keys (each well under 1 MB, so each run must still end within the limit).
const bomb = (levels: number): string =>
	['a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({length: levels}, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n');
const HOSTILE = [
	'apiVersion: v1\nkind: List\nitems: &a\n- *a\n',
	`${bomb(9)}\n`,
	`apiVersion: v1\nkind: Service\nmetadata:\n  name: deep\n  labels: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
	`${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}\n`,
	`${'- '.repeat(2000)}x\n`,
	`apiVersion: v1\nkind: Service\nmetadata:\n  name: labels\n  labels:\n${Array.from({length: 20_000}, (_, i) => `    k${i}: v`).join('\n')}\nspec:\n  ports:\n  - port: 80\n`,
	`apiVersion: v1\nkind: Service\nmetadata:\n  name: unknown\n${Array.from({length: 20_000}, (_, i) => `  u${i}: 1`).join('\n')}\nspec:\n  ports:\n  - port: 80\n`,
	`base: &b {port: 80}\n${Array.from({length: 3000}, (_, i) => `p${i}: *b`).join('\n')}\n`,
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	{weight: 1, arbitrary: fc.record({kind: fc.constant('append-document' as const), document: fc.integer({min: 0, max: HOSTILE.length - 1})})},
	{weight: 3, arbitrary: fc.record({kind: fc.constant('set-value' as const), at: where, value: fc.oneof(fc.constantFrom(...ODD_VALUES), fc.string({maxLength: 8}))})},
	{weight: 1, arbitrary: fc.record({kind: fc.constant('flip' as const), at: where, to: character})},
	{weight: 1, arbitrary: fc.record({kind: fc.constant('insert' as const), at: where, text: fc.oneof(fc.string({unit: 'binary', maxLength: 12}), fc.constantFrom('*a', '&a ', '<<: *a', '- ', ': ', '{', '---\n', 'null', '~', '-1', '99999999999999999999', '::1', 'fd00::5', '10.244.1.0/32', '? [a]\n: b\n', '{[a]: 1}', '!!set {a}', '<<: [*a, *a]'))})},
	{weight: 1, arbitrary: fc.record({kind: fc.constant('truncate' as const), at: where})},
	{weight: 2, arbitrary: fc.record({kind: fc.constantFrom('delete-lines' as const, 'duplicate-lines' as const), at: where, count: fc.integer({min: 1, max: 12})})},
	{weight: 2, arbitrary: fc.record({kind: fc.constantFrom('swap-lines' as const, 'swap-values' as const), a: where, b: where})},
);

const KEY_VALUE = /^(\s*(?:- )?[^\s:#][^:]*:) (.+)$/;

function mutate(text: string, m: Mutation): string {
	const index = (fraction: number, length: number): number => Math.floor(fraction * length);
	switch (m.kind) {
		case 'flip': {
			const at = index(m.at, text.length);
			return text.slice(0, at) + m.to + text.slice(at + 1);
		}
		case 'insert': {
			const at = index(m.at, text.length + 1);
			return text.slice(0, at) + m.text + text.slice(at);
		}
		case 'truncate':
			return text.slice(0, index(m.at, text.length));
		case 'delete-lines':
		case 'duplicate-lines': {
			const lines = text.split('\n');
			const at = index(m.at, lines.length);
			const block = lines.slice(at, at + m.count);
			lines.splice(at, m.kind === 'delete-lines' ? m.count : 0, ...(m.kind === 'duplicate-lines' ? block : []));
			return lines.join('\n');
		}
		case 'swap-lines': {
			const lines = text.split('\n');
			const a = index(m.a, lines.length);
			const b = index(m.b, lines.length);
			[lines[a], lines[b]] = [lines[b]!, lines[a]!];
			return lines.join('\n');
		}
		case 'append-document':
			return `${text}${text.endsWith('\n') ? '' : '\n'}---\n${HOSTILE[m.document]!}`;
		case 'set-value': {
			const lines = text.split('\n');
			// Not apiVersion or kind: other mutations break those often enough, and this one should reach further in.
			const pairs = lines.flatMap((line, i) => (KEY_VALUE.test(line) && !/^\s*(- )?"?(apiVersion|kind)"?:/.test(line) ? [i] : []));
			if (pairs.length === 0) return text;
			const at = pairs[index(m.at, pairs.length)]!;
			const [, key, old] = KEY_VALUE.exec(lines[at]!)!;
			// JSON keeps its comma; YAML has none.
			lines[at] = `${key} ${m.value}${old!.endsWith(',') ? ',' : ''}`;
			return lines.join('\n');
		}
		case 'swap-values': {
			const lines = text.split('\n');
			const pairs = lines.flatMap((line, i) => (KEY_VALUE.test(line) ? [i] : []));
			if (pairs.length < 2) return text;
			const a = pairs[index(m.a, pairs.length)]!;
			const b = pairs[index(m.b, pairs.length)]!;
			const [, keyA, valueA] = KEY_VALUE.exec(lines[a]!)!;
			const [, keyB, valueB] = KEY_VALUE.exec(lines[b]!)!;
			lines[a] = `${keyA} ${valueB}`;
			lines[b] = `${keyB} ${valueA}`;
			return lines.join('\n');
		}
	}
}

interface ManifestCase {
	fixture: number;
	mutations: Mutation[];
	command: 'rules' | 'trace';
	viaStdin: boolean;
	extra: string[];
}

const RULES_EXTRA = fc.constantFrom<string[]>([], ['--format', 'restore'], ['--format', 'list'], ['--format', 'list', '-n', '--table', 'filter'], ['--table', 'nat'], ['--format', 'spec', '-v'], ['--format', 'list', '-n', '-v', '-x', '--line-numbers', '--chain', 'KUBE-SERVICES']);
const TRACE_EXTRA = fc.constantFrom<string[]>([], ['--json']);

const manifestCase = (count: number): fc.Arbitrary<ManifestCase> =>
	fc.record({
		fixture: fc.integer({min: 0, max: count - 1}),
		mutations: fc.array(mutation, {minLength: 1, maxLength: 3}),
		command: fc.constantFrom('rules' as const, 'trace' as const),
		viaStdin: fc.boolean(),
		extra: fc.boolean(),
	}).chain((c) => (c.command === 'rules' ? RULES_EXTRA : TRACE_EXTRA).map((extra) => ({...c, extra})));

function manifestArgs(c: ManifestCase, all: Fixture[], file: string): {args: string[]; text: string} {
	const fixture = all[c.fixture]!;
	const text = c.mutations.reduce(mutate, fixture.text);
	const args = [c.command, '-f', c.viaStdin ? '-' : file, ...(c.command === 'rules' ? fixture.rules : fixture.trace), ...c.extra];
	return {args, text};
}

// ---- arbitrary arguments -------------------------------------------------------------------

const FLAGS: Record<string, string[]> = {
	rules: ['-f', '--filename', '--node', '--format', '--table', '-n', '--numeric', '-v', '-x', '--line-numbers', '--chain', '--service-cluster-ip-range', '-h', '--help'],
	trace: ['-f', '--filename', '--node', '--from', '--to', '--proto', '--json', '--service-cluster-ip-range', '-h'],
	cidr: ['--json', '-h'],
	scenario: ['--seed', '--name', '--nodes', '--services', '-o', '--output', '-h'],
};
const VALUES = [
	'-', 'notes.yaml', 'missing.yaml', 'node01', 'node02', 'controlplane', 'save', 'restore', 'list', 'spec', 'KUBE-SERVICES', 'KUBE-NOPE', 'nat', 'filter', 'tcp', 'udp', 'sctp', 'yaml', 'json', 'seed-notes',
	'10.96.0.0/12', '10.244.1.2', '10.103.132.104:3306', '10.96.0.10:53', '[fd00::1]:80', 'fd00::1', '::', '0.0.0.0/0', '10.0.0.0/31', '10.0.0.1/32', '255.255.255.255', '010.1.1.1',
	'db', 'default/db', 'kube-system/x', 'external', '0', '1', '7', '200', '201', '-1', '1e3', '0x10', '20001', '99999999999999999999', '', ' ', '=', '--', '---',
];
// Counts that keep `scenario` small: its documented maximum (20,000 Services on 200 nodes) is timed on its own.
const SMALL_COUNT = fc.integer({min: 0, max: 60}).map(String);

const argument = (command: string): fc.Arbitrary<string> =>
	fc.oneof(
		{weight: 4, arbitrary: fc.constantFrom(...FLAGS[command]!)},
		{weight: 4, arbitrary: fc.constantFrom(...VALUES)},
		{weight: 1, arbitrary: SMALL_COUNT},
		{weight: 2, arbitrary: fc.string({unit: 'binary', maxLength: 20})},
		{weight: 1, arbitrary: fc.string({unit: 'grapheme-ascii', maxLength: 12}).map((s) => `--${s}`)},
		{weight: 1, arbitrary: fc.string({unit: 'grapheme-ascii', maxLength: 4}).map((s) => `-${s}`)},
		{weight: 1, arbitrary: fc.tuple(fc.constantFrom(...FLAGS[command]!), fc.constantFrom(...VALUES)).map(([flag, value]) => `${flag}=${value}`)},
		{weight: 1, arbitrary: fc.constantFrom('x'.repeat(100_000), 'a\nb', '\x1b[2J', 'é\u0000')},
	);

/** `scenario --nodes 150 --services 900` is valid but large: sizes of three digits and more are left to their own test. */
function smallScenario(args: string[]): boolean {
	if (args[0] !== 'scenario') return true;
	return args.every((a, i) => !(/^--(nodes|services)$/.test(args[i - 1] ?? '') && /^\d{3,}$/.test(a)) && !/^--(nodes|services)=\d{3,}$/.test(a));
}

const argsCase: fc.Arbitrary<string[]> = fc
	.constantFrom('rules', 'trace', 'cidr', 'scenario')
	.chain((command) => fc.array(argument(command), {maxLength: 8}).map((rest) => [command, ...rest]))
	.filter(smallScenario);

// ---- the properties ------------------------------------------------------------------------

test.serial('mutated manifests, by file and on stdin: exit 0, or exit 2 with one line (in-process)', async (t) => {
	t.timeout(120_000);
	const all = await fixtures();
	for (const fixture of all) {
		// The unmutated fixtures work: the mutations start from good input.
		for (const command of ['rules', 'trace'] as const) {
			const run = await runCounted([command, '-f', 'cluster', ...(command === 'rules' ? fixture.rules : fixture.trace)], {files: {cluster: fixture.text}});
			t.is(run.status, 0, `${fixture.name} ${command}: ${run.stderr}`);
		}
	}
	await check(
		t,
		(outcomes) => fc.asyncProperty(manifestCase(all.length), async (c) => {
			const {args, text} = manifestArgs(c, all, 'cluster.yaml');
			const run = await runCounted(args, c.viaStdin ? {stdin: text} : {files: {'cluster.yaml': text}});
			tally(outcomes, run);
			const problem = broken(run, run.cpuMs, RUN_LIMIT_MS);
			if (problem) throw new Error(`${problem}\nargs: ${JSON.stringify(args)}`);
		}),
		400,
	);
});

test.serial('arbitrary arguments: exit 0, or exit 2 with one line (in-process)', async (t) => {
	t.timeout(120_000);
	await check(
		t,
		(outcomes) => fc.asyncProperty(argsCase, async (args) => {
			const run = await runCounted(args, {stdin: NOTES, files: {'notes.yaml': NOTES}});
			tally(outcomes, run);
			const problem = broken(run, run.cpuMs, RUN_LIMIT_MS);
			if (problem) throw new Error(`${problem}\nargs: ${JSON.stringify(args).slice(0, 500)}`);
		}),
		600,
	);
});

// ---- a sample through the real binary ------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'svct-fuzz-'));
const BINARY = resolve('dist/svc-tutor.js');

/** The binary with real pipes; killed and reported when it outlives the limit. */
function runBinary(args: string[], stdin: string): Promise<{status: number | null; stdout: string; stderr: string; ms: number}> {
	return new Promise((done) => {
		const start = performance.now();
		// A process argument is a C string: it ends at its first NUL, whatever a caller meant.
		const argv = args.map((a) => a.split('\0')[0]!);
		const child = spawn(process.execPath, [BINARY, ...argv], {cwd: dir, env: {...process.env, NO_COLOR: '1'}, stdio: ['pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => void (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => void (stderr += d));
		child.stdin.on('error', () => undefined);
		child.stdin.end(stdin);
		const timer = setTimeout(() => child.kill('SIGKILL'), BINARY_LIMIT_MS + 2000);
		child.on('close', (status) => {
			clearTimeout(timer);
			done({status, stdout, stderr, ms: performance.now() - start});
		});
	});
}

test('a sample of both kinds of case through the real binary keeps the same promise', async (t) => {
	t.timeout(120_000);
	const all = await fixtures();
	const seed = seedFromEnv() ?? 7;
	const manifestCases = fc.sample(manifestCase(all.length), {numRuns: 12, seed});
	const argCases = fc.sample(argsCase, {numRuns: 12, seed});
	writeFileSync(join(dir, 'notes.yaml'), NOTES);
	const jobs: (() => Promise<void>)[] = [
		...manifestCases.map((c, i) => async () => {
			const file = `case-${i}.yaml`;
			const {args, text} = manifestArgs(c, all, file);
			if (!c.viaStdin) writeFileSync(join(dir, file), text);
			const run = await runBinary(args, c.viaStdin ? text : '');
			t.is(broken(run, run.ms, BINARY_LIMIT_MS), undefined, JSON.stringify(args));
		}),
		...argCases.map((args) => async () => {
			const run = await runBinary(args, NOTES);
			t.is(broken(run, run.ms, BINARY_LIMIT_MS), undefined, JSON.stringify(args).slice(0, 500));
		}),
	];
	// Two at a time: the machine has two cores.
	const next = async (): Promise<void> => {
		for (let job = jobs.shift(); job; job = jobs.shift()) await job();
	};
	await Promise.all([next(), next()]);
});

// FUZZ_STATS=1 logs how the runs ended (status and the start of the error line), to see what the cases reach.
function tally(outcomes: Map<string, number>, run: InProcessRun): void {
	const line = run.stderr.split('\n')[0]!.replace(/^svc-tutor: (\S+:\d+:\d+: )?/, '').replace(/"[^"]*"/g, '"…"').slice(0, 70);
	const key = `${run.status} ${run.status === 0 ? '' : line}`;
	outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

/** Runs the property and fails the test with the shrunk case and what was wrong with it. */
async function check<T>(t: ExecutionContext, property: (outcomes: Map<string, number>) => fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
	const outcomes = new Map<string, number>();
	const details = await fc.check(property(outcomes), {numRuns: Math.round(numRuns * Number(process.env.FUZZ_SCALE ?? 1)), ...(seedFromEnv() !== undefined ? {seed: seedFromEnv()} : {})});
	if (process.env.FUZZ_STATS) t.log([...outcomes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${String(n).padStart(5)} ${k}`).join('\n'));
	if (!details.failed) {
		t.pass();
		return;
	}
	const why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
	t.fail(`after ${details.numRuns} runs (FUZZ_SEED=${details.seed}): ${why}\ncounterexample: ${JSON.stringify(details.counterexample).slice(0, 1500)}`);
}

/** FUZZ_SEED=N replays a run that failed (the failure names its seed); FUZZ_SCALE=10 runs ten times as many cases. */
function seedFromEnv(): number | undefined {
	const seed = process.env.FUZZ_SEED;
	return seed === undefined ? undefined : Number(seed);
}
