// coreutils' file commands on the node's file system: cat, ls, mkdir, touch, rm, tee; errors in
// their words (C locale, as the shell's LANG is unset).
import {basename, FileSystemError, resolvePath} from '../fs.js';
import {fail, ok, type Command, type ShellContext} from '../types.js';
import {readInputs} from './input.js';
import {getopt, has, OptionError, tryHelp, type OptionSpec} from './options.js';

function usage(tool: string, error: unknown, status = 1) {
	if (error instanceof OptionError) return fail(`${error.message}\n${tryHelp(tool)}`, status);
	throw error;
}

function showNonprinting(text: string, tabs: boolean): string {
	let out = '';
	for (const byte of Buffer.from(text)) {
		let c = byte;
		let prefix = '';
		if (c >= 128) {
			prefix = 'M-';
			c -= 128;
		}
		if (c === 10 && prefix === '') out += '\n';
		else if (c === 9 && prefix === '' && !tabs) out += '\t';
		else if (c < 32) out += `${prefix}^${String.fromCharCode(c + 64)}`;
		else if (c === 127) out += `${prefix}^?`;
		else out += prefix + String.fromCharCode(c);
	}
	return out;
}

export const cat: Command = (ctx, args, stdin) => {
	let parsed;
	try {
		parsed = getopt('cat', args.slice(1), [
			{key: 'n', short: 'n', long: 'number'},
			{key: 'A', short: 'A', long: 'show-all'},
			{key: 'E', short: 'E', long: 'show-ends'},
			{key: 's', short: 's', long: 'squeeze-blank'},
			{key: 'u', short: 'u'},
			{key: 'v', short: 'v', long: 'show-nonprinting'},
			{key: 'T', short: 'T', long: 'show-tabs'},
		]);
	} catch (error) {
		return usage('cat', error);
	}
	let stdout = '';
	let stderr = '';
	let lineNo = 0;
	for (const input of readInputs(ctx, parsed.operands, stdin)) {
		if ('error' in input) {
			stderr += `cat: ${input.name}: ${input.error.text}\n`;
			continue;
		}
		let text = input.text;
		// -v (and -A): control characters as ^X, DEL as ^?, bytes above 127 as M-…; -T: tabs as ^I; -E: $ at line ends.
		if (has(parsed, 'v') || has(parsed, 'A')) text = showNonprinting(text, has(parsed, 'T') || has(parsed, 'A'));
		else if (has(parsed, 'T')) text = text.replace(/\t/g, '^I');
		if (has(parsed, 'E') || has(parsed, 'A')) text = text.replace(/\n/g, '$\n');
		if (has(parsed, 'n')) text = text.replace(/[^\n]*(\n|$)/g, (line) => (line === '' ? '' : `${String(++lineNo).padStart(6, ' ')}\t${line}`));
		stdout += text;
	}
	return {stdout, stderr, status: stderr === '' ? 0 : 1};
};

const LS_OPTIONS: OptionSpec[] = [
	{key: 'l', short: 'l'},
	{key: 'a', short: 'a', long: 'all'},
	{key: 'A', short: 'A', long: 'almost-all'},
	{key: '1', short: '1'},
	{key: 'd', short: 'd', long: 'directory'},
	{key: 'h', short: 'h', long: 'human-readable'},
	{key: 'F', short: 'F', long: 'classify'},
	{key: 'r', short: 'r', long: 'reverse'},
	{key: 'color', long: 'color', value: 'optional'},
];

/** The date ls prints for everything: the cluster's clock (files here have no times of their own). */
function lsDate(ctx: ShellContext): string {
	const date = ctx.cluster.clock.now();
	const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
	const two = (n: number): string => String(n).padStart(2, '0');
	return `${months[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}`;
}

/** `drwxr-xr-x` from the type and permission bits. */
function modeText(isDir: boolean, mode: number): string {
	let text = isDir ? 'd' : '-';
	for (let shift = 6; shift >= 0; shift -= 3) {
		const bits = (mode >> shift) & 7;
		text += `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${bits & 1 ? 'x' : '-'}`;
	}
	return text;
}

function child(dir: string, name: string): string {
	return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** GNU ls's indent(): pads from one column to another with tabs (tab stops every 8) where a tab fits, then spaces. */
function indent(from: number, to: number): string {
	let out = '';
	for (let at = from; at < to; ) {
		if (Math.floor(to / 8) > Math.floor((at + 1) / 8)) {
			out += '\t';
			at += 8 - (at % 8);
		} else {
			out += ' ';
			at++;
		}
	}
	return out;
}

/** GNU ls's columns for a terminal: as many columns as fit the width, filled top to bottom. */
export function lsColumns(names: readonly string[], width: number): string {
	if (names.length === 0) return '';
	for (let cols = Math.min(names.length, Math.max(1, Math.floor(width / 3))); cols >= 1; cols--) {
		const rows = Math.ceil(names.length / cols);
		const used = Math.ceil(names.length / rows);
		if (used !== cols && cols > 1) continue;
		const widths: number[] = [];
		for (let c = 0; c < cols; c++) widths.push(Math.max(...names.slice(c * rows, (c + 1) * rows).map((n) => n.length)));
		const total = widths.reduce((a, b) => a + b, 0) + 2 * (cols - 1);
		if (total >= width && cols > 1) continue;
		let out = '';
		for (let r = 0; r < rows; r++) {
			let line = '';
			// Display columns: the line may hold tabs.
			let start = 0;
			for (let c = 0; c < cols; c++) {
				const name = names[c * rows + r];
				if (name === undefined) continue;
				const next = names[(c + 1) * rows + r];
				line += name;
				const end = start + widths[c]! + 2;
				if (next !== undefined) line += indent(start + name.length, end);
				start = end;
			}
			out += `${line}\n`;
		}
		return out;
	}
	return names.map((n) => `${n}\n`).join('');
}

export const ls: Command = (ctx, args) => {
	let parsed;
	try {
		parsed = getopt('ls', args.slice(1), LS_OPTIONS);
	} catch (error) {
		return usage('ls', error, 2);
	}
	const long = has(parsed, 'l');
	const all = has(parsed, 'a');
	const almostAll = has(parsed, 'A');
	const one = has(parsed, '1');
	const classify = has(parsed, 'F');
	const reverse = has(parsed, 'r');
	// One name a line when -1, -l, or when the output is not a terminal (a pipe, a file, a script).
	const columns = ctx.terminal?.columns;
	const operands = parsed.operands.length === 0 ? ['.'] : parsed.operands;
	const date = lsDate(ctx);
	let stderr = '';
	let status = 0;
	const files: string[] = [];
	const dirs: string[] = [];
	for (const operand of operands) {
		const path = resolvePath(ctx.cwd, operand, ctx.env.HOME);
		const trailing = operand.endsWith('/') && operand !== '/';
		if (!ctx.fs.exists(path) || (trailing && !ctx.fs.isDirectory(path))) {
			stderr += `ls: cannot access '${operand}': ${ctx.fs.exists(path) ? 'Not a directory' : 'No such file or directory'}\n`;
			status = 2;
		} else if (ctx.fs.isDirectory(path) && !has(parsed, 'd')) dirs.push(operand);
		else files.push(operand);
	}
	const mark = (path: string, name: string): string => (classify && ctx.fs.isDirectory(path) ? `${name}/` : name);
	const longLine = (path: string, name: string): {mode: string; links: number; size: number; name: string} => {
		const isDir = ctx.fs.isDirectory(path);
		const size = isDir ? 4096 : Buffer.byteLength(ctx.fs.read(path) ?? '');
		const links = isDir ? 2 + (ctx.fs.list(path) ?? []).filter((n) => ctx.fs.isDirectory(child(path, n))).length : 1;
		return {mode: modeText(isDir, ctx.fs.mode?.(path) ?? (isDir ? 0o755 : 0o644)), links, size, name: mark(path, name)};
	};
	const render = (rows: {path: string; name: string}[], withTotal: boolean): string => {
		const ordered = reverse ? [...rows].reverse() : rows;
		if (long) {
			const items = ordered.map((r) => longLine(r.path, r.name));
			const linkWidth = Math.max(1, ...items.map((i) => String(i.links).length));
			const sizeWidth = Math.max(1, ...items.map((i) => String(i.size).length));
			const blocks = ordered.reduce((sum, r) => sum + (ctx.fs.isDirectory(r.path) ? 4 : Math.ceil(Buffer.byteLength(ctx.fs.read(r.path) ?? '') / 4096) * 4), 0);
			const body = items.map((i) => `${i.mode} ${String(i.links).padStart(linkWidth)} root root ${String(i.size).padStart(sizeWidth)} ${date} ${i.name}\n`).join('');
			return (withTotal ? `total ${blocks}\n` : '') + body;
		}
		const names = ordered.map((r) => mark(r.path, r.name));
		if (one || columns === undefined) return names.map((n) => `${n}\n`).join('');
		return lsColumns(names, columns);
	};
	const sections: string[] = [];
	if (files.length > 0) sections.push(render(files.sort().map((f) => ({path: resolvePath(ctx.cwd, f, ctx.env.HOME), name: f})), false));
	const titled = operands.length > 1;
	for (const dir of dirs.sort()) {
		const path = resolvePath(ctx.cwd, dir, ctx.env.HOME);
		let names = (ctx.fs.list(path) ?? []).filter((n) => all || almostAll || !n.startsWith('.'));
		if (all) names = ['.', '..', ...names];
		const rows = names.map((name) => ({path: name === '.' ? path : name === '..' ? resolvePath(path, '..') : child(path, name), name}));
		sections.push((titled ? `${dir}:\n` : '') + render(rows, true));
	}
	return {stdout: sections.join('\n'), stderr, status};
};

export const mkdir: Command = (ctx, args) => {
	let parsed;
	try {
		parsed = getopt('mkdir', args.slice(1), [
			{key: 'p', short: 'p', long: 'parents'},
			{key: 'v', short: 'v', long: 'verbose'},
			{key: 'm', short: 'm', long: 'mode', value: 'required'},
		]);
	} catch (error) {
		return usage('mkdir', error);
	}
	if (parsed.operands.length === 0) return fail(`mkdir: missing operand\n${tryHelp('mkdir')}`);
	let stdout = '';
	let stderr = '';
	for (const operand of parsed.operands) {
		const path = resolvePath(ctx.cwd, operand, ctx.env.HOME);
		try {
			const existed = ctx.fs.isDirectory(path);
			ctx.fs.mkdir(path, has(parsed, 'p'));
			if (has(parsed, 'v') && !existed) stdout += `mkdir: created directory '${operand}'\n`;
		} catch (error) {
			if (!(error instanceof FileSystemError)) throw error;
			stderr += `mkdir: cannot create directory '${operand}': ${error.text}\n`;
		}
	}
	return {stdout, stderr, status: stderr === '' ? 0 : 1};
};

export const touch: Command = (ctx, args) => {
	let parsed;
	try {
		parsed = getopt('touch', args.slice(1), [{key: 'c', short: 'c', long: 'no-create'}]);
	} catch (error) {
		return usage('touch', error);
	}
	if (parsed.operands.length === 0) return fail(`touch: missing file operand\n${tryHelp('touch')}`);
	let stderr = '';
	for (const operand of parsed.operands) {
		const path = resolvePath(ctx.cwd, operand, ctx.env.HOME);
		if (ctx.fs.exists(path) || has(parsed, 'c')) continue;
		try {
			ctx.fs.write(path, '');
		} catch (error) {
			if (!(error instanceof FileSystemError)) throw error;
			stderr += `touch: cannot touch '${operand}': ${error.text}\n`;
		}
	}
	return {stdout: '', stderr, status: stderr === '' ? 0 : 1};
};

export const rm: Command = (ctx, args) => {
	let parsed;
	try {
		parsed = getopt('rm', args.slice(1), [
			{key: 'r', short: 'r', long: 'recursive'},
			{key: 'r', short: 'R'},
			{key: 'f', short: 'f', long: 'force'},
			{key: 'v', short: 'v', long: 'verbose'},
			{key: 'd', short: 'd', long: 'dir'},
		]);
	} catch (error) {
		return usage('rm', error);
	}
	const force = has(parsed, 'f');
	if (parsed.operands.length === 0) return force ? ok() : fail(`rm: missing operand\n${tryHelp('rm')}`);
	let stdout = '';
	let stderr = '';
	for (const operand of parsed.operands) {
		const path = resolvePath(ctx.cwd, operand, ctx.env.HOME);
		const fs = ctx.fs as ShellContext['fs'] & {removeTree?: (p: string) => void};
		if (!ctx.fs.exists(path)) {
			if (!force) stderr += `rm: cannot remove '${operand}': No such file or directory\n`;
			continue;
		}
		if (ctx.fs.isDirectory(path)) {
			if (basename(path) === '/' || path === '/') {
				stderr += `rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`;
				continue;
			}
			if (has(parsed, 'r') && fs.removeTree) fs.removeTree(path);
			else if (has(parsed, 'd')) {
				try {
					ctx.fs.remove(path);
				} catch (error) {
					if (!(error instanceof FileSystemError)) throw error;
					stderr += `rm: cannot remove '${operand}': ${error.text}\n`;
					continue;
				}
			} else {
				stderr += `rm: cannot remove '${operand}': Is a directory\n`;
				continue;
			}
		} else ctx.fs.remove(path);
		if (has(parsed, 'v')) stdout += ctx.fs.isDirectory(path) ? '' : `removed '${operand}'\n`;
	}
	return {stdout, stderr, status: stderr === '' ? 0 : 1};
};

export const tee: Command = (ctx, args, stdin) => {
	let parsed;
	try {
		parsed = getopt('tee', args.slice(1), [{key: 'a', short: 'a', long: 'append'}, {key: 'i', short: 'i', long: 'ignore-interrupts'}]);
	} catch (error) {
		return usage('tee', error);
	}
	let stderr = '';
	for (const operand of parsed.operands) {
		const path = resolvePath(ctx.cwd, operand, ctx.env.HOME);
		try {
			const before = has(parsed, 'a') ? (ctx.fs.read(path) ?? '') : '';
			ctx.fs.write(path, before + stdin);
		} catch (error) {
			if (!(error instanceof FileSystemError)) throw error;
			stderr += `tee: ${operand}: ${error.text}\n`;
		}
	}
	return {stdout: stdin, stderr, status: stderr === '' ? 0 : 1};
};

/** The target path of cp/mv: into DST when it is a directory. */
function destination(ctx: ShellContext, source: string, target: string): string {
	const path = resolvePath(ctx.cwd, target, ctx.env.HOME);
	return ctx.fs.isDirectory(path) ? resolvePath(path, basename(resolvePath(ctx.cwd, source, ctx.env.HOME))) : path;
}

function copyOrMove(tool: 'cp' | 'mv', ctx: ShellContext, args: readonly string[]) {
	let parsed;
	try {
		parsed = getopt(tool, args.slice(1), [
			{key: 'f', short: 'f', long: 'force'},
			{key: 'v', short: 'v', long: 'verbose'},
			...(tool === 'cp' ? [{key: 'r', short: 'r', long: 'recursive'}, {key: 'r', short: 'R'}, {key: 'p', short: 'p'}, {key: 'a', short: 'a', long: 'archive'}] : []),
		]);
	} catch (error) {
		return usage(tool, error);
	}
	const operands = parsed.operands;
	if (operands.length === 0) return fail(`${tool}: missing file operand\n${tryHelp(tool)}`);
	if (operands.length === 1) return fail(`${tool}: missing destination file operand after '${operands[0]}'\n${tryHelp(tool)}`);
	const target = operands[operands.length - 1]!;
	const sources = operands.slice(0, -1);
	if (sources.length > 1 && !ctx.fs.isDirectory(resolvePath(ctx.cwd, target, ctx.env.HOME))) return fail(`${tool}: target '${target}': Not a directory`);
	let stderr = '';
	let stdout = '';
	for (const source of sources) {
		const from = resolvePath(ctx.cwd, source, ctx.env.HOME);
		if (!ctx.fs.exists(from)) {
			stderr += `${tool}: cannot stat '${source}': No such file or directory\n`;
			continue;
		}
		if (ctx.fs.isDirectory(from)) {
			stderr += tool === 'cp' ? `cp: -r not specified; omitting directory '${source}'\n` : `mv: cannot move directories in this shell: '${source}'\n`;
			continue;
		}
		const to = destination(ctx, source, target);
		if (to === from) {
			stderr += `${tool}: '${source}' and '${target}' are the same file\n`;
			continue;
		}
		try {
			ctx.fs.write(to, ctx.fs.read(from) ?? '');
			if (tool === 'mv') ctx.fs.remove(from);
			if (has(parsed, 'v')) stdout += tool === 'mv' ? `renamed '${source}' -> '${target}'\n` : `'${source}' -> '${target}'\n`;
		} catch (error) {
			if (!(error instanceof FileSystemError)) throw error;
			stderr += tool === 'cp' ? `cp: cannot create regular file '${target}': ${error.text}\n` : `mv: cannot move '${source}' to '${target}': ${error.text}\n`;
		}
	}
	return {stdout, stderr, status: stderr === '' ? 0 : 1};
}

export const cp: Command = (ctx, args) => copyOrMove('cp', ctx, args);
export const mv: Command = (ctx, args) => copyOrMove('mv', ctx, args);
