// TEMPORARY until src/sim/net lands: IPv4 containment only.
export function cidrHolds(cidr: string, ip: string): boolean {
	if (cidr.includes(':') || ip.includes(':')) return false;
	const [net, len] = cidr.split('/');
	const toInt = (s: string): number => s.split('.').reduce((n, o) => n * 256 + Number(o), 0);
	const bits = Number(len ?? 32);
	const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
	return ((toInt(net!) & mask) >>> 0) === ((toInt(ip) & mask) >>> 0);
}
