// Every kind on a generated scenario and on the notes' cluster, over many seeds: the layout and
// choice rules hold, the key agrees with the engine asked independently, the same inputs give the
// same question, other seeds give others, and the live cluster is never changed.
import test from 'ava';
import {QUIZ_KINDS, QuizError, checkAnswer, generateQuestion, type Question, type QuizKind, type QuizMode} from '../../src/quiz/index.js';
import {traceConnection} from '../../src/sim/cluster/trace-connection.js';
import {cidrInfo} from '../../src/sim/net/cidr-info.js';
import {nthSubnet} from '../../src/sim/net/subnets.js';
import {parseIPv4} from '../../src/sim/net/ipv4.js';
import {seedNotesCluster} from '../../src/sim/scenarios/seed-notes.js';
import type {Cluster} from '../../src/sim/cluster/cluster.js';
import {allRules, checkShape, notesWithClient, notesWithThreeWebs, scenario} from './helpers.js';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const MODES: QuizMode[] = ['typed', 'choice'];

const clusters: Array<[string, () => Cluster]> = [
	['scenario 1131', () => scenario(1131)],
	['scenario 42', () => scenario(42)],
	['notes + client + 3 webs', () => {
		const c = notesWithThreeWebs();
		c.apply({...notesWithClient().pods().find((p) => p.metadata.name === 'client')!, status: {}});
		return c;
	}],
];


for (const [label, make] of clusters) {
	test(`${label}: every kind, both modes, ${SEEDS.length} seeds keep the layout and choice rules and change nothing`, (t) => {
		const cluster = make();
		const before = allRules(cluster);
		for (const kind of QUIZ_KINDS) {
			for (const mode of MODES) {
				for (const seed of SEEDS) {
					const q = generateQuestion(kind, {cluster, seed, mode});
					t.is(q.kind, kind);
					t.is(q.mode, mode);
					checkShape(t, q);
					// A garbled answer is a verdict, never a crash.
					for (const junk of ['', 'abc', '10.96.0.0/33', '010.96.0.0', '-1', '∞', 'x'.repeat(500)]) {
						const verdict = checkAnswer(q, junk);
						t.false(verdict.correct, `${q.id}: ${JSON.stringify(junk)} accepted`);
						t.true(verdict.understood.length > 0);
					}
				}
			}
		}
		t.is(allRules(cluster), before);
	});
}

test('the same cluster, seed, kind and params give the same question; other seeds give others', (t) => {
	for (const kind of QUIZ_KINDS) {
		for (const mode of MODES) {
			const a = generateQuestion(kind, {cluster: scenario(1131), seed: 5, mode});
			const b = generateQuestion(kind, {cluster: scenario(1131), seed: 5, mode});
			t.deepEqual(a, b, `${kind} ${mode}`);
			const ids = new Set(SEEDS.map((seed) => generateQuestion(kind, {cluster: scenario(1131), seed, mode}).id));
			t.true(ids.size >= 2, `${kind} ${mode}: ${[...ids].join(', ')}`);
			const choices = new Set(SEEDS.map((seed) => JSON.stringify(generateQuestion(kind, {cluster: scenario(1131), seed, mode}).choices)));
			if (mode === 'choice') t.true(choices.size >= 2, `${kind}: choices never change`);
		}
	}
});

/** The endpoints the key accepts, compared with a trace the test makes itself. */
function tracedEndpoints(cluster: Cluster, request: Parameters<typeof traceConnection>[1]): string[] {
	return traceConnection(cluster, request)
		.result.outcomes.filter((o) => o.verdict === 'DNAT' && o.probability > 0)
		.map((o) => o.to!)
		.sort();
}

function keyEndpoints(q: Question): string[] {
	const reader = q.answerKey.reader;
	return reader.type === 'destination' ? [...reader.endpoints].sort() : [];
}

test('dnat-target: for every Service port of a scenario the key is exactly what the tracer finds', (t) => {
	const cluster = scenario(1131);
	const client = cluster.pods().find((p) => p.metadata.namespace === 'kube-system')!;
	let asked = 0;
	for (const service of cluster.services()) {
		for (const port of service.spec.ports) {
			const params = {service: `${service.metadata.namespace}/${service.metadata.name}`, port: port.port, from: `kube-system/${client.metadata.name}`};
			let q: Question;
			try {
				q = generateQuestion('dnat-target', {cluster, seed: 1, params});
			} catch (error) {
				t.true(error instanceof QuizError, String(error));
				continue; // a Service with no ready endpoints has no DNAT to ask about
			}
			asked++;
			const traced = tracedEndpoints(cluster, {from: `kube-system/${client.metadata.name}`, to: {ip: service.spec.clusterIP!, port: port.port}, proto: (port.protocol ?? 'TCP').toLowerCase() as 'tcp'});
			t.deepEqual(keyEndpoints(q), traced, q.id);
			for (const endpoint of traced) t.true(checkAnswer(q, endpoint).correct);
		}
	}
	t.true(asked >= 5);
});

test('nodeport-destination and etp-local: every NodePort Service, every node, as the tracer sees it', (t) => {
	const cluster = scenario(1131);
	const before = allRules(cluster);
	let asked = 0;
	for (const service of cluster.services().filter((s) => s.spec.type === 'NodePort')) {
		for (const node of cluster.nodes()) {
			const name = node.metadata.name;
			const params = {service: service.metadata.name, node: name};
			let q: Question;
			try {
				q = generateQuestion('nodeport-destination', {cluster, seed: 1, params});
			} catch (error) {
				t.true(error instanceof QuizError, String(error));
				continue;
			}
			asked++;
			const nodeIP = node.status.addresses.find((a) => a.type === 'InternalIP')!.address;
			const from = q.prompt.replace(/\n/g, ' ').match(/outside the cluster, (\S+),/)![1]!;
			const traced = tracedEndpoints(cluster, {node: name, from, to: {ip: nodeIP, port: service.spec.ports[0]!.nodePort!}, proto: 'tcp'});
			t.deepEqual(keyEndpoints(q), traced, q.id);

			const hasLocal = cluster.endpointSliceList().some((s) => s.metadata.labels?.['kubernetes.io/service-name'] === service.metadata.name && s.endpoints.some((e) => e.nodeName === name));
			if (hasLocal || traced.length === 0) continue;
			const local = generateQuestion('etp-local', {cluster, seed: 1, mode: 'typed', params});
			t.is(local.answerKey.expected, 'DROP', local.id);
			t.true(checkAnswer(local, 'dropped').correct);
		}
	}
	t.true(asked >= 3);
	t.is(allRules(cluster), before);
});

test('chain-next: the key is the next hop of a path the tracer finds', (t) => {
	const cluster = scenario(1131);
	for (const seed of SEEDS) {
		const q = generateQuestion('chain-next', {cluster, seed, mode: 'typed'});
		const reader = q.answerKey.reader;
		if (reader.type !== 'chain') return t.fail(q.id);
		const rules = cluster.kubeProxy(q.id.split('@')[1]!.split(':')[0]!)!.sync().restore;
		for (const chain of reader.accepted) if (chain !== 'DNAT') t.true(rules.includes(`:${chain} `), `${q.id}: ${chain} is not a chain of the node`);
		t.true(checkAnswer(q, q.answerKey.expected).correct, q.id);
	}
});

test('cidr-range, cidr-size and pod-cidr-nth agree with the address arithmetic for every seed', (t) => {
	const cluster = seedNotesCluster();
	for (let seed = 1; seed <= 40; seed++) {
		const range = generateQuestion('cidr-range', {cluster, seed});
		const block = range.id.split('/').slice(3).join('/');
		const info = cidrInfo(block);
		t.is(range.answerKey.expected, `${info.network}–${info.broadcast}`);
		const reader = range.answerKey.reader;
		if (reader.type === 'range') t.deepEqual([reader.first, reader.last], [parseIPv4(info.network), parseIPv4(info.broadcast!)]);

		const size = generateQuestion('cidr-size', {cluster, seed, params: {ask: 'addresses'}});
		const sized = size.id.split('/').slice(3).join('/').replace(/^addresses:/, '');
		t.is(size.answerKey.expected, (2 ** (32 - Number(sized.split('/')[1]))).toLocaleString('en-US'), size.id);

		const nth = generateQuestion('pod-cidr-nth', {cluster, seed});
		const [cidr, mask, n] = nth.id.split('/').slice(3).join('/').split(':') as [string, string, string];
		t.is(nth.answerKey.expected, nthSubnet(cidr, Number(mask), Number(n) - 1), nth.id);
	}
});

test('rule-probability: 1/(n−i) for every rule of every size', (t) => {
	const cluster = seedNotesCluster();
	for (let n = 2; n <= 8; n++) {
		for (let rule = 1; rule < n; rule++) {
			const q = generateQuestion('rule-probability', {cluster, seed: 1, params: {n, rule}});
			t.true(q.answerKey.expected.startsWith(`1/${n - rule + 1} (`), q.answerKey.expected);
			t.true(checkAnswer(q, `1/${n - rule + 1}`).correct);
			t.true(checkAnswer(q, `${((100 / (n - rule + 1)).toFixed(1))}%`).correct);
			if (n - rule + 1 !== n) t.false(checkAnswer(q, `1/${n}`).correct);
		}
	}
});

test('params are checked: unknown names, wrong types and impossible questions are QuizErrors', (t) => {
	const cluster = seedNotesCluster();
	const fails = (kind: QuizKind, params: Record<string, string | number | boolean>, message: RegExp): void => {
		const error = t.throws(() => generateQuestion(kind, {cluster, seed: 1, params}));
		t.true(error instanceof QuizError, String(error));
		t.regex(error!.message, message);
	};
	fails('cidr-range', {cidrr: '10.96.0.0/12'}, /unknown param "cidrr"/);
	fails('cidr-range', {cidr: '10.96.0.0/33'}, /prefix length/);
	fails('pod-cidr-nth', {cidr: '10.244.0.0/16', mask: 24, n: 300}, /from 1 to 256/);
	fails('cidr-size', {ask: 'hosts'}, /one of addresses, services, nodes/);
	fails('dnat-target', {service: 'nope'}, /no Service "nope"/);
	fails('nodeport-destination', {}, /no Service port with a nodePort/);
	fails('etp-local', {}, /no Service port with a nodePort/);
	fails('dnat-target', {mode: 'essay'}, /mode must be one of typed, choice/);
	t.is(generateQuestion('cidr-range', {cluster, seed: 1, params: {mode: 'choice'}}).mode, 'choice');
});
