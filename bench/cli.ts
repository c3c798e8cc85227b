// npm run bench:cli: the built CLI end to end, as a script uses it. For generated clusters of 1,000
// and 10,000 Services (100 workers, so every Pod gets an address), written once as JSON by
// `svc-tutor scenario`, it times `svc-tutor rules -f FILE` and `svc-tutor trace -f FILE …`: reading
// the file, the simulated control plane taking in every object, kube-proxy's sync and the output.
// Times are medians of three runs, and ratios to `node -e 0` in this same run, since this machine
// is shared and absolute times drift.
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, statSync, writeFileSync} from 'node:fs';

const BIN = 'dist/svc-tutor.js';
const SIZES = [1000, 10000];
const RUNS = 3;

function median(values: number[]): number {
	return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** Wall time of one run, stdout thrown away; fails loudly if the command fails. */
function wall(args: string[]): number {
	const start = performance.now();
	const result = spawnSync(process.execPath, args, {stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26});
	const ms = performance.now() - start;
	if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
	return ms;
}

function timed(args: string[]): number {
	return median(Array.from({length: RUNS}, () => wall(args)));
}

mkdirSync('.tmp', {recursive: true});
const baseline = timed(['-e', '0']);
console.log(`node -e 0: ${baseline.toFixed(0)} ms (the unit for the ratios below)\n`);
console.log('services  file      rules (save)          trace');
for (const services of SIZES) {
	const file = `.tmp/bench-cluster-${services}.json`;
	writeFileSync(file, execFileSync(process.execPath, [BIN, 'scenario', '--seed', '1', '--nodes', '100', '--services', String(services), '-o', 'json'], {maxBuffer: 1 << 28}));
	const size = `${(statSync(file).size / 1e6).toFixed(1)} MB`;
	const rules = timed([BIN, 'rules', '-f', file, '--node', 'node01']);
	const trace = timed([BIN, 'trace', '-f', file, '--node', 'node01', '--from', '10.244.1.5', '--to', '10.96.0.10:53', '--proto', 'udp']);
	const cell = (ms: number): string => `${ms.toFixed(0)} ms (${(ms / baseline).toFixed(1)}×)`.padEnd(21);
	console.log(`${String(services).padEnd(9)} ${size.padEnd(9)} ${cell(rules)} ${cell(trace)}`);
}
