// kubectl exec POD -- COMMAND: the few commands CKA tasks run inside a Pod, in that Pod's network
// view. Names resolve as CoreDNS answers them from the Pod's search path; connections go through
// the engine's tracer on the Pod's node, so they land on the endpoint the rules pick or fail as
// the rules make them fail (REJECT: refused at once; DROP: a timeout).
import type {Pod} from '../../sim/api/types.js';
import type {Cluster} from '../../sim/cluster/cluster.js';
import {connect as connectFrom, curlRequestBytes, HTTP_RESPONSE_BYTES, type Exchange} from '../../sim/conntrack/connect.js';
import {DEFAULT_NAMESPACE} from '../../sim/api/types.js';
import type {ShellContext} from '../types.js';
import {podInterfaces, podResolvConf, podRoutes} from '../../sim/node-host/interfaces.js';
import {addressLines, headLine, linkLine, routeLine} from '../commands/ip.js';
import {clusterDNS, resolve, reverseName} from './dns.js';
import {KubectlError} from './errors.js';
import {flagValue, GLOBAL_FLAGS, parseFlags} from './flags.js';
import {namespaceOf, type VerbResult} from './verb.js';

const EXEC_FLAGS = [
	...GLOBAL_FLAGS,
	{name: 'container', short: 'c', type: 'string' as const},
	{name: 'stdin', short: 'i', type: 'bool' as const},
	{name: 'tty', short: 't', type: 'bool' as const},
	{name: 'quiet', short: 'q', type: 'bool' as const},
	{name: 'pod-running-timeout', type: 'string' as const},
	{name: 'filename', short: 'f', type: 'strings' as const},
];

const USAGE = "See 'kubectl exec -h' for help and examples\n";

export function exec(ctx: ShellContext, tokens: readonly string[]): VerbResult {
	const line = parseFlags(tokens, EXEC_FLAGS);
	const [target, ...extra] = line.args;
	if (target === undefined) throw new KubectlError(`error: pod, type/name or --filename must be specified\n`);
	if (extra.length > 0) throw new KubectlError(`error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n${USAGE}`);
	const command = line.afterDash ?? [];
	if (command.length === 0) throw new KubectlError('error: you must specify at least one command for the container\n');
	const namespace = namespaceOf(line);
	const name = target.startsWith('pod/') || target.startsWith('pods/') || target.startsWith('po/') ? target.slice(target.indexOf('/') + 1) : target;
	const pod = ctx.cluster.api.get('Pod', name, namespace);
	if (!pod) return {stdout: '', stderr: `Error from server (NotFound): pods "${name}" not found\n`, status: 1};
	const container = flagValue(line, 'container') ?? pod.spec.containers[0]?.name ?? '';
	const spec = pod.spec.containers.find((c) => c.name === container);
	if (!spec) return {stdout: '', stderr: `error: unable to upgrade connection: container not found ("${container}")\n`, status: 1};
	if (pod.status.phase !== 'Running') {
		return {stdout: '', stderr: `error: unable to upgrade connection: container not found ("${container}")\n`, status: 1};
	}
	return runInContainer(ctx.cluster, pod, spec.image, command);
}

/** Interactive shells: this shell runs one command in a Pod at a time. */
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', '/bin/sh', '/bin/bash']);

/** One command in a running container, as the engine models what the image can do. */
export function runInContainer(cluster: Cluster, pod: Pod, image: string, command: readonly string[]): VerbResult {
	const tools = toolsOf(image);
	const program = command[0]!;
	if (SHELLS.has(program) && (tools.has('nslookup') || tools.has('curl') || tools.has('cat'))) {
		return {
			stdout: '',
			stderr: `error: an interactive shell inside a Pod is not available here: run one command at a time, e.g. kubectl exec ${pod.metadata.name} -- cat /etc/resolv.conf\n`,
			status: 1,
		};
	}
	const run = PROGRAMS[program];
	if (!run || !tools.has(program)) {
		return {
			stdout: '',
			stderr: `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown\n`,
			status: 1,
		};
	}
	return run({cluster, pod, image}, command.slice(1));
}

interface InPod {
	cluster: Cluster;
	pod: Pod;
	image: string;
}

type Program = (p: InPod, args: string[]) => VerbResult;

/**
 * What an image has on its PATH: busybox's applets; curl in the images known to ship it (nginx's
 * Debian base, curlimages/curl, netshoot); nothing at all in the distroless control-plane and
 * CoreDNS images; a shell's basics elsewhere.
 */
function toolsOf(image: string): Set<string> {
	const base = ['cat', 'hostname', 'echo', 'env'];
	if (/(^|\/)busybox(:|$)/.test(image)) return new Set([...base, 'nslookup', 'wget', 'nc', 'ip']);
	if (/(^|\/)(netshoot|dnsutils|jessie-dnsutils)(:|$)/.test(image)) return new Set([...base, 'curl', 'nslookup', 'nc', 'wget', 'ip']);
	if (/(^|\/)(curl|nginx|httpd|ubuntu|debian)(:|$)/.test(image)) return new Set([...base, 'curl']);
	if (/^registry\.k8s\.io\/(etcd|kube-apiserver|kube-controller-manager|kube-scheduler|coredns\/coredns):/.test(image)) return new Set();
	return new Set(base);
}

/** Names resolve through CoreDNS only for Pods whose resolv.conf points at it (not hostNetwork ones, unless ClusterFirstWithHostNet). */
function lookup(p: InPod, name: string): ReturnType<typeof resolve> {
	const policy = p.pod.spec.dnsPolicy ?? 'ClusterFirst';
	const clusterDNS = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !p.pod.spec.hostNetwork);
	if (!clusterDNS) return /^\d+\.\d+\.\d+\.\d+$/.test(name) ? {fqdn: name, addresses: [name]} : undefined;
	return resolve(p.cluster, name, p.pod.metadata.namespace ?? 'default');
}

const ok = (stdout: string): VerbResult => ({stdout, stderr: '', status: 0});

const PROGRAMS: Record<string, Program> = {
	cat: (p, args) => {
		let stdout = '';
		for (const file of args) {
			if (file === '/etc/resolv.conf') stdout += podResolvConf(p.cluster, p.pod);
			else if (file === '/etc/hostname') stdout += `${p.pod.metadata.name}\n`;
			else if (file === '/etc/hosts') stdout += podHosts(p.pod);
			else return {stdout, stderr: `cat: can't open '${file}': No such file or directory\n`, status: 1};
		}
		return ok(stdout);
	},
	hostname: (p) => ok(`${p.pod.metadata.name}\n`),
	// iproute2's layout (the node's `ip` formatters), over the Pod's own namespace: lo and eth0, flannel's routes.
	ip: (p, args) => {
		const [object = '', ...rest] = args.filter((a) => !a.startsWith('-'));
		if ('address'.startsWith(object) || object === 'a') {
			const device = rest[0] === 'show' ? rest[1] : rest[0] === 'dev' ? rest[1] : undefined;
			const interfaces = podInterfaces(p.cluster, p.pod).filter((i) => device === undefined || i.name === device);
			if (device !== undefined && interfaces.length === 0) return {stdout: '', stderr: `ip: can't find device '${device}'\n`, status: 1};
			return ok(interfaces.map((i) => headLine(i, false) + linkLine(i) + i.addresses.map((a) => addressLines(i, a)).join('')).join(''));
		}
		if ('route'.startsWith(object) || object === 'r') return ok(podRoutes(p.cluster, p.pod).map(routeLine).join(''));
		if ('link'.startsWith(object) || object === 'l') return ok(podInterfaces(p.cluster, p.pod).map((i) => headLine(i, true) + linkLine(i)).join(''));
		return {stdout: '', stderr: `ip: unknown command "${object}"\n`, status: 1};
	},
	echo: (_p, args) => ok(`${args.join(' ')}\n`),
	env: (p) => ok(`PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=${p.pod.metadata.name}\nHOME=/root\n`),
	nslookup: (p, args) => {
		const name = args.find((a) => !a.startsWith('-'));
		if (name === undefined) return {stdout: '', stderr: 'BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server\n', status: 1};
		const dns = clusterDNS(p.cluster) ?? '10.96.0.10';
		let out = `Server:    ${dns}\nAddress 1: ${dns} kube-dns.kube-system.svc.cluster.local\n\n`;
		const answer = lookup(p, name);
		if (!answer) return {stdout: out, stderr: `nslookup: can't resolve '${name}'\n`, status: 1};
		out += `Name:      ${name}\n`;
		answer.addresses.forEach((ip, i) => {
			const ptr = reverseName(p.cluster, ip);
			out += `Address ${i + 1}: ${ip}${ptr ? ` ${ptr}` : ''}\n`;
		});
		return ok(out);
	},
	curl: (p, args) => {
		const url = args.find((a) => !a.startsWith('-'));
		if (url === undefined) return {stdout: '', stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n", status: 2};
		const m = /^(?:https?:\/\/)?([^/:]+)(?::(\d+))?/.exec(url);
		const host = m?.[1] ?? url;
		const port = Number(m?.[2] ?? (url.startsWith('https://') ? 443 : 80));
		const answer = lookup(p, host);
		if (!answer) return {stdout: '', stderr: `curl: (6) Could not resolve host: ${host}\n`, status: 6};
		const ip = answer.addresses[0]!;
		const result = connect(p, ip, port, {kind: 'http', requestBytes: curlRequestBytes(m?.[2] ? `${host}:${port}` : host), responseBytes: HTTP_RESPONSE_BYTES});
		if (result.kind === 'refused') return {stdout: '', stderr: `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server\n`, status: 7};
		if (result.kind === 'timeout') return {stdout: '', stderr: `curl: (28) Failed to connect to ${host} port ${port} after 130 s: Connection timed out\n`, status: 28};
		return {stdout: '', stderr: note(result), status: 0};
	},
	wget: (p, args) => {
		const url = args.find((a) => !a.startsWith('-') && a !== '-');
		if (url === undefined) return {stdout: '', stderr: 'BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: wget [-c|--continue] [--spider] [-q|--quiet] [-O|--output-document FILE]\n', status: 1};
		const m = /^(?:https?:\/\/)?([^/:]+)(?::(\d+))?/.exec(url);
		const host = m?.[1] ?? url;
		const port = Number(m?.[2] ?? 80);
		const answer = lookup(p, host);
		if (!answer) return {stdout: '', stderr: `wget: bad address '${host}${m?.[2] ? `:${port}` : ''}'\n`, status: 1};
		const ip = answer.addresses[0]!;
		const quiet = args.some((a) => a === '--quiet' || (/^-[^-]/.test(a) && a.slice(1).split('O')[0]!.includes('q')));
		const connecting = quiet ? '' : `Connecting to ${host}${m?.[2] ? `:${port}` : ''} (${ip}:${port})\n`;
		const result = connect(p, ip, port, {kind: 'http', requestBytes: busyboxWgetRequestBytes(m?.[2] ? `${host}:${port}` : host), responseBytes: HTTP_RESPONSE_BYTES});
		if (result.kind === 'refused') return {stdout: '', stderr: `${connecting}wget: can't connect to remote host (${ip}): Connection refused\n`, status: 1};
		if (result.kind === 'timeout') return {stdout: '', stderr: `${connecting}wget: can't connect to remote host (${ip}): Connection timed out\n`, status: 1};
		return {stdout: '', stderr: `${connecting}${note(result)}`, status: 0};
	},
	nc: (p, args) => {
		const positional = args.filter((a) => !a.startsWith('-'));
		const [host, portText] = positional;
		if (host === undefined || portText === undefined) return {stdout: '', stderr: 'BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\n', status: 1};
		const answer = lookup(p, host);
		if (!answer) return {stdout: '', stderr: `nc: bad address '${host}'\n`, status: 1};
		const ip = answer.addresses[0]!;
		const result = connect(p, ip, Number(portText), {kind: 'probe'});
		if (result.kind === 'refused') return {stdout: '', stderr: `nc: ${host} (${ip}:${portText}): Connection refused\n`, status: 1};
		if (result.kind === 'timeout') return {stdout: '', stderr: `nc: ${host} (${ip}:${portText}): Connection timed out\n`, status: 1};
		return {stdout: '', stderr: `${host} (${ip}:${portText}) open\n${note(result)}`, status: 0};
	},
};

function podHosts(pod: Pod): string {
	return `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${pod.status.podIP ?? ''}\t${pod.metadata.name}\n`;
}

type Connection = {kind: 'open'; endpoint: string; owner: string; via: string} | {kind: 'refused'} | {kind: 'timeout'};

/**
 * One TCP connection from the Pod, made by the engine (sim/conntrack): it draws the endpoint by the
 * rules' probabilities, walks every node the packets cross, counts them on the rules they match and
 * leaves the conntrack entries, so iptables -L -v and conntrack -L show it afterwards.
 */
function connect(p: InPod, ip: string, port: number, exchange: Exchange): Connection {
	const r = connectFrom(p.cluster, {pod: `${p.pod.metadata.namespace ?? DEFAULT_NAMESPACE}/${p.pod.metadata.name}`, to: {ip, port}, exchange});
	return r.kind === 'open' ? {kind: 'open', endpoint: r.endpoint, owner: r.owner, via: r.via} : {kind: r.kind};
}

/** BusyBox 1.28's wget request line and headers, in bytes. */
function busyboxWgetRequestBytes(hostHeader: string): number {
	return `GET / HTTP/1.1\r\nHost: ${hostHeader}\r\nUser-Agent: Wget\r\nConnection: close\r\n\r\n`.length;
}

/** The shell's own note (not the tool's output): which endpoint answered and how the packet got there. */
function note(c: Extract<Connection, {kind: 'open'}>): string {
	return `# svc-tutor: connected to ${c.endpoint} (${c.owner}), ${c.via}\n`;
}
