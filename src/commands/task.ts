// `svc-tutor task`: the CKA practice tasks for scripts, tests and authors. `list` names them,
// `show` prints one seed's task text, `solution` its reference commands (one per line), and
// `check` runs a script's lines in the shell on that task's fresh cluster and prints each
// requirement with ✔ or ✖ and what was found: exit 0 when all pass, 1 when one fails.
import {needsMoreInput} from '../shell/session.js';
import type {Check, TaskTemplate} from '../tasks/types.js';
import {UsageError, type CommandIO} from './io.js';
import {readSources} from './load-cluster.js';
import {quote} from './quote.js';

export type TaskAction = 'list' | 'show' | 'solution' | 'check';
export const TASK_ACTIONS: readonly TaskAction[] = ['list', 'show', 'solution', 'check'];

export interface TaskArgs {
	action: TaskAction;
	id?: string;
	seed: number;
	script?: string;
	json: boolean;
}

async function template(id: string | undefined): Promise<TaskTemplate> {
	const {findTemplate} = await import('../tasks/templates/index.js');
	if (id === undefined) throw new UsageError('task: give the task id (svc-tutor task list shows them)');
	const found = findTemplate(id);
	if (!found) throw new UsageError(`task: no task ${quote(id)} (svc-tutor task list shows them)`);
	return found;
}

/** The script's lines as a terminal would take them: a line that leaves a quote or here-document open continues on the next. */
export function scriptLines(text: string): string[] {
	const lines: string[] = [];
	let pending: string | undefined;
	for (const line of text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n')) {
		const joined = pending === undefined ? line : `${pending}\n${line}`;
		if (needsMoreInput(joined)) pending = joined;
		else {
			lines.push(joined);
			pending = undefined;
		}
	}
	if (pending !== undefined) lines.push(pending);
	return lines;
}

export function checkLine(check: Check): string {
	return check.pass ? `✔ ${check.requirement}\n` : `✖ ${check.requirement} — ${check.found ?? 'not met'}\n`;
}

export async function runTask(args: TaskArgs, io: CommandIO): Promise<number> {
	if (args.action === 'list') {
		if (args.id !== undefined) throw new UsageError(`task list: unexpected argument ${quote(args.id)}`);
		const {TASK_TEMPLATES} = await import('../tasks/templates/index.js');
		const rows = TASK_TEMPLATES.map((t) => ({id: t.id, group: t.group, title: t.title, version: t.version}));
		if (args.json) {
			io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
			return 0;
		}
		const width = Math.max(...rows.map((r) => r.id.length), 2);
		io.stdout(`${'ID'.padEnd(width)}  GROUP    VERSION  TITLE\n`);
		for (const r of rows) io.stdout(`${r.id.padEnd(width)}  ${r.group.padEnd(7)}  ${r.version.padEnd(7)}  ${r.title}\n`);
		return 0;
	}
	if (args.json) throw new UsageError(`task ${args.action}: --json belongs to task list`);
	const chosen = await template(args.id);
	if (args.action === 'check' && args.script === undefined) throw new UsageError('task check: give the commands to run with --script FILE (- reads standard input)');
	if (args.action !== 'check' && args.script !== undefined) throw new UsageError(`task ${args.action}: --script belongs to task check`);
	const script = args.script === undefined ? undefined : (await readSources([args.script], io))[0]!.text;
	const {startTask, runLines, checkTask} = await import('../tasks/start.js');
	const started = startTask(chosen, args.seed);
	if (args.action === 'show') {
		io.stdout(`${chosen.id} (${chosen.group}, Kubernetes ${chosen.version}, seed ${args.seed})\n\n${started.task.text}\n`);
		return 0;
	}
	if (args.action === 'solution') {
		for (const line of started.task.solution) io.stdout(`${line}\n`);
		return 0;
	}
	runLines(started, scriptLines(script!));
	const checks = checkTask(started);
	for (const check of checks) io.stdout(checkLine(check));
	const passed = checks.filter((c) => c.pass).length;
	io.stdout(`${passed} of ${checks.length} checks passed\n`);
	return passed === checks.length ? 0 : 1;
}
