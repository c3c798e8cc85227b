// systemd on the node, for the kubelet: `systemctl status kubelet` (systemd 249 as on Ubuntu 22.04)
// and `journalctl -u kubelet` (what the kubelet logged about its static Pods, from the engine's
// host model, each klog line behind the journal's `Mon DD HH:MM:SS node kubelet[PID]:` prefix).
// Other units are containerd and the node's own daemons; anything else is not found.
import {nodeProcesses, type HostProcess} from '../../sim/node-host/processes.js';
import {fail, ok, type Command, type ShellContext} from '../types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function two(n: number): string {
	return String(n).padStart(2, '0');
}

interface Unit {
	name: string;
	description: string;
	/** The unit file and its drop-ins, as systemctl status shows them. */
	file: string;
	dropIn?: {dir: string; files: string[]};
	docs: string;
	/** The process the unit runs (matched in the node's process list). */
	process: (p: HostProcess) => boolean;
	program: string;
}

const UNITS: Unit[] = [
	{
		name: 'kubelet.service',
		description: 'kubelet: The Kubernetes Node Agent',
		file: '/lib/systemd/system/kubelet.service',
		dropIn: {dir: '/usr/lib/systemd/system/kubelet.service.d', files: ['10-kubeadm.conf']},
		docs: 'https://kubernetes.io/docs/',
		process: (p) => p.command.startsWith('/usr/bin/kubelet '),
		program: 'kubelet',
	},
	{
		name: 'containerd.service',
		description: 'containerd container runtime',
		file: '/lib/systemd/system/containerd.service',
		docs: 'https://containerd.io',
		process: (p) => p.command === '/usr/bin/containerd',
		program: 'containerd',
	},
];

function findUnit(name: string): Unit | undefined {
	const full = name.includes('.') ? name : `${name}.service`;
	return UNITS.find((u) => u.name === full);
}

/** `Tue 2026-12-08 04:00:00 UTC`. */
function longDate(date: Date): string {
	return `${DAYS[date.getUTCDay()]} ${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC`;
}

/** systemd's timespan: `51min ago`, `2h 3min ago`, `1 day 2h ago`. */
function since(ms: number): string {
	const minutes = Math.floor(ms / 60000);
	if (minutes < 1) return `${Math.floor(ms / 1000)}s ago`;
	if (minutes < 60) return `${minutes}min ago`;
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return `${hours}h ${minutes % 60}min ago`;
	const days = Math.floor(hours / 24);
	return `${days} ${days === 1 ? 'day' : 'days'} ${hours % 24}h ago`;
}

/** The journal's prefix: `Dec 08 04:38:00 controlplane kubelet[742]: `. */
function journalPrefix(date: Date, node: string, program: string, pid: number): string {
	return `${MONTHS[date.getUTCMonth()]} ${two(date.getUTCDate())} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} ${node} ${program}[${pid}]: `;
}

/** The unit's journal: systemd's start line, then (for the kubelet) its klog lines. */
function journal(ctx: ShellContext, unit: Unit, process: HostProcess | undefined): string[] {
	const lines: string[] = [];
	if (process) lines.push(`${journalPrefix(process.start, ctx.node, 'systemd', 1)}Started ${unit.description}.`);
	if (unit.name === 'kubelet.service' && process) {
		const year = ctx.cluster.clock.now().getUTCFullYear();
		for (const line of ctx.cluster.hosts?.kubeletLog(ctx.node) ?? []) {
			// klog: Lmmdd hh:mm:ss.uuuuuu; the journal stamps the same second.
			const m = /^[IWEF](\d\d)(\d\d) (\d\d):(\d\d):(\d\d)/.exec(line);
			const date = m ? new Date(Date.UTC(year, Number(m[1]) - 1, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]))) : ctx.cluster.clock.now();
			lines.push(`${journalPrefix(date, ctx.node, unit.program, process.pid)}${line}`);
		}
	}
	return lines;
}

export const systemctl: Command = (ctx, args) => {
	const words = args.slice(1).filter((w) => !w.startsWith('-'));
	const [verb, ...names] = words;
	if (verb === undefined) return fail('systemctl: listing every unit is not supported here; try systemctl status kubelet');
	const processes = nodeProcesses(ctx.cluster, ctx.node);
	if (['start', 'stop', 'restart', 'reload', 'enable', 'disable', 'daemon-reload'].includes(verb)) {
		for (const name of names) if (!findUnit(name)) return fail(`Failed to ${verb} ${name.includes('.') ? name : `${name}.service`}: Unit ${name.includes('.') ? name : `${name}.service`} not found.`, 5);
		return ok();
	}
	if (verb === 'is-active' || verb === 'is-enabled') {
		let out = '';
		let status = 0;
		for (const name of names) {
			const unit = findUnit(name);
			if (!unit) {
				out += verb === 'is-active' ? 'inactive\n' : '';
				status = verb === 'is-active' ? 3 : 1;
				if (verb === 'is-enabled') return fail(`Failed to get unit file state for ${name.includes('.') ? name : `${name}.service`}: No such file or directory`, 1);
				continue;
			}
			out += verb === 'is-active' ? 'active\n' : 'enabled\n';
		}
		return {stdout: out, stderr: '', status};
	}
	if (verb !== 'status') return fail(`Unknown command verb ${verb}.`, 1);
	let out = '';
	let stderr = '';
	let status = 0;
	for (const name of names.length > 0 ? names : ['kubelet']) {
		const unit = findUnit(name);
		if (!unit) {
			stderr += `Unit ${name.includes('.') ? name : `${name}.service`} could not be found.\n`;
			status = 4;
			continue;
		}
		const process = processes.find(unit.process);
		const now = ctx.cluster.clock.now();
		if (out !== '') out += '\n';
		out += `● ${unit.name} - ${unit.description}\n`;
		out += `     Loaded: loaded (${unit.file}; enabled; vendor preset: enabled)\n`;
		if (unit.dropIn) {
			out += `    Drop-In: ${unit.dropIn.dir}\n`;
			out += unit.dropIn.files.map((f) => `             └─${f}\n`).join('');
		}
		if (process) {
			out += `     Active: active (running) since ${longDate(process.start)}; ${since(now.getTime() - process.start.getTime())}\n`;
			out += `       Docs: ${unit.docs}\n`;
			out += `   Main PID: ${process.pid} (${unit.program})\n`;
			out += `     CGroup: /system.slice/${unit.name}\n`;
			out += `             └─${process.pid} ${process.command}\n`;
		} else {
			out += '     Active: inactive (dead)\n';
			out += `       Docs: ${unit.docs}\n`;
			status = 3;
		}
		const lines = journal(ctx, unit, process).slice(-10);
		if (lines.length > 0) out += `\n${lines.join('\n')}\n`;
	}
	return {stdout: out, stderr, status};
};

export const journalctl: Command = (ctx, args) => {
	let unitName: string | undefined;
	let count: number | undefined;
	for (let i = 1; i < args.length; i++) {
		const w = args[i]!;
		if (w === '-u' || w === '--unit') unitName = args[++i];
		else if (w.startsWith('--unit=')) unitName = w.slice(7);
		else if (w.startsWith('-u') && w.length > 2) unitName = w.slice(2);
		else if (w === '-n' || w === '--lines') count = Number(args[++i]);
		else if (w.startsWith('-n') && /^-n\d+$/.test(w)) count = Number(w.slice(2));
		else if (w.startsWith('--lines=')) count = Number(w.slice(8));
		// --no-pager, -f (the shell prints what there is and returns), -l, -x, -e: nothing to change here.
	}
	if (unitName === undefined) return fail('journalctl: the whole journal is not kept here; try journalctl -u kubelet');
	const unit = findUnit(unitName);
	if (!unit) return ok('-- No entries --\n');
	const process = nodeProcesses(ctx.cluster, ctx.node).find(unit.process);
	let lines = journal(ctx, unit, process);
	if (count !== undefined && Number.isFinite(count)) lines = lines.slice(-count);
	return ok(lines.length === 0 ? '-- No entries --\n' : lines.map((l) => `${l}\n`).join(''));
};
