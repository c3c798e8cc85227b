// The Shell screen: a thin terminal over src/shell's session, on the seed's kubeadm-shaped cluster.
import test from 'ava';
import {reducer} from '../../src/ui/state/reducer.js';
import type {AppState, ShellScreen} from '../../src/ui/state/state.js';
import {freshProgress} from '../../src/tutor/progress/types.js';
import {shellReady} from '../../src/ui/world.js';
import {press, start, text} from './helpers.js';

test.before(async () => {
	await shellReady();
});

// Each test its own seed: the shell session (the cluster, the files) lasts as long as the course is loaded.
const on = (seed: number): AppState => start(freshProgress(seed));

const shell = (s: AppState): ShellScreen => {
	if (s.screen.name !== 'shell') throw new Error(`on ${s.screen.name}, not the shell`);
	return s.screen;
};

test('home opens the shell ($, or Enter on its row); kubectl runs on the cluster; Esc goes home', (t) => {
	let s = press(on(11), '$');
	t.regex(text(s), /^controlplane ~ ➜ {2}▏$/m);
	s = press(s, 'kubectl get svc -A', 'enter');
	const frame = text(s);
	t.regex(frame, /^controlplane ~ ➜ {2}kubectl get svc -A$/m);
	t.regex(frame, /^NAMESPACE +NAME +TYPE +CLUSTER-IP/m);
	t.regex(frame, /^kube-system +kube-dns +ClusterIP +10\.\d+\.\d+\.10 /m);
	t.regex(frame, /controlplane ~ ➜ {2}▏\n/, 'a fresh prompt under the output');
	s = press(s, 'escape');
	t.is(s.screen.name, 'home');
	// Enter on the Shell row (below Practice) opens it too.
	let h = on(11);
	while (!/❯ Shell/.test(text(h))) h = press(h, 'down');
	t.is(press(h, 'enter').screen.name, 'shell');
});

test('ssh moves the prompt to the node; a typo is bash\'s; ? and q are typed; ↑ recalls; Ctrl-C drops the line; Ctrl-L clears', (t) => {
	let s = press(on(12), '$', 'ssh node01', 'enter');
	t.is(shell(s).prompt, 'node01 ~ ➜  ');
	s = press(s, 'kubctl get po', 'enter');
	t.regex(text(s), /^bash: kubctl: command not found$/m);
	s = press(s, 'echo q?', 'enter');
	t.false(s.quit);
	t.false(s.help);
	t.regex(text(s), /^q\?$/m);
	s = press(s, 'up', 'up');
	t.is(shell(s).input.text, 'kubctl get po');
	s = press(s, 'ctrl+a', 'ctrl+w');
	s = press(s, 'ctrl+e', 'ctrl+w');
	t.is(shell(s).input.text, 'kubctl get ');
	s = press(s, 'ctrl+c');
	t.false(s.quit, 'Ctrl-C in the shell drops the line, it does not quit');
	t.regex(text(s), /^node01 ~ ➜ {2}kubctl get \^C$/m);
	t.is(shell(s).input.text, '');
	s = press(s, 'ctrl+l');
	t.deepEqual(shell(s).lines, []);
	t.regex(text(s).split('\n')[1]!, /^node01 ~ ➜ {2}▏/);
	s = press(s, 'exit', 'enter');
	t.is(shell(s).prompt, 'controlplane ~ ➜  ', 'exit leaves the ssh shell');
	s = press(s, 'exit', 'enter');
	t.is(s.screen.name, 'home', 'exit in the first shell closes the terminal');
});

test('output wider than the screen wraps inside the frame, and PgUp scrolls back through it', (t) => {
	let s = press(on(13), '$', 'ssh node01', 'enter', 'iptables-save', 'enter');
	const frame = text(s);
	const lines = frame.split('\n');
	t.is(lines.length, 23);
	for (const l of lines) t.true([...l].length <= 80, l);
	t.regex(frame, /node01 ~ ➜ {2}▏/);
	s = press(s, 'pageup');
	t.true(shell(s).scroll > 0);
	t.regex(text(s).split('\n')[0]!, /rows back · seed 13/);
	t.notRegex(text(s), /node01 ~ ➜ {2}▏/, 'scrolled back, the prompt is below');
	s = press(s, 'x');
	t.is(shell(s).scroll, 0, 'typing comes back to the prompt');
});

test('a line runs once, even if the reducer is asked twice for the same key', (t) => {
	const s = press(on(14), '$', 'cd /tmp', 'enter', 'echo once >> run-once.txt');
	const a = reducer(s, {type: 'key', key: {name: 'enter'}});
	const b = reducer(s, {type: 'key', key: {name: 'enter'}});
	t.deepEqual(shell(a).lines, shell(b).lines);
	const shown = press(a, 'cat run-once.txt', 'enter');
	t.regex(text(shown), /cat run-once\.txt\nonce\n[^\n]*➜ {2}▏/, 'written once');
});
