// `host:port`, written and read the way Go's net.JoinHostPort and net.SplitHostPort do it: an IPv6
// host goes in brackets (`[fd00::2]:3306`), so the last colon always separates the port. Every
// `IP:PORT` svc-tutor prints or reads goes through here.
import {tryParseIP} from './ip.js';

export function joinHostPort(host: string, port: number | string): string {
	return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * The host and port of `host:port` or `[host]:port`, undefined when the text is not of that shape
 * (no port, an IPv6 address without brackets, text around the brackets), as Go refuses it with
 * "missing port in address" or "too many colons in address". Neither part is checked.
 */
export function splitHostPort(text: string): {host: string; port: string} | undefined {
	const colon = text.lastIndexOf(':');
	if (colon < 0) return undefined;
	const port = text.slice(colon + 1);
	let host = text.slice(0, colon);
	if (host.startsWith('[')) {
		if (!host.endsWith(']')) return undefined;
		host = host.slice(1, -1);
		if (host.includes('[') || host.includes(']')) return undefined;
	} else if (host.includes(':') || host.includes('[') || host.includes(']')) return undefined;
	return {host, port};
}

/** An `IP:PORT` endpoint: a literal IP address and a port from 1 to 65535, or undefined. */
export function parseIPPort(text: string): {ip: string; port: number} | undefined {
	const parts = splitHostPort(text.trim());
	if (!parts || !/^[0-9]{1,5}$/.test(parts.port) || !tryParseIP(parts.host).ok) return undefined;
	const port = Number(parts.port);
	return port >= 1 && port <= 65535 ? {ip: parts.host, port} : undefined;
}
