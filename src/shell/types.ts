// The contract between the node shell's parts: the executor (parser, pipes, redirections), the
// per-node virtual file system and the command families (kubectl, iptables, ip, ps, text tools…).
// A command is a pure function of the session (cluster, files, current node) , its arguments and
// stdin; what it changes in the cluster goes through the engine (Cluster.apply/create/delete).
import type {Cluster} from '../sim/cluster/cluster.js';

/** What one command (or one whole line) gives back. `status` is the shell's `$?`. */
export interface CommandResult {
	stdout: string;
	stderr: string;
	status: number;
}

/** A node's small file system: paths are absolute and normalised ('/etc/hosts', never 'etc//x/../hosts'). */
export interface FileSystem {
	/** The file's text, or undefined when there is no such file. */
	read(path: string): string | undefined;
	/** Writes (creates or replaces) a regular file. Throws FileSystemError (ENOENT, EISDIR, …) as bash would report it. */
	write(path: string, text: string): void;
	isDirectory(path: string): boolean;
	exists(path: string): boolean;
	/** Entries directly under a directory, sorted as `ls` sorts them; undefined when not a directory. */
	list(path: string): string[] | undefined;
	remove(path: string): void;
	mkdir(path: string, parents?: boolean): void;
	/** Permission bits as `ls -l` shows them; 0o644 for files, 0o755 for directories when absent. */
	mode?(path: string): number;
}

/** Everything a command may look at: the cluster, the node it runs on, that node's files. */
export interface ShellContext {
	readonly cluster: Cluster;
	/** The node whose shell this is (`controlplane`, `node01`, …): `ssh` changes it. */
	readonly node: string;
	readonly fs: FileSystem;
	/** The working directory, absolute. */
	readonly cwd: string;
	readonly env: Readonly<Record<string, string>>;
	/** The shell's history, oldest first (for `history`). */
	readonly history: readonly string[];
	/** Present when the command's stdout is the terminal (not a pipe or a file): `ls` then prints columns. */
	readonly terminal?: {readonly columns: number};
	/** The command lines of the whole pipeline this command is part of, itself included (`ps aux | grep x` lists both). */
	readonly pipeline?: readonly string[];
}

/**
 * One command family's entry point. `args[0]` is the command name as typed. Returns the result
 * plus, for the few builtins that change the shell itself (cd, ssh, exit, clear, export), the change.
 */
export type Command = (ctx: ShellContext, args: readonly string[], stdin: string) => CommandResult & {effect?: ShellEffect};

/** Changes to the shell's own state that only builtins make. */
export type ShellEffect =
	| {kind: 'cd'; cwd: string}
	/** With `command`, `ssh NODE COMMAND…`: the line runs there and the shell stays here. */
	| {kind: 'ssh'; node: string; command?: string}
	/** `lastStatus`: a bare `exit`, whose status is the previous command's `$?`. */
	| {kind: 'exit'; lastStatus?: boolean}
	| {kind: 'clear'}
	/** `more`: the earlier NAME=value words of the same `export A=1 B=2`. */
	| {kind: 'export'; name: string; value: string; more?: {name: string; value: string}[]};

export function ok(stdout = ''): CommandResult {
	return {stdout, stderr: '', status: 0};
}

export function fail(stderr: string, status = 1, stdout = ''): CommandResult {
	return {stdout, stderr: stderr.endsWith('\n') || stderr === '' ? stderr : `${stderr}\n`, status};
}
