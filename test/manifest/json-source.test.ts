// JSON read with JSON.parse (json-source.ts) must load exactly what the YAML reader loads from the
// same text: objects, warnings, positions and errors. The YAML reader is made to read the same
// JSON by putting a comment line in front of it (a comment is YAML, not JSON).
import test from 'ava';
import type {LoadedManifests} from '../../src/manifest/index.js';
import {hasDuplicateKey, readJson} from '../../src/manifest/json-source.js';
import {exportManifests} from '../../src/sim/scenarios/export.js';
import {generateScenario} from '../../src/sim/scenarios/generate.js';
import {seedNotesCluster} from '../../src/sim/scenarios/seed-notes.js';
import {errorOf, load} from './load-helper.js';

/** The same JSON, read the YAML way: one line down, so positions differ by one line. */
const viaYaml = (json: string): string => `# read as YAML\n${json}`;

function summary(loaded: LoadedManifests): string {
	return JSON.stringify({objects: loaded.objects, proxyConfig: loaded.proxyConfig, warnings: loaded.warnings});
}

for (const [name, manifests] of [
	['seed-notes', exportManifests(seedNotesCluster())],
	['seed 7', exportManifests(generateScenario({seed: 7}))],
	['seed 23, 6 nodes, 40 Services', exportManifests(generateScenario({seed: 23, nodes: 6, services: 40}))],
] as const) {
	test(`${name}: the quick JSON path loads what the YAML reader loads, with the same positions`, (t) => {
		const json = JSON.stringify(manifests, null, 2);
		t.truthy(readJson('c.json', json), 'takes the quick path');
		const quick = load(json, 'c.json');
		const slow = load(viaYaml(json), 'c.json');
		t.is(summary(quick), summary(slow));
		for (const object of quick.objects) {
			const other = slow.objects[quick.objects.indexOf(object)]!;
			const a = quick.origins.get(object)!;
			const b = slow.origins.get(other)!;
			t.deepEqual([a.file, a.line + 1, a.column, a.kind, a.name], [b.file, b.line, b.column, b.kind, b.name]);
			const path = ['metadata', 'name'];
			t.is(quick.locate(object, path)!.line + 1, slow.locate(other, path)!.line);
		}
	});
}

test('an error in quick-path JSON names the same place as the YAML reader does', (t) => {
	const json = JSON.stringify({apiVersion: 'v1', kind: 'List', items: [{apiVersion: 'v1', kind: 'Service', metadata: {name: 'web'}, spec: {ports: [{port: 80}, {port: 70000}]}}]}, null, 2);
	const quick = errorOf(json, 'c.json');
	const slow = errorOf(viaYaml(json), 'c.json');
	t.regex(quick, /^c\.json:\d+:\d+: Service default\/web: spec\.ports\[1\]\.port: /);
	const [, line, rest] = /^c\.json:(\d+)(.*)$/.exec(quick)!;
	t.is(slow, `c.json:${Number(line) + 1}${rest}`);
});

test('a key given twice is left to the YAML reader, which refuses it', (t) => {
	const json = '{"apiVersion": "v1", "kind": "Service", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"ports": [{"port": 80}]}}';
	t.true(hasDuplicateKey(json));
	t.is(readJson('d.json', json), undefined);
	t.regex(errorOf(json, 'd.json'), /^d\.json:1:\d+: YAML syntax error: Map keys must be unique/);
});

test('hasDuplicateKey: per object, nested, escaped keys, and strings that look like structure', (t) => {
	t.false(hasDuplicateKey('{"a": 1, "b": {"a": 2}, "c": [{"a": 1}, {"a": 2}]}'));
	t.true(hasDuplicateKey('{"a": 1, "b": {"x": 1, "x": 2}}'));
	t.true(hasDuplicateKey('[{"a": 1}, {"b": 1, "\\u0062": 2}]'));
	t.false(hasDuplicateKey('{"a": "{\\"a\\": 1, \\"a\\": 2}", "b": "]},"}'));
	t.false(hasDuplicateKey('{"a": [1, 2, {"a": [3]}], "b": 2}'));
});

test('merge keys and text that is not JSON go to the YAML reader', (t) => {
	t.is(readJson('m.json', '{"<<": {"a": 1}, "b": 2}'), undefined);
	t.is(readJson('y.yaml', 'apiVersion: v1\n'), undefined);
	t.is(readJson('bad.json', '{"a": 1,}'), undefined);
});
