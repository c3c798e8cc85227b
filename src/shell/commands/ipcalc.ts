// Debian's ipcalc 0.42 (the Perl one kubeadm nodes on Debian/Ubuntu have), without colour as when
// its output is not a terminal: address, netmask, wildcard, network, host range, broadcast, hosts
// and class, each with its bits split at the prefix. `-b` leaves the bits out. Checked line for
// line against the real ipcalc (test/shell/oracle.test.ts).
import {ok, type Command} from '../types.js';

function parseIPv4(text: string): number | undefined {
	const parts = text.split('.');
	if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
	return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function dotted(n: number): string {
	return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** The 32 bits with a dot after each octet and a space where the prefix ends. */
function bits(n: number, prefix: number): string {
	let out = '';
	for (let i = 0; i < 32; i++) {
		if (i === prefix && prefix > 0) out += ' ';
		out += (n >>> (31 - i)) & 1;
		if (i % 8 === 7 && i < 31) out += '.';
	}
	if (prefix === 32) out += ' ';
	// At an octet boundary ipcalc puts the space after the dot.
	return out.replace(/ \./g, '. ');
}

function classText(address: number, prefix: number): string {
	const first = address >>> 24;
	const second = (address >>> 16) & 255;
	let text: string;
	if (first < 128) text = 'Class A';
	else if (first < 192) text = 'Class B';
	else if (first < 224) text = 'Class C';
	else if (first < 240) text = 'Class D, Multicast';
	else text = 'Class E';
	if (first === 10 || (first === 172 && second >= 16 && second < 32) || (first === 192 && second === 168)) text += ', Private Internet';
	else if (first === 127) text += ', Loopback';
	else if (first === 169 && second === 254) text += ', APIPA';
	if (prefix === 31) text += ', PtP Link RFC 3021';
	return text;
}

function maskPrefix(mask: string): number | undefined {
	if (/^\d{1,2}$/.test(mask)) return Number(mask) <= 32 ? Number(mask) : undefined;
	const n = parseIPv4(mask);
	if (n === undefined) return undefined;
	const prefix = Math.clz32(~n >>> 0);
	return prefix === 32 || ((n << prefix) >>> 0) === 0 ? prefix : undefined;
}

export const ipcalc: Command = (_ctx, args) => {
	const brief = args.includes('-b') || args.includes('--nobinary');
	const operands = args.slice(1).filter((a) => !a.startsWith('-'));
	const [addressText, maskText] = (operands[0] ?? '').split('/');
	const address = parseIPv4(addressText ?? '');
	if (address === undefined) return ok(`INVALID ADDRESS: ${addressText ?? ''}\n\n`);
	const maskArg = maskText ?? operands[1];
	const prefix = maskArg === undefined ? 24 : maskPrefix(maskArg);
	if (prefix === undefined) return ok(maskText !== undefined ? `INVALID MASK1:   ${maskArg}\n\n` : 'INVALID NETMASK\n');
	const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
	const network = (address & mask) >>> 0;
	const wildcard = ~mask >>> 0;
	const broadcast = (network | wildcard) >>> 0;
	const line = (label: string, value: string, n: number): string => `${label.padEnd(11)}${value.padEnd(21)}${brief ? '' : bits(n, prefix)}\n`;
	let out = line('Address:', dotted(address), address) + line('Netmask:', `${dotted(mask)} = ${prefix}`, mask) + line('Wildcard:', dotted(wildcard), wildcard) + '=>\n';
	let hosts: number;
	if (prefix === 32) {
		out += line('Hostroute:', dotted(address), address);
		hosts = 1;
	} else if (prefix === 31) {
		out += line('Network:', `${dotted(network)}/${prefix}`, network) + line('HostMin:', dotted(network), network) + line('HostMax:', dotted(broadcast), broadcast);
		hosts = 2;
	} else {
		out +=
			line('Network:', `${dotted(network)}/${prefix}`, network) +
			line('HostMin:', dotted(network + 1), network + 1) +
			line('HostMax:', dotted(broadcast - 1), broadcast - 1) +
			line('Broadcast:', dotted(broadcast), broadcast);
		hosts = 2 ** (32 - prefix) - 2;
	}
	out += `Hosts/Net: ${String(hosts).padEnd(21)} ${classText(address, prefix)}\n\n`;
	return ok(out);
};
