#!/usr/bin/env node
// svc-tutor's entry point: parse the command line and hand over to a command. Nothing else.
import {readFileSync} from 'node:fs';
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {CIDR_HELP, MAIN_HELP, RESET_HELP, RULES_HELP, SCENARIO_HELP, TRACE_HELP} from './commands/help.js';
import {EXIT_USAGE, UsageError, type CommandIO} from './commands/io.js';
import {wholeNumber} from './commands/parse-number.js';
import type {RulesFormat} from './commands/rules.js';
import {ManifestError} from './manifest/errors.js';
import {VERSION} from './version.js';

const io: CommandIO = {
	stdout: (text) => process.stdout.write(text),
	stderr: (text) => process.stderr.write(text),
	readFile: (path) => readFileSync(path, 'utf8'),
	readStdin: () => readFileSync(0, 'utf8'),
};

type Options = NonNullable<ParseArgsConfig['options']>;

const HELP: Options = {help: {type: 'boolean', short: 'h'}};
const RANGE: Options = {'service-cluster-ip-range': {type: 'string'}};
const FILES: Options = {filename: {type: 'string', short: 'f', multiple: true}};

function parse(args: string[], options: Options, allowPositionals = false) {
	try {
		return parseArgs({args, options: {...HELP, ...options}, allowPositionals, strict: true});
	} catch (error) {
		// node's messages name the flag; drop its advice about '--' which does not apply here.
		throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/, ''));
	}
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T | undefined): T | undefined {
	if (value === undefined) return fallback;
	if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} takes ${allowed.join(', ')}, not "${value}"`);
	return value as T;
}

// Each command is imported when it runs: in the one-file bundle, esbuild then initialises only
// that command's modules, so the course's first frame does not wait for the CLI's (and vice versa).
async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	// No command (options only, like --seed 7): the course.
	if (command === undefined || command === '--seed' || command.startsWith('--seed=')) {
		const {values} = parse(argv, {seed: {type: 'string'}});
		if (values.help) return help(MAIN_HELP);
		const seed = wholeNumber('--seed', values.seed as string | undefined);
		const {runTutor} = await import('./commands/tutor.js');
		return runTutor({...(seed !== undefined ? {seed} : {}), env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: io.stderr});
	}
	switch (command) {
		case 'reset': {
			const {values} = parse(rest, {yes: {type: 'boolean', short: 'y'}});
			if (values.help) return help(RESET_HELP);
			const {runReset, terminalAsk} = await import('./commands/reset.js');
			return runReset({yes: values.yes === true, env: process.env, ask: terminalAsk(process.stdin, process.stdout), stdout: io.stdout, stderr: io.stderr});
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
			const {values} = parse(rest, {...FILES, ...RANGE, node: {type: 'string'}, format: {type: 'string'}, table: {type: 'string'}, numeric: {type: 'boolean', short: 'n'}});
			if (values.help) return help(RULES_HELP);
			const {runRules} = await import('./commands/rules.js');
			return runRules(
				{
					files: (values.filename as string[] | undefined) ?? [],
					...(values.node !== undefined ? {node: values.node as string} : {}),
					format: oneOf<RulesFormat>('--format', values.format as string | undefined, ['save', 'restore', 'list'], 'save')!,
					...(values.table !== undefined ? {table: oneOf('--table', values.table as string, ['nat', 'filter'] as const, undefined)!} : {}),
					numeric: values.numeric === true,
					...(values['service-cluster-ip-range'] !== undefined ? {serviceClusterIPRange: values['service-cluster-ip-range'] as string} : {}),
				},
				io,
			);
		}
		case 'trace': {
			const {values} = parse(rest, {...FILES, ...RANGE, node: {type: 'string'}, from: {type: 'string'}, to: {type: 'string'}, proto: {type: 'string'}, json: {type: 'boolean'}});
			if (values.help) return help(TRACE_HELP);
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
				},
				io,
			);
		}
		case 'cidr': {
			const {values, positionals} = parse(rest, {json: {type: 'boolean'}}, true);
			if (values.help) return help(CIDR_HELP);
			const {runCidr} = await import('./commands/cidr.js');
			return runCidr({positionals, json: values.json === true}, io);
		}
		case 'scenario': {
			const {values} = parse(rest, {seed: {type: 'string'}, name: {type: 'string'}, nodes: {type: 'string'}, services: {type: 'string'}, output: {type: 'string', short: 'o'}});
			if (values.help) return help(SCENARIO_HELP);
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
		default:
			throw new UsageError(`unknown command "${command}"; svc-tutor --help lists them`);
	}
}

function help(text: string): number {
	io.stdout(text);
	return 0;
}

async function run(): Promise<void> {
	try {
		process.exitCode = await main(process.argv.slice(2));
	} catch (error) {
		if (error instanceof UsageError || error instanceof ManifestError) {
			process.stderr.write(`svc-tutor: ${error.message}\n`);
			process.exitCode = EXIT_USAGE;
			return;
		}
		throw error;
	}
}

await run();
