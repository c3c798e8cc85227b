// --service-node-port-range as kube-apiserver reads it (k8s.io/apimachinery/pkg/util/net PortRange):
// "N1-N2" inclusive, a single "N", or "N+offset"; errors in its own words.

export interface PortRange {
	base: number;
	size: number;
}

export const DEFAULT_NODE_PORT_RANGE = '30000-32767';

export type PortRangeResult = {ok: true; value: PortRange} | {ok: false; error: string};

/** Go's strconv.Atoi: an optional sign and decimal digits, with its error text. */
function atoi(s: string): number | string {
	if (!/^[+-]?[0-9]+$/.test(s)) return `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
	return Number(s);
}

export function parsePortRange(text: string): PortRangeResult {
	const value = text.trim();
	if (value === '') return {ok: true, value: {base: 0, size: 0}};
	const hyphen = value.indexOf('-');
	const plus = value.indexOf('+');
	let low: number | string;
	let high: number | string;
	if (hyphen >= 0 && plus >= 0) {
		return {ok: false, error: `unable to parse port range: ${value}`};
	} else if (hyphen >= 0) {
		low = atoi(value.slice(0, hyphen));
		high = atoi(value.slice(hyphen + 1));
	} else if (plus >= 0) {
		low = atoi(value.slice(0, plus));
		const offset = atoi(value.slice(plus + 1));
		high = typeof low === 'number' && typeof offset === 'number' ? low + offset : offset;
	} else {
		low = high = atoi(value);
	}
	if (typeof low === 'string') return {ok: false, error: low};
	if (typeof high === 'string') return {ok: false, error: high};
	if (low > 65535 || high > 65535) return {ok: false, error: `the port range cannot be greater than 65535: ${value}`};
	if (high < low) return {ok: false, error: `end port cannot be less than start port: ${value}`};
	return {ok: true, value: {base: low, size: 1 + high - low}};
}

/** "30000-32767", the form error messages print. */
export function formatPortRange(range: PortRange): string {
	return range.size === 0 ? '' : `${range.base}-${range.base + range.size - 1}`;
}
