// crictl (cri-tools v1.32) against the node's containerd, from the engine's host model: `crictl ps
// [-a]`, `crictl pods`, `crictl logs ID` (kube-proxy's log from the engine), `crictl inspect ID`
// (the status part), `crictl images`. Tables as crictl prints them through Go's tabwriter; ids
// cut to 13 characters; CREATED in go-units' HumanDuration words.
import {podSandboxes, runtimeContainers, type RuntimeContainer} from '../../sim/node-host/containers.js';
import {fail, ok, type Command, type ShellContext} from '../types.js';
import {goTabwriter} from './tabwriter.js';

const ID_LENGTH = 13;

/** docker/go-units HumanDuration, as crictl prints CREATED ("2 hours ago"). */
export function humanDuration(ms: number): string {
	const seconds = Math.floor(ms / 1000);
	if (seconds < 1) return 'Less than a second';
	if (seconds === 1) return '1 second';
	if (seconds < 60) return `${seconds} seconds`;
	const minutes = Math.floor(seconds / 60);
	if (minutes === 1) return 'About a minute';
	if (minutes < 60) return `${minutes} minutes`;
	const hours = Math.round(ms / 3_600_000);
	if (hours === 1) return 'About an hour';
	if (hours < 48) return `${hours} hours`;
	if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
	if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
	if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
	return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

function ago(ctx: ShellContext, date: Date): string {
	return `${humanDuration(ctx.cluster.clock.now().getTime() - date.getTime())} ago`;
}

function stateWord(state: string): string {
	const word = state.replace(/^(CONTAINER|SANDBOX)_/, '').toLowerCase();
	return word === 'notready' ? 'NotReady' : word.charAt(0).toUpperCase() + word.slice(1);
}

/** A container by id or unique id prefix. */
function findContainer(ctx: ShellContext, id: string): RuntimeContainer | undefined {
	const all = runtimeContainers(ctx.cluster, ctx.node, true);
	const matching = all.filter((c) => c.id.startsWith(id));
	return matching.length >= 1 && id.length > 0 ? matching.find((c) => c.state === 'CONTAINER_RUNNING') ?? matching[0] : undefined;
}

function notFound(id: string): ReturnType<typeof fail> {
	return fail(`FATA[0000] rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`);
}

function psTable(ctx: ShellContext, all: boolean, quiet: boolean, nameFilter: string | undefined): string {
	let containers = runtimeContainers(ctx.cluster, ctx.node, all);
	if (nameFilter !== undefined) {
		const re = new RegExp(nameFilter);
		containers = containers.filter((c) => re.test(c.name));
	}
	// Newest first, as crictl sorts by creation time.
	containers = [...containers].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.attempt - a.attempt);
	if (quiet) return containers.map((c) => `${c.id}\n`).join('');
	const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE']];
	for (const c of containers) {
		rows.push([c.id.slice(0, ID_LENGTH), c.imageRef.replace(/^sha256:/, '').slice(0, ID_LENGTH), ago(ctx, c.createdAt), stateWord(c.state), c.name, String(c.attempt), c.podSandboxId.slice(0, ID_LENGTH), c.podName, c.podNamespace]);
	}
	return goTabwriter(rows);
}

function podsTable(ctx: ShellContext, quiet: boolean, nameFilter: string | undefined, namespace: string | undefined): string {
	let pods = [...podSandboxes(ctx.cluster, ctx.node)].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
	if (nameFilter !== undefined) pods = pods.filter((p) => new RegExp(nameFilter).test(p.podName));
	if (namespace !== undefined) pods = pods.filter((p) => p.namespace === namespace);
	if (quiet) return pods.map((p) => `${p.id}\n`).join('');
	const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
	for (const p of pods) rows.push([p.id.slice(0, ID_LENGTH), ago(ctx, p.createdAt), stateWord(p.state), p.podName, p.namespace, String(p.attempt), '(default)']);
	return goTabwriter(rows);
}

function imagesTable(ctx: ShellContext): string {
	const seen = new Map<string, RuntimeContainer>();
	for (const c of runtimeContainers(ctx.cluster, ctx.node, true)) seen.set(c.image, c);
	const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']];
	for (const [image, c] of [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
		const colon = image.lastIndexOf(':');
		const name = colon > image.lastIndexOf('/') ? image.slice(0, colon) : image;
		const tag = colon > image.lastIndexOf('/') ? image.slice(colon + 1) : 'latest';
		const fullName = name.includes('/') && name.split('/')[0]!.includes('.') ? name : `docker.io/${name.includes('/') ? name : `library/${name}`}`;
		rows.push([fullName, tag, c.imageRef.replace(/^sha256:/, '').slice(0, ID_LENGTH), `${20 + (c.imageRef.charCodeAt(10) % 60)}.${c.imageRef.charCodeAt(11) % 10}MB`]);
	}
	return goTabwriter(rows);
}

/** The container's log: kube-proxy's from the engine; other programs' logs are not simulated (empty). */
function containerLog(ctx: ShellContext, container: RuntimeContainer): string {
	if (container.name === 'kube-proxy') {
		const proxy = ctx.cluster.kubeProxy(ctx.node);
		return proxy ? proxy.logLines().map((l) => `${l}\n`).join('') : '';
	}
	return '';
}

function inspect(ctx: ShellContext, c: RuntimeContainer): string {
	const status = {
		status: {
			id: c.id,
			metadata: {attempt: c.attempt, name: c.name},
			state: c.state,
			createdAt: c.createdAt.toISOString().replace('Z', '000000Z'),
			startedAt: c.createdAt.toISOString().replace('Z', '000000Z'),
			finishedAt: c.state === 'CONTAINER_RUNNING' ? '0001-01-01T00:00:00Z' : ctx.cluster.clock.now().toISOString(),
			exitCode: c.exitCode ?? 0,
			image: {annotations: {}, image: c.image, runtimeHandler: '', userSpecifiedImage: ''},
			imageRef: c.imageRef,
			reason: c.state === 'CONTAINER_RUNNING' ? '' : 'Error',
			message: '',
			labels: {
				'io.kubernetes.container.name': c.name,
				'io.kubernetes.pod.name': c.podName,
				'io.kubernetes.pod.namespace': c.podNamespace,
				'io.kubernetes.pod.uid': c.podUID,
			},
			logPath: `/var/log/pods/${c.podNamespace}_${c.podName}_${c.podUID}/${c.name}/${c.attempt}.log`,
		},
		info: {sandboxID: c.podSandboxId, runtimeSpec: {process: {args: c.argv}}},
	};
	return `${JSON.stringify(status, null, 2)}\n`;
}

const USAGE = `NAME:
   crictl - client for CRI

USAGE:
   crictl [global options] command [command options]

COMMANDS (available here):
   images   List images
   inspect  Display the status of one or more containers
   logs     Fetch the logs of a container
   pods     List pods
   ps       List containers
`;

export const crictl: Command = (ctx, args) => {
	const words = args.slice(1).filter((w) => !w.startsWith('--runtime-endpoint') && !w.startsWith('-r='));
	const [command, ...rest] = words;
	const flag = (...names: string[]): boolean => rest.some((w) => names.includes(w));
	const value = (...names: string[]): string | undefined => {
		for (let i = 0; i < rest.length; i++) {
			const w = rest[i]!;
			for (const n of names) {
				if (w === n) return rest[i + 1];
				if (w.startsWith(`${n}=`)) return w.slice(n.length + 1);
			}
		}
		return undefined;
	};
	const operands = rest.filter((w, i) => !w.startsWith('-') && !['--name', '--namespace', '-n', '--tail'].includes(rest[i - 1] ?? ''));
	switch (command) {
		case undefined:
		case 'help':
		case '--help':
		case '-h':
			return ok(USAGE);
		case 'ps':
			return ok(psTable(ctx, flag('-a', '--all'), flag('-q', '--quiet'), value('--name')));
		case 'pods':
			return ok(podsTable(ctx, flag('-q', '--quiet'), value('--name'), value('--namespace', '-n')));
		case 'images':
		case 'img':
			return ok(imagesTable(ctx));
		case 'logs': {
			const id = operands[0];
			if (id === undefined) return fail('FATA[0000] ID cannot be empty');
			const container = findContainer(ctx, id);
			if (!container) return notFound(id);
			let text = containerLog(ctx, container);
			const tail = value('--tail');
			if (tail !== undefined && /^\d+$/.test(tail)) text = text.split('\n').slice(0, -1).slice(-Number(tail)).map((l) => `${l}\n`).join('');
			// klog writes to stderr: crictl logs passes the container's stderr through as stderr.
			return {stdout: '', stderr: text, status: 0};
		}
		case 'inspect': {
			const id = operands[0];
			if (id === undefined) return fail('FATA[0000] ID cannot be empty');
			const container = findContainer(ctx, id);
			if (!container) return notFound(id);
			return ok(inspect(ctx, container));
		}
		default:
			return fail(`FATA[0000] no help topic for '${command}'`);
	}
};
