// conntrack (conntrack-tools 1.4.7, Debian's `conntrack` package) on the node: `-L` lists the
// connections the shell made through this node (sim/conntrack), with their original and reply
// tuples (a DNATed one replies from its endpoint), filtered by -p, -s, -d, -r, -q and, after
// `-p tcp`, --sport/--dport; the count goes to stderr as the real tool writes it. `-C` counts,
// `-F` empties the table. Texts checked against the real tool in a network namespace.
import {formatEntry, type ConntrackEntry} from '../../sim/conntrack/table.js';
import {nodeKernel} from '../../sim/conntrack/state.js';
import {fail, ok, type Command, type CommandResult} from '../types.js';

const NAME = 'conntrack v1.4.7 (conntrack-tools)';

const USAGE = `Command line interface for the connection tracking system. Version 1.4.7
Usage: conntrack [commands] [options]

Commands:
  -L [table] [options]		List conntrack or expectation table
  -G [table] parameters		Get conntrack or expectation
  -D [table] parameters		Delete conntrack or expectation
  -I [table] parameters		Create a conntrack or expectation
  -U [table] parameters		Update a conntrack
  -E [table] [options]		Show events
  -F [table]			Flush table
  -C [table]			Show counter
  -S				Show statistics

Tables: conntrack, expect, dying, unconfirmed

Conntrack parameters and options:
  -n, --src-nat ip			source NAT ip
  -g, --dst-nat ip			destination NAT ip
  -j, --any-nat ip			source or destination NAT ip
  -m, --mark mark			Set mark
  -c, --secmark secmark			Set selinux secmark
  -e, --event-mask eventmask		Event mask, eg. NEW,DESTROY
  -z, --zero 				Zero counters while listing
  -o, --output type[,...]		Output format, eg. xml
  -l, --label label[,...]		conntrack labels

Expectation parameters and options:
  --tuple-src ip	Source address in expect tuple
  --tuple-dst ip	Destination address in expect tuple

Updating parameters and options:
  --label-add label	Add label
  --label-del label	Delete label

Common parameters and options:
  -s, --src, --orig-src ip		Source address from original direction
  -d, --dst, --orig-dst ip		Destination address from original direction
  -r, --reply-src ip		Source addres from reply direction
  -q, --reply-dst ip		Destination address from reply direction
  -p, --protonum proto		Layer 4 Protocol, eg. 'tcp'
  -f, --family proto		Layer 3 Protocol, eg. 'ipv6'
  -t, --timeout timeout		Set timeout
  -u, --status status		Set status, eg. ASSURED
  -w, --zone value		Set conntrack zone
  --orig-zone value		Set zone for original direction
  --reply-zone value		Set zone for reply direction
  -b, --buffer-size		Netlink socket buffer size
  --mask-src ip			Source mask address
  --mask-dst ip			Destination mask address

`;

function problem(message: string): CommandResult {
	return fail(`${NAME}: ${message}\nTry \`conntrack -h' or 'conntrack --help' for more information.`, 2);
}

const FILTERS: Record<string, keyof Filters> = {
	'-s': 'src', '--src': 'src', '--orig-src': 'src',
	'-d': 'dst', '--dst': 'dst', '--orig-dst': 'dst',
	'-r': 'replySrc', '--reply-src': 'replySrc',
	'-q': 'replyDst', '--reply-dst': 'replyDst',
	'-p': 'proto', '--protonum': 'proto', '--proto': 'proto',
};
const PORTS: Record<string, keyof Filters> = {'--sport': 'sport', '--orig-port-src': 'sport', '--dport': 'dport', '--orig-port-dst': 'dport'};

interface Filters {
	src?: string;
	dst?: string;
	replySrc?: string;
	replyDst?: string;
	proto?: string;
	sport?: string;
	dport?: string;
}

const PROTOCOLS: Record<string, string> = {tcp: 'tcp', '6': 'tcp', udp: 'udp', '17': 'udp', icmp: 'icmp', '1': 'icmp', sctp: 'sctp', '132': 'sctp'};

export const conntrack: Command = (ctx, args) => {
	let command: 'L' | 'C' | 'F' | undefined;
	const filters: Filters = {};
	for (let i = 1; i < args.length; i++) {
		const arg = args[i]!;
		if (arg === '-h' || arg === '--help') return ok(USAGE);
		if (arg === '-V' || arg === '--version') return ok(`${NAME}\n`);
		const cmd = ({'-L': 'L', '--dump': 'L', '-C': 'C', '--count': 'C', '-F': 'F', '--flush': 'F'} as const)[arg];
		if (cmd !== undefined) {
			if (command !== undefined) return problem('Invalid parameter combination');
			command = cmd;
			// An optional table name follows.
			const next = args[i + 1];
			if (next !== undefined && !next.startsWith('-')) {
				if (next !== 'conntrack') return problem(`unknown type \`${next}'`);
				i++;
			}
			continue;
		}
		const key = FILTERS[arg] ?? (filters.proto !== undefined ? PORTS[arg] : undefined);
		if (key === undefined) return problem(`unknown option \`${arg}'`);
		const value = args[++i];
		if (value === undefined) return problem(`option \`${arg}' requires an argument`);
		if (key === 'proto') {
			if (PROTOCOLS[value] === undefined) return problem(`proto \`${value}' not found`);
			filters.proto = PROTOCOLS[value];
		} else if (key === 'sport' || key === 'dport') filters[key] = value;
		else {
			if (!/^\d+\.\d+\.\d+\.\d+$/.test(value)) return problem(`Invalid IP address \`${value}'`);
			filters[key] = value;
		}
	}
	if (command === undefined) return ok(USAGE);
	const table = nodeKernel(ctx.cluster, ctx.node).conntrack;
	if (command === 'F') {
		table.flush();
		return {stdout: '', stderr: `${NAME}: connection tracking table has been emptied.\n`, status: 0};
	}
	const entries = table.list(ctx.cluster.clock).filter((e) => matches(e, filters));
	if (command === 'C') return ok(`${entries.length}\n`);
	const now = ctx.cluster.clock.now().getTime();
	return {stdout: entries.map((e) => formatEntry(e, now)).join(''), stderr: `${NAME}: ${entries.length} flow entries have been shown.\n`, status: 0};
};

function matches(e: ConntrackEntry, f: Filters): boolean {
	if (f.proto !== undefined && f.proto !== e.proto) return false;
	if (f.src !== undefined && f.src !== e.original.src) return false;
	if (f.dst !== undefined && f.dst !== e.original.dst) return false;
	if (f.replySrc !== undefined && f.replySrc !== e.reply.src) return false;
	if (f.replyDst !== undefined && f.replyDst !== e.reply.dst) return false;
	if (f.sport !== undefined && Number(f.sport) !== e.original.sport) return false;
	if (f.dport !== undefined && Number(f.dport) !== e.original.dport) return false;
	return true;
}
