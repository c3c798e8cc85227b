// Keys typed while Ink loads: read from the terminal, answered with a redrawn frame, and handed over.
import test from 'ava';
import {PassThrough} from 'node:stream';
import {parseTerminalKeys, replayKeys, startEarlyKeys} from '../../src/ui/early-keys.js';
import {initialState} from '../../src/ui/state/state.js';
import {freshProgress} from '../../src/tutor/progress/types.js';
import {course, SIZE} from './helpers.js';

test('terminal bytes become the keys Ink would report: arrows, Enter, Esc, Backspace, Ctrl, characters', (t) => {
	t.deepEqual(parseTerminalKeys('\u001B[Bj\r\u001B\u007fq\u0015\u001BOA\u001B[6~é'), [
		{name: 'down'},
		{name: 'char', char: 'j'},
		{name: 'enter'},
		{name: 'escape'},
		{name: 'backspace'},
		{name: 'char', char: 'q'},
		{name: 'ctrl', char: 'u'},
		{name: 'up'},
		{name: 'pagedown'},
		{name: 'char', char: 'é'},
	]);
	// Sequences the tutor has no use for (a terminal's replies, F-keys) are skipped, not typed.
	t.deepEqual(parseTerminalKeys('\u001B[?1;2c\u001B[15~x'), [{name: 'char', char: 'x'}]);
});

test('keys typed before Ink is loaded are drawn at once and replayed on the app\'s state, none lost', async (t) => {
	const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
	const written: string[] = [];
	const stdout = {write: (text: string) => written.push(text)} as unknown as NodeJS.WriteStream;
	const options = {size: SIZE, outline: course().outline, progressFile: '/tmp/p.json', colourEnv: false};
	const progress = freshProgress(1);
	const early = startEarlyKeys(stdin, stdout, options, {progress, ansi: {colour: false, plain: true}});
	(stdin as unknown as PassThrough).write('jj');
	await early.settle();
	await early.settle();
	t.is(written.length, 1, 'one redraw for the burst');
	t.regex(written[0]!, /❯ +2 db-service's rules/);
	(stdin as unknown as PassThrough).write('\r');
	await early.settle();
	const keys = early.stop();
	t.deepEqual(keys, [{name: 'char', char: 'j'}, {name: 'char', char: 'j'}, {name: 'enter'}]);
	// Enter chose lesson 2 before the course was loaded: it waits, and opens once it is.
	const state = replayKeys(initialState({...options, progress}), keys);
	t.is(state.homeCursor, 2);
	t.deepEqual(state.pending, {lesson: course().outline[1]!.id, step: 0});
	// After stop, what is typed stays in the stream for Ink.
	const drawn = written.length;
	(stdin as unknown as PassThrough).write('k');
	await early.settle();
	t.is(written.length, drawn);
	t.is(String((stdin as unknown as PassThrough).read()), 'k');
});
