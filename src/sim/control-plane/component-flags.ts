// Reading a control-plane container's command line as the component's flag parser (pflag, via
// cobra) reads it: `--name=value` or `--name value`, an unknown name is fatal
// (`Error: unknown flag: --foo`), and the values the simulation acts on are checked as the
// component checks them. The flag names are those of the components' reference pages
// (kubernetes.io, command-line-tools-reference) with the v1.32 additions; kube-controller-manager's,
// kube-scheduler's and etcd's lists hold the flags people set, not every one a binary has.
import {validateServiceClusterIPRange} from '../net/service-cidr.js';
import {tryParseCIDR} from '../net/cidr.js';
import type {ControlPlaneComponent} from './kubeadm-manifests.js';

const KLOG = ['v', 'vmodule', 'log-flush-frequency', 'logging-format', 'log-json-info-buffer-size', 'log-json-split-stream', 'log-text-info-buffer-size', 'log-text-split-stream', 'help', 'version'];

const APISERVER = [
	'admission-control', 'admission-control-config-file', 'advertise-address', 'aggregator-reject-forwarding-redirect', 'allow-metric-labels', 'allow-metric-labels-manifest',
	'allow-privileged', 'anonymous-auth', 'api-audiences', 'apiserver-count', 'audit-log-batch-buffer-size', 'audit-log-batch-max-size', 'audit-log-batch-max-wait',
	'audit-log-batch-throttle-burst', 'audit-log-batch-throttle-enable', 'audit-log-batch-throttle-qps', 'audit-log-compress', 'audit-log-format', 'audit-log-maxage',
	'audit-log-maxbackup', 'audit-log-maxsize', 'audit-log-mode', 'audit-log-path', 'audit-log-truncate-enabled', 'audit-log-truncate-max-batch-size',
	'audit-log-truncate-max-event-size', 'audit-log-version', 'audit-policy-file', 'audit-webhook-batch-buffer-size', 'audit-webhook-batch-max-size',
	'audit-webhook-batch-max-wait', 'audit-webhook-batch-throttle-burst', 'audit-webhook-batch-throttle-enable', 'audit-webhook-batch-throttle-qps',
	'audit-webhook-config-file', 'audit-webhook-initial-backoff', 'audit-webhook-mode', 'audit-webhook-truncate-enabled', 'audit-webhook-truncate-max-batch-size',
	'audit-webhook-truncate-max-event-size', 'audit-webhook-version', 'authentication-config', 'authentication-token-webhook-cache-ttl',
	'authentication-token-webhook-config-file', 'authentication-token-webhook-version', 'authorization-config', 'authorization-mode', 'authorization-policy-file',
	'authorization-webhook-cache-authorized-ttl', 'authorization-webhook-cache-unauthorized-ttl', 'authorization-webhook-config-file', 'authorization-webhook-version',
	'bind-address', 'cert-dir', 'client-ca-file', 'cloud-config', 'cloud-provider', 'contention-profiling', 'cors-allowed-origins', 'debug-socket-path',
	'default-not-ready-toleration-seconds', 'default-unreachable-toleration-seconds', 'default-watch-cache-size', 'delete-collection-workers', 'disable-admission-plugins',
	'disable-http2-serving', 'disabled-metrics', 'egress-selector-config-file', 'emulated-version', 'enable-admission-plugins', 'enable-aggregator-routing',
	'enable-bootstrap-token-auth', 'enable-garbage-collector', 'enable-priority-and-fairness', 'encryption-provider-config', 'encryption-provider-config-automatic-reload',
	'endpoint-reconciler-type', 'etcd-cafile', 'etcd-certfile', 'etcd-compaction-interval', 'etcd-count-metric-poll-period', 'etcd-db-metric-poll-interval',
	'etcd-healthcheck-timeout', 'etcd-keyfile', 'etcd-prefix', 'etcd-readycheck-timeout', 'etcd-servers', 'etcd-servers-overrides', 'event-ttl', 'external-hostname',
	'feature-gates', 'goaway-chance', 'http2-max-streams-per-connection', 'kubelet-certificate-authority', 'kubelet-client-certificate', 'kubelet-client-key',
	'kubelet-port', 'kubelet-preferred-address-types', 'kubelet-read-only-port', 'kubelet-timeout', 'kubernetes-service-node-port', 'lease-reuse-duration-seconds',
	'livez-grace-period', 'max-connection-bytes-per-sec', 'max-mutating-requests-inflight', 'max-requests-inflight', 'min-request-timeout', 'oidc-ca-file', 'oidc-client-id',
	'oidc-groups-claim', 'oidc-groups-prefix', 'oidc-issuer-url', 'oidc-required-claim', 'oidc-signing-algs', 'oidc-username-claim', 'oidc-username-prefix',
	'peer-advertise-ip', 'peer-advertise-port', 'peer-ca-file', 'permit-address-sharing', 'permit-port-sharing', 'profiling', 'proxy-client-cert-file',
	'proxy-client-key-file', 'request-timeout', 'requestheader-allowed-names', 'requestheader-client-ca-file', 'requestheader-extra-headers-prefix',
	'requestheader-group-headers', 'requestheader-uid-headers', 'requestheader-username-headers', 'runtime-config', 'secure-port', 'service-account-extend-token-expiration',
	'service-account-issuer', 'service-account-jwks-uri', 'service-account-key-file', 'service-account-lookup', 'service-account-max-token-expiration',
	'service-account-signing-key-file', 'service-cluster-ip-range', 'service-node-port-range', 'show-hidden-metrics-for-version', 'shutdown-delay-duration',
	'shutdown-send-retry-after', 'shutdown-watch-termination-grace-period', 'storage-backend', 'storage-initialization-timeout', 'storage-media-type',
	'strict-transport-security-directives', 'tls-cert-file', 'tls-cipher-suites', 'tls-min-version', 'tls-private-key-file', 'tls-sni-cert-key', 'token-auth-file',
	'tracing-config-file', 'watch-cache', 'watch-cache-sizes',
];

const CONTROLLER_MANAGER = [
	'allocate-node-cidrs', 'authentication-kubeconfig', 'authentication-skip-lookup', 'authorization-always-allow-paths', 'authorization-kubeconfig', 'bind-address',
	'cert-dir', 'cidr-allocator-type', 'client-ca-file', 'cloud-config', 'cloud-provider', 'cluster-cidr', 'cluster-name', 'cluster-signing-cert-file',
	'cluster-signing-duration', 'cluster-signing-key-file', 'concurrent-deployment-syncs', 'concurrent-endpoint-syncs', 'concurrent-replicaset-syncs',
	'concurrent-service-endpoint-syncs', 'configure-cloud-routes', 'controllers', 'feature-gates', 'kube-api-burst', 'kube-api-qps', 'kubeconfig', 'leader-elect',
	'leader-elect-lease-duration', 'leader-elect-renew-deadline', 'leader-elect-retry-period', 'master', 'node-cidr-mask-size', 'node-cidr-mask-size-ipv4',
	'node-cidr-mask-size-ipv6', 'node-monitor-grace-period', 'node-monitor-period', 'profiling', 'requestheader-allowed-names', 'requestheader-client-ca-file',
	'root-ca-file', 'secure-port', 'service-account-private-key-file', 'service-cluster-ip-range', 'terminated-pod-gc-threshold', 'tls-cert-file',
	'tls-private-key-file', 'use-service-account-credentials',
];

const SCHEDULER = [
	'authentication-kubeconfig', 'authorization-kubeconfig', 'bind-address', 'cert-dir', 'config', 'feature-gates', 'kube-api-burst', 'kube-api-qps', 'kubeconfig',
	'leader-elect', 'leader-elect-lease-duration', 'leader-elect-renew-deadline', 'leader-elect-resource-name', 'leader-elect-resource-namespace',
	'leader-elect-retry-period', 'master', 'profiling', 'secure-port', 'tls-cert-file', 'tls-private-key-file', 'write-config-to',
];

const ETCD = [
	'advertise-client-urls', 'auto-compaction-mode', 'auto-compaction-retention', 'cert-file', 'client-cert-auth', 'data-dir', 'election-timeout',
	'experimental-initial-corrupt-check', 'experimental-watch-progress-notify-interval', 'heartbeat-interval', 'initial-advertise-peer-urls', 'initial-cluster',
	'initial-cluster-state', 'initial-cluster-token', 'key-file', 'listen-client-urls', 'listen-metrics-urls', 'listen-peer-urls', 'log-level', 'logger', 'max-request-bytes',
	'name', 'peer-cert-file', 'peer-client-cert-auth', 'peer-key-file', 'peer-trusted-ca-file', 'quota-backend-bytes', 'snapshot-count', 'trusted-ca-file', 'wal-dir',
];

const KNOWN: Record<ControlPlaneComponent, ReadonlySet<string>> = {
	'kube-apiserver': new Set([...APISERVER, ...KLOG]),
	'kube-controller-manager': new Set([...CONTROLLER_MANAGER, ...KLOG]),
	'kube-scheduler': new Set([...SCHEDULER, ...KLOG]),
	// etcd's own flag parser (not pflag) knows no klog flags.
	etcd: new Set([...ETCD, 'help', 'version']),
};

export interface ComponentFlags {
	/** The last value of each flag, as pflag keeps it. */
	values: Map<string, string>;
}

/**
 * The flags of a command line (the binary's name first), or the error the component prints before
 * it exits: pflag's `unknown flag: --foo`, or its own complaint about a value it needs.
 */
export function parseComponentFlags(component: ControlPlaneComponent, argv: readonly string[]): {ok: true; flags: ComponentFlags} | {ok: false; error: string} {
	const values = new Map<string, string>();
	const known = KNOWN[component];
	for (let i = 1; i < argv.length; i++) {
		const arg = argv[i]!;
		if (!arg.startsWith('-') || arg === '-' || arg === '--') continue;
		const body = arg.replace(/^--?/, '');
		const eq = body.indexOf('=');
		const name = eq === -1 ? body : body.slice(0, eq);
		if (!known.has(name)) {
			return {ok: false, error: component === 'etcd' ? `flag provided but not defined: -${name}` : `unknown flag: --${name}`};
		}
		let value = eq === -1 ? undefined : body.slice(eq + 1);
		if (value === undefined) {
			const next = argv[i + 1];
			if (next !== undefined && !next.startsWith('-') && !BOOLEAN.has(name)) {
				value = next;
				i++;
			} else value = 'true';
		}
		values.set(name, value);
	}
	const problem = checkValues(component, values);
	return problem === null ? {ok: true, flags: {values}} : {ok: false, error: problem};
}

const BOOLEAN = new Set(['allow-privileged', 'enable-bootstrap-token-auth', 'leader-elect', 'allocate-node-cidrs', 'use-service-account-credentials', 'client-cert-auth', 'peer-client-cert-auth', 'experimental-initial-corrupt-check', 'profiling', 'help', 'version']);

function checkValues(component: ControlPlaneComponent, values: Map<string, string>): string | null {
	if (component === 'kube-apiserver') {
		const range = values.get('service-cluster-ip-range');
		if (range !== undefined) {
			const first = range.split(',')[0]!.trim();
			const problem = validateServiceClusterIPRange(first);
			if (problem !== null) return problem;
		}
		const port = values.get('secure-port');
		if (port !== undefined && !/^\d+$/.test(port)) return `invalid argument "${port}" for "--secure-port" flag: strconv.ParseInt: parsing "${port}": invalid syntax`;
		if (!values.has('etcd-servers')) return '--etcd-servers must be specified';
	}
	if (component === 'kube-controller-manager') {
		const cidr = values.get('cluster-cidr');
		if (cidr !== undefined && values.get('allocate-node-cidrs') === 'true') {
			const parsed = tryParseCIDR(cidr.split(',')[0]!.trim());
			if (!parsed.ok) return `failed to parse cluster CIDR ${cidr}: ${parsed.error.message}`;
		}
	}
	return null;
}
