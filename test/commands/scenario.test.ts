// `scenario` at the large end of its documented sizes: it prints objects only, so no node's
// kube-proxy runs (with one on each of 200 nodes, 20,000 Services ran out of memory after minutes).
import test from 'ava';
import {runInProcess} from './run-in-process.js';

test('200 nodes and 1,000 Services are printed within seconds', async (t) => {
	const run = await runInProcess(['scenario', '--nodes', '200', '--services', '1000', '-o', 'json']);
	t.is(run.status, 0, run.stderr);
	const list = JSON.parse(run.stdout) as {items: {kind: string}[]};
	t.is(list.items.filter((i) => i.kind === 'Node').length, 201);
	// The application Services, plus kubernetes and kube-dns.
	t.is(list.items.filter((i) => i.kind === 'Service').length, 1002);
	t.true(run.cpuMs < 10_000, `${Math.round(run.cpuMs)} ms of processor time`);
});

test('one past the documented sizes is refused in one line', async (t) => {
	for (const [flag, value, message] of [
		['--nodes', '201', 'svc-tutor: scenario: --nodes must be a whole number from 1 to 200\n'],
		['--services', '20001', 'svc-tutor: scenario: --services must be a whole number from 0 to 20000\n'],
	] as const) {
		const run = await runInProcess(['scenario', flag, value]);
		t.is(run.status, 2);
		t.is(run.stderr, message);
		t.is(run.stdout, '');
	}
});
