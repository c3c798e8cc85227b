// cidr-size: how many addresses a block holds, how many Services a Service range can hold, or how
// many nodes can get a pod CIDR from --cluster-cidr.
//
// params:
//   ask    addresses | services | nodes; default: seeded between addresses and services
//   cidr   an IPv4 block; default: seeded (for services, a valid --service-cluster-ip-range:
//          /12 to /28; for nodes, /8 to /20)
//   mask   nodes only: --node-cidr-mask-size; default the cluster's own for its Pod network,
//          else seeded a few bits below the block
//   mode   typed (default) | choice
import {ClusterIPAllocator} from '../../sim/allocation/cluster-ip-allocator.js';
import {SERVICE_RANGE_SIZE_CHECK} from '../../sim/net/service-cidr.js';
import {cidrInfo} from '../../sim/net/cidr-info.js';
import {subnetCount} from '../../sim/net/subnets.js';
import {buildQuestion} from '../build.js';
import {block, drawBlock, drawPodBlock, type Block} from '../cidr-draw.js';
import {nodeMaskOf} from '../cluster-facts.js';
import {begin} from '../params.js';
import {groupThousands} from '../text.js';
import {QuizError, type Mistake, type Question, type QuizContext} from '../types.js';

type Ask = 'addresses' | 'services' | 'nodes';

export function cidrSize(ctx: QuizContext): Question {
	const {params, random, mode} = begin('cidr-size', ctx, ['ask', 'cidr', 'mask'], 'typed');
	const ask: Ask = params.oneOf('ask', ['addresses', 'services', 'nodes'] as const) ?? random.pick(['addresses', 'services'] as const);
	const [minPrefix, maxPrefix] = ask === 'services' ? [12, 28] : ask === 'nodes' ? [8, 20] : [9, 28];
	const cidrParam = params.string('cidr');
	const b = cidrParam !== undefined ? block(cidrParam) : ask === 'nodes' ? (ctx.cluster.clusterCIDR && random.next() < 0.5 ? block(ctx.cluster.clusterCIDR, "this cluster's Pod network") : drawPodBlock(random, ctx.cluster, minPrefix, maxPrefix)) : drawBlock(random, ctx.cluster, minPrefix, maxPrefix);
	const question = ask === 'addresses' ? addresses(b) : ask === 'services' ? services(b) : nodes(b, params.int('mask', b.prefix, 32) ?? defaultMask(ctx, b, random.int(4)));
	return buildQuestion({
		kind: 'cidr-size',
		seed: ctx.seed,
		mode,
		identity: `${ask}:${b.cidr}${question.mask === undefined ? '' : `:${question.mask}`}`,
		prompt: question.prompt,
		answerFormat: 'a whole number (1,048,576 or 2^20)',
		hint: question.hint,
		reader: {type: 'count', value: question.value},
		expected: groupThousands(question.value),
		explanation: question.explanation,
		right: groupThousands(question.value),
		wrong: question.wrong.filter((m) => Number(m.answer.replace(/,/g, '')) > 0),
		random,
	});
}

interface Sized {
	prompt: string[];
	hint: string;
	value: number;
	explanation: string[];
	wrong: Mistake[];
	mask?: number;
}

const n = (value: number): string => groupThousands(value);

function addresses(b: Block): Sized {
	const size = cidrInfo(b.cidr).size;
	const free = 32 - b.prefix;
	return {
		prompt: [...(b.what ? [`${b.cidr} is ${b.what}.`] : []), `How many addresses does ${b.cidr} hold, network and broadcast included?`],
		hint: `Count the bits the prefix leaves free: 32 − ${b.prefix}.`,
		value: size,
		explanation: [`/${b.prefix} leaves 32 − ${b.prefix} = ${free} bits free.`, `2^${free} = ${n(size)} addresses.`],
		wrong: [
			{answer: n(Math.max(size - 2, 1)), note: 'That leaves out the network and broadcast addresses; the question counts them.'},
			{answer: n(2 ** b.prefix), note: `That is 2^${b.prefix}: the prefix counts the fixed bits, not the free ones.`},
			{answer: n(size / 2), note: `That is 2^${free - 1}, one bit short.`},
			{answer: n(size * 2), note: `That is 2^${free + 1}, one bit too many.`},
		],
	};
}

function services(b: Block): Sized {
	// kube-apiserver's own allocator decides what it can hand out (and refuses ranges it would not start with).
	let allocator: ClusterIPAllocator;
	try {
		allocator = new ClusterIPAllocator(b.cidr);
	} catch (error) {
		throw new QuizError(`cidr-size: ${b.cidr} is not a range kube-apiserver ${SERVICE_RANGE_SIZE_CHECK.refusedBy} accepts: ${error instanceof Error ? error.message : String(error)}`);
	}
	const info = cidrInfo(b.cidr);
	const size = info.size;
	return {
		prompt: ['kube-apiserver runs with', '--service-cluster-ip-range set to', `${b.cidr}.`, 'How many Services can get a cluster IP from it?'],
		hint: 'Count the addresses, then drop the ones a host can never have.',
		value: allocator.size,
		explanation: [
			`2^(32−${b.prefix}) = ${n(size)} addresses.`,
			`The network address ${info.network} and the broadcast ${info.broadcast ?? info.lastUsable} are never handed out: ${n(size)} − 2 = ${n(allocator.size)}.`,
			`The first, ${allocator.firstIP}, goes to the kubernetes Service.`,
			...(b.prefix === 12
				? [`/12 is the largest range kube-apiserver ${SERVICE_RANGE_SIZE_CHECK.refusedBy} accepts; ${SERVICE_RANGE_SIZE_CHECK.skippedFrom} and later no longer check the size.`]
				: []),
		],
		wrong: [
			{answer: n(size), note: 'That counts the network and broadcast addresses, which are never allocated.'},
			{answer: n(size - 1), note: 'Only the network address is left out there; the broadcast address is never allocated either.'},
			{answer: n(2 ** b.prefix), note: `That is 2^${b.prefix}: the prefix counts the fixed bits, not the free ones.`},
			{answer: n(size / 2 - 2), note: `That is one bit short: ${32 - b.prefix} bits are free.`},
		],
	};
}

function nodes(b: Block, mask: number): Sized {
	const count = subnetCount(b.cidr, mask);
	const per = 2 ** (32 - mask);
	return {
		prompt: [
			'kube-controller-manager runs with',
			` --cluster-cidr=${b.cidr}`,
			` --node-cidr-mask-size=${mask}`,
			'How many nodes can get a pod CIDR?',
		],
		hint: `Each node gets one /${mask}. How many of those fit in a /${b.prefix}?`,
		value: count,
		mask,
		explanation: [
			`Each node gets a /${mask}: ${n(per)} addresses.`,
			`A /${b.prefix} holds 2^(${mask}−${b.prefix}) = ${n(count)} of them, so ${n(count)} nodes.`,
		],
		wrong: [
			{answer: n(per), note: `That is the size of one node's /${mask}, not how many there are.`},
			{answer: n(Math.max(count - 2, 1)), note: 'Pod CIDRs are whole subnets: none is left out for network or broadcast.'},
			{answer: n(count * 2), note: `That is 2^(${mask}−${b.prefix}+1), one bit too many.`},
			{answer: n(2 ** (32 - b.prefix)), note: 'That is every address of the block, not the number of subnets.'},
		],
	};
}

/** The cluster's node mask for its own Pod network, else a seeded one 4–10 bits below the block. */
function defaultMask(ctx: QuizContext, b: Block, pick: number): number {
	if (ctx.cluster.clusterCIDR !== undefined && block(ctx.cluster.clusterCIDR).cidr === b.cidr) {
		const own = nodeMaskOf(ctx.cluster);
		if (own !== undefined) return own;
	}
	return Math.min(b.prefix + [8, 4, 6, 10][pick]!, 28);
}
