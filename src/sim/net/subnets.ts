// Cutting a block into equal subnets: the arithmetic behind "how many nodes can get a pod CIDR" and
// "what is the third node's CIDR" (kube-controller-manager's range allocator hands them out by index).
import {formatCIDR, parseCIDR, type CIDR} from './cidr.js';

function checkMaskSize(cidr: CIDR, maskSize: number): void {
	if (!Number.isInteger(maskSize) || maskSize < cidr.prefix || maskSize > cidr.bits) {
		throw new RangeError(`subnet mask size must be ${cidr.prefix}–${cidr.bits} for ${formatCIDR(cidr)}, not ${maskSize}`);
	}
}

/** How many /maskSize subnets fit in the block (2^(maskSize − prefix)). */
export function subnetCount(cidr: string, maskSize: number): number {
	const block = parseCIDR(cidr);
	checkMaskSize(block, maskSize);
	const count = 2 ** (maskSize - block.prefix);
	if (!Number.isSafeInteger(count)) throw new RangeError(`${count} subnets is too many to count exactly`);
	return count;
}

/** The subnet at zero-based index `n`: nthSubnet('10.244.0.0/16', 24, 2) is the third, 10.244.2.0/24. */
export function nthSubnet(cidr: string, maskSize: number, n: number): string {
	const block = parseCIDR(cidr);
	checkMaskSize(block, maskSize);
	const count = 1n << BigInt(maskSize - block.prefix);
	if (!Number.isInteger(n) || n < 0 || BigInt(n) >= count) {
		throw new RangeError(`${formatCIDR(block)} has ${count} subnets of /${maskSize}; there is no index ${n}`);
	}
	const network = block.network + (BigInt(n) << BigInt(block.bits - maskSize));
	return formatCIDR({...block, prefix: maskSize, ip: network, network});
}
