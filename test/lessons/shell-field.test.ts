// A step's `shell:` (a command line offered in the node shell): one line, checked when loaded.
import test from 'ava';
import {parseLesson} from '../../src/lessons/load.js';
import {sampleLesson} from './helpers.js';

const FILE = 'lessons/03-nodeport.yaml';

test('a text or show step may offer a command line', (t) => {
	const result = parseLesson(FILE, sampleLesson('  - text: |\n      Try it.\n    shell: iptables -t nat -L KUBE-SERVICES -n\n'));
	t.true(result.ok);
	if (result.ok) t.deepEqual(result.lesson.steps.at(-1), {text: 'Try it.\n', shell: 'iptables -t nat -L KUBE-SERVICES -n'});
});

test('a shell line with a newline in it, or an empty one, is refused at its line', (t) => {
	const many = parseLesson(FILE, sampleLesson('  - text: |\n      Try it.\n    shell: "ls\\npwd"\n'));
	t.false(many.ok);
	if (!many.ok) t.is(many.error.text, `${FILE}:11:12: steps[1].shell: must be one command line, without newlines or control characters`);
	const empty = parseLesson(FILE, sampleLesson('  - text: |\n      Try it.\n    shell: " "\n'));
	if (!empty.ok) t.is(empty.error.text, `${FILE}:11:12: steps[1].shell: must be a command line of 1–200 characters`);
	else t.fail('an empty line was accepted');
});
