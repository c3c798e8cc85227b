// The Shell screen's Tab (src/shell/complete.ts behind it), its history across sessions, the
// lesson step that opens it with a command typed, and `svc-tutor shell`'s screen that leaves
// svc-tutor on exit.
import test from 'ava';
import {reducer} from '../../src/ui/state/reducer.js';
import {initialState, type AppState, type ShellScreen} from '../../src/ui/state/state.js';
import {waitingShellScreen} from '../../src/ui/screens/shell/state.js';
import {freshProgress} from '../../src/tutor/progress/types.js';
import {loadWorld, shellReady} from '../../src/ui/world.js';
import {press, SIZE, start, text, world} from './helpers.js';

test.before(async () => {
	await shellReady();
});

const shell = (s: AppState): ShellScreen => {
	if (s.screen.name !== 'shell') throw new Error(`on ${s.screen.name}, not the shell`);
	return s.screen;
};

test('Tab completes on the line; a second Tab that adds nothing lists the candidates under the prompt, as bash does', (t) => {
	let s = press(start(freshProgress(21)), '$', 'kubectl get s');
	s = press(s, 'tab');
	t.is(shell(s).input.text, 'kubectl get s', 'nothing in common to add');
	t.deepEqual(shell(s).lines, [], 'the first Tab lists nothing');
	s = press(s, 'tab');
	const lines = text(s).split('\n');
	t.is(lines[1], 'controlplane ~ ➜  kubectl get s');
	t.is(lines[2], 'services      statefulsets  sts           svc', 'in columns as readline makes them (checked against bash 5)');
	t.is(lines[3], 'controlplane ~ ➜  kubectl get s▏');
	t.is(lines.at(-1), ' Enter run  Tab complete  Esc home  Ctrl+C cancel  Ctrl+L clear  PgUp/Dn scroll', 'every key fits the footer at 80 columns');
	s = press(s, 'vc ', 'tab', 'd', 'tab');
	t.is(shell(s).input.text, 'kubectl get svc db-service ');
	s = press(s, 'enter');
	t.regex(text(s), /^db-service +ClusterIP /m);
	s = press(s, 'cat /etc/kub', 'tab');
	t.is(shell(s).input.text, 'cat /etc/kubernetes/');
	s = press(s, 'x', 'tab', 'tab');
	t.false(text(s).includes('controlplane ~ ➜  cat /etc/kubernetes/x\n'), 'no candidates: nothing is listed');
});

test('history from earlier sessions: ↑ recalls it, `history` shows it, and every line run is handed on to be saved', (t) => {
	const saved: (readonly string[])[] = [];
	const w = loadWorld('test/ui/fixtures/course', {history: ['kubectl get svc -A', 'ssh node01'], onHistory: (lines) => saved.push([...lines])});
	let s = press(start(freshProgress(22), SIZE, w), '$', 'up');
	t.is(shell(s).input.text, 'ssh node01');
	s = press(s, 'up');
	t.is(shell(s).input.text, 'kubectl get svc -A');
	s = press(s, 'ctrl+u', 'history', 'enter');
	t.regex(text(s), /^ {4}1 {2}kubectl get svc -A\n {4}2 {2}ssh node01\n {4}3 {2}history$/m);
	t.deepEqual(saved, [['kubectl get svc -A', 'ssh node01', 'history']]);
});

test('a history file that could not be used is said once, in the terminal', (t) => {
	const w = loadWorld('test/ui/fixtures/course', {notice: 'svc-tutor: /x/shell-history is a directory, not a file: the shell history is not read or saved this session'});
	let s = press(start(freshProgress(23), SIZE, w), '$');
	t.regex(text(s), /^svc-tutor: \/x\/shell-history is a directory, not a file/m);
	s = press(s, 'true', 'enter', 'escape', '$');
	t.notRegex(text(s), /shell-history/, 'not again');
});

test('the kube-proxy lesson offers its command: x opens the shell with it typed, Esc comes back to the step', (t) => {
	const w = world();
	const lesson = w.lessons.findIndex((l) => l.steps.some((step) => 'shell' in step && step.shell !== undefined));
	t.is(w.lessons[lesson]!.id, w.outline[lesson]!.id);
	const step = w.lessons[lesson]!.steps.findIndex((st) => 'shell' in st && st.shell !== undefined);
	let s = start(freshProgress(24), SIZE, w);
	while (!(s.screen.name === 'lesson' && s.screen.step === step)) {
		if (s.screen.name === 'home') s = press(s, String(lesson + 1));
		else s = press(s, 'right');
	}
	t.regex(text(s), /x try it in the shell/);
	const lessonScreen = s.screen;
	s = press(s, 'x');
	t.is(shell(s).input.text, 'iptables -t nat -L KUBE-SERVICES -n');
	// On the lesson's own cluster at this step, on the node the step's rules view shows.
	t.regex(text(s), new RegExp(`^ svc-tutor · Shell · lesson ${lesson + 1}'s cluster at step ${step + 1} `));
	t.regex(text(s), /^node01 ~ ➜ {2}iptables -t nat -L KUBE-SERVICES -n▏$/m);
	t.regex(text(s), /^ Enter run {2}Tab complete {2}Esc back /m);
	s = press(s, 'enter');
	t.regex(text(s), /^Chain KUBE-SERVICES \(2 references\)$/m);
	// (Wider than 80 columns, the rule wraps: read with the rows joined.)
	t.regex(text(s).replace(/\n/g, ''), /KUBE-SVC-PKJNZ2BPYAP7WCVG +6 +-- +0\.0\.0\.0\/0 +10\.103\.132\.104 +\/\* default\/db-service cluster IP \*\/ tcp dpt:3306KUBE-SVC-/, "the lesson's db-service, as the step shows it");
	// What the shell changes stays out of the lesson.
	s = press(s, 'kubectl delete svc db-service', 'enter');
	t.regex(text(s), /^service "db-service" deleted from default namespace$/m);
	s = press(s, 'escape');
	t.is(s.screen, lessonScreen, 'back on the same step, as it was');
	t.regex(text(s), /db-service/, 'the lesson still has its Service');
	s = press(s, 'x', 'ctrl+u', 'kubectl get svc db-service', 'enter');
	t.regex(text(s), /^Error from server \(NotFound\): services "db-service" not found$/m, 'x again: the same shell, its cluster as it was left');
});

test('svc-tutor shell: its prompt is drawn while the engine loads, keys typed meanwhile wait, and exit leaves svc-tutor', (t) => {
	const waiting = {...initialState({size: SIZE, progress: freshProgress(25), outline: [], progressFile: '/tmp/p.json', colourEnv: false}), screen: waitingShellScreen('node02 ~ ➜  ', []), pending: 'shell' as const};
	t.regex(text(waiting), /^node02 ~ ➜ {2}▏$/m);
	t.regex(text(waiting), /^ Enter run {2}Tab complete {2}Esc quit /m);
	let s = press(waiting, 'hostname', 'enter');
	t.is(shell(s).input.text, '', 'queued');
	s = reducer(s, {type: 'loaded', world: loadWorld('test/ui/fixtures/course', {node: 'node02'})});
	t.regex(text(s), /^node02 ~ ➜ {2}hostname\nnode02$/m);
	t.false(s.quit);
	s = press(s, 'exit', 'enter');
	t.true(s.quit, 'exit in the first shell leaves svc-tutor');
	s = press(reducer(waiting, {type: 'loaded', world: loadWorld('test/ui/fixtures/course')}), 'escape');
	t.true(s.quit, 'so does Esc');
	const failed = reducer(waiting, {type: 'loadFailed', message: 'no lessons folder'});
	t.regex(text(failed), /^svc-tutor: the shell could not be loaded: no lessons folder$/m, 'a failed load is said in the terminal');
	t.true(press(failed, 'escape').quit, 'and Esc still leaves');
});
