// A small cluster built object by object (so these tests do not move when the scenarios do), and
// a way to run one kubectl line against it as the shell would.
import type {Node} from '../../../src/sim/api/types.js';
import {Cluster} from '../../../src/sim/cluster/cluster.js';
import {kubectl} from '../../../src/shell/kubectl/index.js';
import type {CommandResult, FileSystem, ShellContext} from '../../../src/shell/types.js';

function node(name: string, ip: string, controlPlane: boolean): Node {
	return {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: {name, labels: {'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(controlPlane ? {'node-role.kubernetes.io/control-plane': ''} : {})}},
		spec: {},
		status: {addresses: [{type: 'InternalIP', address: ip}, {type: 'Hostname', address: name}]},
	};
}

/** controlplane and node01; Pods web-1, web-2 (app=web) and db (app=db); Services web (NodePort 30080) and db; one hour later. */
export function testCluster(): Cluster {
	const cluster = new Cluster({seed: 7});
	cluster.create(node('controlplane', '192.168.56.10', true));
	cluster.create(node('node01', '192.168.56.11', false));
	const pod = (name: string, app: string, nodeName: string, port: number): void => {
		cluster.create({
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {name, namespace: 'default', labels: {app}},
			spec: {nodeName, containers: [{name: app, image: app === 'web' ? 'nginx:1.27' : 'mysql:8.4', ports: [{containerPort: port, protocol: 'TCP'}]}]},
			status: {},
		});
	};
	pod('web-1', 'web', 'node01', 80);
	pod('web-2', 'web', 'controlplane', 80);
	pod('db', 'db', 'node01', 3306);
	cluster.create({
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name: 'web', namespace: 'default', labels: {app: 'web'}},
		spec: {type: 'NodePort', clusterIP: '10.96.100.10', selector: {app: 'web'}, ports: [{port: 80, targetPort: 80, nodePort: 30080, protocol: 'TCP'}]},
	});
	cluster.create({
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name: 'db', namespace: 'default'},
		spec: {clusterIP: '10.103.132.104', selector: {app: 'db'}, ports: [{port: 3306}]},
	});
	cluster.clock.advance(3_600_000);
	return cluster;
}

export class MemoryFs implements FileSystem {
	readonly files = new Map<string, string>();
	read(path: string): string | undefined {
		return this.files.get(path);
	}
	write(path: string, text: string): void {
		this.files.set(path, text);
	}
	isDirectory(path: string): boolean {
		return [...this.files.keys()].some((f) => f.startsWith(`${path}/`));
	}
	exists(path: string): boolean {
		return this.files.has(path) || this.isDirectory(path);
	}
	list(): string[] | undefined {
		return undefined;
	}
	remove(path: string): void {
		this.files.delete(path);
	}
	mkdir(): void {}
}

/** Splits a line as bash would for these tests: spaces, and '…' or "…" quoting. */
export function words(line: string): string[] {
	const out: string[] = [];
	let current = '';
	let quote: string | undefined;
	let inWord = false;
	for (const c of line) {
		if (quote) {
			if (c === quote) quote = undefined;
			else current += c;
		} else if (c === "'" || c === '"') {
			quote = c;
			inWord = true;
		} else if (c === ' ') {
			if (inWord) out.push(current);
			current = '';
			inWord = false;
		} else {
			current += c;
			inWord = true;
		}
	}
	if (inWord) out.push(current);
	return out;
}

export function run(cluster: Cluster, line: string, options: {stdin?: string; fs?: FileSystem; node?: string} = {}): CommandResult {
	const ctx: ShellContext = {cluster, node: options.node ?? 'controlplane', fs: options.fs ?? new MemoryFs(), cwd: '/root', env: {}, history: []};
	return kubectl(ctx, words(line), options.stdin ?? '');
}
