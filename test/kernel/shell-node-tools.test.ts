/**
 * The node shell's ip and ps layouts against the real tools. ip: a namespace with the devices a
 * flannel node has that this kernel can make (lo, a cni0 bridge, a veth enslaved to it whose peer
 * is a Pod's eth0 in another namespace, a default route, an onlink route), described to the
 * shell's printers with the same names, MACs and addresses; `ip addr`, `ip link` and `ip route`
 * must print the same bytes. ps: every line of the real `ps aux` and `ps -ef` on this machine,
 * split into its fields and laid out again by the shell's procps algorithm, must come out equal.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import type {NetInterface, Route} from '../../src/sim/node-host/interfaces.js';
import {addressLines, headLine, linkLine, routeLine} from '../../src/shell/commands/ip.js';
import {fFormat, layoutRow, uFormat} from '../../src/shell/commands/ps.js';
import {kernelTest} from '../support/kernel-test.js';
import test from 'ava';

const NODE_NS = `svct-${process.pid}-ip-node`;
const POD_NS = `svct-${process.pid}-ip-pod`;

function run(ns: string, command: string): string {
	return execFileSync('ip', ['netns', 'exec', ns, 'sh', '-c', command], {encoding: 'utf8', env: {PATH: process.env.PATH ?? '', LC_ALL: 'C'}});
}

kernelTest('ip addr, ip link and ip route print what iproute2 prints', async (t) => {
	try {
		execFileSync('ip', ['netns', 'add', NODE_NS]);
		execFileSync('ip', ['netns', 'add', POD_NS]);
		run(NODE_NS, [
			'sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.default.addr_gen_mode=1',
			'ip link set lo up',
			'ip link add cni0 type bridge',
			'ip link set cni0 address 3e:35:67:82:c8:9e mtu 1450',
			'ip addr add 10.244.1.1/24 brd + dev cni0',
			'ip addr add fe80::3c35:67ff:fe82:c89e/64 dev cni0',
			`ip link add veth53f61134 mtu 1450 address 02:72:94:18:20:4d txqueuelen 0 type veth peer name eth0 netns ${POD_NS}`,
			'ip link set veth53f61134 master cni0',
			'ip addr add fe80::72:94ff:fe18:204d/64 dev veth53f61134',
			'ip link set veth53f61134 up',
			'ip link set cni0 up',
		].join(' && '));
		run(POD_NS, 'ip link set lo up && ip link set eth0 up && ip addr add 10.244.1.5/24 dev eth0');
		run(NODE_NS, 'ip route add default via 10.244.1.254 dev cni0 && ip route add 10.244.2.0/24 via 10.244.2.0 dev cni0 onlink');
		await new Promise((resolve) => setTimeout(resolve, 300));
		const realAddr = run(NODE_NS, 'ip addr');
		// The interfaces as the host model describes them; index and the peer's index from the real ones.
		const index = (name: string): number => Number(new RegExp(`^(\\d+): ${name.replace('.', '\\.')}[:@]`, 'm').exec(realAddr)![1]);
		const netns = /link-netns (\S+)/.exec(realAddr)?.[1];
		const peer = Number(/veth53f61134@if(\d+)/.exec(realAddr)![1]);
		const interfaces: NetInterface[] = [
			{index: index('lo'), name: 'lo', flags: ['LOOPBACK', 'UP', 'LOWER_UP'], mtu: 65536, qdisc: 'noqueue', state: 'UNKNOWN', qlen: 1000, linkType: 'loopback', mac: '00:00:00:00:00:00', brd: '00:00:00:00:00:00', addresses: [{family: 'inet', address: '127.0.0.1', prefix: 8, scope: 'host'}, {family: 'inet6', address: '::1', prefix: 128, scope: 'host'}]},
			{index: index('cni0'), name: 'cni0', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1450, qdisc: 'noqueue', state: 'UP', qlen: 1000, linkType: 'ether', mac: '3e:35:67:82:c8:9e', brd: 'ff:ff:ff:ff:ff:ff', addresses: [{family: 'inet', address: '10.244.1.1', prefix: 24, broadcast: '10.244.1.255', scope: 'global'}, {family: 'inet6', address: 'fe80::3c35:67ff:fe82:c89e', prefix: 64, scope: 'link'}]},
			{index: index('veth53f61134'), name: 'veth53f61134', peerIndex: peer, flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1450, qdisc: 'noqueue', master: 'cni0', state: 'UP', linkType: 'ether', mac: '02:72:94:18:20:4d', brd: 'ff:ff:ff:ff:ff:ff', ...(netns ? {linkNetns: netns} : {}), addresses: [{family: 'inet6', address: 'fe80::72:94ff:fe18:204d', prefix: 64, scope: 'link'}]},
		];
		const ours = interfaces.map((i) => headLine(i, false) + linkLine(i) + i.addresses.map((a) => addressLines(i, a)).join('')).join('');
		t.is(ours, realAddr);
		t.is(interfaces.map((i) => headLine(i, true) + linkLine(i)).join(''), run(NODE_NS, 'ip link'));
		const routes: Route[] = [
			{dst: 'default', via: '10.244.1.254', dev: 'cni0'},
			{dst: '10.244.1.0/24', dev: 'cni0', proto: 'kernel', scope: 'link', src: '10.244.1.1'},
			{dst: '10.244.2.0/24', via: '10.244.2.0', dev: 'cni0', onlink: true},
		];
		t.is(routes.map(routeLine).join(''), run(NODE_NS, 'ip route'));
	} finally {
		spawnSync('ip', ['netns', 'del', NODE_NS]);
		spawnSync('ip', ['netns', 'del', POD_NS]);
	}
});

/** The PID column's width: the digits of the kernel's pid_max, as procps sizes it. */
function pidWidth(): number {
	return readFileSync('/proc/sys/kernel/pid_max', 'utf8').trim().length;
}

test('ps aux and ps -ef: the real lines laid out again by the shell\'s procps algorithm are the same', (t) => {
	const probe = spawnSync('ps', ['aux'], {encoding: 'utf8'});
	if (probe.status !== 0) {
		t.log('SKIPPED: no ps here');
		t.pass();
		return;
	}
	for (const [args, columns] of [
		[['aux'], uFormat(pidWidth())],
		[['-ef'], fFormat(pidWidth())],
	] as const) {
		const lines = spawnSync('ps', [...args], {encoding: 'utf8', env: {PATH: process.env.PATH ?? '', LC_ALL: 'C'}}).stdout.split('\n').filter((l) => l !== '');
		for (const line of lines) {
			// Every column but the last holds no space; the last (the command) is the rest, as printed.
			const values: string[] = [];
			let position = 0;
			for (let k = 0; k < columns.length - 1; k++) {
				const field = /^ *(\S+)/.exec(line.slice(position))!;
				values.push(field[1]!);
				position += field[0].length;
			}
			values.push(line.slice(position).replace(/^ +/, ''));
			t.is(layoutRow(columns, values), line, line);
		}
	}
});
