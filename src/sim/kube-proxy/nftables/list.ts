// The save form: what `nft list table ip kube-proxy` prints on the node after kube-proxy's sync
// (nftables 1.0.6, Debian bookworm), byte for byte, as checked against the real nft in
// test/kernel/nftables.test.ts. nft prints its own canonical syntax, not the text it was given:
// `mark set mark or 0x4000` comes back as `meta mark set meta mark | 0x00004000`, a one-element
// anonymous set loses its braces, named priorities replace numbers where the hook has them.
import type {NftBaseChain, NftChain, NftElement, NftRule, NftSetOrMap, NftTable} from './table.js';

// nft's standard priorities (src/rule.c std_prios) and the hooks each is spelled out for.
const STD_PRIOS: {name: string; value: number; hooks?: NftBaseChain['hook'][]}[] = [
	{name: 'raw', value: -300},
	{name: 'mangle', value: -150},
	{name: 'dstnat', value: -100, hooks: ['prerouting']},
	{name: 'filter', value: 0},
	{name: 'security', value: 50},
	{name: 'srcnat', value: 100, hooks: ['postrouting']},
];

/** nft's prio2str: a standard name, `name + n`/`name - n` within 10 of one, else the number. */
export function priorityText(base: NftBaseChain): string {
	for (const std of STD_PRIOS) {
		if (std.hooks && !std.hooks.includes(base.hook)) continue;
		const offset = base.priority - std.value;
		if (offset === 0) return std.name;
		if (Math.abs(offset) <= 10) return `${std.name} ${offset > 0 ? '+' : '-'} ${Math.abs(offset)}`;
	}
	return String(base.priority);
}

/** nft's time_print: 10800s → `3h`, 100s → `1m40s`. */
export function durationText(seconds: number): string {
	const parts: [number, string][] = [
		[Math.floor(seconds / 86400), 'd'],
		[Math.floor((seconds % 86400) / 3600), 'h'],
		[Math.floor((seconds % 3600) / 60), 'm'],
		[seconds % 60, 's'],
	];
	const text = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n}${unit}`).join('');
	return text === '' ? '0s' : text;
}

function hexMark(value: string): string {
	return '0x' + Number.parseInt(value, 16).toString(16).padStart(8, '0');
}

function ipv4Number(ip: string): number {
	return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** An anonymous interval set's element as nft prints it: a /32 (/128) is the bare address. */
function intervalElement(cidr: string): string {
	return cidr.endsWith('/32') || cidr.endsWith('/128') ? cidr.slice(0, cidr.lastIndexOf('/')) : cidr;
}

function intervalStart(element: string): number {
	return ipv4Number(element.split('/')[0]!);
}

/** `{ a , b }` as nft prints it: sorted (IPv4 intervals by address), braces dropped for one. */
function anonymousSet(items: string[]): string {
	const elements = items.map(intervalElement);
	if (elements.every((e) => !e.includes(':'))) elements.sort((a, b) => intervalStart(a) - intervalStart(b));
	return elements.length === 1 ? elements[0]! : `{ ${elements.join(', ')} }`;
}

/** One rule in nft's listing syntax. */
export function listRule(rule: NftRule): string {
	let text = rule.rule;
	let m: RegExpMatchArray | null;
	if ((m = /^mark set mark (or|xor) (0x[0-9a-f]+)$/.exec(text))) text = `meta mark set meta mark ${m[1] === 'or' ? '|' : '^'} ${hexMark(m[2]!)}`;
	else if ((m = /^mark and (0x[0-9a-f]+) == 0 return$/.exec(text))) text = `meta mark & ${hexMark(m[1]!)} == 0x00000000 return`;
	else {
		text = text.replace(/\{ ([^{}]*?) \} (drop)$/, (_all, items: string, verdict: string) => `${anonymousSet(items.split(/ ?, ?/))} ${verdict}`);
		text = text.replaceAll(' , ', ', ');
		// Interface names are strings, which nft prints quoted: `iifname != "cni0"`, `iifname "azv*"`.
		text = text.replace(/\biifname (!= )?([^\s"]+)/, (_all, not: string | undefined, name: string) => `iifname ${not ?? ''}"${name}"`);
	}
	return rule.comment !== undefined ? `${text} comment "${rule.comment}"` : text;
}

// Element order: nft sorts a set's elements by the key's bytes read as one little-endian number
// (each part in network order, padded to 4 bytes), so the last byte of the last part counts most.
const PROTO_NUMBER: Record<string, number> = {tcp: 6, udp: 17, sctp: 132};

function keyBytes(key: string[]): number[] {
	const bytes: number[] = [];
	const pad = (): void => {
		while (bytes.length % 4 !== 0) bytes.push(0);
	};
	for (const part of key) {
		if (part in PROTO_NUMBER) bytes.push(PROTO_NUMBER[part]!);
		else if (/^\d+$/.test(part)) bytes.push((Number(part) >> 8) & 255, Number(part) & 255);
		else if (part.includes(':')) bytes.push(...ipv6Bytes(part));
		else bytes.push(...part.split('.').map(Number));
		pad();
	}
	return bytes;
}

function ipv6Bytes(ip: string): number[] {
	const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
	const h = head ? head.split(':') : [];
	const t = tail ? tail.split(':') : [];
	const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
	return groups.flatMap((g) => [(Number.parseInt(g, 16) >> 8) & 255, Number.parseInt(g, 16) & 255]);
}

function compareLittleEndian(a: number[], b: number[]): number {
	for (let i = Math.max(a.length, b.length) - 1; i >= 0; i--) {
		const d = (a[i] ?? 0) - (b[i] ?? 0);
		if (d !== 0) return d;
	}
	return 0;
}

function elementText(e: NftElement): string {
	let text = e.key.join(' . ');
	if (e.comment !== undefined) text += ` comment "${e.comment}"`;
	if (e.value !== undefined) text += ` : ${e.value.join(' . ')}`;
	return text;
}

/** nft's calculate_delim: IPv4 addresses two to a line, concatenations and IPv6 one. */
function elementsText(set: NftSetOrMap): string {
	const sorted = set.elements
		.map((e) => ({e, bytes: keyBytes(e.key)}))
		.sort((a, b) => compareLittleEndian(a.bytes, b.bytes))
		.map(({e}) => e);
	const perLine = set.type.split(' : ')[0] === 'ipv4_addr' ? 2 : 1;
	let out = '{ ';
	sorted.forEach((e, i) => {
		if (i > 0) out += i % perLine === 0 ? ',\n\t\t\t     ' : ', ';
		out += elementText(e);
	});
	return out + ' }';
}

function setBlock(set: NftSetOrMap, dynamicallyUpdated: boolean): string[] {
	const lines = [`\t${set.kind} ${set.name} {`, `\t\ttype ${set.type}`];
	// A set a rule updates from the packet path gets the kernel's default size.
	if (dynamicallyUpdated) lines.push('\t\tsize 65535');
	if (set.flags && set.flags.length > 0) lines.push(`\t\tflags ${set.flags.join(',')}`);
	if (set.timeoutSeconds !== undefined) lines.push(`\t\ttimeout ${durationText(set.timeoutSeconds)}`);
	if (set.comment !== undefined) lines.push(`\t\tcomment "${set.comment}"`);
	if (set.elements.length > 0) lines.push(`\t\telements = ${elementsText(set)}`);
	lines.push('\t}');
	return lines;
}

function chainBlock(chain: NftChain): string[] {
	const lines = [`\tchain ${chain.name} {`];
	if (chain.comment !== undefined) lines.push(`\t\tcomment "${chain.comment}"`);
	if (chain.base) lines.push(`\t\ttype ${chain.base.type} hook ${chain.base.hook} priority ${priorityText(chain.base)}; policy accept;`);
	for (const rule of chain.rules) lines.push(`\t\t${listRule(rule)}`);
	lines.push('\t}');
	return lines;
}

export function renderNftList(table: NftTable): string {
	const chains = table.chains();
	const updated = new Set<string>();
	for (const chain of chains) for (const rule of chain.rules) for (const m of rule.rule.matchAll(/update @(\S+)/g)) updated.add(m[1]!);
	const blocks: string[][] = [];
	for (const o of table.objects.values()) if (o.kind !== 'chain') blocks.push(setBlock(o, updated.has(o.name)));
	for (const chain of chains) blocks.push(chainBlock(chain));
	const lines = [`table ${table.family} ${table.name} {`, `\tcomment "${table.comment}"`];
	blocks.forEach((block, i) => {
		if (i > 0) lines.push('');
		lines.push(...block);
	});
	lines.push('}');
	return lines.join('\n') + '\n';
}
