// Each errors/CASE.restore.txt was fed to real `iptables-restore --noflush` in an empty network
// namespace (test/fixtures/iptables/capture.sh): svc-tutor must fail (or succeed) the same way,
// with the same stderr text and exit code, and leave the same tables committed.

import {readFileSync, readdirSync} from 'node:fs';
import test from 'ava';
import {IptablesParseError, applyRestore} from '../../../src/sim/iptables/parse.js';
import {renderSave} from '../../../src/sim/iptables/save.js';

const dir = new URL('../../fixtures/iptables/errors/', import.meta.url);
const cases = readdirSync(dir)
	.filter((f) => f.endsWith('.restore.txt'))
	.map((f) => f.slice(0, -'.restore.txt'.length))
	.sort();

function expected(name: string): {exit: number; stderr: string; save: string} {
	const text = readFileSync(new URL(`${name}.expected`, dir), 'utf8');
	const match = /^exit (\d+)\n--- stderr\n([\s\S]*)--- iptables-save\n([\s\S]*)$/.exec(text);
	if (match === null) throw new Error(`bad fixture ${name}.expected`);
	return {exit: Number(match[1]), stderr: match[2]!, save: match[3]!};
}

test('there are error cases', (t) => {
	t.true(cases.length > 40);
});

for (const name of cases) {
	test(`iptables-restore: ${name}`, (t) => {
		const input = readFileSync(new URL(`${name}.restore.txt`, dir), 'utf8');
		const want = expected(name);
		if (want.exit === 0) {
			const rs = applyRestore({tables: []}, input, {noflush: true});
			t.is(renderSave(rs, {date: '<date>'}), want.save);
			return;
		}
		const error = t.throws(() => applyRestore({tables: []}, input, {noflush: true}), {instanceOf: IptablesParseError});
		t.is(error.output, want.stderr);
		t.is(error.exitCode, want.exit);
		t.is(renderSave(error.state!, {date: '<date>'}), want.save);
	});
}
