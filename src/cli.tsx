#!/usr/bin/env node
// svc-tutor's entry point: parse the command line and hand over to a command. Nothing else.
// `main` and `cli` take their input and output as arguments, so tests run them in-process; the
// process itself is wired up only when this file is the program being run (the end of the file).
import {realpathSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {CIDR_HELP, MAIN_HELP, RESET_HELP, RULES_HELP, SCENARIO_HELP, SHELL_HELP, TASK_HELP, TRACE_HELP} from './commands/help.js';
import {EXIT_INTERNAL, EXIT_USAGE, UsageError, type CommandIO} from './commands/io.js';
import {wholeNumber} from './commands/parse-number.js';
import {endQuietlyOnClosedOutput, processIO} from './commands/process-io.js';
import {oneLine, quote} from './commands/quote.js';
import type {RulesFormat} from './commands/rules.js';
import {ManifestError} from './manifest/errors.js';
import {VERSION} from './version.js';

/** What the course and `reset` need beyond CommandIO: the environment and the terminal itself. */
export interface CliProcess {
	env: NodeJS.ProcessEnv;
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
}

type Options = NonNullable<ParseArgsConfig['options']>;

const HELP: Options = {help: {type: 'boolean', short: 'h'}};
const RANGE: Options = {'service-cluster-ip-range': {type: 'string'}};
/** For input without Nodes: the InternalIP of the node --node names. */
const NODE_IP: Options = {'node-ip': {type: 'string'}};
const FILES: Options = {filename: {type: 'string', short: 'f', multiple: true}};

function parse(command: string | undefined, args: string[], options: Options, allowPositionals = false) {
	const all = {...HELP, ...options};
	try {
		return parseArgs({args, options: all, allowPositionals, strict: true});
	} catch (error) {
		// node's own messages run to three lines and echo arguments raw: say it in one, quoted.
		const where = command ? `${command}: ` : '';
		throw new UsageError(where + (argumentProblem(command, args, all, allowPositionals) ?? oneLine((error as Error).message.split('\n')[0]!)));
	}
}

/** The first argument strict parsing refuses, found again in parseArgs' tokens and said in the CLI's words. */
function argumentProblem(command: string | undefined, args: string[], options: Options, allowPositionals: boolean): string | undefined {
	const {tokens} = parseArgs({args, options, allowPositionals: true, strict: false, tokens: true});
	const seeHelp = `svc-tutor ${command ? `${command} ` : ''}--help lists the options`;
	for (const token of tokens) {
		if (token.kind === 'positional' && !allowPositionals) return `unexpected argument ${quote(token.value)} (${seeHelp})`;
		if (token.kind !== 'option') continue;
		const option = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
		if (option === undefined) return `unknown option ${quote(token.rawName)} (${seeHelp})`;
		if (option.type === 'boolean') {
			if (token.value !== undefined) return `${token.rawName} takes no value, not ${quote(token.value)}`;
			continue;
		}
		if (token.value === undefined) return `${token.rawName} needs a value`;
		// As node decides it: a value of its own argument that starts with - is taken for a forgotten value.
		if (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-')) {
			return `${token.rawName} needs a value, and ${quote(token.value)} after it looks like an option (a value starting with - is written --${token.name}=VALUE)`;
		}
	}
	return undefined;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T | undefined): T | undefined {
	if (value === undefined) return fallback;
	if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} takes ${allowed.join(', ')}, not ${quote(value)}`);
	return value as T;
}

// Each command is imported when it runs: in the one-file bundle, esbuild then initialises only
// that command's modules, so the course's first frame does not wait for the CLI's (and vice versa).
export async function main(argv: string[], io: CommandIO, proc: CliProcess = process): Promise<number> {
	const [command, ...rest] = argv;
	// No command (options only, like --seed 7): the course.
	if (command === undefined || command === '--seed' || command.startsWith('--seed=')) {
		const {values} = parse(undefined, argv, {seed: {type: 'string'}});
		if (values.help) return help(io, MAIN_HELP);
		const seed = wholeNumber('--seed', values.seed as string | undefined);
		const {runTutor} = await import('./commands/tutor.js');
		return runTutor({...(seed !== undefined ? {seed} : {}), env: proc.env, stdin: proc.stdin, stdout: proc.stdout, stderr: io.stderr});
	}
	switch (command) {
		case 'reset': {
			const {values} = parse(command, rest, {yes: {type: 'boolean', short: 'y'}});
			if (values.help) return help(io, RESET_HELP);
			const {runReset, terminalAsk} = await import('./commands/reset.js');
			return runReset({yes: values.yes === true, env: proc.env, ask: terminalAsk(proc.stdin, proc.stdout), stdout: io.stdout, stderr: io.stderr});
		}
		case '--help':
		case '-h':
		case 'help':
			io.stdout(MAIN_HELP);
			return 0;
		case '--version':
		case '-v':
			io.stdout(`${VERSION}\n`);
			return 0;
		case 'rules': {
			const {values} = parse(command, rest, {...FILES, ...RANGE, ...NODE_IP, node: {type: 'string'}, format: {type: 'string'}, table: {type: 'string'}, numeric: {type: 'boolean', short: 'n'}, 'proxy-mode': {type: 'string'}, verbose: {type: 'boolean', short: 'v'}, exact: {type: 'boolean', short: 'x'}, 'line-numbers': {type: 'boolean'}, chain: {type: 'string'}});
			if (values.help) return help(io, RULES_HELP);
			const {runRules} = await import('./commands/rules.js');
			return runRules(
				{
					files: (values.filename as string[] | undefined) ?? [],
					...(values.node !== undefined ? {node: values.node as string} : {}),
					format: oneOf<RulesFormat>('--format', values.format as string | undefined, ['save', 'restore', 'list', 'spec'], 'save')!,
					...(values.table !== undefined ? {table: oneOf('--table', values.table as string, ['nat', 'filter'] as const, undefined)!} : {}),
					numeric: values.numeric === true,
					listing: {
						verbose: values.verbose === true,
						exact: values.exact === true,
						lineNumbers: values['line-numbers'] === true,
						...(values.chain !== undefined ? {chain: values.chain as string} : {}),
					},
					...(values['service-cluster-ip-range'] !== undefined ? {serviceClusterIPRange: values['service-cluster-ip-range'] as string} : {}),
					...(values['node-ip'] !== undefined ? {nodeIP: values['node-ip'] as string} : {}),
					...(values['proxy-mode'] !== undefined ? {proxyMode: oneOf('--proxy-mode', values['proxy-mode'] as string, ['iptables', 'nftables'] as const, undefined)!} : {}),
				},
				io,
			);
		}
		case 'trace': {
			const {values} = parse(command, rest, {...FILES, ...RANGE, ...NODE_IP, node: {type: 'string'}, from: {type: 'string'}, to: {type: 'string'}, proto: {type: 'string'}, json: {type: 'boolean'}, 'proxy-mode': {type: 'string'}});
			if (values.help) return help(io, TRACE_HELP);
			if (values.from === undefined) throw new UsageError('trace: --from IP|POD is required');
			if (values.to === undefined) throw new UsageError('trace: --to IP:PORT is required');
			const {runTrace} = await import('./commands/trace.js');
			return runTrace(
				{
					files: (values.filename as string[] | undefined) ?? [],
					...(values.node !== undefined ? {node: values.node as string} : {}),
					from: values.from as string,
					to: values.to as string,
					proto: oneOf('--proto', values.proto as string | undefined, ['tcp', 'udp', 'sctp'] as const, 'tcp')!,
					json: values.json === true,
					...(values['service-cluster-ip-range'] !== undefined ? {serviceClusterIPRange: values['service-cluster-ip-range'] as string} : {}),
					...(values['node-ip'] !== undefined ? {nodeIP: values['node-ip'] as string} : {}),
					...(values['proxy-mode'] !== undefined ? {proxyMode: oneOf('--proxy-mode', values['proxy-mode'] as string, ['iptables', 'nftables'] as const, undefined)!} : {}),
				},
				io,
			);
		}
		case 'cidr': {
			const {values, positionals} = parse(command, rest, {json: {type: 'boolean'}}, true);
			if (values.help) return help(io, CIDR_HELP);
			const {runCidr} = await import('./commands/cidr.js');
			return runCidr({positionals, json: values.json === true}, io);
		}
		case 'scenario': {
			const {values} = parse(command, rest, {seed: {type: 'string'}, name: {type: 'string'}, nodes: {type: 'string'}, services: {type: 'string'}, output: {type: 'string', short: 'o'}});
			if (values.help) return help(io, SCENARIO_HELP);
			const nodes = wholeNumber('--nodes', values.nodes as string | undefined, 1);
			const services = wholeNumber('--services', values.services as string | undefined);
			const {runScenario} = await import('./commands/scenario.js');
			return runScenario(
				{
					seed: wholeNumber('--seed', values.seed as string | undefined) ?? 1,
					...(values.name !== undefined ? {name: values.name as string} : {}),
					...(nodes !== undefined ? {nodes} : {}),
					...(services !== undefined ? {services} : {}),
					output: oneOf('-o', values.output as string | undefined, ['yaml', 'json'] as const, 'yaml')!,
				},
				io,
			);
		}
		case 'shell': {
			const {values} = parse(command, rest, {command: {type: 'string', short: 'c'}, seed: {type: 'string'}, node: {type: 'string'}});
			if (values.help) return help(io, SHELL_HELP);
			const {runShell} = await import('./commands/shell.js');
			return runShell(
				{
					...(values.command !== undefined ? {command: values.command as string} : {}),
					...(values.seed !== undefined ? {seed: wholeNumber('--seed', values.seed as string)!} : {}),
					...(values.node !== undefined ? {node: values.node as string} : {}),
				},
				io,
				{env: proc.env, stdin: proc.stdin, stdout: proc.stdout},
			);
		}
		case 'task': {
			const {values, positionals} = parse(command, rest, {seed: {type: 'string'}, script: {type: 'string'}, json: {type: 'boolean'}}, true);
			if (values.help) return help(io, TASK_HELP);
			const [action, id, ...extra] = positionals;
			const {runTask, TASK_ACTIONS} = await import('./commands/task.js');
			if (extra.length > 0) throw new UsageError(`task: unexpected argument ${quote(extra[0]!)} (svc-tutor task --help lists the options)`);
			return runTask(
				{
					action: action === undefined ? missingTaskAction() : oneOf('task', action, TASK_ACTIONS, undefined)!,
					...(id !== undefined ? {id} : {}),
					seed: wholeNumber('--seed', values.seed as string | undefined) ?? 1,
					...(values.script !== undefined ? {script: values.script as string} : {}),
					json: values.json === true,
				},
				io,
			);
		}
		default:
			throw new UsageError(`unknown command ${quote(command)}; svc-tutor --help lists them`);
	}
}

function missingTaskAction(): never {
	throw new UsageError('task: say what to do: list, show ID, solution ID or check ID (svc-tutor task --help)');
}

function help(io: CommandIO, text: string): number {
	io.stdout(text);
	return 0;
}

/**
 * The whole program but for the process: the exit status, with any refusal as one line on stderr.
 * Usage and manifest errors exit 2. Anything else is a bug in svc-tutor: one line saying so and
 * status 70, never a stack (SVC_TUTOR_DEBUG=1 adds it, for whoever fixes the bug).
 */
export async function cli(argv: string[], io: CommandIO, proc: CliProcess = process): Promise<number> {
	try {
		return await main(argv, io, proc);
	} catch (error) {
		if (error instanceof UsageError || error instanceof ManifestError) {
			io.stderr(`svc-tutor: ${oneLine(error.message)}\n`);
			return EXIT_USAGE;
		}
		io.stderr(internalErrorLine(error, proc.env));
		return EXIT_INTERNAL;
	}
}

function internalErrorLine(error: unknown, env: NodeJS.ProcessEnv): string {
	const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
	const stack = env.SVC_TUTOR_DEBUG && error instanceof Error && error.stack ? `${error.stack}\n` : '';
	return `svc-tutor: internal error: ${oneLine(message)}\n${stack}`;
}

/**
 * True when this file is the program node was asked to run (the bundle, via its bin link or not),
 * not an import (a test). Only tests import this module: were a bundled module to import it, esbuild
 * could move it into a shared chunk, import.meta.url would name that chunk and the binary would do
 * nothing (the e2e tests would say so).
 */
function isProgram(): boolean {
	const invoked = process.argv[1];
	if (!invoked) return false;
	const self = fileURLToPath(import.meta.url);
	// `node dist/svc-tutor` runs dist/svc-tutor.js, and argv[1] then lacks the extension.
	return [invoked, `${invoked}.js`].some((path) => {
		try {
			return realpathSync(path) === self;
		} catch {
			return false;
		}
	});
}

if (isProgram()) {
	endQuietlyOnClosedOutput();
	// The last net, for errors outside a command's promise (an event handler, a stream): one line, status 70.
	const fatal = (error: unknown): void => {
		process.stderr.write(internalErrorLine(error, process.env));
		process.exit(EXIT_INTERNAL);
	};
	process.on('uncaughtException', fatal);
	process.on('unhandledRejection', fatal);
	process.exitCode = await cli(process.argv.slice(2), processIO());
}
