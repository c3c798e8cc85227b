// `svc-tutor shell`: the node shell on a fresh seeded kubeadm cluster. With -c it runs one command
// line and prints what the shell printed, stdout and stderr on their own streams in the order they
// came, exiting with the line's status (for tests and scripts); without -c it opens the Shell
// screen full screen (the course's app on that screen alone; see commands/tutor.ts).
import {SHELL_NODE_NAMES} from '../sim/scenarios/shell-cluster.js';
import {UsageError, type CommandIO} from './io.js';

const SHELL_NODES: readonly string[] = SHELL_NODE_NAMES;

export interface ShellArgs {
	/** The line to run (-c); undefined for the interactive shell. */
	command?: string;
	/** The cluster's seed: 1 by default with -c; the learner's (progress.json's) in the interactive shell. */
	seed?: number;
	node?: string;
}

export interface TerminalIO {
	env: NodeJS.ProcessEnv;
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
}

export async function runShell(args: ShellArgs, io: CommandIO, terminal?: TerminalIO): Promise<number> {
	if (args.command === undefined && terminal) {
		if (args.node !== undefined && !SHELL_NODES.includes(args.node)) throw new UsageError(`shell: --node: no node named "${args.node}"; the nodes are ${SHELL_NODES.join(', ')}`);
		const {runTutor} = await import('./tutor.js');
		return runTutor({...terminal, stderr: io.stderr, ...(args.seed !== undefined ? {seed: args.seed} : {}), shell: args.node !== undefined ? {node: args.node} : {}});
	}
	if (args.command === undefined) throw new UsageError("shell: without a terminal, run one line with -c 'COMMAND LINE'");
	const {newShellSession} = await import('../shell/start.js');
	let session;
	try {
		session = newShellSession({seed: args.seed ?? 1, ...(args.node !== undefined ? {node: args.node} : {})});
	} catch (error) {
		if (error instanceof RangeError) throw new UsageError(`shell: --node: ${error.message}`);
		throw error;
	}
	const result = session.run(args.command);
	for (const chunk of result.output) (chunk.stream === 'stdout' ? io.stdout : io.stderr)(chunk.text);
	return result.status;
}
