// How a program on the node finds an address for a name, as glibc does there: an IP as is, then
// /etc/hosts, then the nameservers of /etc/resolv.conf with its search list and ndots. A kubeadm
// node asks systemd-resolved (127.0.0.53), which knows nothing of cluster.local: Service names do
// not resolve on a node, unless /etc/resolv.conf is pointed at the cluster's DNS (kube-dns).
import {clusterDNS, resolve} from '../kubectl/dns.js';
import type {ShellContext} from '../types.js';

export function resolveOnNode(ctx: ShellContext, name: string): string | undefined {
	if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return name;
	const wanted = name.replace(/\.$/, '').toLowerCase();
	for (const line of (ctx.fs.read('/etc/hosts') ?? '').split('\n')) {
		const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
		if (address !== undefined && /^\d+\.\d+\.\d+\.\d+$/.test(address) && names.some((n) => n.toLowerCase() === wanted)) return address;
	}
	const conf = ctx.fs.read('/etc/resolv.conf') ?? '';
	const nameservers: string[] = [];
	let search: string[] = [];
	let ndots = 1;
	for (const line of conf.split('\n')) {
		const [key, ...values] = line.trim().split(/\s+/);
		if (key === 'nameserver' && values[0] !== undefined) nameservers.push(values[0]);
		else if (key === 'search' || key === 'domain') search = values.filter((v) => v !== '.');
		else if (key === 'options') for (const v of values) if (v.startsWith('ndots:')) ndots = Number(v.slice(6)) || 0;
	}
	// Only the cluster's DNS answers anything here: the node has no network beyond the cluster.
	const dns = clusterDNS(ctx.cluster);
	const dnsPods = ctx.cluster.api.peek('Pod').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns').map((p) => p.status.podIP);
	if (!nameservers.some((ns) => ns === dns || dnsPods.includes(ns))) return undefined;
	if (name.endsWith('.')) return resolve(ctx.cluster, name, 'default')?.addresses[0];
	const dots = name.split('.').length - 1;
	const searched = search.map((d) => `${name}.${d}.`);
	const candidates = dots >= ndots ? [`${name}.`, ...searched] : [...searched, `${name}.`];
	for (const candidate of candidates) {
		const answer = resolve(ctx.cluster, candidate, 'default');
		if (answer) return answer.addresses[0];
	}
	return undefined;
}
