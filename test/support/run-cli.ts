// Runs the built binary (dist/svc-tutor.js, made by `npm test`'s build step) as a user would.
import {spawnSync} from 'node:child_process';

export interface CliRun {
	status: number | null;
	stdout: string;
	stderr: string;
}

export function runCli(args: string[], input?: string): CliRun {
	const result = spawnSync(process.execPath, ['dist/svc-tutor.js', ...args], {
		input: input ?? '',
		encoding: 'utf8',
		env: {...process.env, NO_COLOR: '1'},
		timeout: 60_000,
	});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}
