// The node's own tools, by name: processes, network, containers, systemd.
import type {CommandEntry} from './index.js';
import {crictl} from './crictl.js';
import {ip} from './ip.js';
import {ps} from './ps.js';
import {journalctl, systemctl} from './services.js';

export const NODE_COMMANDS: [string, CommandEntry][] = [
	['ps', {run: ps, path: '/usr/bin/ps', summary: 'processes: ps aux, ps -ef'}],
	['ip', {run: ip, path: '/usr/sbin/ip', summary: 'the network: ip addr, ip link, ip route'}],
	['crictl', {run: crictl, path: '/usr/bin/crictl', summary: 'containers: crictl ps, pods, logs, inspect, images'}],
	['systemctl', {run: systemctl, path: '/usr/bin/systemctl', summary: 'services: systemctl status kubelet'}],
	['journalctl', {run: journalctl, path: '/usr/bin/journalctl', summary: "a service's log: journalctl -u kubelet"}],
];
