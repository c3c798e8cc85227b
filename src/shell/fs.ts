// A node's small file system, in memory: directories and text files, `/dev/null`, and files the
// cluster owns (static Pod manifests, CNI config…), which a HostFiles source supplies and receives
// writes for, so the kubelet can react to an edited manifest. Nothing here touches the real disk.
import type {FileSystem} from './types.js';

export type FileSystemErrorCode = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY' | 'EACCES';

/** The words coreutils and bash print for each error (strerror). */
export const ERROR_TEXT: Record<FileSystemErrorCode, string> = {
	ENOENT: 'No such file or directory',
	EISDIR: 'Is a directory',
	ENOTDIR: 'Not a directory',
	EEXIST: 'File exists',
	ENOTEMPTY: 'Directory not empty',
	EACCES: 'Permission denied',
};

export class FileSystemError extends Error {
	override name = 'FileSystemError';
	constructor(
		readonly code: FileSystemErrorCode,
		readonly path: string,
	) {
		super(`${path}: ${ERROR_TEXT[code]}`);
	}
	/** strerror's text: `No such file or directory`. */
	get text(): string {
		return ERROR_TEXT[this.code];
	}
}

/**
 * Files owned by the cluster (the engine's per-node host model): listed, read and written through
 * it. `write` returns false when the path is not the host's (the file system then keeps it).
 */
export interface HostFiles {
	/** Every file the host has, absolute paths. */
	paths(): readonly string[];
	read(path: string): string | undefined;
	write(path: string, text: string): boolean;
	remove?(path: string): boolean;
	/** Permission bits as `ls -l` shows them (0o644 when not said). */
	mode?(path: string): number | undefined;
	/** Forget anything computed: called before each command line. */
	refresh?(): void;
}

/** Joins and normalises a path against a working directory and home, as bash resolves it. */
export function resolvePath(cwd: string, path: string, home = '/root'): string {
	let full = path;
	if (path === '~' || path.startsWith('~/')) full = home + path.slice(1);
	else if (!path.startsWith('/')) full = `${cwd}/${path}`;
	const parts: string[] = [];
	for (const part of full.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') parts.pop();
		else parts.push(part);
	}
	return `/${parts.join('/')}`;
}

export function dirname(path: string): string {
	const i = path.lastIndexOf('/');
	return i <= 0 ? '/' : path.slice(0, i);
}

export function basename(path: string): string {
	const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
	return trimmed.slice(trimmed.lastIndexOf('/') + 1) || '/';
}

type Entry = {type: 'dir'} | {type: 'file'; text: string};

/** The directories every node has, as on a Debian/Ubuntu kubeadm node. */
const SKELETON = [
	'/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/media', '/mnt', '/opt', '/proc', '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr', '/var',
	'/usr/bin', '/usr/sbin', '/usr/local', '/usr/local/bin', '/usr/lib', '/var/lib', '/var/log', '/etc/kubernetes', '/etc/cni', '/opt/cni',
];

export class VirtualFileSystem implements FileSystem {
	private readonly entries = new Map<string, Entry>();
	/** Host files removed here (`rm`): hidden until written again. */
	private readonly removed = new Set<string>();

	constructor(
		private readonly host?: HostFiles,
		files: Record<string, string> = {},
	) {
		this.entries.set('/', {type: 'dir'});
		for (const dir of SKELETON) this.mkdir(dir, true);
		this.entries.set('/dev/null', {type: 'file', text: ''});
		for (const [path, text] of Object.entries(files)) this.put(path, text);
		for (const path of host?.paths() ?? []) this.mkdir(dirname(path), true);
	}

	/** Writes a file, making its directories: for setting up a node, not for commands. */
	put(path: string, text: string): void {
		this.mkdir(dirname(path), true);
		this.entries.set(path, {type: 'file', text});
	}

	private hostHas(path: string): boolean {
		return this.host !== undefined && !this.removed.has(path) && this.host.read(path) !== undefined;
	}

	/** The host's files may have changed (the cluster moved on): read them afresh. */
	refresh(): void {
		this.host?.refresh?.();
	}

	/** Permission bits, as `ls -l` shows them. */
	mode(path: string): number {
		if (this.isDirectory(path)) return 0o755;
		if (!this.entries.has(path)) return this.host?.mode?.(path) ?? 0o644;
		return 0o644;
	}

	read(path: string): string | undefined {
		if (path === '/dev/null') return '';
		const entry = this.entries.get(path);
		if (entry?.type === 'file') return entry.text;
		if (entry === undefined && !this.removed.has(path)) return this.host?.read(path);
		return undefined;
	}

	/** The file's text, or the error a reader gets (ENOENT, EISDIR). */
	readOrThrow(path: string): string {
		const text = this.read(path);
		if (text !== undefined) return text;
		if (this.isDirectory(path)) throw new FileSystemError('EISDIR', path);
		this.checkParents(path);
		throw new FileSystemError('ENOENT', path);
	}

	write(path: string, text: string): void {
		if (path === '/dev/null') return;
		if (this.isDirectory(path)) throw new FileSystemError('EISDIR', path);
		this.checkParents(path);
		this.removed.delete(path);
		if (this.entries.get(path) === undefined && this.host?.write(path, text) === true) return;
		this.entries.set(path, {type: 'file', text});
	}

	/** ENOENT or ENOTDIR when a directory on the way is missing or a file. */
	private checkParents(path: string): void {
		const parent = dirname(path);
		if (parent === path) return;
		if (this.isDirectory(parent)) return;
		if (this.isFile(parent)) throw new FileSystemError('ENOTDIR', path);
		this.checkParents(parent);
		throw new FileSystemError('ENOENT', path);
	}

	isDirectory(path: string): boolean {
		return this.entries.get(path)?.type === 'dir';
	}

	isFile(path: string): boolean {
		if (path === '/dev/null') return true;
		const entry = this.entries.get(path);
		return entry ? entry.type === 'file' : this.hostHas(path);
	}

	exists(path: string): boolean {
		return this.entries.has(path) || this.hostHas(path);
	}

	list(path: string): string[] | undefined {
		if (!this.isDirectory(path)) return undefined;
		const prefix = path === '/' ? '/' : `${path}/`;
		const names = new Set<string>();
		const add = (p: string): void => {
			if (p.startsWith(prefix) && p.length > prefix.length && !p.slice(prefix.length).includes('/')) names.add(p.slice(prefix.length));
		};
		for (const p of this.entries.keys()) add(p);
		for (const p of this.host?.paths() ?? []) if (!this.removed.has(p)) add(p);
		return [...names].sort(compareNames);
	}

	remove(path: string): void {
		if (!this.exists(path)) throw new FileSystemError('ENOENT', path);
		if (this.isDirectory(path)) {
			if ((this.list(path) ?? []).length > 0) throw new FileSystemError('ENOTEMPTY', path);
			this.entries.delete(path);
			return;
		}
		if (this.entries.delete(path) && !this.hostHas(path)) return;
		this.host?.remove?.(path);
		if (this.host?.read(path) !== undefined) this.removed.add(path);
	}

	/** Removes a directory and everything under it (`rm -r`). */
	removeTree(path: string): void {
		for (const name of this.list(path) ?? []) {
			const child = path === '/' ? `/${name}` : `${path}/${name}`;
			if (this.isDirectory(child)) this.removeTree(child);
			else this.remove(child);
		}
		this.remove(path);
	}

	mkdir(path: string, parents = false): void {
		if (this.isDirectory(path)) {
			if (parents) return;
			throw new FileSystemError('EEXIST', path);
		}
		if (this.isFile(path)) throw new FileSystemError('EEXIST', path);
		const parent = dirname(path);
		if (!this.isDirectory(parent)) {
			if (!parents || this.isFile(parent)) throw new FileSystemError(this.isFile(parent) ? 'ENOTDIR' : 'ENOENT', path);
			this.mkdir(parent, true);
		}
		this.entries.set(path, {type: 'dir'});
	}
}

/** The order `ls` lists names in with LANG unset (the C locale, as in the nodes' root shells here): bytes. */
export function compareNames(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
