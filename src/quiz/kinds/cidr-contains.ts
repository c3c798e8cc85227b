// cidr-contains: is an address inside a block ("is 10.112.0.1 inside 10.96.0.0/12?"). Typed: yes
// or no for one address; choice: which of several addresses is inside.
//
// params:
//   cidr   an IPv4 block; default: seeded (cluster ranges, well-known, fresh /9 to /28)
//   ip     typed only: the address to ask about; default: seeded, inside or just outside (the
//          cluster's own Service and Pod IPs when the block is one of its ranges)
//   mode   typed (default) | choice
import {cidrContains} from '../../sim/net/cidr.js';
import {formatIPv4, tryParseIPv4} from '../../sim/net/ipv4.js';
import type {Random} from '../../sim/random.js';
import type {Cluster} from '../../sim/cluster/cluster.js';
import {buildQuestion} from '../build.js';
import {block, drawBlock, spanText, type Block} from '../cidr-draw.js';
import {booleanText} from '../normalize.js';
import {begin} from '../params.js';
import {QuizError, type Question, type QuizContext} from '../types.js';

export function cidrContainsQuestion(ctx: QuizContext): Question {
	const {params, random, mode} = begin('cidr-contains', ctx, ['cidr', 'ip'], 'typed');
	const cidrParam = params.string('cidr');
	const b = cidrParam !== undefined ? block(cidrParam) : drawBlock(random, ctx.cluster, 9, 28);
	const intro = b.what ? `${b.cidr} is ${b.what}.` : `Take the block ${b.cidr}.`;
	const hint = 'Find the octet where the prefix ends; which values may it take?';

	if (mode === 'choice') {
		const inside = insideAddresses(b, ctx.cluster, random);
		const right = random.pick(inside);
		const outside = outsideAddresses(b, ctx.cluster, random).map((ip) => ({answer: ip, note: `${ip}: ${reason(b, ip)}`}));
		return buildQuestion({
			kind: 'cidr-contains',
			seed: ctx.seed,
			mode,
			identity: `${b.cidr}:${right}`,
			prompt: [intro],
			choiceAsk: ['Which of these addresses is inside it?'],
			answerFormat: 'one of the choices',
			hint,
			reader: {type: 'choice-only'},
			expected: right,
			explanation: [`${b.cidr} runs ${spanText(b)}.`, ...boundLines(b), `${right}: ${reason(b, right)}`],
			right,
			wrong: outside,
			random,
		});
	}

	const ipParam = params.string('ip');
	if (ipParam !== undefined && !tryParseIPv4(ipParam).ok) throw new QuizError(`cidr-contains: param ip is not an IPv4 address: ${ipParam}`);
	const ip = ipParam ?? (random.next() < 0.5 ? random.pick(insideAddresses(b, ctx.cluster, random)) : random.pick(outsideAddresses(b, ctx.cluster, random)));
	const inside = cidrContains(b.cidr, ip);
	return buildQuestion({
		kind: 'cidr-contains',
		seed: ctx.seed,
		mode,
		identity: `${b.cidr}:${ip}`,
		prompt: [intro],
		typedAsk: [`Is ${ip} inside it?`],
		answerFormat: 'yes or no',
		hint,
		reader: {type: 'boolean', value: inside, flavour: 'contains'},
		expected: booleanText(inside, 'contains'),
		explanation: [`${b.cidr} runs ${spanText(b)}.`, ...boundLines(b), `${ip}: ${reason(b, ip)}`],
		right: booleanText(inside, 'contains'),
		wrong: [{answer: booleanText(!inside, 'contains'), note: reason(b, ip)}],
		random,
	});
}

const octets = (n: number): number[] => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

/** "Octets 1–1 must be 10, octet 2 must be 96 … 111": what an address inside must look like. */
export function boundLines(b: Block): string[] {
	const lo = octets(b.first);
	const hi = octets(b.last);
	const parts: string[] = [];
	for (let i = 0; i < 4; i++) {
		if (lo[i] === 0 && hi[i] === 255) break;
		parts.push(lo[i] === hi[i] ? `octet ${i + 1} is ${lo[i]}` : `octet ${i + 1} is ${lo[i]} … ${hi[i]}`);
	}
	return parts.length === 0 ? ['Every address is inside /0.'] : [`Inside it, ${parts.join(', ')}.`];
}

/** Why the address is in or out, by the first octet that decides it; the verdict is cidrContains's. */
export function reason(b: Block, ip: string): string {
	const inside = cidrContains(b.cidr, ip);
	const parsed = tryParseIPv4(ip);
	if (!parsed.ok) return parsed.error.reason;
	const mine = octets(parsed.value);
	const lo = octets(b.first);
	const hi = octets(b.last);
	for (let i = 0; i < 4; i++) {
		const v = mine[i]!;
		if (v < lo[i]! || v > hi[i]!) {
			const range = lo[i] === hi[i] ? `${lo[i]}` : `${lo[i]} … ${hi[i]}`;
			return `octet ${i + 1} is ${v}, not ${range}: outside.`;
		}
	}
	return inside ? 'every octet is within bounds: inside.' : 'outside.';
}

/** Addresses inside: the edges, a seeded one, and the cluster's own Service or Pod IPs. */
function insideAddresses(b: Block, cluster: Cluster, random: Random): string[] {
	const size = b.last - b.first + 1;
	const picks = [b.first + random.int(size), b.last, b.first + Math.floor(size / 2) + random.int(Math.ceil(size / 2))].map(formatIPv4);
	const ownIPs = clusterIPs(cluster).filter((ip) => cidrContains(b.cidr, ip));
	if (ownIPs.length > 0) picks.push(random.pick(ownIPs));
	return [...new Set(picks)];
}

/** Addresses just outside: one past each end, the next value of the deciding octet, the cluster's others. */
function outsideAddresses(b: Block, cluster: Cluster, random: Random): string[] {
	const picks: number[] = [];
	if (b.last < 0xffffffff) picks.push(b.last + 1 + random.int(Math.min(256, 0xffffffff - b.last)));
	if (b.first > 0) picks.push(b.first - 1 - random.int(Math.min(256, b.first)));
	const size = b.last - b.first + 1;
	// The neighbour block of the same size, where "octet 2 is 112" lives for 10.96.0.0/12.
	if (b.last + size <= 0xffffffff) picks.push(b.last + 1 + random.int(size));
	if (b.first - size >= 0) picks.push(b.first - size + random.int(size));
	const out = picks.map(formatIPv4);
	const ownIPs = clusterIPs(cluster).filter((ip) => !cidrContains(b.cidr, ip));
	if (ownIPs.length > 0) out.push(random.pick(ownIPs));
	return [...new Set(out)];
}

function clusterIPs(cluster: Cluster): string[] {
	const ips = [
		...cluster.services().flatMap((s) => (s.spec.clusterIP && s.spec.clusterIP !== 'None' ? [s.spec.clusterIP] : [])),
		...cluster.pods().flatMap((p) => (p.status.podIP && !p.spec.hostNetwork ? [p.status.podIP] : [])),
	];
	return [...new Set(ips)].filter((ip) => tryParseIPv4(ip).ok).sort();
}
