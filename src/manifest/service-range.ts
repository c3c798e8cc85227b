// Which service range (kube-apiserver's --service-cluster-ip-range) a dump comes from. The IPs a
// dump's Services hold are the cluster's truth and are used as they are; the range matters only to
// allocate an IP for a Service that has none. The rule, in order:
//
// 1. a ServiceCIDR named `kubernetes` (networking.k8s.io/v1, Kubernetes 1.33+), which
//    kube-apiserver makes from the flag: its IPv4 CIDR, when it holds every IPv4 clusterIP;
// 2. no IPv4 clusterIP at all: kubeadm's default, 10.96.0.0/12;
// 3. the `kubernetes` Service in `default`: kube-apiserver gives it the range's first usable
//    address, so the range starts one below it. A distribution's default range that starts there
//    and holds every IP is taken (kubeadm 10.96.0.0/12, k3s 10.43.0.0/16, OpenShift 172.30.0.0/16…);
//    else the largest block that starts there, but no larger than a /16 unless the IPs need it;
// 4. otherwise the smallest block of /16 or larger that holds every IP, none of them being its
//    network or broadcast address;
// 5. if no block up to /12 (kube-apiserver's largest IPv4 range) holds them all, kubeadm's default,
//    and the API server's refusal names the Service whose IP does not fit.
//
// Rules 3 and 4 are a guess (`inferred`): the caller says which range was assumed when it is used.
import {cidrContains, cidrLast, formatCIDR, parseCIDR, prefixMask} from '../sim/net/cidr.js';
import {parseIP, tryParseIP} from '../sim/net/ip.js';
import type {Service, ServiceCIDR} from '../sim/api/types.js';

export const KUBEADM_DEFAULT_RANGE = '10.96.0.0/12';

/** Default service ranges of common distributions, each first usable address being the `kubernetes` Service's IP. */
const DISTRIBUTION_RANGES: readonly string[] = [
	'10.96.0.0/12', // kubeadm, kind, minikube
	'10.43.0.0/16', // k3s, RKE2
	'172.30.0.0/16', // OpenShift
	'10.100.0.0/16', // EKS
	'172.20.0.0/16', // EKS, when the VPC is in 10.0.0.0/8
	'34.118.224.0/20', // GKE (clusters created since 1.27)
	'10.0.0.0/16', // AKS
	'10.233.0.0/18', // kubespray
	'10.152.183.0/24', // MicroK8s
];

/** kube-apiserver refuses an IPv4 service range of more than 2^20 addresses. */
const LARGEST_PREFIX = 12;

export interface ServiceRange {
	cidr: string;
	/** Where it comes from, for the note: `the ServiceCIDR "kubernetes"`, `kubeadm's default`… */
	source: string;
	/** True when worked out from the Services' IPs (rules 3 and 4): a guess to be named when used. */
	inferred: boolean;
}

function ipv4ClusterIPs(services: readonly Service[]): string[] {
	const ips: string[] = [];
	for (const service of services) {
		const all = service.spec.clusterIPs?.length ? service.spec.clusterIPs : service.spec.clusterIP ? [service.spec.clusterIP] : [];
		for (const ip of all) {
			const parsed = tryParseIP(ip);
			if (parsed.ok && parsed.value.family === 'IPv4') ips.push(ip);
		}
	}
	return ips;
}

/** The block holds every IP, none as its network or broadcast address (the allocator refuses those). */
function holdsAll(cidr: string, ips: readonly string[]): boolean {
	const block = parseCIDR(cidr);
	const last = cidrLast(block);
	return ips.every((ip) => {
		if (!cidrContains(block, ip)) return false;
		const value = parseIP(ip).value;
		return value !== block.network && value !== last;
	});
}

function block(network: bigint, prefix: number): string {
	const masked = network & prefixMask(prefix, 32);
	return formatCIDR({family: 'IPv4', bits: 32, prefix, ip: masked, network: masked});
}

function trailingZeros(value: bigint): number {
	let zeros = 0;
	while (zeros < 32 && ((value >> BigInt(zeros)) & 1n) === 0n) zeros++;
	return zeros;
}

function fromKubernetesIP(kubernetesIP: string, ips: readonly string[]): string | undefined {
	const network = parseIP(kubernetesIP).value - 1n;
	for (const range of DISTRIBUTION_RANGES) if (parseCIDR(range).network === network && holdsAll(range, ips)) return range;
	// The shortest prefix the network is aligned to, but no shorter than /16 to start with.
	const aligned = 32 - trailingZeros(network);
	for (let prefix = Math.max(16, aligned); prefix >= Math.max(aligned, LARGEST_PREFIX); prefix--) {
		const cidr = block(network, prefix);
		if (holdsAll(cidr, ips)) return cidr;
	}
	return undefined;
}

function smallestHolding(ips: readonly string[]): string | undefined {
	const first = parseIP(ips[0]!).value;
	for (let prefix = 16; prefix >= LARGEST_PREFIX; prefix--) {
		const cidr = block(first, prefix);
		if (holdsAll(cidr, ips)) return cidr;
	}
	return undefined;
}

/** The service range of a dump with no --service-cluster-ip-range, by the rule above. */
export function inferServiceRange(services: readonly Service[], serviceCIDRs: readonly ServiceCIDR[]): ServiceRange {
	const ips = ipv4ClusterIPs(services);
	const named = serviceCIDRs.find((s) => s.metadata.name === 'kubernetes');
	const v4 = named?.spec.cidrs.find((c) => !c.includes(':'));
	if (v4 && ips.every((ip) => cidrContains(v4, ip))) return {cidr: formatCIDR(parseCIDR(v4)), source: 'the ServiceCIDR "kubernetes"', inferred: false};
	if (ips.length === 0) return {cidr: KUBEADM_DEFAULT_RANGE, source: "kubeadm's default", inferred: false};
	const kubernetes = services.find((s) => s.metadata.name === 'kubernetes' && (s.metadata.namespace ?? 'default') === 'default');
	const kubernetesIP = kubernetes ? ipv4ClusterIPs([kubernetes])[0] : undefined;
	if (kubernetesIP) {
		const cidr = fromKubernetesIP(kubernetesIP, ips);
		if (cidr) return {cidr, source: `the kubernetes Service's ${kubernetesIP}, its first address`, inferred: true};
	}
	const cidr = smallestHolding(ips);
	if (cidr) return {cidr, source: 'the smallest /16 or larger block holding every clusterIP', inferred: true};
	return {cidr: KUBEADM_DEFAULT_RANGE, source: "kubeadm's default", inferred: false};
}

