// IP and CIDR syntax with the API server's messages (apimachinery util/validation/ip.go and
// core validation's ValidateNonSpecialIP). Stricter than Go's "sloppy" parser in one way on
// purpose: leading zeros (`010.0.0.1`) are rejected, because Go reads them as decimal while
// netmask, used by the simulator, reads them as octal — the same text would mean two addresses.

export const IP_MESSAGE = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
export const CIDR_MESSAGE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

function parseIPv4(text: string): number[] | undefined {
	const parts = text.split('.');
	if (parts.length !== 4) return undefined;
	const bytes: number[] = [];
	for (const part of parts) {
		if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
		const value = Number(part);
		if (value > 255) return undefined;
		bytes.push(value);
	}
	return bytes;
}

function parseHextets(text: string): number[] | undefined {
	if (text === '') return [];
	const groups = text.split(':');
	const out: number[] = [];
	for (const group of groups) {
		if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
		out.push(Number.parseInt(group, 16));
	}
	return out;
}

/** 16 bytes, or undefined. Zones (`fe80::1%eth0`) are refused, as Go's ParseIP refuses them. */
function parseIPv6(text: string): number[] | undefined {
	if (!text.includes(':') || text.includes('%')) return undefined;
	let body = text;
	let tail: number[] = [];
	const lastColon = body.lastIndexOf(':');
	if (body.slice(lastColon + 1).includes('.')) {
		const v4 = parseIPv4(body.slice(lastColon + 1));
		if (!v4) return undefined;
		tail = [((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0)];
		body = body.slice(0, lastColon + 1);
		// `::1.2.3.4` leaves `::`, `a::b:1.2.3.4` leaves `a::b:`; drop the separator before the IPv4 part.
		if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
	}
	const halves = body.split('::');
	if (halves.length > 2) return undefined;
	const head = parseHextets(halves[0] ?? '');
	const rest = halves.length === 2 ? parseHextets(halves[1] ?? '') : [];
	if (!head || !rest) return undefined;
	const given = head.length + rest.length + tail.length;
	if (halves.length === 1 ? given !== 8 : given > 7) return undefined;
	const hextets = [...head, ...new Array<number>(8 - given).fill(0), ...rest, ...tail];
	return hextets.flatMap((hextet) => [hextet >> 8, hextet & 0xff]);
}

export interface ParsedIP {
	family: 4 | 6;
	/** 4 bytes for IPv4 (including IPv4-mapped IPv6, as Go's To4 does), else 16. */
	bytes: number[];
}

export function parseIP(text: string): ParsedIP | undefined {
	const v4 = parseIPv4(text);
	if (v4) return {family: 4, bytes: v4};
	const v6 = parseIPv6(text);
	if (!v6) return undefined;
	const mapped = v6.slice(0, 10).every((byte) => byte === 0) && v6[10] === 0xff && v6[11] === 0xff;
	return mapped ? {family: 4, bytes: v6.slice(12)} : {family: 6, bytes: v6};
}

export function isValidCIDR(text: string): boolean {
	const slash = text.indexOf('/');
	if (slash < 0) return false;
	const ip = parseIP(text.slice(0, slash));
	const prefix = text.slice(slash + 1);
	if (!ip || !/^(0|[1-9][0-9]{0,2})$/.test(prefix)) return false;
	// An IPv4-mapped address keeps its IPv6 prefix range, as Go's ParseCIDR does.
	const bits = text.slice(0, slash).includes(':') ? 128 : 32;
	return Number(prefix) <= bits;
}

/** ValidateNonSpecialIP: addresses that must not be Service external IPs or endpoints. */
export function nonSpecialIPProblem(text: string): string | undefined {
	const ip = parseIP(text);
	if (!ip) return IP_MESSAGE;
	const b = ip.bytes;
	if (b.every((byte) => byte === 0)) return `may not be unspecified (${text})`;
	if (ip.family === 4) {
		if (b[0] === 127) return 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
		if (b[0] === 169 && b[1] === 254) return 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
		if (b[0] === 224 && b[1] === 0 && b[2] === 0) return 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';
		return undefined;
	}
	if (b.slice(0, 15).every((byte) => byte === 0) && b[15] === 1) return 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
	if (b[0] === 0xfe && ((b[1] ?? 0) & 0xc0) === 0x80) return 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
	if (b[0] === 0xff && ((b[1] ?? 0) & 0x0f) === 0x02) return 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';
	return undefined;
}
