// The CLI's own entry (cli() in src/cli.tsx, which the binary runs) called in this process, with
// its input and output in memory: the same parsing, commands and error lines as the binary,
// without a process start per run.
import {cli, type CliProcess} from '../../src/cli.js';
import {fakeIO} from '../support/fake-io.js';
import type {CliRun} from '../support/run-cli.js';

export interface InProcessRun extends CliRun {
	status: number;
	/** Wall time of the run, in milliseconds. */
	ms: number;
	/** Processor time of this process during the run (user + system), in milliseconds: unlike wall time, it does not grow with the machine's load. */
	cpuMs: number;
}

// The course and reset are not run this way: they get no terminal and an empty environment.
const NO_TERMINAL = {env: {}, stdin: process.stdin, stdout: process.stdout} as unknown as CliProcess;

export async function runInProcess(args: string[], input: {stdin?: string; files?: Record<string, string>} = {}): Promise<InProcessRun> {
	const io = fakeIO(input.files ?? {}, input.stdin ?? '');
	const start = performance.now();
	const cpu = process.cpuUsage();
	const status = await cli(args, io, NO_TERMINAL);
	const used = process.cpuUsage(cpu);
	return {status, stdout: io.out, stderr: io.err, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000};
}
