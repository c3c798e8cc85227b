// kube-proxy's log as the course shows it: every line it can log, each with the klog verbosity it
// is logged at, so the view can say which lines `kubectl logs` shows on a default node. kubeadm's
// kube-proxy DaemonSet runs `kube-proxy --config=… --hostname-override=…` without --v, so klog's
// verbosity is 0 there and the V(4) lines ("Adding new service port", pkg/proxy/servicechangetracker.go)
// appear only on a kube-proxy started with --v=4 or more.
import type {Cluster} from '../sim/cluster/cluster.js';

/** The verbosity kubeadm's kube-proxy runs at: no --v flag, klog's default. */
export const KUBEADM_KUBE_PROXY_VERBOSITY = 0;

export interface KubeProxyLogLine {
	text: string;
	/** The klog verbosity the line is logged at: shown when the process runs with --v at or above it. */
	verbosity: number;
}

/** The node's kube-proxy log, every line, oldest first; undefined when the node runs no kube-proxy. */
export function kubeProxyLog(cluster: Cluster, node: string): KubeProxyLogLine[] | undefined {
	const proxy = cluster.kubeProxy(node);
	if (!proxy) return undefined;
	// Every line carries its own microsecond timestamp, so a line's text identifies it.
	const shownByDefault = new Set(proxy.logLinesAt(KUBEADM_KUBE_PROXY_VERBOSITY));
	return proxy.logLines().map((text) => ({text, verbosity: shownByDefault.has(text) ? KUBEADM_KUBE_PROXY_VERBOSITY : 4}));
}
