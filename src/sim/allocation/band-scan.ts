// The search both Service allocators use (randomScanStrategyWithOffset in
// pkg/registry/core/service/allocator/bitmap.go, and the same walk in ipallocator.go): start at a
// random value of the upper band and walk forward, wrapping inside the band; only if the whole upper
// band is taken, do the same in the lower (static) band. Values are offsets 0..size-1.
import type {Random} from '../random.js';

export function pickFreeOffset(
	size: number,
	band: number,
	isUsed: (offset: number) => boolean,
	random: Random,
): number | undefined {
	const upper = size - band;
	if (upper > 0) {
		const start = random.int(upper);
		for (let i = 0; i < upper; i++) {
			const at = band + ((start + i) % upper);
			if (!isUsed(at)) return at;
		}
	}
	if (band > 0) {
		const start = random.int(band);
		for (let i = 0; i < band; i++) {
			const at = (start + i) % band;
			if (!isUsed(at)) return at;
		}
	}
	return undefined;
}
