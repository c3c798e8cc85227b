// The node's own network clients: curl (GET), wget and netcat (`nc -zv HOST PORT`). Names resolve
// as on the node (node-resolver.ts); the connection is made by the engine (sim/conntrack), which
// walks its packets through the node's rules: they count on the rules they match (`iptables -L
// -v`) and leave a conntrack entry (`conntrack -L`). The simulated servers' pages are not
// modelled: on success the shell says (on stderr) which endpoint answered and how.
import {connect, curlRequestBytes, HTTP_RESPONSE_BYTES, type ConnectResult, type Exchange} from '../../sim/conntrack/connect.js';
import {serviceName} from '../../sim/iptables/services-names.js';
import {fail, type Command, type CommandResult, type ShellContext} from '../types.js';
import {resolveOnNode} from './node-resolver.js';

/** The first argument that is neither an option nor an option's value. */
function firstOperand(args: readonly string[], withValue: ReadonlySet<string>): string | undefined {
	for (let i = 1; i < args.length; i++) {
		const arg = args[i]!;
		if (withValue.has(arg)) i++;
		else if (!arg.startsWith('-') || arg === '-') return arg;
	}
	return undefined;
}

const CURL_VALUES = new Set(['-o', '--output', '-H', '--header', '-X', '--request', '-d', '--data', '-m', '--max-time', '--connect-timeout', '-u', '--user', '-A', '--user-agent', '-e', '--referer', '-w', '--write-out', '--resolve', '-x', '--proxy']);
const WGET_VALUES = new Set(['-O', '--output-document', '-o', '--output-file', '-T', '--timeout', '-t', '--tries', '-U', '--user-agent', '--header']);

function url(text: string): {host: string; port: number; explicitPort: boolean; path: string} | undefined {
	const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?(\/[^?#]*)?/.exec(text);
	if (m === null) return undefined;
	const port = m[3] === undefined ? (m[1] === 'https' ? 443 : 80) : Number(m[3]);
	return {host: m[2]!, port, explicitPort: m[3] !== undefined, path: m[4] ?? '/'};
}

function open(ctx: ShellContext, ip: string, port: number, exchange: Exchange): ConnectResult {
	return connect(ctx.cluster, {node: ctx.node, to: {ip, port}, exchange});
}

/** The shell's note, not the tool's output: which endpoint answered, and how the packet got there. */
function note(result: Extract<ConnectResult, {kind: 'open'}>): string {
	return `# svc-tutor: connected to ${result.endpoint} (${result.owner}), ${result.via}\n`;
}

export const curl: Command = (ctx, args) => {
	const target = firstOperand(args, CURL_VALUES);
	if (target === undefined) return fail("curl: try 'curl --help' or 'curl --manual' for more information", 2);
	const u = url(target);
	if (u === undefined || !(u.port > 0 && u.port < 65536)) return fail(`curl: (3) URL using bad/illegal format or missing URL`, 3);
	// -s hides curl's error line (exit status unchanged) unless -S asks for it back.
	const short = args.slice(1).filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
	const silent = (short.includes('s') || args.includes('--silent')) && !(short.includes('S') || args.includes('--show-error'));
	const error = (message: string, status: number): CommandResult => fail(silent ? '' : message, status);
	const ip = resolveOnNode(ctx, u.host);
	if (ip === undefined) return error(`curl: (6) Could not resolve host: ${u.host}`, 6);
	const host = u.explicitPort ? `${u.host}:${u.port}` : u.host;
	const result = open(ctx, ip, u.port, {kind: 'http', requestBytes: curlRequestBytes(host, u.path), responseBytes: HTTP_RESPONSE_BYTES});
	if (result.kind === 'refused') return error(`curl: (7) Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server`, 7);
	if (result.kind === 'timeout') return error(`curl: (28) Failed to connect to ${u.host} port ${u.port} after 130 s: Connection timed out`, 28);
	return {stdout: '', stderr: note(result), status: 0};
};

/** GNU Wget's first lines; the rest of its transcript (saving the page) is not modelled. */
export const wget: Command = (ctx, args) => {
	const target = firstOperand(args, WGET_VALUES);
	if (target === undefined) return fail("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.", 1);
	const u = url(target);
	if (u === undefined) return fail(`${target}: Invalid URL.`, 1);
	const full = `http://${u.host}${u.explicitPort ? `:${u.port}` : ''}${u.path}`;
	const time = ctx.cluster.clock.now().toISOString().replace('T', ' ').slice(0, 19);
	const quiet = args.includes('--quiet') || args.slice(1).some((a) => /^-[a-zA-Z]*q/.test(a) && !a.startsWith('--'));
	let err = `--${time}--  ${full}\n`;
	const ip = resolveOnNode(ctx, u.host);
	if (ip === undefined) return fail(quiet ? '' : `${err}Resolving ${u.host} (${u.host})... failed: Name or service not known.\nwget: unable to resolve host address '${u.host}'`, 4);
	if (ip !== u.host) err += `Resolving ${u.host} (${u.host})... ${ip}\n`;
	const where = ip === u.host ? `${ip}:${u.port}` : `${u.host} (${u.host})|${ip}|:${u.port}`;
	// GNU Wget 1.21's request: its User-Agent, Accept, Accept-Encoding, Host and Connection lines.
	const host = u.explicitPort ? `${u.host}:${u.port}` : u.host;
	const requestBytes = `GET ${u.path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: Wget/1.21.2\r\nAccept: */*\r\nAccept-Encoding: identity\r\nConnection: Keep-Alive\r\n\r\n`.length;
	const result = open(ctx, ip, u.port, {kind: 'http', requestBytes, responseBytes: HTTP_RESPONSE_BYTES});
	if (result.kind === 'refused') return fail(quiet ? '' : `${err}Connecting to ${where}... failed: Connection refused.`, 4);
	if (result.kind === 'timeout') return fail(quiet ? '' : `${err}Connecting to ${where}... failed: Connection timed out. Retrying.`, 4);
	return {stdout: '', stderr: `${quiet ? '' : `${err}Connecting to ${where}... connected.\n`}${note(result)}`, status: 0};
};

/** netcat-openbsd, as Ubuntu ships it: `nc -zv HOST PORT` reports on stderr. */
export const nc: Command = (ctx, args): CommandResult => {
	const flags = args.slice(1).filter((a) => a.startsWith('-')).join('');
	const positional = args.slice(1).filter((a, i, all) => !a.startsWith('-') && !/^-\w*w$/.test(all[i - 1] ?? ''));
	const [host, portText] = positional;
	if (host === undefined || portText === undefined) return fail('usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]', 1);
	const port = Number(portText);
	if (!/^\d+$/.test(portText) || port < 1 || port > 65535) return fail(`nc: port number invalid: ${portText}`, 1);
	if (!flags.includes('z')) return fail('svc-tutor shell: nc without -z would wait for input; use nc -zv HOST PORT to test a port', 1);
	const verbose = flags.includes('v');
	const ip = resolveOnNode(ctx, host);
	if (ip === undefined) return fail(`nc: getaddrinfo for host "${host}" port ${port}: Temporary failure in name resolution`, 1);
	const result = open(ctx, ip, port, {kind: 'probe'});
	if (result.kind === 'refused') return fail(verbose ? `nc: connect to ${host} port ${port} (tcp) failed: Connection refused` : '', 1);
	if (result.kind === 'timeout') return fail(verbose ? `nc: connect to ${host} port ${port} (tcp) failed: Connection timed out` : '', 1);
	const service = serviceName(port, 'tcp') ?? '*';
	return {stdout: '', stderr: verbose ? `Connection to ${host} ${port} port [tcp/${service}] succeeded!\n${note(result)}` : note(result), status: 0};
};
