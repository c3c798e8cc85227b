// The node's own tools, by name: processes, network, containers, systemd.
import type {CommandEntry} from './index.js';
import {crictl} from './crictl.js';
import {conntrack} from './conntrack.js';
import {curl, nc, wget} from './curl.js';
import {ip} from './ip.js';
import {ps} from './ps.js';
import {journalctl, systemctl} from './services.js';

export const NODE_COMMANDS: [string, CommandEntry][] = [
	['ps', {run: ps, path: '/usr/bin/ps', summary: 'processes: ps aux, ps -ef'}],
	['ip', {run: ip, path: '/usr/sbin/ip', summary: 'the network: ip addr, ip link, ip route'}],
	['crictl', {run: crictl, path: '/usr/bin/crictl', summary: 'containers: crictl ps, pods, logs, inspect, images'}],
	['systemctl', {run: systemctl, path: '/usr/bin/systemctl', summary: 'services: systemctl status kubelet'}],
	['curl', {run: curl, path: '/usr/bin/curl', summary: 'a GET from the node: curl http://10.96.0.1:443 (Service names do not resolve on a node)'}],
	['wget', {run: wget, path: '/usr/bin/wget', summary: 'a GET from the node: wget http://IP:PORT'}],
	['nc', {run: nc, path: '/usr/bin/nc', summary: 'test a TCP port from the node: nc -zv IP PORT'}],
	['conntrack', {run: conntrack, path: '/usr/sbin/conntrack', summary: 'the connection tracking table: conntrack -L, -L -d IP, -p tcp'}],
	['journalctl', {run: journalctl, path: '/usr/bin/journalctl', summary: "a service's log: journalctl -u kubelet"}],
];
