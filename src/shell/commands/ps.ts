// procps-ng's ps (4.0) for the node's processes (the engine's host model): `ps aux` (BSD u format),
// `ps -ef` (UNIX -f), `ps -e`/`-A`, and plain `ps` (this shell's bash and ps). Columns are laid out
// by procps' own show_one_proc algorithm: right-aligned columns pad to their width, a value wider
// than its column pushes the next ones right and later padding absorbs it. PIDs are 7 wide, as
// with Ubuntu's pid_max of 4194304. Output is cut to the terminal's width when it is one, and
// never when piped (so `ps aux | grep kube-apiserver` shows every flag).
import type {HostProcess} from '../../sim/node-host/processes.js';
import {nodeProcesses} from '../../sim/node-host/processes.js';
import {fail, ok, type Command, type ShellContext} from '../types.js';

type Justify = 'left' | 'right' | 'user' | 'unlimited';

export interface Column {
	header: string;
	width: number;
	justify: Justify;
	value: (p: HostProcess, now: Date) => string;
}

const PID_WIDTH = 7;

function two(n: number): string {
	return String(n).padStart(2, '0');
}

/** START/STIME: HH:MM for today, MonDD within the year, else the year. */
function startText(start: Date, now: Date): string {
	const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
	if (now.getTime() - start.getTime() < 24 * 3600 * 1000) return `${two(start.getUTCHours())}:${two(start.getUTCMinutes())}`;
	if (start.getUTCFullYear() === now.getUTCFullYear()) return `${months[start.getUTCMonth()]}${two(start.getUTCDate())}`;
	return String(start.getUTCFullYear());
}

/** TIME in u format: minutes:seconds. */
function cpuTimeShort(seconds: number): string {
	return `${Math.floor(seconds / 60)}:${two(seconds % 60)}`;
}

/** TIME in -f format: [DD-]HH:MM:SS. */
function cpuTimeLong(seconds: number): string {
	const days = Math.floor(seconds / 86400);
	const rest = seconds % 86400;
	const text = `${two(Math.floor(rest / 3600))}:${two(Math.floor((rest % 3600) / 60))}:${two(rest % 60)}`;
	return days > 0 ? `${days}-${text}` : text;
}

/** The program name for plain ps's CMD: the command's first word, its base name, 15 characters. */
function commName(command: string): string {
	if (command.startsWith('[')) return command.slice(1, -1);
	const first = command.split(' ')[0]!.replace(/^-/, '');
	return first.slice(first.lastIndexOf('/') + 1).replace(/:$/, '').slice(0, 15);
}

/** `ps u`'s columns; the PID columns' width follows the kernel's pid_max. */
export function uFormat(pidWidth = PID_WIDTH): Column[] {
	return [
		{header: 'USER', width: 8, justify: 'user', value: (p) => p.user},
		{header: 'PID', width: pidWidth, justify: 'right', value: (p) => String(p.pid)},
		{header: '%CPU', width: 4, justify: 'right', value: (p) => p.cpu.toFixed(1)},
		{header: '%MEM', width: 4, justify: 'right', value: (p) => p.mem.toFixed(1)},
		{header: 'VSZ', width: 6, justify: 'right', value: (p) => String(p.vsz)},
		{header: 'RSS', width: 5, justify: 'right', value: (p) => String(p.rss)},
		{header: 'TTY', width: 8, justify: 'left', value: (p) => p.tty},
		{header: 'STAT', width: 4, justify: 'left', value: (p) => p.stat},
		{header: 'START', width: 5, justify: 'right', value: (p, now) => startText(p.start, now)},
		{header: 'TIME', width: 6, justify: 'right', value: (p) => cpuTimeShort(p.time)},
		{header: 'COMMAND', width: 7, justify: 'unlimited', value: (p) => p.command},
	];
}

/** `ps -f`'s columns. */
export function fFormat(pidWidth = PID_WIDTH): Column[] {
	return [
		{header: 'UID', width: 8, justify: 'user', value: (p) => p.user},
		{header: 'PID', width: pidWidth, justify: 'right', value: (p) => String(p.pid)},
		{header: 'PPID', width: pidWidth, justify: 'right', value: (p) => String(p.ppid)},
		{header: 'C', width: 2, justify: 'right', value: (p) => String(Math.floor(p.cpu))},
		{header: 'STIME', width: 5, justify: 'right', value: (p, now) => startText(p.start, now)},
		{header: 'TTY', width: 8, justify: 'left', value: (p) => p.tty},
		{header: 'TIME', width: 8, justify: 'right', value: (p) => cpuTimeLong(p.time)},
		{header: 'CMD', width: 3, justify: 'unlimited', value: (p) => p.command},
	];
}

const DEFAULT_FORMAT: Column[] = [
	{header: 'PID', width: PID_WIDTH, justify: 'right', value: (p) => String(p.pid)},
	{header: 'TTY', width: 8, justify: 'left', value: (p) => p.tty},
	{header: 'TIME', width: 8, justify: 'right', value: (p) => cpuTimeLong(p.time)},
	{header: 'CMD', width: 3, justify: 'unlimited', value: (p) => commName(p.command)},
];

/** procps' show_one_proc: where each value goes, given where the previous one ended. */
export function layoutRow(columns: readonly Column[], values: readonly string[]): string {
	let correct = 0;
	let actual = 0;
	let dospace = 0;
	let line = '';
	columns.forEach((column, i) => {
		const text = values[i]!;
		// CF_USER pads only with -n (user_is_number), which this ps does not take: users are left-aligned.
		const leftpad = column.justify === 'right' ? Math.max(0, column.width - text.length) : 0;
		let space = correct - actual + leftpad;
		if (space < 1) space = dospace;
		line += ' '.repeat(space) + text;
		actual += space + text.length;
		correct += column.width + 1;
		dospace = 1;
	});
	return line;
}

function render(columns: readonly Column[], processes: readonly HostProcess[], now: Date, width: number | undefined): string {
	const rows = [layoutRow(columns, columns.map((c) => c.header)), ...processes.map((p) => layoutRow(columns, columns.map((c) => c.value(p, now))))];
	return rows.map((row) => `${width === undefined ? row : row.slice(0, width)}\n`).join('');
}

const PS_USAGE = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).`;

/** This shell's bash, and every command of the pipeline ps runs in (ps itself running, the others sleeping). */
function shellProcesses(ctx: ShellContext, all: HostProcess[], psCommand: string): HostProcess[] {
	const now = ctx.cluster.clock.now();
	const base = Math.max(...all.map((p) => p.pid)) + 100;
	const mk = (pid: number, command: string, stat: string): HostProcess => ({user: 'root', pid, ppid: base, cpu: 0, mem: 0.1, vsz: 8600, rss: 5300, tty: 'pts/0', stat, start: now, time: 0, command});
	const pipeline = ctx.pipeline ?? [psCommand];
	return [{...mk(base, '-bash', 'Ss'), ppid: base - 1}, ...pipeline.map((command, i) => mk(base + 57 + i, command, command === psCommand ? 'R+' : 'S+'))];
}

export const ps: Command = (ctx, args) => {
	const words = args.slice(1);
	const processes = nodeProcesses(ctx.cluster, ctx.node);
	const now = ctx.cluster.clock.now();
	const width = ctx.terminal?.columns;
	let format: Column[] | undefined;
	let every = false;
	if (words.length === 0) return ok(render(DEFAULT_FORMAT, shellProcesses(ctx, processes, 'ps'), now, width));
	for (const word of words) {
		if (word.startsWith('--')) return fail(`error: unknown gnu long option\n${PS_USAGE}`);
		if (word.startsWith('-')) {
			for (const c of word.slice(1)) {
				if (c === 'e' || c === 'A') every = true;
				else if (c === 'f' || c === 'F') format = fFormat();
				else if (c === 'w' || c === 'H') continue;
				// `ps -aux` is read as BSD `aux`, as procps does.
				else if (word === '-aux' || word === '-auxw' || word === '-auxww') {
					every = true;
					format = uFormat();
					break;
				} else return fail(`error: unsupported SysV option\n${PS_USAGE}`);
			}
		} else {
			for (const c of word) {
				if (c === 'a' || c === 'x') every = true;
				else if (c === 'u') format = uFormat();
				else if (c === 'w') continue;
				else return fail(`error: unsupported option (BSD syntax)\n${PS_USAGE}`);
			}
		}
	}
	const mine = shellProcesses(ctx, processes, ['ps', ...words].join(' '));
	const shown = every ? [...processes, ...mine] : mine;
	return ok(render(format ?? DEFAULT_FORMAT, shown, now, width));
};
