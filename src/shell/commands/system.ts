// Small system commands: env, printenv, date (the cluster's clock, UTC), sleep (returns at once:
// the simulated clock does not wait), sysctl (reads /proc/sys).
import {fail, ok, type Command} from '../types.js';

export const env: Command = (ctx, args) => {
	if (args.length > 1) return fail(`env: running a command through env is not supported here: '${args[1]}'`, 125);
	return ok(Object.entries(ctx.env).map(([k, v]) => `${k}=${v}\n`).join(''));
};

export const printenv: Command = (ctx, args) => {
	if (args.length === 1) return env(ctx, ['env'], '');
	let out = '';
	let status = 0;
	for (const name of args.slice(1)) {
		const value = ctx.env[name];
		if (value === undefined) status = 1;
		else out += `${value}\n`;
	}
	return {stdout: out, stderr: '', status};
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** GNU date's default format in the C locale: `Tue Dec  8 05:00:58 UTC 2026`. */
export function dateText(date: Date): string {
	const two = (n: number): string => String(n).padStart(2, '0');
	return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

export const date: Command = (ctx, args) => {
	const now = ctx.cluster.clock.now();
	const format = args.slice(1).find((a) => a.startsWith('+'));
	if (format === undefined) return ok(`${dateText(now)}\n`);
	const two = (n: number): string => String(n).padStart(2, '0');
	const fields: Record<string, string> = {
		Y: String(now.getUTCFullYear()),
		m: two(now.getUTCMonth() + 1),
		d: two(now.getUTCDate()),
		H: two(now.getUTCHours()),
		M: two(now.getUTCMinutes()),
		S: two(now.getUTCSeconds()),
		s: String(Math.floor(now.getTime() / 1000)),
		F: `${now.getUTCFullYear()}-${two(now.getUTCMonth() + 1)}-${two(now.getUTCDate())}`,
		T: `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`,
		Z: 'UTC',
		'%': '%',
	};
	return ok(`${format.slice(1).replace(/%(.)/g, (whole, c: string) => fields[c] ?? whole)}\n`);
};

export const sleep: Command = (_ctx, args) => {
	if (args.length < 2) return fail("sleep: missing operand\nTry 'sleep --help' for more information.");
	const bad = args.slice(1).find((a) => !/^\d+(\.\d+)?[smhd]?$/.test(a));
	if (bad !== undefined) return fail(`sleep: invalid time interval '${bad}'\nTry 'sleep --help' for more information.`);
	return ok();
};

/** `sysctl NAME…` and `sysctl -n NAME`: the value under /proc/sys (dots are slashes); setting one is refused here. */
export const sysctl: Command = (ctx, args) => {
	const valueOnly = args.includes('-n');
	let stdout = '';
	let stderr = '';
	for (const name of args.slice(1).filter((a) => !a.startsWith('-'))) {
		if (name.includes('=')) {
			stderr += `svc-tutor shell: sysctl: the node's kernel settings are fixed here (${name})\n`;
			continue;
		}
		const path = `/proc/sys/${name.replace(/\./g, '/')}`;
		const value = ctx.fs.read(path);
		if (value === undefined) stderr += `sysctl: cannot stat ${path}: No such file or directory\n`;
		else stdout += valueOnly ? value : `${name} = ${value}`;
	}
	return {stdout, stderr, status: stderr === '' ? 0 : 1};
};
