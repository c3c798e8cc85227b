// Containers that start and exit at once, as the kubelet then sees them (CrashLoopBackOff), for
// the faults CKA tasks plant outside the control plane. Today: kube-proxy whose --config names a
// file its ConfigMap volume does not hold. kube-proxy reads that file in Options.Complete; the
// error goes back through cobra's RunE ("failed complete: %w") to component-base's cli.Run, which
// logs it at run.go:74 (v1.32) as `"command failed" err="…"` and exits 1.
import type {ContainerStatus, Pod} from '../api/types.js';
import type {Cluster} from '../cluster/cluster.js';
import {containerArgv} from './containers.js';
import {klogHeader} from './klog.js';

/**
 * The --config file a kube-proxy container reads: its path and, when a ConfigMap volume mounted
 * over it holds that key, its text. undefined for a container that is not kube-proxy or has no
 * --config (flags only).
 */
export function kubeProxyConfigFile(cluster: Cluster, pod: Pod): {path: string; text: string | undefined} | undefined {
	const container = pod.spec.containers[0];
	if (!container) return undefined;
	const argv = containerArgv(pod, 0);
	if (!/(^|\/)kube-proxy$/.test(argv[0] ?? '')) return undefined;
	const path = argv.find((a) => a.startsWith('--config='))?.slice('--config='.length);
	if (path === undefined || path === '') return undefined;
	const mount = (container.volumeMounts ?? []).find((m) => path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`));
	const volume = mount ? pod.spec.volumes?.find((v) => v.name === mount.name) : undefined;
	const configMap = volume?.configMap ? cluster.api.peekOne('ConfigMap', volume.configMap.name, pod.metadata.namespace ?? 'default') : undefined;
	const key = mount ? path.slice(mount.mountPath.replace(/\/$/, '').length + 1) : undefined;
	// A hostPath mount is the node's own directory: this model keeps no kube-proxy files there.
	return {path, text: key !== undefined ? configMap?.data?.[key] : undefined};
}

/** The structured message the container logs before it exits, or undefined when it runs. */
export function containerExitError(cluster: Cluster, pod: Pod): string | undefined {
	const file = kubeProxyConfigFile(cluster, pod);
	if (file && file.text === undefined) return `"command failed" err="failed complete: open ${file.path}: no such file or directory"`;
	return undefined;
}

/** The klog line a crashed container's log ends with. */
export function exitLogLine(message: string, at: Date): string {
	return `${klogHeader('E', at, 0, 1, 'run.go:74')} ${message}`;
}

/** The status the kubelet reports for a container that keeps exiting. */
export function crashLoopStatus(pod: Pod, restartCount: number, finishedAt: Date): ContainerStatus[] {
	const time = finishedAt.toISOString().replace(/\.\d+Z$/, 'Z');
	return pod.spec.containers.map((c, i) => ({
		name: c.name,
		image: c.image,
		ready: false,
		started: false,
		restartCount: i === 0 ? restartCount : 0,
		state: {waiting: {reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid ?? ''})`}},
		lastState: {terminated: {exitCode: 1, reason: 'Error', startedAt: time, finishedAt: time}},
	}));
}
