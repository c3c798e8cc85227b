// Names as a Pod's resolver and CoreDNS's kubernetes plugin answer them: the Pod's search path
// (`<ns>.svc.cluster.local svc.cluster.local cluster.local`, ndots:5), Service names to their
// ClusterIP (a headless Service to its ready endpoints), `a-b-c-d.<ns>.pod` names to the IP, and
// the reverse names busybox's nslookup prints beside each address.
import type {Cluster} from '../../sim/cluster/cluster.js';
import {SERVICE_NAME_LABEL} from '../../sim/api/types.js';

export const CLUSTER_DOMAIN = 'cluster.local';

export function searchPath(namespace: string): string[] {
	return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/** The kube-dns Service's ClusterIP: the nameserver kubelet writes into Pods' resolv.conf. */
export function clusterDNS(cluster: Cluster): string | undefined {
	return cluster.api.peekOne('Service', 'kube-dns', 'kube-system')?.spec.clusterIP;
}

export interface Answer {
	fqdn: string;
	addresses: string[];
}

/** What an A query for one fully qualified name gets, or undefined (NXDOMAIN). */
function answerFor(cluster: Cluster, fqdn: string): Answer | undefined {
	const name = fqdn.replace(/\.$/, '');
	const suffix = `.svc.${CLUSTER_DOMAIN}`;
	if (name.endsWith(suffix)) {
		const parts = name.slice(0, -suffix.length).split('.');
		if (parts.length !== 2) return undefined;
		const [service, namespace] = parts as [string, string];
		const svc = cluster.api.peekOne('Service', service, namespace);
		if (!svc) return undefined;
		if (svc.spec.clusterIP === 'None') {
			const ips = cluster.api
				.peek('EndpointSlice')
				.filter((s) => s.metadata.namespace === namespace && s.metadata.labels?.[SERVICE_NAME_LABEL] === service)
				.flatMap((s) => s.endpoints.filter((e) => e.conditions.ready !== false).flatMap((e) => e.addresses));
			return ips.length === 0 ? undefined : {fqdn: name, addresses: ips};
		}
		return svc.spec.clusterIP ? {fqdn: name, addresses: [svc.spec.clusterIP]} : undefined;
	}
	const pod = new RegExp(`^(\\d+)-(\\d+)-(\\d+)-(\\d+)\\.([^.]+)\\.pod\\.${CLUSTER_DOMAIN.replace(/\./g, '\\.')}$`).exec(name);
	if (pod) return {fqdn: name, addresses: [`${pod[1]}.${pod[2]}.${pod[3]}.${pod[4]}`]};
	return undefined;
}

/** Resolves a name as the Pod's libc does: search domains first unless it has five dots or more. */
export function resolve(cluster: Cluster, name: string, namespace: string): Answer | undefined {
	if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return {fqdn: name, addresses: [name]};
	if (name.endsWith('.')) return answerFor(cluster, name);
	const dots = name.split('.').length - 1;
	const candidates = dots >= 5 ? [name, ...searchPath(namespace).map((d) => `${name}.${d}`)] : [...searchPath(namespace).map((d) => `${name}.${d}`), name];
	for (const candidate of candidates) {
		const answer = answerFor(cluster, candidate);
		if (answer) return answer;
	}
	return undefined;
}

/** The PTR name CoreDNS gives an address: a Service's name for its ClusterIP, an endpoint's for a Pod behind a Service. */
export function reverseName(cluster: Cluster, ip: string): string | undefined {
	const service = cluster.api.peek('Service').find((s) => s.spec.clusterIP === ip);
	if (service) return `${service.metadata.name}.${service.metadata.namespace}.svc.${CLUSTER_DOMAIN}`;
	for (const slice of cluster.api.peek('EndpointSlice')) {
		if (slice.endpoints.some((e) => e.addresses.includes(ip))) {
			return `${ip.replace(/\./g, '-')}.${slice.metadata.labels?.[SERVICE_NAME_LABEL]}.${slice.metadata.namespace}.svc.${CLUSTER_DOMAIN}`;
		}
	}
	return undefined;
}
