// A node's processes as `ps aux` lists them: systemd and the host's daemons, containerd and the
// kubelet (with kubeadm's flags), then for every Pod the node runs a containerd-shim, its pause
// process and each container's main process with the command line the Pod gives it, so
// `ps aux | grep kube-apiserver` shows --service-cluster-ip-range as on a real control plane.
// PIDs grow in start order from a seeded base; the figures (CPU, memory, sizes) are plausible and
// stable, not measured.
import type {Cluster} from '../cluster/cluster.js';
import {KUBELET_COMMAND} from './files.js';
import {containerArgv, nodePods} from './containers.js';
import {hexId} from './ids.js';
import {kubeletPID} from './node-hosts.js';
import {fnv32a} from '../workloads/pod-template-hash.js';

export interface HostProcess {
	user: string;
	pid: number;
	ppid: number;
	/** %CPU and %MEM as ps prints them (one decimal). */
	cpu: number;
	mem: number;
	/** Virtual and resident size, KiB. */
	vsz: number;
	rss: number;
	tty: string;
	stat: string;
	/** When it started (ps shows HH:MM for today). */
	start: Date;
	/** CPU time used, seconds (ps shows M:SS). */
	time: number;
	/** The command line, words joined by spaces; kernel threads in [brackets]. */
	command: string;
}

interface Figures {
	cpu: number;
	mem: number;
	vsz: number;
	rss: number;
}

/** Sizes of the processes a kubeadm node runs, roughly as seen on a 4 GiB VM. */
const KNOWN: [RegExp, Figures][] = [
	[/^kube-apiserver /, {cpu: 4.1, mem: 8.2, vsz: 1632376, rss: 330152}],
	[/^etcd /, {cpu: 1.9, mem: 1.3, vsz: 11739916, rss: 53412}],
	[/^kube-controller-manager /, {cpu: 1.6, mem: 2.6, vsz: 1305160, rss: 104956}],
	[/^kube-scheduler /, {cpu: 0.3, mem: 1.5, vsz: 1289524, rss: 60316}],
	[/kube-proxy /, {cpu: 0.1, mem: 1.6, vsz: 1289668, rss: 64248}],
	[/flanneld /, {cpu: 0.1, mem: 1.3, vsz: 1331276, rss: 51316}],
	[/^\/coredns /, {cpu: 0.2, mem: 1.4, vsz: 1280456, rss: 56064}],
	[/^\/usr\/bin\/kubelet /, {cpu: 1.4, mem: 2.4, vsz: 2088608, rss: 97736}],
	[/^\/usr\/bin\/containerd$/, {cpu: 0.6, mem: 1.2, vsz: 2060572, rss: 49420}],
	[/^\/pause$/, {cpu: 0, mem: 0, vsz: 1020, rss: 4}],
	[/containerd-shim-runc-v2/, {cpu: 0, mem: 0.3, vsz: 1238360, rss: 12552}],
];

function figures(command: string, label: string): Figures {
	const known = KNOWN.find(([re]) => re.test(command))?.[1];
	if (known) return known;
	const h = fnv32a(label);
	return {cpu: (h % 5) / 10, mem: 0.2 + (h % 17) / 10, vsz: 20000 + (h % 900000), rss: 4000 + (h % 90000)};
}

const HOST_PROCESSES: {user: string; command: string; stat: string}[] = [
	{user: 'root', command: '/sbin/init', stat: 'Ss'},
	{user: 'root', command: '[kthreadd]', stat: 'S'},
	{user: 'root', command: '/lib/systemd/systemd-journald', stat: 'Ss'},
	{user: 'root', command: '/lib/systemd/systemd-udevd', stat: 'Ss'},
	{user: 'systemd+', command: '/lib/systemd/systemd-networkd', stat: 'Ss'},
	{user: 'systemd+', command: '/lib/systemd/systemd-resolved', stat: 'Ss'},
	{user: 'root', command: '/usr/sbin/cron -f -P', stat: 'Ss'},
	{user: 'message+', command: '@dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only', stat: 'Ss'},
	{user: 'root', command: '/lib/systemd/systemd-logind', stat: 'Ss'},
	{user: 'root', command: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', stat: 'Ss'},
];

/**
 * The user an image runs as, as ps shows a uid the host has no name for: CoreDNS v1.11.3's
 * distroless nonroot (65532, its Dockerfile's USER), the mysql and redis images' own users (999),
 * grafana (472); root otherwise.
 */
function containerUser(image: string): string {
	if (/coredns/.test(image)) return '65532';
	if (/(^|\/)(mysql|redis)(:|$)/.test(image)) return '999';
	if (/grafana/.test(image)) return '472';
	return 'root';
}

/** ps aux for a node, in PID order. */
export function nodeProcesses(cluster: Cluster, node: string): HostProcess[] {
	const seed = cluster.hosts?.settings.seed ?? 0;
	const boot = new Date(cluster.clock.now().getTime());
	// The node booted before the cluster was set up: take the earliest Pod's start, less two minutes.
	const pods = nodePods(cluster, node);
	const first = Math.min(boot.getTime(), ...pods.map((p) => p.createdAt.getTime()));
	const bootTime = new Date(first - 120_000);
	const out: HostProcess[] = [];
	const push = (user: string, pid: number, ppid: number, stat: string, start: Date, command: string): void => {
		const f = figures(command, `${node}/${pid}`);
		const elapsed = Math.max(0, (cluster.clock.now().getTime() - start.getTime()) / 1000);
		out.push({user, pid, ppid, cpu: f.cpu, mem: f.mem, vsz: f.vsz, rss: f.rss, tty: '?', stat, start, time: Math.floor((elapsed * f.cpu) / 100), command});
	};
	HOST_PROCESSES.forEach((p, i) => push(p.user, i === 0 ? 1 : i === 1 ? 2 : 300 + i * 37, i === 1 ? 0 : i === 0 ? 0 : 1, p.stat, bootTime, p.command));
	const containerdPID = 612 + (fnv32a(`${seed}/${node}/containerd`) % 40);
	push('root', containerdPID, 1, 'Ssl', bootTime, '/usr/bin/containerd');
	push('root', kubeletPID(seed, node), 1, 'Ssl', new Date(bootTime.getTime() + 60_000), KUBELET_COMMAND);
	let pid = 1400 + (fnv32a(`${seed}/${node}/pids`) % 100);
	for (const {pod, uid, createdAt, crashLoop} of [...pods].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
		const shim = pid;
		push('root', shim, 1, 'Sl', createdAt, `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${hexId(seed, `sandbox/${uid}`)} -address /run/containerd/containerd.sock`);
		push('65535', shim + 20, shim, 'Ss', createdAt, '/pause');
		pid += 40;
		if (crashLoop) continue;
		pod.spec.containers.forEach((_, i) => {
			const user = containerUser(pod.spec.containers[i]!.image);
			push(user, pid, shim, 'Ssl', createdAt, containerArgv(pod, i).join(' '));
			pid += 30;
		});
	}
	return out.sort((a, b) => a.pid - b.pid);
}
