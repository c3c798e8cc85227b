// kube-proxy's log lines in klog's format, current (structured) and as v1.11 printed them, so a
// learner recognises both what `kubectl logs -n kube-system kube-proxy-…` shows today and what
// older course material (and the seed notes) show.
//
// File:line of each call site: current lines from pkg/proxy/servicechangetracker.go (merge at 202,
// 204; unmerge at 225) and server_linux.go:169 as seen in real v1.31-era logs; the v1.11 lines from
// real logs of that era (server_others.go:140, service.go:309 for ServiceMap.merge's "Adding new
// service port"). The texts of the update and removal lines are those of that era's
// pkg/proxy/service.go; their line numbers are derived, not seen in a log: in the two versions of
// the file read (a glog one from before v1.11 and a klog one from after), merge's "Updating
// existing service port %q at %s" stands two lines below the add and unmerge's "Removing service
// port %q" 25 lines below it, hence 311 and 334.

export type LogFormat = 'current' | 'v1.11';

export interface LogEntry {
	time: Date;
	micros: number;
	event: 'startup' | 'route-localnet' | 'add' | 'update' | 'remove';
	/** `ns/name` or `ns/name:port`. */
	portName?: string;
	/** `10.103.132.104:3306/TCP` */
	servicePort?: string;
	/** The proxier the startup line names; absent for iptables. */
	mode?: 'nftables';
}

/**
 * The klog verbosity each line is logged at: the start lines at V(0); the service port lines at
 * V(4) (klog.V(4).InfoS in pkg/proxy/servicechangetracker.go), so kubeadm's kube-proxy, which
 * runs without --v, does not print them.
 */
export function logVerbosity(entry: Pick<LogEntry, 'event'>): number {
	return entry.event === 'startup' || entry.event === 'route-localnet' ? 0 : 4;
}

/** klog's header: severity, MMDD, time with microseconds, the thread id in 7 columns, file:line. */
function header(entry: LogEntry, site: string): string {
	const d = entry.time;
	const two = (n: number): string => String(n).padStart(2, '0');
	const micros = String(d.getUTCMilliseconds() * 1000 + entry.micros).padStart(6, '0');
	return `I${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros} ${String(1).padStart(7)} ${site}]`;
}

export function formatLogEntry(entry: LogEntry, format: LogFormat): string | undefined {
	if (format === 'current') {
		switch (entry.event) {
			case 'startup':
				// The nftables line's file:line as a real v1.32.13 kube-proxy logged it.
				return entry.mode === 'nftables' ? `${header(entry, 'server_linux.go:292')} "Using nftables Proxier"` : `${header(entry, 'server_linux.go:169')} "Using iptables Proxier"`;
			case 'route-localnet':
				return `${header(entry, 'proxier.go:255')} "Setting route_localnet=1 to allow node-ports on localhost; to change this either disable iptables.localhostNodePorts (--iptables-localhost-nodeports) or set nodePortAddresses (--nodeport-addresses) to filter loopback addresses"`;
			case 'add':
				return `${header(entry, 'servicechangetracker.go:202')} "Adding new service port" portName="${entry.portName}" servicePort="${entry.servicePort}"`;
			case 'update':
				return `${header(entry, 'servicechangetracker.go:204')} "Updating existing service port" portName="${entry.portName}" servicePort="${entry.servicePort}"`;
			case 'remove':
				return `${header(entry, 'servicechangetracker.go:225')} "Removing service port" portName="${entry.portName}"`;
		}
	}
	// v1.11: unnamed ports print as `ns/name:` (the port name after the colon is empty).
	const legacyName = entry.portName?.includes(':') ? entry.portName : `${entry.portName}:`;
	switch (entry.event) {
		case 'startup':
			return `${header(entry, 'server_others.go:140')} Using iptables Proxier.`;
		case 'add':
			return `${header(entry, 'service.go:309')} Adding new service port "${legacyName}" at ${entry.servicePort}`;
		case 'update':
			return `${header(entry, 'service.go:311')} Updating existing service port "${legacyName}" at ${entry.servicePort}`;
		case 'remove':
			return `${header(entry, 'service.go:334')} Removing service port "${legacyName}"`;
		case 'route-localnet':
			// v1.11 had no localhost NodePort setting to log (route_localnet came with it, much later).
			return undefined;
	}
}
