// Hostile and odd input: what would recurse without end, expand without bound or take quadratic
// time is refused (or read in linear time), always as one ManifestError naming the place.

import test from 'ava';
import {MAX_ALIASES, MAX_NESTING} from '../../src/manifest/yaml-source.js';
import {errorOf, load, yaml} from './load-helper.js';

function service(name: string, extra = ''): string {
	return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${extra}spec:\n  ports: [{port: 80}]\n`;
}

test('an alias inside its own anchor is refused in go-yaml\'s words, at the alias', (t) => {
	t.is(
		errorOf(yaml('apiVersion: v1', 'kind: List', 'items: &a', '  - apiVersion: v1', '    kind: List', '    items: *a')),
		"cluster.yaml:6:12: YAML error: anchor 'a' value contains itself",
	);
	t.is(errorOf(yaml('&a', 'apiVersion: v1', 'kind: List', 'items: [*a]')), "cluster.yaml:4:9: YAML error: anchor 'a' value contains itself");
	// A merge key that merges the map into itself.
	t.is(errorOf(yaml('apiVersion: v1', 'kind: Service', 'metadata: &m', '  name: a', '  <<: *m')), "cluster.yaml:5:7: YAML error: anchor 'm' value contains itself");
	t.is(errorOf(yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  name: a', '  labels: {x: *nope}')), "cluster.yaml:5:15: YAML error: unknown anchor 'nope' referenced");
});

test(`nesting: ${MAX_NESTING} levels load, one more is refused at the first level too deep`, (t) => {
	// The Service's annotations sit at level 3; a flow list inside adds levels from column 38.
	const flow = (levels: number): string =>
		`apiVersion: v1\nkind: Service\nmetadata: {name: a, annotations: {x: ${'['.repeat(levels - 3)}${']'.repeat(levels - 3)}}}\n`;
	t.regex(errorOf(flow(MAX_NESTING)), /^cluster\.yaml:3:35: Service default\/a: metadata\.annotations\.x: Invalid value: \[\[\[/);
	const refused = `YAML error: nested more than ${MAX_NESTING} levels deep (svc-tutor reads manifests up to ${MAX_NESTING} levels of maps and lists)`;
	t.is(errorOf(flow(MAX_NESTING + 1)), `cluster.yaml:3:${37 + MAX_NESTING - 2}: ${refused}`);
	// Far deeper input is refused as soon as the limit is reached, not after reading it all.
	t.is(errorOf(flow(2_000_000)), `cluster.yaml:3:${37 + MAX_NESTING - 2}: ${refused}`);
	// Block maps: each `k:` one level deeper, one column further right.
	const block = (levels: number): string => {
		let text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels:\n';
		for (let i = 0; i < levels - 2; i++) text += `${' '.repeat(4 + i)}k:\n`;
		return text;
	};
	t.is(errorOf(block(MAX_NESTING + 1)), `cluster.yaml:${6 + MAX_NESTING - 2}:${5 + MAX_NESTING - 2}: ${refused}`);
	t.is(errorOf(block(5_000)), `cluster.yaml:${6 + MAX_NESTING - 2}:${5 + MAX_NESTING - 2}: ${refused}`);
	// Aliases count as what they stand for: 60 levels used twice over is 120.
	const deepAnchor = `${'['.repeat(60)}${']'.repeat(60)}`;
	t.regex(errorOf(`apiVersion: v1\nkind: Service\nmetadata: {name: a, annotations: {x: &d ${deepAnchor}, y: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[*d]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}\n`), /^cluster\.yaml:3:\d+: YAML error: nested more than 100 levels deep/);
});

test('JSON Lists nested far deeper than the limit are refused, not a stack overflow', (t) => {
	let json = '{"apiVersion":"v1","kind":"List","items":[]}';
	for (let i = 0; i < 1_500; i++) json = `{"apiVersion":"v1","kind":"List","items":[${json}]}`;
	t.regex(errorOf(json, 'deep.json'), /^deep\.json:1:\d+: YAML error: nested more than 100 levels deep \(svc-tutor reads manifests up to 100 levels of maps and lists\)$/);
	t.regex(errorOf('['.repeat(50_000) + ']'.repeat(50_000), 'deep.json'), /^deep\.json:1:101: YAML error: nested more than 100 levels deep/);
});

test('many aliases of a small map load (more than the yaml library allows by default)', (t) => {
	let text = 'apiVersion: v1\nkind: List\nitems:\n';
	text += '  - {apiVersion: v1, kind: Service, metadata: {name: s0, labels: &labels {app: web, tier: front}}, spec: {ports: [{port: 80}]}}\n';
	for (let i = 1; i < 3_000; i++) text += `  - {apiVersion: v1, kind: Service, metadata: {name: s${i}, labels: *labels}, spec: {ports: [{port: 80}]}}\n`;
	const loaded = load(text);
	t.is(loaded.objects.length, 3_000);
	t.deepEqual(loaded.objects[2_999]!.metadata.labels, {app: 'web', tier: 'front'});
	// Merge keys are aliases too: 2,000 Services from one template.
	let merged = 'apiVersion: v1\nkind: List\nitems:\n  - &svc {apiVersion: v1, kind: Service, metadata: {name: m0}, spec: {ports: [{port: 80}]}}\n';
	for (let i = 1; i < 2_000; i++) merged += `  - {<<: *svc, metadata: {name: m${i}}}\n`;
	t.is(load(merged).objects.length, 2_000);
});

test('alias bombs are refused quickly, at the alias that crosses the limit', (t) => {
	// A billion laughs: ten aliases of ten aliases of … of ten scalars.
	let bomb = '    a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
	for (let i = 1; i < 30; i++) bomb += `    a${i}: &a${i} [${Array.from({length: 10}, () => `*a${i - 1}`).join(', ')}]\n`;
	const started = Date.now();
	t.regex(errorOf(service('bomb', `  annotations:\n${bomb}`)), /^cluster\.yaml:11:\d+: YAML error: aliases add more than 1,000,000 values to this document \(an alias bomb\?\)$/);
	// Generous: the bomb's expansion would take minutes and gigabytes.
	t.true(Date.now() - started < 10_000);
	// Too many aliases, even of a scalar.
	const many = `  annotations:\n    a: &s x\n    b: [${Array.from({length: MAX_ALIASES + 1}, () => '*s').join(', ')}]\n`;
	t.regex(errorOf(service('many', many)), new RegExp(`^cluster\\.yaml:7:\\d+: YAML error: more than ${MAX_ALIASES} aliases in one document \\(svc-tutor's limit\\)$`));
});

test('a list or map as a map key is refused (no warning from the yaml library on stderr)', (t) => {
	const warnings: string[] = [];
	const onWarning = (warning: Error): void => {
		warnings.push(warning.message);
	};
	process.on('warning', onWarning);
	try {
		t.is(errorOf(yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  name: a', '  labels:', '    ? [a, b]', '    : c')), "cluster.yaml:6:7: YAML error: a list cannot be a map key (Kubernetes' YAML reader refuses it)");
		t.is(errorOf(yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: a, labels: {{a: 1}: c}}')), "cluster.yaml:3:30: YAML error: a map cannot be a map key (Kubernetes' YAML reader refuses it)");
		t.is(errorOf(yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: a, labels: &l {x: y}}', '---', 'k: &k [1]', '*k : 2')), "cluster.yaml:6:1: YAML error: a list cannot be a map key (Kubernetes' YAML reader refuses it)");
	} finally {
		process.off('warning', onWarning);
	}
	t.deepEqual(warnings, []);
});

test('duplicate keys are still refused where the second one is written', (t) => {
	t.is(errorOf(yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  name: a', '  labels: {x: "1", y: "2", x: "3"}')), 'cluster.yaml:5:28: YAML syntax error: Map keys must be unique');
	// 1 and "1" are different YAML keys.
	t.notThrows(() => load(service('a', '  annotations: {1: a, "1": b}\n')));
});

// The sizes below took a minute or more when reading was quadratic; linear, they take a second or two.
const BIG = 100_000;

test(`a Service with ${BIG.toLocaleString('en-US')} labels loads in linear time, YAML and JSON`, (t) => {
	t.timeout(60_000);
	const labels = Array.from({length: BIG}, (_, i) => `    l${i}: v\n`).join('');
	const fromYaml = load(service('web', `  labels:\n${labels}`));
	t.is(Object.keys(fromYaml.objects[0]!.metadata.labels ?? {}).length, BIG);
	const object = {apiVersion: 'v1', kind: 'Service', metadata: {name: 'web', labels: Object.fromEntries(Array.from({length: BIG}, (_, i) => [`l${i}`, 'v']))}, spec: {ports: [{port: 80}]}};
	const fromJson = load(JSON.stringify(object, null, 1), 'web.json');
	t.is(Object.keys(fromJson.objects[0]!.metadata.labels ?? {}).length, BIG);
	// A bad label among them is still found and located (the position lookup is indexed).
	const bad = {...object, metadata: {...object.metadata, labels: {...object.metadata.labels, 'l99999': 'a b'}}};
	t.regex(errorOf(JSON.stringify(bad, null, 1), 'web.json'), /^web\.json:\d+:\d+: Service default\/web: metadata\.labels: Invalid value: "a b": /);
});

test('40,000 unknown fields are each warned about, with their position, in linear time', (t) => {
	t.timeout(60_000);
	const count = 40_000;
	const fields = Array.from({length: count}, (_, i) => `  u${i}: v\n`).join('');
	const loaded = load(`apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n${fields}`);
	t.is(loaded.warnings.length, count);
	t.is(loaded.warnings[count - 1], `cluster.yaml:${6 + count}:${4 + String(count - 1).length + 2}: Service default/web: unknown field "spec.u${count - 1}" (ignored)`);
	const json = JSON.stringify({apiVersion: 'v1', kind: 'Service', metadata: {name: 'web'}, spec: {ports: [{port: 80}], ...Object.fromEntries(Array.from({length: count}, (_, i) => [`u${i}`, 'v']))}});
	const fromJson = load(json, 'web.json');
	t.is(fromJson.warnings.length, count);
	t.regex(fromJson.warnings[count - 1]!, new RegExp(`^web\\.json:1:\\d+: Service default/web: unknown field "spec\\.u${count - 1}" \\(ignored\\)$`));
});

test('300,000 empty documents are skipped one by one, not all held at once', (t) => {
	t.timeout(60_000);
	const loaded = load('---\n'.repeat(300_000) + service('last'));
	t.deepEqual(loaded.objects.map((o) => o.metadata.name), ['last']);
});

test("a merge key whose value is not a map is refused at the value, in go-yaml's words", (t) => {
	const refused = 'YAML error: map merge requires map or sequence of maps as the value';
	t.is(errorOf(yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  name: a', '  <<: 1')), `cluster.yaml:5:7: ${refused}`);
	t.is(errorOf(yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  name: a', '  <<: [{x: "1"}, 2]')), `cluster.yaml:5:7: ${refused}`);
	t.is(errorOf(yaml('apiVersion: v1', 'kind: Service', 'x: &l [1]', 'metadata:', '  name: a', '  <<: *l')), `cluster.yaml:6:7: ${refused}`);
	// Maps, aliases of maps and lists of both merge.
	const loaded = load(yaml('apiVersion: v1', 'kind: Service', 'x: &m {labels: {app: web}}', 'metadata:', '  name: a', '  <<: [*m, {annotations: {a: b}}]', 'spec: {ports: [{port: 80}]}'));
	t.deepEqual(loaded.objects[0]!.metadata.labels, {app: 'web'});
});
