// KEP-3070 (ClusterIPs, GA in v1.26) and KEP-3668 (NodePorts, GA in v1.29) keep the bottom of each
// range for values users choose: dynamic allocation takes the upper band first and the lower band
// only when the upper one is full. The band size is min(max(16, size/step), max), and there is no
// band at all when the range has 16 values or fewer (calculateRangeOffset in ipallocator/bitmap.go
// and portallocator/allocator.go).

function bandSize(size: number, step: number, max: number): number {
	const min = 16;
	if (size <= min) return 0;
	return Math.min(Math.max(min, Math.floor(size / step)), max);
}

/**
 * Lower-band size for a Service CIDR of `totalAddresses` addresses, network and broadcast included
 * (a /24 counts 256 → 16; a /12 → 256; a /28 → none). The band starts at the first usable address.
 */
export function clusterIPStaticBandSize(totalAddresses: number): number {
	return bandSize(totalAddresses, 16, 256);
}

/** Lower-band size for a NodePort range of `size` ports (30000-32767 is 2768 ports → 86: 30000–30085). */
export function nodePortStaticBandSize(size: number): number {
	return bandSize(size, 32, 128);
}
