// The node shell's executor: a Session holds the cluster, each node's file system, the ssh stack
// (which node, which directory, which variables) and the history, and runs one command line at a
// time: expansions, pipes, `&&`/`||`/`;`, subshells, redirections and here-documents, as bash runs
// them. Commands are pure functions (see types.ts); nothing here touches the real machine, and
// run() never throws.
//
// For a terminal on top (the Ink screen): `newShellSession` (start.ts) makes one on the shell
// cluster; `run(line)` gives stdout/stderr apart and `output` in printed order, `clear` and `exit`;
// `prompt()`, `node`, `cwd`, `depth` (ssh hops) and `history` describe the shell; pass
// `terminalColumns` so ls and ps fit the pane; `needsMoreInput(line)` says when bash would show
// its `> ` continuation prompt (an open quote, a trailing `|`, a here-document still open).
import type {Cluster} from '../sim/cluster/cluster.js';
import {lookupCommand} from './commands/index.js';
import {ArithmeticError} from './arithmetic.js';
import {expandWord, expandWords, type Expansion} from './expand.js';
import {FileSystemError, resolvePath, VirtualFileSystem, type HostFiles} from './fs.js';
import {parseLine, ShellSyntaxError, UNSUPPORTED_KEYWORDS, type AndOr, type CommandList, type Pipeline, type Redirect, type ShellCommand, type SimpleCommand, type Word} from './parse.js';
import type {CommandResult, ShellContext, ShellEffect} from './types.js';

export {needsMoreInput} from './parse.js';

/** One piece of what a line printed, in the order it was printed. */
export interface OutputChunk {
	stream: 'stdout' | 'stderr';
	text: string;
}

export interface LineResult extends CommandResult {
	/** stdout and stderr interleaved as a terminal shows them. */
	output: OutputChunk[];
	/** The line ran `clear`. */
	clear: boolean;
	/** The line ran `exit` in the first shell: the terminal closes. */
	exit: boolean;
}

export interface SessionOptions {
	cluster: Cluster;
	/** The node the shell starts on; `controlplane` (or the first node) by default. */
	node?: string;
	/** The files the cluster owns on a node (static Pod manifests, CNI config), from the engine's host model. */
	hostFiles?: (node: string) => HostFiles | undefined;
	/** Files every node starts with, besides the host's. */
	files?: (node: string) => Record<string, string>;
	history?: readonly string[];
	/** The terminal's width when the shell runs in one (the Ink screen): `ls` and `ps` then fit it. */
	terminalColumns?: number;
}

/** One shell on the ssh stack: the first is the one the terminal opened. */
interface Frame {
	node: string;
	/** `ssh NODE CMD`'s shell or a subshell: `exit` there ends only it, silently. */
	oneShot?: boolean;
	cwd: string;
	env: Record<string, string>;
}

const HOME = '/root';
export const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** `$$` and friends: any stable number will do, a shell's pid is arbitrary. */
const SHELL_PID = 4242;

function initialEnv(node: string): Record<string, string> {
	return {HOME, PATH, PWD: HOME, SHELL: '/bin/bash', USER: 'root', LOGNAME: 'root', HOSTNAME: node, TERM: 'xterm-256color'};
}

/** Where a file descriptor's output goes while a command runs. */
type Sink = {kind: 'stdout'} | {kind: 'stderr'} | {kind: 'file'; path: string; text: string};

class LineOutput {
	readonly chunks: OutputChunk[] = [];
	push(stream: 'stdout' | 'stderr', text: string): void {
		if (text === '') return;
		const last = this.chunks[this.chunks.length - 1];
		if (last?.stream === stream) last.text += text;
		else this.chunks.push({stream, text});
	}
	text(stream: 'stdout' | 'stderr'): string {
		return this.chunks.filter((c) => c.stream === stream).map((c) => c.text).join('');
	}
}

/** Thrown by `exit` to stop the rest of the line. */
class ExitLine {
	constructor(readonly status: number) {}
}

export class Session {
	readonly cluster: Cluster;
	private readonly files = new Map<string, VirtualFileSystem>();
	private readonly stack: Frame[];
	private readonly hostFiles: SessionOptions['hostFiles'];
	private readonly initialFiles: SessionOptions['files'];
	readonly history: string[];
	private lastStatus = 0;
	/** Set while a line runs. */
	private output = new LineOutput();
	private cleared = false;
	private exited = false;
	private readonly terminalColumns: number | undefined;
	/** Inside `$(…)` or a subshell: output is captured, not shown on the terminal. */
	private capturing = 0;

	constructor(options: SessionOptions) {
		this.cluster = options.cluster;
		this.hostFiles = options.hostFiles;
		this.initialFiles = options.files;
		const nodes = options.cluster.nodes().map((n) => n.metadata.name);
		const node = options.node ?? (nodes.includes('controlplane') ? 'controlplane' : (nodes[0] ?? 'controlplane'));
		this.stack = [{node, cwd: HOME, env: initialEnv(node)}];
		this.history = [...(options.history ?? [])];
		this.terminalColumns = options.terminalColumns;
	}

	private get frame(): Frame {
		return this.stack[this.stack.length - 1]!;
	}
	get node(): string {
		return this.frame.node;
	}
	get cwd(): string {
		return this.frame.cwd;
	}
	get env(): Readonly<Record<string, string>> {
		return this.frame.env;
	}
	/** How many ssh hops deep the shell is (0 in the first shell). */
	get depth(): number {
		return this.stack.length - 1;
	}
	get status(): number {
		return this.lastStatus;
	}

	/** The prompt, as the exam's terminals print it: `controlplane ~ ➜  `. */
	prompt(): string {
		const {cwd} = this;
		const where = cwd === HOME ? '~' : cwd.startsWith(`${HOME}/`) ? `~${cwd.slice(HOME.length)}` : cwd === '/' ? '/' : cwd.slice(cwd.lastIndexOf('/') + 1);
		return `${this.node} ${where} ➜  `;
	}

	/** A node's file system, made on first use. */
	fs(node = this.node): VirtualFileSystem {
		let fs = this.files.get(node);
		if (!fs) {
			fs = new VirtualFileSystem(this.hostFiles?.(node), this.initialFiles?.(node) ?? {});
			this.files.set(node, fs);
		}
		return fs;
	}

	/** Runs one command line. Never throws: an unexpected error is one line on stderr, status 1. */
	run(line: string): LineResult {
		this.output = new LineOutput();
		this.cleared = false;
		this.exited = false;
		if (line.trim() !== '') this.history.push(line);
		for (const fs of this.files.values()) fs.refresh();
		let status: number;
		try {
			status = this.runList(parseLine(line));
		} catch (error) {
			if (error instanceof ExitLine) status = error.status;
			else if (error instanceof ShellSyntaxError) {
				this.output.push('stderr', `${error.message}\n`);
				status = 2;
			} else {
				this.output.push('stderr', `svc-tutor shell: internal error: ${error instanceof Error ? error.message : String(error)}\n`.replace(/\n(?!$)/g, ' '));
				status = 1;
			}
		}
		this.lastStatus = status;
		const {output} = this;
		return {stdout: output.text('stdout'), stderr: output.text('stderr'), status, output: output.chunks, clear: this.cleared, exit: this.exited};
	}

	private runList(list: CommandList): number {
		let status = this.lastStatus;
		for (const andOr of list) status = this.runAndOr(andOr);
		return status;
	}

	private runAndOr(andOr: AndOr): number {
		let status = this.runPipeline(andOr.first);
		for (const {op, pipeline} of andOr.rest) {
			if ((op === '&&') === (status === 0)) status = this.runPipeline(pipeline);
		}
		return status;
	}

	private runPipeline(pipeline: Pipeline): number {
		const alone = pipeline.commands.length === 1;
		this.pipelineText = pipeline.commands.map((c) => (c.kind === 'simple' ? c.words.map((w) => this.displayWord(w)).join(' ') : 'bash'));
		let stdin = '';
		let status = 0;
		pipeline.commands.forEach((command, i) => {
			const last = i === pipeline.commands.length - 1;
			const result = this.runCommand(command, stdin, alone, last);
			status = result.status;
			if (last) this.output.push('stdout', result.stdout);
			else stdin = result.stdout;
		});
		if (pipeline.negated) status = status === 0 ? 1 : 0;
		this.lastStatus = status;
		return status;
	}

	/** Runs one command with its redirections; returns what it wrote to its stdout (a pipe or the terminal). */
	private runCommand(command: ShellCommand, stdin: string, alone: boolean, last: boolean): CommandResult {
		const sinks = this.openRedirects(command.redirects);
		if ('error' in sinks) return {stdout: '', stderr: '', status: 1};
		const input = sinks.stdin ?? stdin;
		const toTerminal = last && this.capturing === 0 && sinks.fds[1]!.kind === 'stdout';
		let result: CommandResult & {effect?: ShellEffect};
		if (command.kind === 'subshell') result = this.subshell(() => this.runList(command.list), input);
		else result = this.runSimple(command, input, alone, toTerminal);
		const out = {stdout: ''};
		this.deliver(sinks.fds[1]!, result.stdout, out);
		this.deliver(sinks.fds[2]!, result.stderr, out);
		for (const sink of sinks.files) this.writeFile(sink.path, sink.text);
		return {stdout: out.stdout, stderr: '', status: result.status};
	}

	private deliver(sink: Sink, text: string, out: {stdout: string}): void {
		if (text === '') return;
		if (sink.kind === 'stdout') out.stdout += text;
		else if (sink.kind === 'stderr') this.output.push('stderr', text);
		else sink.text += text;
	}

	private writeFile(path: string, text: string): void {
		try {
			this.fs().write(path, text);
		} catch (error) {
			if (!(error instanceof FileSystemError)) throw error;
			this.output.push('stderr', `bash: ${path}: ${error.text}\n`);
		}
	}

	/** bash opens (and truncates) every redirection's file before the command runs, left to right. */
	private openRedirects(redirects: readonly Redirect[]): {fds: Record<number, Sink>; files: Extract<Sink, {kind: 'file'}>[]; stdin?: string} | {error: true} {
		const fds: Record<number, Sink> = {1: {kind: 'stdout'}, 2: {kind: 'stderr'}};
		const files: Extract<Sink, {kind: 'file'}>[] = [];
		let stdin: string | undefined;
		const fs = this.fs();
		for (const redirect of redirects) {
			if (redirect.warning !== undefined) this.output.push('stderr', `${redirect.warning}\n`);
			if (redirect.op === '<<') {
				stdin = expandWord(redirect.target, this.expansion(), false).join('');
				continue;
			}
			const words = expandWords([redirect.target], this.expansion());
			const word = redirect.op === '<<<' ? words.join(' ') : words[0];
			if (word === undefined || (words.length > 1 && redirect.op !== '<<<')) {
				this.output.push('stderr', `bash: ${wordText(redirect)}: ambiguous redirect\n`);
				return {error: true};
			}
			if (redirect.op === '<<<') {
				stdin = `${word}\n`;
				continue;
			}
			if (redirect.op === '>&' || redirect.op === '<&') {
				if (/^\d+$/.test(word)) {
					const from = fds[Number(word)];
					if (from === undefined) {
						this.output.push('stderr', `bash: ${word}: Bad file descriptor\n`);
						return {error: true};
					}
					fds[redirect.fd] = from;
					continue;
				}
				if (word === '-') continue;
			}
			const path = resolvePath(this.cwd, word, this.env.HOME ?? HOME);
			try {
				if (redirect.op === '<' || redirect.op === '<&') {
					stdin = fs.readOrThrow(path);
					continue;
				}
				const append = redirect.op === '>>' || redirect.op === '&>>';
				const existing = append ? (fs.read(path) ?? '') : '';
				if (path !== '/dev/null') fs.write(path, existing);
				const sink: Sink = {kind: 'file', path, text: existing};
				if (path === '/dev/null') {
					fds[redirect.fd] = {kind: 'file', path, text: ''};
					if (redirect.op === '&>' || redirect.op === '&>>') fds[2] = fds[1]!;
					continue;
				}
				files.push(sink);
				fds[redirect.fd] = sink;
				if (redirect.op === '&>' || redirect.op === '&>>' || (redirect.op === '>&' && redirect.fd === 1)) fds[2] = sink;
			} catch (error) {
				if (!(error instanceof FileSystemError)) throw error;
				this.output.push('stderr', `bash: ${word}: ${error.text}\n`);
				return {error: true};
			}
		}
		return {fds, files, ...(stdin !== undefined ? {stdin} : {})};
	}

	private expansion(): Expansion {
		return {
			env: this.env,
			special: {'?': String(this.lastStatus), $: String(SHELL_PID), '#': '0', '0': 'bash', '-': 'himBHs'},
			substitute: (list) => this.substitute(list),
			fs: this.fs(),
			cwd: this.cwd,
		};
	}

	/** `$(…)`: the list's stdout without its trailing newlines; its stderr goes to the terminal. */
	private substitute(list: CommandList): string {
		const result = this.subshell(() => this.runList(list), '');
		this.output.push('stderr', result.stderr);
		return result.stdout.replace(/\n+$/, '');
	}

	/** Runs in a copy of the current shell: cd, export and exit there do not reach this one. */
	private subshell(run: () => number, stdin: string): CommandResult {
		const saved = this.output;
		const frame = this.frame;
		const depth = this.stack.length;
		this.stack.push({...frame, env: {...frame.env}, oneShot: true});
		this.output = new LineOutput();
		this.pendingStdin.push(stdin);
		this.capturing++;
		let status: number;
		try {
			status = run();
		} catch (error) {
			if (!(error instanceof ExitLine)) throw error;
			status = error.status;
		} finally {
			this.stack.length = depth;
			this.pendingStdin.pop();
			this.capturing--;
		}
		const output = this.output;
		this.output = saved;
		return {stdout: output.text('stdout'), stderr: output.text('stderr'), status};
	}

	/** What `ps` shows for the commands of the running pipeline. */
	private pipelineText: string[] = [];

	/** A word as the process list shows it, without running any `$(…)` again. */
	private displayWord(word: Word): string {
		return word.map((p) => (p.kind === 'text' ? p.text : p.kind === 'var' ? (this.env[p.name] ?? (p.name === '?' ? String(this.lastStatus) : '')) : '$(…)')).join('');
	}

	/** A subshell's stdin, handed to the first command in it that reads one. */
	private readonly pendingStdin: string[] = [];

	private runSimple(command: SimpleCommand, stdin: string, alone: boolean, toTerminal: boolean): CommandResult {
		const ex = this.expansion();
		let args: string[];
		let assignments: (readonly [string, string])[];
		try {
			args = expandWords(command.words, ex);
			assignments = command.assignments.map(({name, value}) => [name, expandWord(value, ex, false).join('')] as const);
		} catch (error) {
			// An arithmetic error abandons the rest of the line, as bash does (status 1).
			if (error instanceof ArithmeticError) {
				this.output.push('stderr', `bash: ${error.message}\n`);
				throw new ExitLine(1);
			}
			throw error;
		}
		if (args.length === 0) {
			for (const [name, value] of assignments) this.frame.env[name] = value;
			return {stdout: '', stderr: '', status: 0};
		}
		const name = args[0]!;
		if (UNSUPPORTED_KEYWORDS.has(name) && command.words[0]!.every((p) => p.kind === 'text' && !p.quoted)) {
			return {stdout: '', stderr: `svc-tutor shell: \`${name}' (bash's compound commands: if, for, while, case, { }) is not supported here; run the commands one by one\n`, status: 2};
		}
		const input = stdin === '' && this.pendingStdin.length > 0 ? this.pendingStdin[this.pendingStdin.length - 1]! : stdin;
		const run = lookupCommand(name);
		if (run === undefined) {
			const text = name.includes('/') ? `bash: ${name}: No such file or directory\n` : `bash: ${name}: command not found\n`;
			return {stdout: '', stderr: text, status: 127};
		}
		const env = assignments.length > 0 ? {...this.env, ...Object.fromEntries(assignments)} : this.env;
		const terminal = toTerminal && this.terminalColumns !== undefined ? {terminal: {columns: this.terminalColumns}} : {};
		const ctx: ShellContext = {cluster: this.cluster, node: this.node, fs: this.fs(), cwd: this.cwd, env, history: this.history, ...terminal, pipeline: this.pipelineText};
		let result: CommandResult & {effect?: ShellEffect};
		try {
			result = run(ctx, args, input);
		} catch (error) {
			if (error instanceof ExitLine) throw error;
			const message = error instanceof Error ? error.message : String(error);
			return {stdout: '', stderr: `${name}: ${message.split('\n')[0]}\n`, status: 1};
		}
		if (result.effect) return this.applyEffect(result, result.effect, alone);
		return result;
	}

	/** Builtins' changes to the shell; in a pipeline each command runs in a subshell, so none apply. */
	private applyEffect(result: CommandResult, effect: ShellEffect, alone: boolean): CommandResult {
		const frame = this.frame;
		switch (effect.kind) {
			case 'cd':
				if (alone) {
					frame.env.OLDPWD = frame.cwd;
					frame.cwd = effect.cwd;
					frame.env.PWD = effect.cwd;
				}
				return result;
			case 'export':
				if (alone) for (const {name, value} of [...(effect.more ?? []), effect]) frame.env[name] = value;
				return result;
			case 'clear':
				if (alone) {
					this.cleared = true;
					this.output.chunks.length = 0;
				}
				return result;
			case 'ssh':
				return this.ssh(result, effect.node, effect.command, alone);
			case 'exit':
				if (effect.lastStatus === true) result = {...result, status: this.lastStatus};
				if (!alone) return result;
				this.output.push('stdout', result.stdout);
				this.output.push('stderr', result.stderr);
				if (frame.oneShot === true) throw new ExitLine(result.status);
				if (this.stack.length > 1) {
					const left = this.stack.pop()!;
					this.output.push('stdout', 'logout\n');
					this.output.push('stderr', `Connection to ${left.node} closed.\n`);
					throw new ExitLine(result.status);
				}
				this.exited = true;
				throw new ExitLine(result.status);
		}
	}

	/** `ssh NODE` opens a shell there; `ssh NODE CMD…` runs one line there and comes back. */
	private ssh(result: CommandResult, node: string, command: string | undefined, alone: boolean): CommandResult {
		if (command !== undefined) {
			const depth = this.stack.length;
			this.stack.push({node, cwd: HOME, env: initialEnv(node), oneShot: true});
			const saved = this.output;
			this.output = new LineOutput();
			let status: number;
			try {
				status = this.runList(parseLine(command));
			} catch (error) {
				if (error instanceof ShellSyntaxError) {
					this.output.push('stderr', `${error.message}\n`);
					status = 2;
				} else if (error instanceof ExitLine) status = error.status;
				else throw error;
			} finally {
				this.stack.length = depth;
			}
			const output = this.output;
			this.output = saved;
			for (const chunk of output.chunks) if (chunk.stream === 'stderr') this.output.push('stderr', chunk.text);
			return {stdout: result.stdout + output.text('stdout'), stderr: result.stderr, status};
		}
		if (alone) this.stack.push({node, cwd: HOME, env: initialEnv(node)});
		return result;
	}
}

function wordText(redirect: Redirect): string {
	return redirect.target.map((p) => (p.kind === 'text' ? p.text : p.kind === 'var' ? `$${p.name}` : '$(…)')).join('');
}
