// quote(): user text in a message stays one short, terminal-safe line.
import test from 'ava';
import {oneLine, quote, QUOTE_LIMIT} from '../../src/commands/quote.js';

test('plain text is double-quoted as it is', (t) => {
	t.is(quote('node01'), '"node01"');
	t.is(quote(''), '""');
});

test('newlines, tabs, escape sequences and quotes are shown escaped', (t) => {
	t.is(quote('a\nb'), '"a\\nb"');
	t.is(quote('a\tb\r'), '"a\\tb\\r"');
	t.is(quote('\x1b[31mred'), '"\\x1b[31mred"');
	t.is(quote('say "hi"\\'), '"say \\"hi\\"\\\\"');
	t.is(quote('\u0085\u2028\u202e'), '"\\x85\\u2028\\u202e"');
});

test(`text longer than ${QUOTE_LIMIT} characters is cut with …`, (t) => {
	t.is(quote('x'.repeat(QUOTE_LIMIT)), `"${'x'.repeat(QUOTE_LIMIT)}"`);
	t.is(quote('x'.repeat(QUOTE_LIMIT + 1)), `"${'x'.repeat(QUOTE_LIMIT)}…"`);
	t.is(quote('y'.repeat(100_000)), `"${'y'.repeat(QUOTE_LIMIT)}…"`);
});

test('an escape is never cut in half, and emoji are counted whole', (t) => {
	const cut = quote('x'.repeat(QUOTE_LIMIT - 1) + '\n');
	t.is(cut, `"${'x'.repeat(QUOTE_LIMIT - 1)}…"`);
	t.is(quote('🟠'.repeat(70)), `"${'🟠'.repeat(QUOTE_LIMIT)}…"`);
});

test('oneLine escapes control characters but keeps quotes and length', (t) => {
	t.is(oneLine('file "a"\nnext'), 'file "a"\\nnext');
	t.is(oneLine('z'.repeat(500)), 'z'.repeat(500));
});
