// The shell's commands by name: where each one lives on a node (for `which` and `type`), and the
// function that runs it. `help`, `which` and `type` read this table, so they are defined here.
import {ok, fail, type Command} from '../types.js';
import {cd, clear, echo, exit, exportCommand, falseCommand, history, hostname, printf, pwd, ssh, trueCommand, whoami} from './builtins.js';
import {cat, cp, ls, mkdir, mv, rm, tee, touch} from './files.js';
import {TEXT_COMMANDS} from './text.js';
import {IPTABLES_COMMANDS} from './iptables.js';
import {kubectl} from '../kubectl/index.js';
import {NODE_COMMANDS} from './node.js';
import {date, env, printenv, sleep, sysctl} from './system.js';

export interface CommandEntry {
	run: Command;
	/** Where the program is on a kubeadm node (Ubuntu), for `which`; undefined when there is none. */
	path?: string;
	/** A bash builtin (`type` says so, and bash runs it rather than the program). */
	builtin?: boolean;
	/** One line for `help`. */
	summary: string;
}

const BIN = '/usr/bin';

const TABLE = new Map<string, CommandEntry>([
	['cd', {run: cd, builtin: true, summary: 'change the working directory'}],
	['pwd', {run: pwd, builtin: true, path: `${BIN}/pwd`, summary: 'print the working directory'}],
	['echo', {run: echo, builtin: true, path: `${BIN}/echo`, summary: 'print its arguments (-n, -e)'}],
	['printf', {run: printf, builtin: true, path: `${BIN}/printf`, summary: 'formatted output: printf \'%s\\n\' WORD'}],
	['export', {run: exportCommand, builtin: true, summary: 'set an environment variable'}],
	['true', {run: trueCommand, builtin: true, path: `${BIN}/true`, summary: 'do nothing, successfully'}],
	['false', {run: falseCommand, builtin: true, path: `${BIN}/false`, summary: 'do nothing, unsuccessfully'}],
	['history', {run: history, builtin: true, summary: 'the commands typed so far'}],
	['exit', {run: exit, builtin: true, summary: 'leave this shell (back from ssh)'}],
	['clear', {run: clear, path: `${BIN}/clear`, summary: 'clear the screen'}],
	['ssh', {run: ssh, path: `${BIN}/ssh`, summary: 'open a shell on another node: ssh node01'}],
	['hostname', {run: hostname, path: `${BIN}/hostname`, summary: "this node's name (-i: its address)"}],
	['whoami', {run: whoami, path: `${BIN}/whoami`, summary: 'the user (root)'}],
	['env', {run: env, path: `${BIN}/env`, summary: 'the environment'}],
	['printenv', {run: printenv, path: `${BIN}/printenv`, summary: 'one variable, or all'}],
	['date', {run: date, path: `${BIN}/date`, summary: "the cluster's clock (UTC)"}],
	['sysctl', {run: sysctl, path: '/usr/sbin/sysctl', summary: 'kernel settings: sysctl net.ipv4.ip_forward'}],
	['sleep', {run: sleep, path: `${BIN}/sleep`, summary: 'returns at once: the simulated clock does not wait'}],
	['cat', {run: cat, path: `${BIN}/cat`, summary: 'print files'}],
	['ls', {run: ls, path: `${BIN}/ls`, summary: 'list a directory (-l -a -1)'}],
	['mkdir', {run: mkdir, path: `${BIN}/mkdir`, summary: 'make directories (-p)'}],
	['touch', {run: touch, path: `${BIN}/touch`, summary: 'create empty files'}],
	['rm', {run: rm, path: `${BIN}/rm`, summary: 'remove files (-r -f)'}],
	['tee', {run: tee, path: `${BIN}/tee`, summary: 'copy stdin to files and stdout (-a)'}],
	['cp', {run: cp, path: `${BIN}/cp`, summary: 'copy a file'}],
	['mv', {run: mv, path: `${BIN}/mv`, summary: 'move or rename a file (a static Pod manifest out of /etc/kubernetes/manifests stops it)'}],
	...TEXT_COMMANDS,
	...IPTABLES_COMMANDS,
	...NODE_COMMANDS,
	['kubectl', {run: kubectl, path: `${BIN}/kubectl`, summary: 'the cluster: kubectl get, describe, …'}],
	// The exam's terminals alias k=kubectl.
	['k', {run: kubectl, summary: 'kubectl (alias k=kubectl)'}],
]);

/** Commands that other families add once they exist (kubectl). */
export function registerCommand(name: string, entry: CommandEntry): void {
	TABLE.set(name, entry);
}

const SYSTEM_DIRS = new Set(['/bin', '/usr/bin', '/sbin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);

/** The command a name (or a path like /usr/bin/grep) runs; undefined when bash would not find it. */
export function lookupCommand(name: string): Command | undefined {
	if (name.includes('/')) {
		const slash = name.lastIndexOf('/');
		const entry = TABLE.get(name.slice(slash + 1));
		return entry?.path !== undefined && SYSTEM_DIRS.has(name.slice(0, slash) || '/') ? entry.run : undefined;
	}
	return TABLE.get(name)?.run;
}

export function commandNames(): string[] {
	return [...TABLE.keys()].sort();
}

export const which: Command = (_ctx, args) => {
	let stdout = '';
	let status = 0;
	for (const name of args.slice(1).filter((a) => !a.startsWith('-'))) {
		const path = TABLE.get(name)?.path;
		if (path === undefined) status = 1;
		else stdout += `${path}\n`;
	}
	return {stdout, stderr: '', status};
};

export const type: Command = (_ctx, args) => {
	let stdout = '';
	let stderr = '';
	for (const name of args.slice(1)) {
		const entry = TABLE.get(name);
		if (name === 'k') stdout += "k is aliased to `kubectl'\n";
		else if (entry === undefined) stderr += `bash: type: ${name}: not found\n`;
		else stdout += entry.builtin === true || entry.path === undefined ? `${name} is a shell builtin\n` : `${name} is ${entry.path}\n`;
	}
	return {stdout, stderr, status: stderr === '' ? 0 : 1};
};

export const help: Command = (_ctx, args) => {
	if (args.length > 1) {
		const entry = TABLE.get(args[1]!);
		return entry ? ok(`${args[1]}: ${entry.summary}\n`) : fail(`bash: help: no help topics match \`${args[1]}'.  Try \`help help' or \`man -k ${args[1]}' or \`info ${args[1]}'.`);
	}
	const width = Math.max(...[...TABLE.keys()].map((n) => n.length));
	const lines = commandNames().map((name) => `  ${name.padEnd(width)}  ${TABLE.get(name)!.summary}\n`);
	return ok(
		'svc-tutor node shell: a simulated kubeadm node. These commands work here, with pipes (|),\n' +
			'&&, ||, ;, quotes, $VAR, $(…), > >> < 2>&1 redirections into the node\'s own files, and\n' +
			'here-documents (cat <<EOF | kubectl apply -f -). ssh node01 opens a shell there; exit comes back.\n\n' +
			lines.join(''),
	);
};

/** Full-screen programs the pane cannot host: a clear way to do the same here instead. */
function fullScreen(what: string, instead: string): Command {
	return (_ctx, args) => fail(`svc-tutor shell: ${args[0]} (${what}) does not run in this shell; ${instead}`, 1);
}

const EDIT_INSTEAD = "change a file with sed -i 's/OLD/NEW/' FILE, or write it with cat <<EOF > FILE … EOF";
for (const editor of ['vi', 'vim', 'nano', 'emacs']) TABLE.set(editor, {run: fullScreen('a full-screen editor', EDIT_INSTEAD), path: `${BIN}/${editor}`, summary: 'not here: use sed -i or cat <<EOF > FILE'});
TABLE.set('watch', {run: fullScreen('a full-screen repeater', 'run the command again (↑ Enter)'), path: `${BIN}/watch`, summary: 'not here: run the command again'});
TABLE.set('top', {run: fullScreen('a full-screen process viewer', 'use ps aux'), path: `${BIN}/top`, summary: 'not here: use ps aux'});
// With its output not a terminal less copies its input; in the pane the output scrolls instead of paging.
TABLE.set('less', {run: (ctx, args, stdin) => cat(ctx, ['cat', ...args.slice(1).filter((a) => !a.startsWith('-'))], stdin), path: `${BIN}/less`, summary: 'shows the file (scroll the pane)'});
TABLE.set('more', {run: (ctx, args, stdin) => cat(ctx, ['cat', ...args.slice(1).filter((a) => !a.startsWith('-'))], stdin), path: `${BIN}/more`, summary: 'shows the file (scroll the pane)'});
/** The exam terminals' one alias; new ones are not kept by this shell. */
const ALIASES: Record<string, string> = {k: 'kubectl'};
const alias: Command = (_ctx, args) => {
	const names = args.slice(1).filter((a) => a !== '-p');
	if (names.length === 0) return ok(Object.entries(ALIASES).map(([k, v]) => `alias ${k}='${v}'\n`).join(''));
	let stdout = '';
	let stderr = '';
	for (const name of names) {
		if (name.includes('=')) stderr += `svc-tutor shell: new aliases are not kept here (${name}); k is kubectl already\n`;
		else if (ALIASES[name] !== undefined) stdout += `alias ${name}='${ALIASES[name]}'\n`;
		else stderr += `bash: alias: ${name}: not found\n`;
	}
	return {stdout, stderr, status: stderr === '' ? 0 : 1};
};
TABLE.set('alias', {run: alias, builtin: true, summary: 'the aliases (k=kubectl)'});
TABLE.set('which', {run: which, path: `${BIN}/which`, summary: 'where a command is'});
TABLE.set('type', {run: type, builtin: true, summary: 'how a name is run'});
TABLE.set('help', {run: help, builtin: true, summary: 'this list'});
