// iproute2's ip (6.1) for the node's network (the engine's host model): `ip addr|a [show [dev] DEV]`,
// `ip link|l [show [dev] DEV]`, `ip route|r [show [default|PREFIX]]`, with -4/-6 and -br; words as
// iproute2 prints them, trailing spaces included (an inet6 line ends `scope link `, a route line
// ends with a space), and its errors (`Device "x" does not exist.`, status 1; unknown object or
// command, status 255). Checked against the real ip on veth and bridge devices in a namespace.
import {nodeInterfaces, nodeRoutes, type InterfaceAddress, type NetInterface, type Route} from '../../sim/node-host/interfaces.js';
import {fail, ok, type Command, type CommandResult} from '../types.js';

const IP_USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                   link | macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}`;

interface Options {
	family?: 'inet' | 'inet6';
	brief: boolean;
}

/** `2: eth0: <…> mtu 1500 qdisc fq_codel state UP group default qlen 1000` (link adds `mode DEFAULT`). */
export function headLine(i: NetInterface, link: boolean): string {
	const name = i.peerIndex !== undefined ? `${i.name}@if${i.peerIndex}` : i.name;
	let text = `${i.index}: ${name}: <${i.flags.join(',')}> mtu ${i.mtu} qdisc ${i.qdisc} `;
	if (i.master !== undefined) text += `master ${i.master} `;
	text += `state ${i.state} `;
	if (link) text += 'mode DEFAULT ';
	text += 'group default ';
	if (i.qlen !== undefined) text += `qlen ${i.qlen}`;
	return `${text}\n`;
}

export function linkLine(i: NetInterface): string {
	return `    link/${i.linkType} ${i.mac} brd ${i.brd}${i.linkNetns !== undefined ? ` link-netns ${i.linkNetns}` : ''}\n`;
}

export function addressLines(i: NetInterface, a: InterfaceAddress): string {
	let text = `    ${a.family} ${a.address}/${a.prefix} `;
	if (a.broadcast !== undefined) text += `brd ${a.broadcast} `;
	text += `scope ${a.scope} `;
	// IPv4 addresses carry a label, the interface's name.
	if (a.family === 'inet') text += i.name;
	return `${text}\n       valid_lft forever preferred_lft forever\n`;
}

function briefAddr(i: NetInterface, family: Options['family']): string {
	const name = i.peerIndex !== undefined ? `${i.name}@if${i.peerIndex}` : i.name;
	const addresses = i.addresses.filter((a) => family === undefined || a.family === family).map((a) => `${a.address}/${a.prefix} `).join('');
	return `${name.padEnd(16)} ${i.state.padEnd(14)} ${addresses}\n`;
}

function briefLink(i: NetInterface): string {
	const name = i.peerIndex !== undefined ? `${i.name}@if${i.peerIndex}` : i.name;
	return `${name.padEnd(16)} ${i.state.padEnd(14)} ${i.mac} <${i.flags.join(',')}> \n`;
}

export function routeLine(r: Route): string {
	let text = `${r.dst} `;
	if (r.via !== undefined) text += `via ${r.via} `;
	text += `dev ${r.dev} `;
	if (r.proto !== undefined) text += `proto ${r.proto} `;
	if (r.scope !== undefined) text += `scope ${r.scope} `;
	if (r.src !== undefined) text += `src ${r.src} `;
	if (r.metric !== undefined) text += `metric ${r.metric} `;
	if (r.onlink === true) text += 'onlink ';
	return `${text}\n`;
}

/** Whether word is a prefix of one of the accepted spellings (iproute2's matches()). */
function matches(word: string, ...names: string[]): boolean {
	return names.some((n) => n.startsWith(word));
}

/** `[show|list|lst] [dev] DEV`: the device named, or undefined for all. */
function showTarget(words: readonly string[], object: string): {device?: string; rest: string[]} | CommandResult {
	let rest = [...words];
	if (rest.length > 0) {
		const command = rest[0]!;
		if (!matches(command, 'show', 'list', 'lst')) return fail(`Command "${command}" is unknown, try "ip ${object} help".`, 255);
		rest = rest.slice(1);
	}
	if (rest[0] === 'dev') {
		if (rest.length < 2) return fail('Command line is not complete. Try option "help"', 255);
		return {device: rest[1]!, rest: rest.slice(2)};
	}
	return rest.length > 0 ? {device: rest[0]!, rest: rest.slice(1)} : {rest};
}

export const ip: Command = (ctx, args) => {
	const options: Options = {brief: false};
	let i = 1;
	for (; i < args.length && args[i]!.startsWith('-'); i++) {
		const option = args[i]!.replace(/^--?/, '-');
		if (option === '-4') options.family = 'inet';
		else if (option === '-6') options.family = 'inet6';
		else if (option.length > 2 && '-brief'.startsWith(option)) options.brief = true;
		else if (['-c', '-color', '-d', '-details', '-N', '-Numeric'].includes(option)) continue;
		else if (option === '-V' || option === '-Version') return ok('ip utility, iproute2-6.1.0, libbpf 1.1.0\n');
		else return fail(`Option "${args[i]}" is unknown, try "ip -help".`, 255);
	}
	const object = args[i];
	const words = args.slice(i + 1);
	if (object === undefined || object === 'help') return fail(IP_USAGE, 255);
	const interfaces = nodeInterfaces(ctx.cluster, ctx.node);
	if (matches(object, 'address', 'addr') || object === 'a') {
		const target = showTarget(words, 'address');
		if ('status' in target) return target;
		const chosen = target.device === undefined ? interfaces : interfaces.filter((n) => n.name === target.device);
		if (target.device !== undefined && chosen.length === 0) return fail(`Device "${target.device}" does not exist.`);
		if (options.brief) return ok(chosen.map((n) => briefAddr(n, options.family)).join(''));
		let out = '';
		for (const n of chosen) {
			const addresses = n.addresses.filter((a) => options.family === undefined || a.family === options.family);
			if (options.family !== undefined && addresses.length === 0) continue;
			out += headLine(n, false);
			if (options.family === undefined) out += linkLine(n);
			for (const a of addresses) out += addressLines(n, a);
		}
		return ok(out);
	}
	if (matches(object, 'link') || object === 'l') {
		const target = showTarget(words, 'link');
		if ('status' in target) return target;
		const chosen = target.device === undefined ? interfaces : interfaces.filter((n) => n.name === target.device);
		if (target.device !== undefined && chosen.length === 0) return fail(`Device "${target.device}" does not exist.`);
		if (options.brief) return ok(chosen.map(briefLink).join(''));
		return ok(chosen.map((n) => headLine(n, true) + linkLine(n)).join(''));
	}
	if (matches(object, 'route') || object === 'r') {
		let rest = [...words];
		if (rest.length > 0) {
			const command = rest[0]!;
			if (!matches(command, 'show', 'list', 'lst')) return fail(`Command "${command}" is unknown, try "ip route help".`, 255);
			rest = rest.slice(1);
		}
		let routes = options.family === 'inet6' ? [] : nodeRoutes(ctx.cluster, ctx.node);
		const selector = rest[0];
		if (selector !== undefined) {
			if (selector === 'dev') routes = routes.filter((r) => r.dev === rest[1]);
			else if (selector === 'default' || selector === '0/0' || selector === 'all') routes = selector === 'all' ? routes : routes.filter((r) => r.dst === 'default');
			else if (/^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(selector)) {
				const wanted = selector.includes('/') ? selector : `${selector}/32`;
				routes = routes.filter((r) => r.dst === wanted || (wanted.endsWith('/32') && r.dst === selector));
			} else return fail(`Error: any valid prefix is expected rather than "${selector}".`);
		}
		// Printed without its device when the command names one (iproute2 drops what it filtered on).
		if (selector === 'dev') return ok(routes.map((r) => routeLine(r).replace(` dev ${r.dev} `, ' ')).join(''));
		return ok(routes.map(routeLine).join(''));
	}
	return fail(`Object "${object}" is unknown, try "ip help".`, 255);
};
