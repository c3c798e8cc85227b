// A property over the whole front half of `rules`: the manifest loader and the simulated cluster it
// feeds. Any mutation of a real manifest either loads and yields rules, or is refused with one
// ManifestError or UsageError line; never another exception, never a message of several lines.
import test from 'ava';
import fc from 'fast-check';
import {runRules} from '../../src/commands/rules.js';
import {UsageError} from '../../src/commands/io.js';
import {ManifestError} from '../../src/manifest/index.js';
import {exportManifests} from '../../src/sim/scenarios/export.js';
import {seedNotesCluster} from '../../src/sim/scenarios/seed-notes.js';
import {stringify} from 'yaml';
import {fakeIO} from '../support/fake-io.js';

const MANIFESTS = exportManifests(seedNotesCluster());
const BASE = stringify(MANIFESTS);
const LINES = BASE.split('\n');
/** The same cluster as `-o json` writes it: read by the quick JSON path until a position is needed. */
const JSON_BASE = JSON.stringify(MANIFESTS, null, 4);

/** Values that have broken or nearly broken something before, and YAML's odd corners. */
const VALUES = [
	'', '~', 'null', '-1', '0', '65536', '1e309', '1.5', 'true', 'yes', '"x"', '[]', '{}', '[a, b]', '{a: 1}', '*a', '&a x', '&a [*a]',
	'10.244.1.0/31', '10.244.1.0/32', '10.244.0.0/28', 'fd00::2', '"fd00::2"', '"fd00::/64"', '::', '0.0.0.0', '127.0.0.1', '255.255.255.255',
	'10.96.0.0/4', '10.96.0.1', 'None', 'NodePort', 'LoadBalancer', 'ExternalName', 'UDP', 'SCTP', 'Local', 'IPv6', '[IPv6]', '!!binary aGk=',
	'!!set {a}', '2001-01-01', '"\\u0000"', '"\\x1b[31m"', 'x'.repeat(300), '[[[[[[[[[[]]]]]]]]]]', "'a\nb'",
];

type Mutation =
	| {op: 'value'; line: number; value: string}
	| {op: 'delete'; line: number}
	| {op: 'duplicate'; line: number}
	| {op: 'indent'; line: number; by: number}
	| {op: 'insert'; line: number; text: string}
	| {op: 'char'; at: number; char: string}
	| {op: 'truncate'; at: number};

const line = fc.nat({max: LINES.length - 1});
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({op: fc.constant('value' as const), line, value: fc.oneof(fc.constantFrom(...VALUES), fc.string({maxLength: 12}))}),
	fc.record({op: fc.constant('delete' as const), line}),
	fc.record({op: fc.constant('duplicate' as const), line}),
	fc.record({op: fc.constant('indent' as const), line, by: fc.constantFrom(-4, -2, 2, 4)}),
	fc.record({op: fc.constant('insert' as const), line, text: fc.constantFrom('  - *a', '<<: *a', '? [a]', 'x: &a {y: *a}', '---', '...', '- {}', 'kind: List', 'items: [1]')}),
	fc.record({op: fc.constant('char' as const), at: fc.nat({max: BASE.length - 1}), char: fc.constantFrom(':', '-', '[', '{', '&', '*', '!', '|', '>', '#', '"', "'", '%', '@', '\t', '\n', ' ')}),
	fc.record({op: fc.constant('truncate' as const), at: fc.nat({max: BASE.length - 1})}),
);

function apply(text: string, mutations: readonly Mutation[]): string {
	let lines = text.split('\n');
	for (const m of mutations) {
		if (lines.length === 0) lines = [''];
		const at = 'line' in m ? Math.min(m.line, lines.length - 1) : 0;
		switch (m.op) {
			case 'value': {
				const colon = lines[at]!.indexOf(': ');
				lines[at] = colon >= 0 ? `${lines[at]!.slice(0, colon + 2)}${m.value}` : lines[at]!.replace(/(- )\S.*$/, `$1${m.value}`);
				break;
			}
			case 'delete':
				lines.splice(at, 1);
				break;
			case 'duplicate':
				lines.splice(at, 0, lines[at]!);
				break;
			case 'indent':
				lines[at] = m.by > 0 ? ' '.repeat(m.by) + lines[at]! : lines[at]!.replace(new RegExp(`^ {0,${-m.by}}`), '');
				break;
			case 'insert':
				lines.splice(at, 0, (lines[at]!.match(/^ */)?.[0] ?? '') + m.text);
				break;
			case 'char': {
				const joined = lines.join('\n');
				const i = Math.min(m.at, joined.length - 1);
				lines = (joined.slice(0, i) + m.char + joined.slice(i + 1)).split('\n');
				break;
			}
			case 'truncate':
				lines = lines.join('\n').slice(0, m.at).split('\n');
				break;
		}
	}
	return lines.join('\n');
}

async function outcome(text: string, file = 'cluster.yaml'): Promise<'ok' | 'refused'> {
	const io = fakeIO({[file]: text});
	try {
		const status = await runRules({files: [file], node: 'node01', format: 'save', numeric: false}, io);
		if (status !== 0 || io.out === '') throw new Error(`status ${status} with ${io.out.length} characters of output`);
		return 'ok';
	} catch (error) {
		if (!(error instanceof ManifestError || error instanceof UsageError)) throw error;
		if (error.message.includes('\n') || error.message === '') throw new Error(`not one line: ${JSON.stringify(error.message)}`);
		return 'refused';
	}
}

test('the unmutated manifest yields node01\'s rules', async (t) => {
	t.is(await outcome(BASE), 'ok');
	t.is(await outcome(JSON_BASE, 'cluster.json'), 'ok');
});

test('any mutation of a real manifest: rules, or one line of ManifestError or UsageError', async (t) => {
	t.timeout(110_000);
	const seen = {ok: 0, refused: 0};
	await fc.assert(
		fc.asyncProperty(fc.array(mutation, {minLength: 1, maxLength: 4}), async (mutations) => {
			seen[await outcome(apply(BASE, mutations))]++;
		}),
		{numRuns: Number(process.env['SVCT_MUTATION_RUNS'] ?? 300), seed: Number(process.env['SVCT_MUTATION_SEED'] ?? 7)},
	);
	// Both outcomes occur: the generator reaches past the YAML syntax into the objects.
	t.true(seen.ok > 0 && seen.refused > 0, JSON.stringify(seen));
});

test('any mutation of the same manifest as JSON: the same two outcomes', async (t) => {
	t.timeout(110_000);
	const jsonLine = fc.nat({max: JSON_BASE.split('\n').length - 1});
	const jsonMutation: fc.Arbitrary<Mutation> = fc.oneof(
		fc.record({op: fc.constant('value' as const), line: jsonLine, value: fc.constantFrom('""', 'null', '-1', '1e309', '[]', '{}', '"fd00::2"', '"10.244.1.0/31"', '"None"', '{"<<": 1}', '[[[[[[]]]]]]')}),
		fc.record({op: fc.constant('delete' as const), line: jsonLine}),
		fc.record({op: fc.constant('duplicate' as const), line: jsonLine}),
		fc.record({op: fc.constant('char' as const), at: fc.nat({max: JSON_BASE.length - 1}), char: fc.constantFrom(',', ':', '[', ']', '{', '}', '"', '\\', ' ')}),
		fc.record({op: fc.constant('truncate' as const), at: fc.nat({max: JSON_BASE.length - 1})}),
	);
	await fc.assert(
		fc.asyncProperty(fc.array(jsonMutation, {minLength: 1, maxLength: 3}), async (mutations) => {
			await outcome(apply(JSON_BASE, mutations), 'cluster.json');
		}),
		{numRuns: Number(process.env['SVCT_MUTATION_RUNS'] ?? 200), seed: Number(process.env['SVCT_MUTATION_SEED'] ?? 7)},
	);
	t.pass();
});
