// kube-apiserver's checks on --service-cluster-ip-range, with its own error texts
// (cmd/kube-apiserver/app/options/validation.go validateMaxCIDRRange; the minimum size comes from
// ServiceIPRange in pkg/controlplane/apiserver/options, reported through Complete()).
import {cidrSize, tryParseCIDR, indexedIP, parseCIDR} from './cidr.js';

/**
 * kube-apiserver's fallback when the flag is not given: deprecated, and it logs so ("No CIDR for
 * service cluster IPs specified. Default value which was 10.0.0.0/24 is deprecated …").
 */
export const APISERVER_DEFAULT_SERVICE_CIDR = '10.0.0.0/24';
/** kubeadm's default (`networking.serviceSubnet`), so the one most clusters and courses show. */
export const KUBEADM_DEFAULT_SERVICE_CIDR = '10.96.0.0/12';

/** The allocator keeps a bitmap of the range in etcd, so the range may have at most 20 host bits. */
const MAX_HOST_BITS = 20;

/**
 * Which kube-apiserver versions apply the 20-host-bit ("too large") check. validation.go runs
 * validateMaxCIDRRange only while MultiCIDRServiceAllocator or DisableAllocatorDualWrite is off:
 * MultiCIDRServiceAllocator is on by default from 1.33 (GA), DisableAllocatorDualWrite from 1.34
 * (GA), so 1.34 and later skip it. The simulated cluster is v1.32, which refuses.
 */
export const SERVICE_RANGE_SIZE_CHECK = {refusedBy: '1.31–1.33', skippedFrom: '1.34'} as const;

/** True when the only thing wrong with the range is the size check 1.34 and later skip. */
export function isTooLargeOnly(input: string): boolean {
	const result = tryParseCIDR(input);
	return result.ok && cidrSize(result.value) >= 8n && result.value.bits - result.value.prefix > MAX_HOST_BITS;
}

/**
 * null when kube-apiserver would start with this range, else the error it would print. Host bits
 * are not an error: like kube-apiserver, the block is masked (10.96.0.5/12 means 10.96.0.0/12).
 */
export function validateServiceClusterIPRange(input: string): string | null {
	const result = tryParseCIDR(input);
	if (!result.ok) return result.error.message;
	const cidr = result.value;
	if (cidrSize(cidr) < 8n) {
		return (
			'error determining service IP ranges for primary service cidr: ' +
			'the service cluster IP range must be at least 8 IP addresses'
		);
	}
	if (cidr.bits - cidr.prefix > MAX_HOST_BITS) {
		const minimum = cidr.bits - MAX_HOST_BITS;
		return `specified --service-cluster-ip-range is too large; for ${cidr.bits}-bit addresses, the mask must be >= ${minimum}`;
	}
	return null;
}

/** The ClusterIP of `default/kubernetes`: the first address after the network address. */
export function kubernetesServiceIP(serviceCIDR: string): string {
	return indexedIP(parseCIDR(serviceCIDR), 1);
}

/** kubeadm gives kube-dns (CoreDNS) the tenth address of the service subnet (10.96.0.10). */
export function kubeDNSServiceIP(serviceCIDR: string): string {
	return indexedIP(parseCIDR(serviceCIDR), 10);
}
