import test from 'ava';
import {loadLessons} from '../../src/lessons/load.js';
import {LessonRuntime} from '../../src/tutor/lesson-runtime.js';
import {clusterView} from '../../src/tutor/cluster-view.js';
import {rulesView} from '../../src/tutor/rules-view.js';
import {seedNotesCluster} from '../../src/sim/scenarios/seed-notes.js';

const {lessons, errors} = loadLessons('lessons');

test('every shipped lesson plays through on its cluster without an action failing', (t) => {
	t.deepEqual(errors, []);
	for (const lesson of lessons) {
		const runtime = new LessonRuntime(lesson, 1);
		runtime.goTo(lesson.steps.length - 1);
		const failed = runtime.actionOutcomes.filter((o) => o.error);
		t.deepEqual(failed, [], `${lesson.id}: ${failed.map((f) => `step ${f.step + 1}: ${f.error}`).join('; ')}`);
	}
});

test('going back replays from the start: the cluster is what the steps so far made it', (t) => {
	const lesson = lessons.find((l) => l.steps.some((s) => 'cluster' in s))!;
	const actionAt = lesson.steps.findIndex((s) => 'cluster' in s);
	const runtime = new LessonRuntime(lesson, 1);
	runtime.goTo(actionAt - 1);
	const before = JSON.stringify(runtime.cluster.services()) + JSON.stringify(runtime.cluster.pods());
	runtime.goTo(actionAt);
	const after = JSON.stringify(runtime.cluster.services()) + JSON.stringify(runtime.cluster.pods());
	t.not(after, before, `step ${actionAt + 1} changes the cluster`);
	runtime.goTo(actionAt - 1);
	t.is(JSON.stringify(runtime.cluster.services()) + JSON.stringify(runtime.cluster.pods()), before);
});

test('the cluster pane shows nodes, Pods with their colour dot, Services with endpoints, kube-proxy\'s log', (t) => {
	const view = clusterView(seedNotesCluster());
	t.deepEqual(view.nodes.map((n) => [n.name, n.internalIP, n.podCIDR]), [
		['controlplane', '192.168.56.10', '10.244.0.0/24'],
		['node01', '192.168.56.11', '10.244.1.0/24'],
		['node02', '192.168.56.12', '10.244.2.0/24'],
	]);
	t.deepEqual(view.nodes[1]!.pods.map((p) => [p.name, p.ip, p.colour]), [['db', '10.244.1.2', '🟠']]);
	const db = view.services.find((s) => s.name === 'db-service')!;
	t.deepEqual([db.type, db.clusterIP, db.endpoints], ['ClusterIP', '10.103.132.104', ['10.244.1.2:3306']]);
	t.is(view.logNode, 'node01');
	t.regex(view.log[0]!, /^I\d{4} \d\d:\d\d:\d\d\.\d{6}       1 server_linux\.go:169\] "Using iptables Proxier"$/);
});

test('the rules pane marks exactly the selected Service\'s lines', (t) => {
	const lines = rulesView(seedNotesCluster(), {node: 'node01', format: 'save', service: 'default/db-service'});
	const marked = lines.filter((l) => l.highlight).map((l) => l.text);
	t.deepEqual(marked, [
		':KUBE-SEP-HR6IMOEJVBB6KJXA - [0:0]',
		':KUBE-SVC-PKJNZ2BPYAP7WCVG - [0:0]',
		'-A KUBE-SEP-HR6IMOEJVBB6KJXA -s 10.244.1.2/32 -m comment --comment "default/db-service" -j KUBE-MARK-MASQ',
		'-A KUBE-SEP-HR6IMOEJVBB6KJXA -p tcp -m comment --comment "default/db-service" -m tcp -j DNAT --to-destination 10.244.1.2:3306',
		'-A KUBE-SERVICES -d 10.103.132.104/32 -p tcp -m comment --comment "default/db-service cluster IP" -m tcp --dport 3306 -j KUBE-SVC-PKJNZ2BPYAP7WCVG',
		'-A KUBE-SVC-PKJNZ2BPYAP7WCVG ! -s 10.244.0.0/16 -d 10.103.132.104/32 -p tcp -m comment --comment "default/db-service cluster IP" -m tcp --dport 3306 -j KUBE-MARK-MASQ',
		'-A KUBE-SVC-PKJNZ2BPYAP7WCVG -m comment --comment "default/db-service -> 10.244.1.2:3306" -j KUBE-SEP-HR6IMOEJVBB6KJXA',
	]);
	const only = rulesView(seedNotesCluster(), {node: 'node01', format: 'list', service: 'db-service', only: true});
	t.true(only.every((l) => l.highlight || l.text === '' || /^(Chain |target )/.test(l.text)));
	t.is(only.filter((l) => l.highlight).length, 7);
});

test('every generated quiz of every lesson can be asked on its cluster, for several session seeds', async (t) => {
	const {generateQuestion} = await import('../../src/quiz/index.js');
	for (const lesson of lessons) {
		for (const seed of [1, 2, 3, 6, 42]) {
			const runtime = new LessonRuntime(lesson, seed);
			lesson.steps.forEach((step, index) => {
				if (!('quiz' in step)) return;
				const quiz = step.quiz;
				if (!('generate' in quiz)) return;
				runtime.goTo(index);
				t.notThrows(() => generateQuestion(quiz.generate, {cluster: runtime.cluster, seed: seed * 1000 + index, ...(quiz.params ? {params: quiz.params} : {})}), `${lesson.id} step ${index + 1} seed ${seed}`);
			});
		}
	}
});
