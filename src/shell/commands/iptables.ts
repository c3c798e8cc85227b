// iptables, iptables-save, iptables-legacy/-nft on the node: the kernel's rules as kube-proxy left
// them (the engine's rule set for this node), printed by the same printers as `svc-tutor rules`.
// The command line is read as iptables 1.8.9 reads it: getopt in order, `-L`/`-S` take the next
// word as the chain only when it does not start with '-' (so `iptables -L -n INPUT` is a `Bad
// argument`, as on a real node), a stray word is `Bad argument`, and the errors and exit statuses
// are iptables' own (checked against the real tool: test/kernel/shell-iptables.test.ts).
// Counters are the node's (sim/netfilter/counters.ts): 0 on a fresh node, grown by the packets of
// connections made from the shell (curl, wget, nc, kubectl exec), as the kernel counts them.
import {IptablesListError, renderList} from '../../sim/iptables/list.js';
import {nodeBaseline} from '../../sim/iptables/node-baseline.js';
import type {Ruleset, TableName} from '../../sim/iptables/rule.js';
import {ctimeDate, renderSave} from '../../sim/iptables/save.js';
import {IPTABLES_TABLES, renderSpec} from '../../sim/iptables/spec.js';
import {fail, ok, type Command, type CommandResult, type ShellContext} from '../types.js';
import {nodeKernel} from '../../sim/conntrack/state.js';
import type {CounterView} from '../../sim/netfilter/counters.js';
import type {CommandEntry} from './index.js';
import {IPTABLES_HELP} from './iptables-help.js';

const VERSION = 'v1.8.9';
type Backend = 'nf_tables' | 'legacy';

function tryHelp(): string {
	return "Try `iptables -h' or 'iptables --help' for more information.";
}

/** xtables_error(PARAMETER_PROBLEM, …): status 2. */
function problem(backend: Backend, message: string): CommandResult {
	return fail(`iptables ${VERSION} (${backend}): ${message}\n${tryHelp()}`, 2);
}

function ruleset(ctx: ShellContext): Ruleset {
	return ctx.cluster.kubeProxy(ctx.node)?.ruleset() ?? nodeBaseline();
}

/** The node's counters for this rule set; undefined while nothing was counted (all 0). */
function counters(ctx: ShellContext, rs: Ruleset): CounterView | undefined {
	return nodeKernel(ctx.cluster, ctx.node).counters.viewOf(rs);
}

/** Options with a required value: short letter → long name. */
const WITH_VALUE: Record<string, string> = {A: 'append', C: 'check', D: 'delete', R: 'replace', I: 'insert', N: 'new-chain', E: 'rename-chain', P: 'policy', t: 'table', p: 'protocol', s: 'source', d: 'destination', j: 'jump', i: 'in-interface', o: 'out-interface', m: 'match', c: 'set-counters', g: 'goto', M: 'modprobe'};
/** Commands whose argument (a chain) is optional. */
const OPTIONAL_VALUE: Record<string, string> = {L: 'list', S: 'list-rules', F: 'flush', Z: 'zero', X: 'delete-chain'};
const FLAGS: Record<string, string> = {n: 'numeric', v: 'verbose', x: 'exact', V: 'version', h: 'help', f: 'fragment', '4': 'ipv4', '6': 'ipv6'};
const LONG_ONLY = ['line-numbers', 'wait', 'wait-interval'];
const COMMANDS = new Set(['A', 'C', 'D', 'R', 'I', 'N', 'E', 'P', 'L', 'S', 'F', 'Z', 'X']);

function longToShort(name: string): string | undefined {
	const all: [string, string][] = [...Object.entries(WITH_VALUE), ...Object.entries(OPTIONAL_VALUE), ...Object.entries(FLAGS)];
	const exact = all.find(([, long]) => long === name) ?? (LONG_ONLY.includes(name) ? [name, name] : undefined);
	if (exact) return exact[0];
	const matches = [...all, ...LONG_ONLY.map((l) => [l, l] as [string, string])].filter(([, long]) => long.startsWith(name));
	return matches.length === 1 ? matches[0]![0] : undefined;
}

interface Parsed {
	command?: string;
	chain?: string;
	ruleNumber?: string;
	table: string;
	flags: Set<string>;
}

function runIptables(ctx: ShellContext, args: readonly string[], backend: Backend): CommandResult {
	const parsed: Parsed = {table: 'filter', flags: new Set()};
	const setCommand = (c: string): CommandResult | undefined => {
		if (parsed.command !== undefined) return problem(backend, `Cannot use -${c} with -${parsed.command}`);
		parsed.command = c;
		return undefined;
	};
	let i = 1;
	/** `-L`'s chain and rule number: the next words, when they do not start with '-' or '!'. */
	const takeFollowing = (attached: string | undefined): CommandResult | undefined => {
		const free = (): boolean => i < args.length && !args[i]!.startsWith('-') && !args[i]!.startsWith('!');
		if (attached !== undefined) parsed.chain = attached;
		else if (free()) parsed.chain = args[i++];
		if (free()) parsed.ruleNumber = args[i++];
		return undefined;
	};
	while (i < args.length) {
		const arg = args[i++]!;
		if (arg.startsWith('--') && arg.length > 2) {
			const eq = arg.indexOf('=');
			const name = arg.slice(2, eq < 0 ? undefined : eq);
			const short = longToShort(name);
			if (short === undefined) return problem(backend, `unknown option "${arg}"`);
			if (short === 'line-numbers') {
				parsed.flags.add('line-numbers');
				continue;
			}
			if (short === 'wait' || short === 'wait-interval') continue;
			const attached = eq < 0 ? undefined : arg.slice(eq + 1);
			const error = option(short, attached, `--${name}`);
			if (error) return error;
			continue;
		}
		if (arg.startsWith('-') && arg.length > 1) {
			for (let j = 1; j < arg.length; j++) {
				const c = arg[j]!;
				const rest = arg.slice(j + 1);
				if (c in WITH_VALUE || c in OPTIONAL_VALUE) {
					const error = option(c, rest === '' ? undefined : rest, `-${c}`);
					if (error) return error;
					break;
				}
				if (!(c in FLAGS)) return problem(backend, `unknown option "${arg.startsWith('-') && j === 1 ? `-${c}` : `-${c}`}"`);
				const error = option(c, undefined, `-${c}`);
				if (error) return error;
			}
			continue;
		}
		return fail(`Bad argument \`${arg}'\n${tryHelp()}`, 2);
	}

	function option(c: string, attached: string | undefined, shown: string): CommandResult | undefined {
		if (c in OPTIONAL_VALUE) {
			const error = setCommand(c);
			if (error) return error;
			return takeFollowing(attached);
		}
		if (c in WITH_VALUE) {
			let value = attached;
			if (value === undefined) {
				if (i >= args.length) return problem(backend, `option "${shown}" requires an argument`);
				value = args[i++]!;
			}
			if (c === 't') {
				parsed.table = value;
				return undefined;
			}
			if (COMMANDS.has(c)) {
				const error = setCommand(c);
				if (error) return error;
				parsed.chain = value;
			}
			return undefined;
		}
		parsed.flags.add(c);
		return undefined;
	}

	if (parsed.flags.has('V')) return ok(`iptables ${VERSION} (${backend})\n`);
	if (parsed.flags.has('h')) return ok(IPTABLES_HELP);
	if (parsed.command === undefined) return problem(backend, 'no command specified');
	if (!(parsed.table in IPTABLES_TABLES)) {
		return fail(`iptables ${VERSION} (${backend}): table '${parsed.table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.`, 3);
	}
	let ruleNumber: number | undefined;
	if (parsed.ruleNumber !== undefined) {
		if (!/^\d+$/.test(parsed.ruleNumber) || Number(parsed.ruleNumber) === 0) return problem(backend, `Invalid rule number \`${parsed.ruleNumber}'`);
		ruleNumber = Number(parsed.ruleNumber);
	}
	if (parsed.command !== 'L' && parsed.command !== 'S') {
		return fail(`svc-tutor: this node's rules are kube-proxy's; the shell reads them (iptables -L, -S, iptables-save) but does not change them (-${parsed.command})`, 1);
	}
	// iptables-legacy sees the legacy tables, which kube-proxy (nf_tables mode) leaves empty.
	const rs = backend === 'legacy' ? {tables: []} : ruleset(ctx);
	const verbose = parsed.flags.has('v');
	const view = backend === 'legacy' ? undefined : counters(ctx, rs);
	try {
		if (parsed.command === 'S') {
			return ok(renderSpec(rs, {table: parsed.table, ...(parsed.chain !== undefined ? {chain: parsed.chain} : {}), ...(ruleNumber !== undefined ? {ruleNumber} : {}), verbose, ...(view ? {counters: view} : {})}));
		}
		return ok(listing(rs, parsed, ruleNumber, view));
	} catch (error) {
		if (error instanceof IptablesListError) return fail(error.message.replace('(nf_tables)', `(${backend})`), error.exitCode);
		throw error;
	}
}

/** `-L`: the printer's listing; with a rule number, that rule's line alone, without headings. */
function listing(rs: Ruleset, parsed: Parsed, ruleNumber: number | undefined, view: CounterView | undefined): string {
	const options = {
		...(view ? {counters: view} : {}),
		numeric: parsed.flags.has('n'),
		verbose: parsed.flags.has('v'),
		exact: parsed.flags.has('x'),
		lineNumbers: parsed.flags.has('line-numbers'),
		...(parsed.chain !== undefined ? {chain: parsed.chain} : {}),
	};
	let text: string;
	if (parsed.table in {filter: 1, nat: 1, mangle: 1}) text = renderList(rs, {...options, table: parsed.table as TableName});
	else {
		// raw and security: their built-in chains, empty (the printer's heading, taken from an empty filter listing).
		const heading = renderList({tables: []}, {...options, table: 'filter', chain: 'INPUT'}).split('\n')[1]!;
		const chains = IPTABLES_TABLES[parsed.table]!.filter((c) => parsed.chain === undefined || c === parsed.chain);
		if (chains.length === 0) throw new IptablesListError(`iptables v1.8.9 (nf_tables): chain \`${parsed.chain}' in table \`${parsed.table}' is incompatible, use 'nft' tool.`);
		text = chains.map((c) => `Chain ${c} (policy ACCEPT${options.verbose ? ' 0 packets, 0 bytes' : ''})\n${heading}\n`).join('\n');
	}
	if (ruleNumber === undefined) return text;
	const line = text.split('\n')[1 + ruleNumber];
	return line === undefined || line === '' ? '' : `${line}\n`;
}

/** iptables-save [-t TABLE] [-c]: the whole rule set, dated by the cluster's clock. */
function runSave(ctx: ShellContext, args: readonly string[], backend: Backend): CommandResult {
	let table: string | undefined;
	let withCounters = false;
	const usage = (message: string): CommandResult => fail(`iptables-save: ${message}\nLook at manual page \`iptables-save.8' for more information.`, 1);
	for (let i = 1; i < args.length; i++) {
		const arg = args[i]!;
		if (arg === '-t' || arg === '--table') {
			table = args[++i];
			if (table === undefined) return usage(`option requires an argument -- 't'`);
		} else if (arg.startsWith('--table=')) table = arg.slice(8);
		else if (arg.startsWith('-t') && !arg.startsWith('--')) table = arg.slice(2);
		else if (arg === '-c' || arg === '--counters') withCounters = true;
		else if (arg === '-V' || arg === '--version') return ok(`iptables-save ${VERSION} (${backend})\n`);
		else if (arg.startsWith('--')) return usage(`unrecognized option '${arg}'`);
		else if (arg.startsWith('-')) return usage(`invalid option -- '${arg[1]}'`);
	}
	if (table !== undefined && !(table in IPTABLES_TABLES)) return fail(`Table \`${table}' does not exist`, 1);
	if (backend === 'legacy') return ok();
	const rs = ruleset(ctx);
	const view = counters(ctx, rs);
	return ok(renderSave(rs, {...(table !== undefined ? {tables: [table as TableName]} : {}), date: ctimeDate(ctx.cluster.clock.now()), ruleCounters: withCounters, ...(view ? {counters: view} : {})}));
}

export const iptables: Command = (ctx, args) => runIptables(ctx, args, 'nf_tables');
export const iptablesLegacy: Command = (ctx, args) => runIptables(ctx, args, 'legacy');
export const iptablesSave: Command = (ctx, args) => runSave(ctx, args, 'nf_tables');
export const iptablesLegacySave: Command = (ctx, args) => runSave(ctx, args, 'legacy');

export const IPTABLES_COMMANDS: [string, CommandEntry][] = [
	['iptables', {run: iptables, path: '/usr/sbin/iptables', summary: 'the node\'s rules: iptables -t nat -L KUBE-SERVICES -n, -S, -v, --line-numbers'}],
	['iptables-nft', {run: iptables, path: '/usr/sbin/iptables-nft', summary: 'iptables (nf_tables backend)'}],
	['iptables-legacy', {run: iptablesLegacy, path: '/usr/sbin/iptables-legacy', summary: 'iptables (legacy backend: empty on this node)'}],
	['iptables-save', {run: iptablesSave, path: '/usr/sbin/iptables-save', summary: 'every rule, as iptables-restore reads them'}],
	['iptables-nft-save', {run: iptablesSave, path: '/usr/sbin/iptables-nft-save', summary: 'iptables-save (nf_tables backend)'}],
	['iptables-legacy-save', {run: iptablesLegacySave, path: '/usr/sbin/iptables-legacy-save', summary: 'iptables-save (legacy backend)'}],
];
