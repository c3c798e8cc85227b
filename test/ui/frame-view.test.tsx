import test from 'ava';
import {renderToString} from 'ink';
import {FrameView} from '../../src/ui/frame-view.js';
import type {Frame} from '../../src/ui/layout/frame.js';
import {line, seg, type Line} from '../../src/ui/layout/line.js';
import {warmNext} from '../../src/ui/prefetch.js';
import {frameFor} from '../../src/ui/layout/screen.js';
import {frameText} from '../../src/ui/prelude.js';
import {press, start, text} from './helpers.js';

const split = (left: Line[], right: Line[] = []): Frame => ({
	title: line(' title'),
	body: {kind: 'split', left: {lines: left}, right, focus: 'text'},
	footer: line(' footer'),
	scroll: {},
});
const draw = (frame: Frame): string[] => renderToString(<FrameView frame={frame} columns={80} rows={24} />, {columns: 80}).split('\n');

test('a row of segments in several styles, empty ones among them, reads as its text in order', (t) => {
	const rows = draw(split([[seg('plain '), seg('bold', {bold: true}), seg(''), seg(' still bold', {bold: true}), seg(' dim', {dim: true}), seg(' end')], []]));
	t.is(rows[1], `${'plain bold still bold dim end'.padEnd(40)}│`);
	t.is(rows[2], `${' '.repeat(40)}│`);
});

test('a text pane row wider than the pane is cut at its 40 columns with …, the cluster pane beside it untouched', (t) => {
	const rows = draw(split([line('x'.repeat(60))], [line('node01')]));
	t.is(rows[1], `${'x'.repeat(39)}…│node01`);
});

test('a question longer than the text pane stays inside it: the frame keeps its rows, the separator its column, the footer its place', (t) => {
	const frame: Frame = {...split([]), body: {kind: 'split', left: {before: Array.from({length: 30}, (_, i) => line(`line ${i}`)), choices: {id: 'q', items: ['a', 'b'], cursor: 0}, after: []}, right: [], focus: 'text'}};
	const rows = draw(frame);
	t.is(rows.length, 23);
	for (const row of rows.slice(1, 22)) t.is([...row][40], '│', row);
	t.is(rows[22], ' footer');
});

test('preparing the next step draws nothing and changes nothing: the key that follows gives the same frame', (t) => {
	const lesson = press(start(), 'enter');
	const before = text(lesson);
	warmNext(lesson);
	t.is(text(lesson), before);
	const next = press(lesson, 'enter');
	t.is(frameText(frameFor(next), next.size), text(press(start(), 'enter', 'enter')));
	t.not(text(next), before);
});
