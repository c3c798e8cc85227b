// What `kubectl logs` (and `crictl logs`) print for the Pods the simulation knows the output of:
//
// - kube-proxy: its klog lines from kube-proxy/log.ts, at the verbosity its command line asks for.
//   kubeadm's DaemonSet passes no --v, so only V(0) lines show: "Using iptables Proxier" and the
//   route_localnet notice. "Adding new service port", "Updating existing service port" and
//   "Removing service port" are klog.V(4) in pkg/proxy/servicechangetracker.go: they show only
//   with --v=4 or more.
// - CoreDNS: its start banner (core/dnsserver's zone list, the reload plugin's configuration
//   hash, coremain's version and build lines; v1.11.3 is built with Go 1.21.8 from commit
//   a7ed346). The hash here is SHA-512 of the Corefile text; CoreDNS hashes its parsed form, so
//   the value differs from a real one, not its shape.
// - a control-plane container that exits at once: what it printed (`Error: unknown flag: --foo`;
//   cobra prints the command's usage text before that line, which is not reproduced);
// - a container that crash-loops (node-host/container-exit.ts): its last line, `"command failed" err=…`.
//
// Other Pods (applications, a running control plane, flannel) print nothing here: their real
// output is not modelled rather than made up.
import {createHash} from 'node:crypto';
import type {Pod} from '../api/types.js';
import type {Cluster} from '../cluster/cluster.js';
import {containerArgv} from '../node-host/containers.js';
import {containerExitError, exitLogLine} from '../node-host/container-exit.js';

export type PodLogResult = {ok: true; lines: string[]} | {ok: false; error: string};

const COREDNS_BUILD = 'linux/amd64, go1.21.8, a7ed346';

/** The --v a container's command line sets (0 when it sets none). */
export function verbosityOf(argv: readonly string[]): number {
	let level = 0;
	argv.forEach((arg, i) => {
		const m = /^--?v(?:=(\d+))?$/.exec(arg);
		if (!m) return;
		level = Number(m[1] ?? argv[i + 1] ?? 0) || 0;
	});
	return level;
}

/** The log of one container of a Pod; `container` defaults to the first, as kubectl's does. */
export function podLogs(cluster: Cluster, pod: Pod, container?: string): PodLogResult {
	const index = container === undefined ? 0 : pod.spec.containers.findIndex((c) => c.name === container);
	const spec = pod.spec.containers[index];
	// The API server's BadRequest text; kubectl prefixes it with `Error from server (BadRequest): `.
	if (!spec) return {ok: false, error: `container ${container} is not valid for pod ${pod.metadata.name}`};
	const argv = containerArgv(pod, index);
	const node = pod.spec.nodeName;
	const staticPod = node ? cluster.hosts?.staticPodStates(node).find((s) => s.pod?.metadata.name === pod.metadata.name) : undefined;
	if (staticPod?.exitError) return {ok: true, lines: [staticPod.exitError]};
	const status = pod.status.containerStatuses?.find((c) => c.name === spec.name);
	if (status?.state.waiting?.reason === 'CrashLoopBackOff') {
		const exit = containerExitError(cluster, pod);
		const finished = status.lastState?.terminated?.finishedAt;
		if (exit !== undefined) return {ok: true, lines: [exitLogLine(exit, finished ? new Date(finished) : cluster.clock.now())]};
	}
	if (/(^|\/)kube-proxy$/.test(argv[0] ?? '') && node) {
		const proxy = cluster.kubeProxy(node);
		if (!proxy) return {ok: true, lines: []};
		const verbose = verbosityOf(argv) >= 4;
		return {ok: true, lines: proxy.logLinesAt(verbose ? 4 : 0)};
	}
	if (argv[0] === '/coredns') {
		const corefile = cluster.api.peekOne('ConfigMap', 'coredns', 'kube-system')?.data?.['Corefile'] ?? '';
		const zones = [...corefile.matchAll(/^(\S+:\d+|\S+)\s*\{/gm)].map((m) => (m[1]!.includes(':') ? m[1]! : `${m[1]}:53`));
		const sha = createHash('sha512').update(corefile).digest('hex');
		return {ok: true, lines: [...zones, `[INFO] plugin/reload: Running configuration SHA512 = ${sha}`, 'CoreDNS-1.11.3', COREDNS_BUILD]};
	}
	return {ok: true, lines: []};
}
