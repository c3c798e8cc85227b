// Issue 9, "Corrections": each statement the course once got wrong, checked so it cannot come
// back. Lesson text is checked for the false claim and for the correction; where the simulator
// carries the fact (events, rules, traces), the engine is asked too.
import test from 'ava';
import {loadLessons, type Lesson, type Step} from '../../src/lessons/load.js';
import type {AuthoredQuiz} from '../../src/lessons/schema.js';
import type {Service} from '../../src/sim/api/types.js';
import {generateQuestion} from '../../src/quiz/index.js';
import {seedNotesCluster} from '../../src/sim/scenarios/seed-notes.js';
import {LessonRuntime} from '../../src/tutor/lesson-runtime.js';
import {showTraceRequest, traceData} from '../../src/tutor/trace-view.js';
import {LESSONS_DIR} from './helpers.js';

const {lessons} = loadLessons(LESSONS_DIR);
const lesson = (id: string): Lesson => lessons.find((l) => l.id === id)!;

/** Everything a step shows the learner, on one line (so a phrase broken across lines matches). */
function says(step: Step): string {
	const parts: string[] = [];
	if ('text' in step) parts.push(step.text);
	if ('watch' in step && step.watch) parts.push(step.watch);
	if ('quiz' in step && 'question' in step.quiz) parts.push(step.quiz.question, ...step.quiz.choices, step.quiz.explain);
	return parts.join(' ').replace(/\s+/g, ' ');
}
const everyStep = (): {id: string; at: number; text: string; step: Step}[] => lessons.flatMap((l) => l.steps.map((step, at) => ({id: l.id, at, text: says(step), step})));
const authored = (l: Lesson): AuthoredQuiz[] => l.steps.flatMap((s) => ('quiz' in s && 'question' in s.quiz ? [s.quiz] : []));
const answerOf = (q: AuthoredQuiz): string => q.choices[q.answer]!;
/** The lesson's one authored question matching `about` (its lines joined). */
function quizAbout(l: Lesson, about: RegExp): AuthoredQuiz {
	const found = authored(l).filter((q) => about.test(q.question.replace(/\s+/g, ' ')));
	if (found.length !== 1) throw new Error(`${l.id}: ${found.length} questions match ${about}`);
	return found[0]!;
}

test('1 and 11: the container runtime runs CNI (ADD and DEL), asked by the kubelet over CRI; "kubelet calls CNI" only as the notes\' slip', (t) => {
	for (const {id, at, text} of everyStep()) {
		if (/kubelet (?:calls|called|runs|ran) the CNI/i.test(text)) t.regex(text, /Your notes say|✖/, `${id} steps[${at}] says the kubelet calls CNI as a fact`);
	}
	const behind = lesson('behind-the-scenes');
	const all = behind.steps.map(says).join(' ');
	t.regex(all, /RunPodSandbox/);
	t.regex(all, /containerd or CRI-O, runs CNI/);
	t.regex(all, /v1\.24/);
	t.regex(all, /DEL when the Pod is deleted/);
	t.is(answerOf(quizAbout(behind, /runs the CNI plugin/)), 'the container runtime (containerd)');
	// The simulator shows it: the Pod deletion step's own events.
	const runtime = new LessonRuntime(behind, 1);
	const deleting = behind.steps.findIndex((s) => 'cluster' in s && 'delete' in s.cluster && s.cluster.delete.kind === 'Pod');
	runtime.goTo(deleting);
	const messages = runtime.actionOutcomes.find((o) => o.step === deleting)!.messages;
	t.true(messages.some((m) => /^kubelet\/node02: StopPodSandbox for Pod default\/cache/.test(m)), messages.join('\n'));
	t.true(messages.some((m) => /^containerd\/node02: CNI DEL for Pod default\/cache: 10\.244\.2\.\d+ released$/.test(m)), messages.join('\n'));
	t.deepEqual(lesson('notes-corrected').steps.map(says).filter((s) => /Who runs the CNI plugin/.test(s)).length, 1);
});

test('2: changing the Service range is taught for both eras: the flag before 1.33, ServiceCIDR objects from 1.33', (t) => {
	const range = lesson('service-ip-range');
	const all = range.steps.map(says).join(' ');
	t.regex(all, /Up to 1\.32 the flag IS the range/);
	t.regex(all, /From 1\.33 \(MultiCIDRServiceAllocator GA\)/);
	t.regex(all, /ServiceCIDR "kubernetes" from its flag; later flag edits do not change it/);
	t.regex(all, /kubectl get servicecidr/);
	t.regex(all, /apiVersion: networking\.k8s\.io\/v1 kind: ServiceCIDR/);
	t.is(answerOf(quizAbout(range, /1\.34 needs more Service IPs/)), 'create another ServiceCIDR');
});

test('3: the /12 limit is said with its versions (refused by 1.31–1.33, not checked from 1.34)', (t) => {
	for (const {id, at, text} of everyStep()) {
		if (/largest range/.test(text)) t.regex(text, /1\.31–1\.33/, `${id} steps[${at}]`);
		t.notRegex(text, /largest range IPv4 allows/, `${id} steps[${at}]`);
	}
	const all = lesson('service-ip-range').steps.map(says).join(' ');
	t.regex(all, /1\.34 and later skip that check/);
	t.is(answerOf(quizAbout(lesson('service-ip-range'), /10\.0\.0\.0\/11/)), 'it refuses to start: too large');
});

test('4: the V(4) "Adding new service port" line is taught as needing --v=4, not as plain kubectl logs output', (t) => {
	const proxy = lesson('kube-proxy-iptables');
	for (const [at, step] of proxy.steps.entries()) {
		const text = says(step);
		if (/"Adding new service port" portName=/.test(text)) t.regex(text, /kubeadm runs kube-proxy without --v.*needs --v=4/, `steps[${at}]`);
		if ('show' in step && 'log' in step.show) t.regex(text, /v4│/, `steps[${at}]`);
	}
	const behind = lesson('behind-the-scenes').steps.find((s) => 'show' in s && 'log' in s.show)!;
	t.regex(says(behind), /v4│ are logged only with --v=4/);
});

test('5: "cluster-scoped" is not used for Services: they are namespaced, reachable from every node; headless and ExternalName get no rules', (t) => {
	for (const {id, at, text} of everyStep()) {
		if (/cluster-scoped/.test(text)) t.regex(text, /namespace/, `${id} steps[${at}] says cluster-scoped without teaching namespaces`);
		t.notRegex(text, /Services of every type are cluster-scoped|A Service is cluster-scoped\.|That is what cluster-scoped means/, `${id} steps[${at}]`);
	}
	t.is(answerOf(quizAbout(lesson('pods-and-services'), /cluster-scoped \(has no namespace\)/)), 'a Node');
	t.regex(lesson('clusterip').steps.map(says).join(' '), /headless \(clusterIP: None\).*ExternalName.*kube-proxy writes nothing for them/);
	// The engine agrees: neither kind gets a rule.
	const cluster = seedNotesCluster();
	const headless: Service = {apiVersion: 'v1', kind: 'Service', metadata: {name: 'db-headless', namespace: 'default'}, spec: {type: 'ClusterIP', clusterIP: 'None', selector: {app: 'db'}, ports: [{port: 3306, targetPort: 3306, protocol: 'TCP'}]}};
	// The engine's ServiceSpec does not model externalName; the type alone makes it an ExternalName Service.
	const external = {apiVersion: 'v1', kind: 'Service', metadata: {name: 'db-external', namespace: 'default'}, spec: {type: 'ExternalName', externalName: 'db.example.com', ports: [{port: 3306, targetPort: 3306, protocol: 'TCP'}]}} as Service;
	cluster.apply(headless);
	cluster.apply(external);
	const restore = cluster.kubeProxy('node01')!.sync().restore;
	t.false(restore.includes('db-headless'));
	t.false(restore.includes('db-external'));
	t.true(restore.includes('default/db-service'));
});

test('7: the practice lesson accepts the filter table\'s share of kube-proxy\'s rules', (t) => {
	const both = quizAbout(lesson('notes-corrected'), /two tables: nat and filter/);
	t.is(answerOf(both), 'iptables-save');
	t.regex(both.explain.replace(/\s+/g, ' '), /REJECT for no endpoints, KUBE-EXTERNAL-SERVICES, KUBE-PROXY-FIREWALL/);
	t.is(answerOf(quizAbout(lesson('notes-corrected'), /REJECTs connections/)), 'filter');
	// No question marks the filter table as the wrong place for kube-proxy's rules.
	for (const q of lessons.flatMap(authored)) {
		if (/rules kube-proxy wrote/.test(q.question.replace(/\s+/g, ' '))) t.fail(`"${q.question.trim()}" asks for kube-proxy's rules in one table`);
	}
	// The engine writes those filter chains.
	const filter = seedNotesCluster().kubeProxy('node01')!.sync().restore;
	for (const chain of ['KUBE-EXTERNAL-SERVICES', 'KUBE-PROXY-FIREWALL']) t.true(filter.includes(`:${chain} `), chain);
});

test('8: "a Pod\'s IP comes from the node\'s Pod range" is said of flannel/host-local, not of every CNI', (t) => {
	for (const {id, at, text} of everyStep()) {
		if (/(?:IP|IPs?|address(?:es)?) (?:comes? )?from (?:that |the )?node(?:'s|\d\d's) (?:Pod )?range/i.test(text)) t.regex(text, /flannel|host-local/, `${id} steps[${at}]`);
	}
	const all = lessons.flatMap((l) => l.steps.map(says)).join(' ');
	t.regex(all, /Calico/);
	t.regex(all, /VPC/);
});

test('9: externalTrafficPolicy Local drops only outside traffic on a node without an endpoint, and keeps the client\'s IP', (t) => {
	const nodeport = lesson('nodeport');
	const all = nodeport.steps.map(says).join(' ');
	t.regex(all, /no SNAT, so the Pod sees the client's own IP: why Local exists/);
	t.regex(all, /Local drops only what comes from OUTSIDE/);
	t.is(answerOf(quizAbout(nodeport, /Which connection is dropped/)), 'a client outside → node02:30080');
	// The engine: on the lesson's own cluster after the switch to Local, outside → node02:30080 is
	// dropped, node02 itself → node02:30080 reaches web-1.
	const runtime = new LessonRuntime(nodeport, 1);
	runtime.goTo(nodeport.steps.length - 1);
	const cluster = runtime.cluster;
	const node02 = cluster.nodes().find((n) => n.metadata.name === 'node02')!.status.addresses.find((a) => a.type === 'InternalIP')!.address;
	const web1 = cluster.pods().find((p) => p.metadata.name === 'web-1')!.status.podIP!;
	const outcome = (from: string): string => {
		const request = showTraceRequest(cluster, {node: 'node02', from, to: {service: 'default/web', via: 'nodePort'}});
		if ('error' in request) return request.error;
		const data = traceData(cluster, request);
		return data.ok ? data.outcomes.map((o) => o.summary).join(' | ') : data.message;
	};
	t.regex(outcome('external'), /DROP/i);
	const generated = generateQuestion('etp-local', {cluster, seed: 1});
	t.regex(generated.answerKey.explanation.join(' ').replace(/\s+/g, ' '), /Local keeps the client's source IP \(no SNAT\)\. Only outside traffic is dropped: Pods and the node itself still reach the Service\./);
	t.notRegex(generated.hint, /only uses endpoints on itself/);
	t.regex(outcome(node02), new RegExp(`DNAT to ${web1.replace(/\./g, '\\.')}:80`));
});

test('10: 10.0.0.0/24 is taught as kube-apiserver\'s deprecated fallback, with its warning, not as a default to rely on', (t) => {
	for (const {id, at, text, step} of everyStep()) {
		// What the step asserts: its text, watch, or a question's explanation (not the choices offered).
		const claim = 'quiz' in step ? ('question' in step.quiz ? step.quiz.explain.replace(/\s+/g, ' ') : '') : text;
		if (/10\.0\.0\.0\/24/.test(claim) && /default|fall(?:s)? back/.test(claim)) t.regex(claim, /deprecated/, `${id} steps[${at}]`);
		t.notRegex(text, /kube-apiserver's own default is 10\.0\.0\.0\/24/, `${id} steps[${at}]`);
	}
	t.regex(lesson('service-ip-range').steps.map(says).join(' '), /falls back to 10\.0\.0\.0\/24 and logs a warning: that default is deprecated/);
});

test('12: the notes\' `iptables -L -t nat` is shown as they show it (names), then -n with its numeric prot column explained', (t) => {
	const proxy = lesson('kube-proxy-iptables');
	const rulesSteps = proxy.steps.flatMap((s, at) => ('show' in s && 'rules' in s.show ? [{at, format: s.show.rules.format, text: says(s)}] : []));
	const names = rulesSteps.find((s) => s.format === 'list-names')!;
	const numeric = rulesSteps.find((s) => s.format === 'list')!;
	t.true(names.at < numeric.at, 'the notes\' form comes first');
	t.regex(names.text, /anywhere/);
	t.regex(names.text, /tcp dpt:mysql/);
	t.regex(numeric.text, /6 is tcp, 17 udp, 0 all protocols/);
	// Where -n output first appears in the course, its numeric prot column is explained there.
	const first = everyStep().find(({step}) => 'show' in step && 'rules' in step.show && step.show.rules.format === 'list')!;
	t.regex(first.text, /6 is tcp, 17 udp, 0 all protocols/, `${first.id} steps[${first.at}]`);
});

test('13: Services by name: the three DNS names, the search path, CoreDNS behind kube-dns, nslookup from busybox:1.28, with quizzes', (t) => {
	const clusterip = lesson('clusterip');
	const all = clusterip.steps.map(says).join(' ');
	for (const name of ['db-service db-service.default db-service.default.svc.cluster.local', 'search default.svc.cluster.local svc.cluster.local cluster.local', 'nameserver 10.96.0.10', 'options ndots:5', 'CoreDNS Pods behind the kube-dns Service', '--image=busybox:1.28', 'nslookup db-service']) {
		t.true(all.includes(name), name);
	}
	const quizzes = authored(clusterip);
	t.is(answerOf(quizzes.find((q) => /namespace shop/.test(q.question))!), 'db-service.default');
	t.is(answerOf(quizzes.find((q) => /fully qualified DNS name/.test(q.question))!), 'db-service.default.svc.cluster.local');
	t.is(answerOf(quizzes.find((q) => /nameserver/.test(q.question))!), '10.96.0.10, the kube-dns Service');
	// The simulated cluster agrees: kube-dns is 10.96.0.10, db-service 10.103.132.104.
	const cluster = seedNotesCluster();
	t.is(cluster.services().find((s) => s.metadata.name === 'kube-dns')!.spec.clusterIP, '10.96.0.10');
	t.true(all.includes('10.103.132.104'));
});
