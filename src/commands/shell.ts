// `svc-tutor shell`: the node shell on a fresh seeded kubeadm cluster. With -c it runs one command
// line and prints what the shell printed, stdout and stderr on their own streams in the order they
// came, exiting with the line's status (for tests and scripts); without -c it is the interactive
// terminal, which is not built yet.
import {UsageError, type CommandIO} from './io.js';

export interface ShellArgs {
	/** The line to run (-c); undefined for the interactive shell. */
	command?: string;
	seed: number;
	node?: string;
}

export async function runShell(args: ShellArgs, io: CommandIO): Promise<number> {
	if (args.command === undefined) {
		io.stderr("svc-tutor shell: the interactive shell is not here yet; run one line with: svc-tutor shell -c 'COMMAND LINE'\n");
		return 2;
	}
	const {newShellSession} = await import('../shell/start.js');
	let session;
	try {
		session = newShellSession({seed: args.seed, ...(args.node !== undefined ? {node: args.node} : {})});
	} catch (error) {
		if (error instanceof RangeError) throw new UsageError(`shell: --node: ${error.message}`);
		throw error;
	}
	const result = session.run(args.command);
	for (const chunk of result.output) (chunk.stream === 'stdout' ? io.stdout : io.stderr)(chunk.text);
	return result.status;
}
