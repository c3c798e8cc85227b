// bash's own builtins the exam uses (cd, pwd, echo, export, true, false, history, exit) and the
// small node commands that only read the session (hostname, whoami, clear, ssh's host lookup).
import {nodeInterfaces} from '../../sim/node-host/interfaces.js';
import {resolvePath} from '../fs.js';
import {fail, ok, type Command, type CommandResult, type ShellContext, type ShellEffect} from '../types.js';

type Result = CommandResult & {effect?: ShellEffect};

export const cd: Command = (ctx, args) => {
	if (args.length > 2) return fail('bash: cd: too many arguments');
	let target = args[1] ?? ctx.env.HOME ?? '/root';
	let print = false;
	if (target === '-') {
		const old = ctx.env.OLDPWD;
		if (old === undefined) return fail('bash: cd: OLDPWD not set');
		target = old;
		print = true;
	}
	if (target === '') return ok();
	const path = resolvePath(ctx.cwd, target, ctx.env.HOME);
	if (!ctx.fs.isDirectory(path)) return fail(`bash: cd: ${args[1]}: ${ctx.fs.exists(path) ? 'Not a directory' : 'No such file or directory'}`);
	return {...ok(print ? `${path}\n` : ''), effect: {kind: 'cd', cwd: path}};
};

export const pwd: Command = (ctx) => ok(`${ctx.cwd}\n`);

/** bash's echo: -n, -e, -E only when the whole word is made of them; -e's backslash escapes. */
export const echo: Command = (_ctx, args) => {
	let i = 1;
	let newline = true;
	let escapes = false;
	for (; i < args.length; i++) {
		const arg = args[i]!;
		if (!/^-[neE]+$/.test(arg)) break;
		for (const c of arg.slice(1)) {
			if (c === 'n') newline = false;
			else if (c === 'e') escapes = true;
			else escapes = false;
		}
	}
	let text = args.slice(i).join(' ');
	if (escapes) {
		const cut = unescape(text);
		text = cut.text;
		if (cut.stop) return ok(text);
	}
	return ok(newline ? `${text}\n` : text);
};

const SIMPLE_ESCAPES: Record<string, string> = {a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\'};

/** echo -e's escapes; `\c` stops the output there. */
function unescape(text: string): {text: string; stop: boolean} {
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (c !== '\\' || i + 1 >= text.length) {
			out += c;
			continue;
		}
		const n = text[i + 1]!;
		if (n in SIMPLE_ESCAPES) {
			out += SIMPLE_ESCAPES[n];
			i++;
		} else if (n === 'c') return {text: out, stop: true};
		else if (n === '0') {
			const digits = /^[0-7]{0,3}/.exec(text.slice(i + 2))![0];
			out += String.fromCharCode(parseInt(digits || '0', 8));
			i += 1 + digits.length;
		} else if (n === 'x' && /^[0-9a-fA-F]/.test(text[i + 2] ?? '')) {
			const digits = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2))![0];
			out += String.fromCharCode(parseInt(digits, 16));
			i += 1 + digits.length;
		} else out += c;
	}
	return {text: out, stop: false};
}

export const trueCommand: Command = () => ok();
export const falseCommand: Command = () => fail('', 1);

export const exportCommand: Command = (ctx, args) => {
	const names = args.slice(1).filter((a) => a !== '-p');
	if (names.length === 0) {
		const lines = Object.keys(ctx.env)
			.sort()
			.map((name) => `declare -x ${name}="${ctx.env[name]!.replace(/(["\\$`])/g, '\\$1')}"\n`);
		return ok(lines.join(''));
	}
	// `export A=1 B=2`: the effect names the last, and carries the earlier ones in `more`.
	let result: Result = ok();
	let stderr = '';
	for (const word of names) {
		const eq = word.indexOf('=');
		const name = eq < 0 ? word : word.slice(0, eq);
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
			stderr += `bash: export: \`${word}': not a valid identifier\n`;
			continue;
		}
		const value = eq < 0 ? ctx.env[name] : word.slice(eq + 1);
		if (value !== undefined) result = {...ok(), effect: {kind: 'export', name, value, ...exportRest(result.effect)}};
	}
	return stderr === '' ? result : {...result, stderr, status: 1};
};

/** Keeps earlier exports of the same command in `more`. */
function exportRest(effect: ShellEffect | undefined): {more?: {name: string; value: string}[]} {
	if (effect?.kind !== 'export') return {};
	return {more: [...(effect.more ?? []), {name: effect.name, value: effect.value}]};
}

export const history: Command = (ctx, args) => {
	const all = ctx.history;
	const arg = args[1];
	if (arg !== undefined && !/^\d+$/.test(arg)) return fail(`bash: history: ${arg}: numeric argument required`, 1);
	const count = arg === undefined ? all.length : Math.min(Number(arg), all.length);
	const start = all.length - count;
	return ok(all.slice(start).map((line, i) => `${String(start + i + 1).padStart(5, ' ')}  ${line}\n`).join(''));
};

export const exit: Command = (_ctx, args) => {
	const arg = args[1];
	if (arg === undefined) return {...ok(), effect: {kind: 'exit', lastStatus: true}};
	if (!/^[+-]?\d+$/.test(arg)) return {...fail(`bash: exit: ${arg}: numeric argument required`, 2), effect: {kind: 'exit'}};
	if (args.length > 2) return fail('bash: exit: too many arguments', 1);
	return {...ok(), status: ((Number(arg) % 256) + 256) % 256, effect: {kind: 'exit'}};
};

export const clear: Command = () => ({...ok(), effect: {kind: 'clear'}});

export const hostname: Command = (ctx, args) => {
	// -I: every address of every interface but loopback and IPv6 link-local, each followed by a space.
	if (args[1] === '-I' || args[1] === '--all-ip-addresses') {
		const addresses = nodeInterfaces(ctx.cluster, ctx.node)
			.filter((i) => i.linkType !== 'loopback')
			.flatMap((i) => i.addresses.filter((a) => a.scope === 'global').map((a) => a.address));
		return ok(`${addresses.map((a) => `${a} `).join('')}\n`);
	}
	// -i: what the name resolves to, from /etc/hosts (every line naming it).
	if (args[1] === '-i' || args[1] === '--ip-address') {
		const hosts = ctx.fs.read('/etc/hosts') ?? '';
		const addresses = hosts
			.split('\n')
			.map((line) => line.replace(/#.*/, '').trim().split(/\s+/))
			.filter((fields) => fields.slice(1).includes(ctx.node))
			.map((fields) => fields[0]!);
		if (addresses.length === 0) return fail('hostname: Name or service not known');
		return ok(`${addresses.join(' ')}\n`);
	}
	return ok(`${ctx.node}\n`);
};

export const whoami: Command = () => ok('root\n');

/** The node a host name or address names: the node's name, its InternalIP, or localhost. */
export function resolveHost(ctx: ShellContext, host: string): string | undefined {
	if (host === 'localhost' || host === '127.0.0.1') return ctx.node;
	for (const node of ctx.cluster.nodes()) {
		if (node.metadata.name === host) return host;
		if (node.status?.addresses?.some((a) => a.address === host)) return node.metadata.name;
	}
	return undefined;
}

/** `ssh [OPTIONS] [user@]HOST [COMMAND…]`: a shell on another node, or one command run there. */
export const ssh: Command = (ctx, args) => {
	let i = 1;
	// ssh's options that take a value; the rest are flags.
	const withValue = new Set(['-p', '-i', '-l', '-o', '-F', '-J', '-L', '-R', '-D', '-b', '-c', '-E', '-e', '-m', '-O', '-Q', '-S', '-W', '-w', '-B', '-I']);
	for (; i < args.length && args[i]!.startsWith('-'); i++) if (withValue.has(args[i]!)) i++;
	const target = args[i];
	if (target === undefined) {
		return fail(
			'usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]',
			255,
		);
	}
	const host = target.slice(target.indexOf('@') + 1);
	const node = resolveHost(ctx, host);
	if (node === undefined) return fail(`ssh: Could not resolve hostname ${host}: Name or service not known`, 255);
	const command = args.slice(i + 1);
	return {...ok(), effect: {kind: 'ssh', node, ...(command.length > 0 ? {command: command.join(' ')} : {})}};
};

/** printf's backslash escapes, as bytes (so `\xc3\xa9` is é). */
function printfEscapes(text: string, bytes: number[], octalNeedsZero: boolean): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (c !== '\\' || i + 1 >= text.length) {
			bytes.push(...Buffer.from(c));
			continue;
		}
		const n = text[i + 1]!;
		if (n in SIMPLE_ESCAPES) {
			bytes.push(SIMPLE_ESCAPES[n]!.charCodeAt(0));
			i++;
		} else if (n === '"') {
			bytes.push(34);
			i++;
		} else if (n === 'c' && octalNeedsZero) return true;
		else if (n === 'x' && /[0-9a-fA-F]/.test(text[i + 2] ?? '')) {
			const digits = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2))![0];
			bytes.push(parseInt(digits, 16));
			i += 1 + digits.length;
		} else if (/[0-7]/.test(n) && (!octalNeedsZero || n === '0')) {
			const digits = /^[0-7]{1,3}/.exec(text.slice(i + (octalNeedsZero ? 2 : 1)))?.[0] ?? '';
			bytes.push(parseInt(digits || '0', 8) & 255);
			i += (octalNeedsZero ? 1 : 0) + digits.length;
		} else bytes.push(92);
	}
	return false;
}

/** bash's printf builtin: %s %b %d %i %u %x %X %o %c %f %e %g %%, flags, width, precision; the format repeats for extra arguments. */
export const printf: Command = (_ctx, args) => {
	const format = args[1];
	if (format === undefined) return fail('printf: usage: printf [-v var] format [arguments]', 2);
	const values = args.slice(2);
	const bytes: number[] = [];
	let used = 0;
	let stderr = '';
	let status = 0;
	do {
		const start = used;
		const re = /%([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([sbdiuxXocfeEgG%])|([^%]+)|%/g;
		for (let m = re.exec(format); m; m = re.exec(format)) {
			if (m[5] !== undefined) {
				if (printfEscapes(m[5], bytes, false)) break;
				continue;
			}
			const conv = m[4];
			if (conv === undefined) {
				bytes.push(37);
				continue;
			}
			if (conv === '%') {
				bytes.push(37);
				continue;
			}
			const flags = m[1] ?? '';
			const width = m[2] === undefined ? 0 : m[2] === '*' ? Number(values[used++] ?? 0) : Number(m[2]);
			const precision = m[3] === undefined ? undefined : Number(m[3]);
			const arg = values[used++];
			let text: string;
			if (conv === 's') text = (arg ?? '').slice(0, precision);
			else if (conv === 'b') {
				const b: number[] = [];
				printfEscapes(arg ?? '', b, true);
				text = Buffer.from(b).toString('utf8');
			} else if (conv === 'c') text = (arg ?? '').slice(0, 1);
			else {
				let n = 0;
				const raw = arg ?? '0';
				if (/^[+-]?\d+$/.test(raw)) n = Number(raw);
				else if (/^[+-]?0x[0-9a-f]+$/i.test(raw)) n = Number(raw);
				else if (/^'./.test(raw) || /^"./.test(raw)) n = raw.codePointAt(1)!;
				else if (/^[+-]?\d*\.\d+$/.test(raw) && 'feEgG'.includes(conv)) n = Number(raw);
				else {
					stderr += `bash: printf: ${raw}: invalid number\n`;
					status = 1;
				}
				if ('di'.includes(conv)) text = String(Math.trunc(n));
				else if (conv === 'u') text = String(Math.trunc(n) >>> 0);
				else if (conv === 'x' || conv === 'X') text = (Math.trunc(n) >>> 0).toString(16)[conv === 'X' ? 'toUpperCase' : 'toLowerCase']();
				else if (conv === 'o') text = (Math.trunc(n) >>> 0).toString(8);
				else if (conv === 'f') text = n.toFixed(precision ?? 6);
				else if (conv === 'e' || conv === 'E') {
					text = n.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
					if (conv === 'E') text = text.toUpperCase();
				} else text = String(Number(n.toPrecision(precision ?? 6)));
				if (precision !== undefined && 'diuxXo'.includes(conv)) text = text.padStart(precision, '0');
				if (flags.includes('+') && 'dif'.includes(conv) && n >= 0) text = `+${text}`;
			}
			if (text.length < width) text = flags.includes('-') ? text.padEnd(width) : flags.includes('0') && !'sbc'.includes(conv) ? text.padStart(width, '0') : text.padStart(width);
			bytes.push(...Buffer.from(text));
		}
		if (used === start) break;
	} while (used < values.length);
	return {stdout: Buffer.from(bytes).toString('utf8'), stderr, status};
};
