// Each kind on the notes' cluster, as the lessons leave it where they ask: the answers the notes
// and the reference give, in every spelling a learner may use, and wrong ones explained.
import test from 'ava';
import {checkAnswer, generateQuestion, type Question} from '../../src/quiz/index.js';
import {allRules, checkShape, notesWithClient, notesWithThreeWebs, notesWithWeb, podIP} from './helpers.js';
import {seedNotesCluster} from '../../src/sim/scenarios/seed-notes.js';
import {Cluster} from '../../src/sim/cluster/cluster.js';

/** Explanation lines as one text, so a phrase broken across lines still matches. */
const prose = (lines: string[]): string => lines.join(' ').replace(/\s+/g, ' ');

function accepts(t: import('ava').ExecutionContext, q: Question, answers: string[]): void {
	for (const answer of answers) {
		const verdict = checkAnswer(q, answer);
		t.true(verdict.correct, `${q.id}: ${JSON.stringify(answer)} read as ${verdict.understood}`);
	}
}

function rejects(t: import('ava').ExecutionContext, q: Question, answer: string, note?: RegExp): void {
	const verdict = checkAnswer(q, answer);
	t.false(verdict.correct, `${q.id}: ${JSON.stringify(answer)} was accepted`);
	t.is(verdict.expected, q.answerKey.expected);
	t.true(verdict.explanation.length > 0);
	if (note) t.regex(prose(verdict.explanation), note);
}

function garbled(t: import('ava').ExecutionContext, q: Question, answer: string, why: RegExp): void {
	const verdict = checkAnswer(q, answer);
	t.false(verdict.correct);
	t.regex(verdict.understood, /^could not read it: /);
	t.regex(verdict.understood, why);
}

test('dnat-target: a Pod on node02 to 10.103.132.104:3306 is DNATed to db, 10.244.1.2:3306', (t) => {
	const cluster = notesWithClient();
	const q = generateQuestion('dnat-target', {cluster, seed: 1, params: {service: 'default/db-service', from: 'client'}});
	checkShape(t, q);
	t.is(q.mode, 'typed');
	t.is(q.answerKey.expected, '10.244.1.2:3306');
	t.regex(q.prompt, /10\.103\.132\.104:3306/);
	accepts(t, q, ['10.244.1.2:3306', ' 10.244.1.2 : 3306', 'to:10.244.1.2:3306', 'DNAT to 10.244.1.2:3306']);
	rejects(t, q, '10.103.132.104:3306', /own cluster IP/);
	rejects(t, q, '10.244.1.2:80');
	garbled(t, q, '010.244.1.2:3306', /leading zero/);
	garbled(t, q, 'abc', /no port/);
	const explanation = q.answerKey.explanation.join('\n');
	for (const step of ['nat PREROUTING', '→ KUBE-SERVICES', '→ KUBE-SVC-PKJNZ2BPYAP7WCVG', '→ KUBE-SEP-', '→ DNAT to 10.244.1.2:3306']) t.true(explanation.includes(step), step);
});

test('dnat-target: the lesson default (no params) asks about db-service from client', (t) => {
	const q = generateQuestion('dnat-target', {cluster: notesWithClient(), seed: 7});
	t.regex(q.prompt, /Pod client \(10\.244\.2\.\d+\) on node02/);
	t.is(q.answerKey.expected, '10.244.1.2:3306');
});

test('dnat-target choice: the Service IP, a node IP, another Pod and the right endpoint once', (t) => {
	const q = generateQuestion('dnat-target', {cluster: notesWithClient(), seed: 1, mode: 'choice', params: {from: 'client'}});
	checkShape(t, q);
	const choices = q.choices!;
	t.true(choices.includes('10.244.1.2:3306'));
	t.true(choices.includes('10.103.132.104:3306'));
	t.true(choices.some((c) => c.startsWith('192.168.56.')));
	t.is(checkAnswer(q, q.answerKey.correctChoice!).correct, true);
	const wrong = choices.findIndex((c) => c === '10.103.132.104:3306');
	const verdict = checkAnswer(q, wrong);
	t.false(verdict.correct);
	t.is(verdict.understood, '10.103.132.104:3306');
	t.regex(prose(verdict.explanation), /^That is default\/db-service's own cluster IP/);
	t.regex(checkAnswer(q, 9).understood, /there is no choice 10/);
});

test('dnat-target with several endpoints: any endpoint is right, each listed with its probability', (t) => {
	const cluster = notesWithThreeWebs();
	cluster.apply({...cluster.pods().find((p) => p.metadata.name === 'db')!, metadata: {name: 'probe', namespace: 'default', labels: {app: 'probe'}}, status: {}});
	const q = generateQuestion('dnat-target', {cluster, seed: 2, params: {service: 'web', from: 'probe'}});
	checkShape(t, q);
	const webs = ['web-1', 'web-2', 'web-3'].map((n) => `${podIP(cluster, n)}:80`);
	t.is(q.answerKey.expected, `any of ${[...webs].sort().join(', ')}`);
	accepts(t, q, webs);
	rejects(t, q, `${podIP(cluster, 'probe')}:80`);
	const explanation = prose(q.answerKey.explanation);
	for (const ep of webs) t.regex(explanation, new RegExp(`${ep.replace(/\./g, '\\.')} 1/3 \\(33\\.3%\\) web-\\d on node0\\d`));
});

test('cidr-range: 10.96.0.0/12 runs 10.96.0.0–10.111.255.255, in every spelling', (t) => {
	const q = generateQuestion('cidr-range', {cluster: seedNotesCluster(), seed: 1, params: {cidr: '10.96.0.0/12'}});
	checkShape(t, q);
	t.is(q.answerKey.expected, '10.96.0.0–10.111.255.255');
	accepts(t, q, ['10.96.0.0 - 10.111.255.255', '10.96.0.0–10.111.255.255', '10.96.0.0/12', '10.96.0.0 — 10.111.255.255', '10.96.0.0 to 10.111.255.255', '  10.96.0.0-10.111.255.255 ']);
	rejects(t, q, '10.96.0.1 - 10.111.255.254', /usable/);
	rejects(t, q, '10.96.0.0/16', /reads \/12 as \/16/);
	garbled(t, q, '10.96.0.0/33', /prefix length must be 0–32/);
	garbled(t, q, 'abc', /write a range/);
	garbled(t, q, '010.96.0.0/12', /leading zero/);
	t.deepEqual(q.answerKey.explanation.slice(0, 3), [
		'2^(32−12) = 1,048,576 addresses.',
		'/12: 8 bits of whole octets plus 4 of',
		'octet 2.',
	]);
	t.true(q.answerKey.explanation.some((l) => l.includes('96 … 111')));
});

test('cidr-size: addresses, Services and nodes', (t) => {
	const cluster = seedNotesCluster();
	const addresses = generateQuestion('cidr-size', {cluster, seed: 1, params: {cidr: '10.96.0.0/12', ask: 'addresses'}});
	checkShape(t, addresses);
	t.is(addresses.answerKey.expected, '1,048,576');
	accepts(t, addresses, ['1,048,576', '1048576', '1 048 576', '2^20', '1048576 addresses']);
	rejects(t, addresses, '1,048,574', /network and broadcast/);
	rejects(t, addresses, '4096', /2\^12/);
	garbled(t, addresses, '10,48,576', /grouped by three/);
	t.true(addresses.answerKey.explanation.includes('2^20 = 1,048,576 addresses.'));

	const services = generateQuestion('cidr-size', {cluster, seed: 1, params: {cidr: '10.96.0.0/12', ask: 'services'}});
	t.is(services.answerKey.expected, '1,048,574');
	accepts(t, services, ['1048574', '2^20 - 2']);
	rejects(t, services, '1048576', /never allocated/);
	// The /12 limit depends on the version (validation.go skips it from 1.34): the explanation says which.
	t.regex(prose(services.answerKey.explanation), /\/12 is the largest range kube-apiserver 1\.31–1\.33 accepts; 1\.34 and later no longer check the size\./);
	t.throws(() => generateQuestion('cidr-size', {cluster, seed: 1, params: {cidr: '10.0.0.0/11', ask: 'services'}}), {message: /not a range kube-apiserver 1\.31–1\.33 accepts: .*too large/});

	const nodes = generateQuestion('cidr-size', {cluster, seed: 1, params: {cidr: '10.244.0.0/16', ask: 'nodes', mask: 24}});
	t.is(nodes.answerKey.expected, '256');
	accepts(t, nodes, ['256', '2^8']);
});

test('pod-cidr-nth and cidr-size nodes never offer a Service range as --cluster-cidr, for any seed', (t) => {
	const cluster = seedNotesCluster();
	const serviceRanges = [cluster.serviceClusterIPRange, '10.96.0.0/12', '10.0.0.0/24'].map(span);
	const clusterCIDRs = (q: Question): string[] => [...q.prompt.matchAll(/--cluster-cidr=(\S+)/g)].map((m) => m[1]!);
	let seen = 0;
	for (let seed = 0; seed < 400; seed++) {
		for (const q of [
			generateQuestion('pod-cidr-nth', {cluster, seed}),
			generateQuestion('pod-cidr-nth', {cluster, seed, params: {mode: 'choice'}}),
			generateQuestion('cidr-size', {cluster, seed, params: {ask: 'nodes'}}),
		]) {
			for (const cidr of clusterCIDRs(q)) {
				seen++;
				const pods = span(cidr);
				for (const s of serviceRanges) t.false(pods.first <= s.last && s.first <= pods.last, `seed ${seed} ${q.kind}: --cluster-cidr=${cidr} overlaps the Service range`);
			}
		}
	}
	t.true(seen >= 1200, 'every question names its --cluster-cidr');
});

/** First and last address of an IPv4 block, as numbers. */
function span(cidr: string): {first: number; last: number} {
	const [ip, len] = cidr.split('/') as [string, string];
	const first = ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
	return {first, last: first + 2 ** (32 - Number(len)) - 1};
}

test('pod-cidr-nth: the third node of 10.244.0.0/16 with /24 gets 10.244.2.0/24', (t) => {
	const cluster = seedNotesCluster();
	const q = generateQuestion('pod-cidr-nth', {cluster, seed: 1, params: {cidr: '10.244.0.0/16', mask: 24, n: 3}});
	checkShape(t, q);
	t.is(q.answerKey.expected, '10.244.2.0/24');
	// The notes' cluster agrees: node02 registered third.
	t.is(cluster.nodes().find((n) => n.metadata.name === 'node02')!.spec.podCIDR, '10.244.2.0/24');
	accepts(t, q, ['10.244.2.0/24', '10.244.2.0 - 10.244.2.255', '10.244.2.0–10.244.2.255', '10.244.2.0 to 10.244.2.255']);
	rejects(t, q, '10.244.3.0/24', /counting starts at 0/);
	rejects(t, q, '10.244.2.0/25');
	garbled(t, q, '10.244.2.0', /write a range/);
	t.true(q.answerKey.explanation.some((l) => l.includes('index 2')));
});

test('pod-cidr-nth skips a subnet that overlaps the Service range, as kube-controller-manager does', (t) => {
	const cluster = new Cluster({seed: 1, serviceClusterIPRange: '10.96.0.0/12', clusterCIDR: '10.96.0.0/11'});
	const q = generateQuestion('pod-cidr-nth', {cluster, seed: 1, params: {cidr: '10.96.0.0/11', mask: 12, n: 1}});
	t.is(q.answerKey.expected, '10.112.0.0/12');
	t.regex(prose(q.answerKey.explanation), /10\.96\.0\.0\/12 overlaps the Service range 10\.96\.0\.0\/12, so kube-controller-manager skips it/);
	// As plain arithmetic (a block that is not this cluster's), nothing is skipped.
	t.is(generateQuestion('pod-cidr-nth', {cluster: seedNotesCluster(), seed: 1, params: {cidr: '10.96.0.0/11', mask: 12, n: 1}}).answerKey.expected, '10.96.0.0/12');
});

test('cidr-contains: 10.112.0.1 is outside 10.96.0.0/12, the db-service IP inside', (t) => {
	const cluster = seedNotesCluster();
	const out = generateQuestion('cidr-contains', {cluster, seed: 1, params: {cidr: '10.96.0.0/12', ip: '10.112.0.1'}});
	checkShape(t, out);
	t.is(out.answerKey.expected, 'no (outside)');
	accepts(t, out, ['no', 'No.', 'outside', 'false', "it's outside"]);
	rejects(t, out, 'yes', /octet 2 is 112, not 96 … 111/);
	garbled(t, out, 'perhaps', /yes or no/);
	const inside = generateQuestion('cidr-contains', {cluster, seed: 1, params: {cidr: '10.96.0.0/12', ip: '10.103.132.104'}});
	t.is(inside.answerKey.expected, 'yes (inside)');
	accepts(t, inside, ['yes', 'inside', 'true', 'Yes, inside']);
});

test('cidr-overlap: Pods 10.244.0.0/16 and Services 10.96.0.0/12 do not overlap', (t) => {
	const cluster = seedNotesCluster();
	const q = generateQuestion('cidr-overlap', {cluster, seed: 1, params: {a: '10.96.0.0/12', b: '10.244.0.0/16'}});
	checkShape(t, q);
	t.is(q.answerKey.expected, 'no (no overlap)');
	accepts(t, q, ['no', 'no overlap', "they don't overlap"]);
	rejects(t, q, 'yes', /ends before/);
	const inside = generateQuestion('cidr-overlap', {cluster, seed: 1, params: {a: '10.96.0.0/12', b: '10.100.0.0/16'}});
	t.is(inside.answerKey.expected, 'yes (they overlap)');
	t.true(prose(inside.answerKey.explanation).includes('10.100.0.0/16 lies inside 10.96.0.0/12: they overlap.'));
});

test('nodeport-valid: the range edges, one past them, and a port another Service holds', (t) => {
	const cluster = notesWithWeb();
	const ask = (port: number): Question => generateQuestion('nodeport-valid', {cluster, seed: 1, params: {port}});
	t.is(ask(30000).answerKey.expected, 'yes (accepted)');
	t.is(ask(32767).answerKey.expected, 'yes (accepted)');
	const below = ask(29999);
	checkShape(t, below);
	t.is(below.answerKey.expected, 'no (refused)');
	accepts(t, below, ['no', 'invalid', 'refused']);
	t.true(prose(below.answerKey.explanation).includes('provided port is not in the valid range. The range of valid ports is 30000-32767'));
	t.is(ask(32768).answerKey.expected, 'no (refused)');
	const held = ask(30080);
	t.is(held.answerKey.expected, 'no (refused)');
	t.regex(prose(held.answerKey.explanation), /default\/web already holds it.*provided port is already allocated/);
});

test('nodeport-destination: a client outside to node02:30080 reaches web-1 on node01', (t) => {
	const cluster = notesWithWeb();
	const q = generateQuestion('nodeport-destination', {cluster, seed: 1, params: {node: 'node02'}});
	checkShape(t, q);
	const web1 = `${podIP(cluster, 'web-1')}:80`;
	t.is(q.answerKey.expected, web1);
	t.regex(q.prompt, /192\.168\.56\.12:30080/);
	accepts(t, q, [web1, `DNAT to ${web1}`]);
	rejects(t, q, '192.168.56.12:30080', /rewrite the destination/);
	rejects(t, q, `${podIP(cluster, 'web-1')}:30080`, /target port, 80/);
	const path = q.answerKey.explanation.join('\n');
	for (const chain of ['→ KUBE-SERVICES', '→ KUBE-NODEPORTS', '→ KUBE-EXT-', '→ KUBE-SVC-', '→ KUBE-SEP-', `→ DNAT to ${web1}`]) t.true(path.includes(chain), chain);
});

test('etp-local: node02 has no web Pod, so with Local the packet is dropped (traced on a copy)', (t) => {
	const cluster = notesWithWeb();
	const before = allRules(cluster);
	const q = generateQuestion('etp-local', {cluster, seed: 1, mode: 'typed', params: {node: 'node02'}});
	checkShape(t, q);
	t.is(q.answerKey.expected, 'DROP');
	accepts(t, q, ['DROP', 'drop', 'dropped', 'It is dropped.']);
	rejects(t, q, 'REJECT', /no endpoints at all/);
	rejects(t, q, `${podIP(cluster, 'web-1')}:80`);
	const explanation = prose(q.answerKey.explanation);
	t.regex(explanation, /With Cluster, node02 sends it to: 10\.244\.1\.\d+:80 100% web-1 on node01/);
	t.regex(explanation, /KUBE-EXTERNAL-SERVICES rule 1: DROP "default\/web:http has no local endpoints"/);
	// The learner's cluster is untouched: the Local rules were written in a copy.
	t.is(allRules(cluster), before);
	t.is(cluster.services().find((s) => s.metadata.name === 'web')!.spec.externalTrafficPolicy, 'Cluster');
});

test('etp-local on a cluster already switched to Local (lesson 3) traces it as it is', (t) => {
	const q = generateQuestion('etp-local', {cluster: notesWithWeb('Local'), seed: 4});
	checkShape(t, q);
	t.is(q.mode, 'choice');
	t.is(q.answerKey.expected, 'DROP: node02 drops it');
	t.regex(q.prompt.replace(/\n/g, ' '), /has externalTrafficPolicy: Local/);
	t.true(q.choices!.some((c) => /^DNAT to 10\.244\.1\.\d+:80$/.test(c)));
});

test('chain-next: KUBE-SERVICES → KUBE-SVC-PKJNZ2BPYAP7WCVG → KUBE-SEP-… → DNAT for db-service', (t) => {
	const cluster = notesWithClient();
	const ask = (after: string, mode: 'typed' | 'choice'): Question => generateQuestion('chain-next', {cluster, seed: 1, mode, params: {service: 'db-service', from: 'client', after}});
	const services = ask('KUBE-SERVICES', 'typed');
	checkShape(t, services);
	t.is(services.answerKey.expected, 'KUBE-SVC-PKJNZ2BPYAP7WCVG');
	accepts(t, services, ['KUBE-SVC-PKJNZ2BPYAP7WCVG', 'kube-svc-pkjnz2bpyap7wcvg', '-j KUBE-SVC-PKJNZ2BPYAP7WCVG']);
	rejects(t, services, 'KUBE-NODEPORTS');
	garbled(t, services, 'KUBE-SVC-…', /whole chain name/);

	const svc = ask('KUBE-SVC', 'choice');
	checkShape(t, svc);
	t.regex(svc.answerKey.expected, /^KUBE-SEP-[A-Z0-9]{16}$/);
	// Every KUBE-… choice is a real chain of node02.
	const rules = cluster.kubeProxy('node02')!.sync().restore;
	for (const choice of svc.choices!) if (choice.startsWith('KUBE-')) t.true(rules.includes(`:${choice} `), choice);

	const sep = ask('KUBE-SEP', 'typed');
	t.is(sep.answerKey.expected, 'DNAT to 10.244.1.2:3306');
	accepts(t, sep, ['DNAT', 'DNAT to 10.244.1.2:3306', 'dnat --to-destination 10.244.1.2:3306']);
	rejects(t, sep, 'DNAT to 10.103.132.104:3306');
});

test('rule-probability: with 3 endpoints the rules carry 1/3 and 1/2, printed 0.33333333349 and 0.50000000000', (t) => {
	const cluster = notesWithThreeWebs();
	const first = generateQuestion('rule-probability', {cluster, seed: 1, params: {service: 'web', node: 'node02', rule: 1}});
	checkShape(t, first);
	t.is(first.answerKey.expected, '1/3 (0.33333333349)');
	accepts(t, first, ['1/3', '0.333', '33.3%', '33%', '0.33333333349', '0.3333333333', '1 in 3']);
	rejects(t, first, '0.3');
	rejects(t, first, '1/2', /rule before it|next rule/);
	garbled(t, first, '4/3', /more than 1/);
	const second = generateQuestion('rule-probability', {cluster, seed: 1, params: {service: 'web', node: 'node02', rule: 2}});
	t.is(second.answerKey.expected, '1/2 (0.50000000000)');
	rejects(t, second, '1/3', /each endpoint ends up with/);
	t.regex(prose(second.answerKey.explanation), /--probability 0\.50000000000/);
	const arithmetic = generateQuestion('rule-probability', {cluster, seed: 1, params: {n: 4, rule: 2}});
	t.is(arithmetic.answerKey.expected, '1/3 (0.33333333349)');
});

test('component-role: each role, with its answer in the common spellings', (t) => {
	const cluster = notesWithClient();
	const ask = (role: string): Question => generateQuestion('component-role', {cluster, seed: 1, params: {role}});
	const podIPQ = ask('pod-ip');
	checkShape(t, podIPQ);
	accepts(t, podIPQ, ['cni', 'the CNI plugin', 'CNI (IPAM)', 'kubelet via CNI', 'host-local']);
	rejects(t, podIPQ, 'kubelet', /only asks containerd over CRI \(RunPodSandbox\)/);
	t.regex(prose(podIPQ.answerKey.explanation), /containerd\/\S+: CNI ADD for Pod/);
	// Since v1.24 the kubelet runs no CNI plugin: the container runtime does, asked over CRI (issue 9, item 1).
	const caller = ask('cni-caller');
	checkShape(t, caller);
	accepts(t, caller, ['containerd', 'the container runtime', 'CRI-O', 'container runtime']);
	rejects(t, caller, 'kubelet', /Not since v1\.24/);
	rejects(t, caller, 'CNI', /which component runs it/);
	t.regex(prose(caller.answerKey.explanation), /kubelet\/\S+: RunPodSandbox for Pod .* containerd\/\S+: CNI ADD for Pod/);
	for (const role of ['pod-ip', 'cni-caller', 'rules', 'service-process']) {
		for (let seed = 0; seed < 8; seed++) {
			const q = generateQuestion('component-role', {cluster, seed, params: {role, mode: 'choice'}});
			t.notRegex(prose([q.prompt, q.hint, ...(q.choices ?? []), ...q.answerKey.explanation, ...q.answerKey.mistakes.map((m) => m.note)]), /kubelet (?:calls|called|runs|ran) (?:the )?CNI/i, `${role} seed ${seed}`);
		}
	}
	const rules = ask('rules');
	accepts(t, rules, ['kube-proxy', 'kubeproxy', 'kube proxy', 'KubeProxy']);
	rejects(t, rules, 'kube-apiserver', /watches it and writes the rules/);
	t.regex(prose(rules.answerKey.explanation), /Adding new service port/);
	const none = ask('service-process');
	accepts(t, none, ['none', 'nothing', 'no process', 'Nothing runs.']);
	rejects(t, none, 'kube-proxy', /only writes rules/);
	const clusterIP = ask('cluster-ip');
	accepts(t, clusterIP, ['kube-apiserver', 'apiserver', 'api server', 'the API server', 'kube-api-server']);
	const podCIDR = ask('pod-cidr');
	accepts(t, podCIDR, ['kube-controller-manager', 'controller manager']);
	garbled(t, podCIDR, 'etcd', /not a component I know/);
	t.throws(() => ask('schedule'), {message: /no record/});
});
