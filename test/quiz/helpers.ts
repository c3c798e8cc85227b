// Clusters and checks shared by the quiz tests: the notes' cluster as the lessons leave it at
// the steps that ask generated questions, a generated scenario, and the layout rules every
// question must keep (40 columns, 8 prompt lines, choices right exactly once).
import type {ExecutionContext} from 'ava';
import type {Pod, Service} from '../../src/sim/api/types.js';
import type {Cluster} from '../../src/sim/cluster/cluster.js';
import {generateScenario} from '../../src/sim/scenarios/generate.js';
import {seedNotesCluster} from '../../src/sim/scenarios/seed-notes.js';
import {checkAnswer, type Question} from '../../src/quiz/index.js';

export function pod(name: string, nodeName: string, labels: Record<string, string>, port?: number): Pod {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, namespace: 'default', labels},
		spec: {nodeName, containers: [{name, image: 'busybox:1.28', ...(port ? {ports: [{containerPort: port, protocol: 'TCP' as const}]} : {})}]},
		status: {},
	};
}

export function webService(policy?: 'Local'): Service {
	return {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name: 'web', namespace: 'default'},
		spec: {
			type: 'NodePort',
			...(policy ? {externalTrafficPolicy: policy} : {}),
			selector: {app: 'web'},
			ports: [{name: 'http', port: 80, targetPort: 80, nodePort: 30080, protocol: 'TCP'}],
		},
	};
}

/** Lesson 2 at its dnat-target step: the notes' cluster plus Pod client on node02. */
export function notesWithClient(): Cluster {
	const cluster = seedNotesCluster();
	cluster.apply(pod('client', 'node02', {app: 'client'}));
	return cluster;
}

/** Lesson 3 at its nodeport steps: web-1 on node01 behind the NodePort Service web (30080). */
export function notesWithWeb(policy?: 'Local'): Cluster {
	const cluster = seedNotesCluster();
	cluster.apply(pod('web-1', 'node01', {app: 'web'}, 80));
	cluster.apply(webService(policy));
	return cluster;
}

/** Lesson 6 after scaling web to 3 Pods over node01 and node02. */
export function notesWithThreeWebs(): Cluster {
	const cluster = notesWithWeb();
	cluster.apply(pod('web-2', 'node02', {app: 'web'}, 80));
	cluster.apply(pod('web-3', 'node01', {app: 'web'}, 80));
	return cluster;
}

export function scenario(seed = 1131): Cluster {
	return generateScenario({seed, nodes: 3, services: 6});
}

export function podIP(cluster: Cluster, name: string): string {
	const ip = cluster.pods().find((p) => p.metadata.name === name)?.status.podIP;
	if (ip === undefined) throw new Error(`no Pod ${name}`);
	return ip;
}

/** Every rule of every node, to show a generator changed nothing. */
export function allRules(cluster: Cluster): string {
	return cluster
		.nodes()
		.map((n) => cluster.kubeProxy(n.metadata.name)?.sync().restore ?? '')
		.join('\n');
}

const cells = (line: string): number => [...line].length;

/** The layout every question keeps, and a right answer that is accepted. */
export function checkShape(t: ExecutionContext, q: Question): void {
	const lines = q.prompt.split('\n');
	t.true(lines.length <= 8, `${q.id}: ${lines.length} prompt lines\n${q.prompt}`);
	for (const line of [...lines, ...q.hint.split('\n'), ...q.answerKey.explanation]) {
		t.true(cells(line) <= 40, `${q.id}: line wider than 40: ${JSON.stringify(line)}`);
		t.false(/[\u{1F000}-\u{1FFFF}\uFE0F]/u.test(line), `${q.id}: emoji in ${JSON.stringify(line)}`);
	}
	t.true(q.hint.length > 0 && q.hint.split('\n').length <= 3, `${q.id}: hint ${JSON.stringify(q.hint)}`);
	t.true(q.answerKey.explanation.length > 0, `${q.id}: no explanation`);
	// JSON round trip: a saved session marks answers the same way.
	const saved = JSON.parse(JSON.stringify(q)) as Question;
	t.deepEqual(saved, q);
	if (q.mode === 'choice') {
		const choices = q.choices ?? [];
		t.true(choices.length >= 3 && choices.length <= 5, `${q.id}: ${choices.length} choices`);
		t.is(new Set(choices.map((c) => c.toLowerCase())).size, choices.length, `${q.id}: repeated choice ${choices.join(' | ')}`);
		for (const c of choices) t.true(cells(c) <= 36, `${q.id}: choice wider than 36: ${c}`);
		const right = choices.filter((_, i) => checkAnswer(saved, i).correct);
		t.deepEqual(right, [q.answerKey.expected], `${q.id}: right choices ${right.join(' | ')}`);
		t.true(checkAnswer(saved, q.answerKey.expected).correct, `${q.id}: the right choice's text is not accepted`);
		t.is(q.answerFormat, undefined);
	} else {
		t.is(q.choices, undefined);
		t.truthy(q.answerFormat);
		// The key as shown is itself an answer the reader accepts (a list of endpoints is checked per kind).
		const expected = q.answerKey.expected;
		if (!expected.startsWith('any of') && !expected.includes(' or ')) t.true(checkAnswer(saved, expected).correct, `${q.id}: expected ${JSON.stringify(expected)} is not accepted`);
	}
}
