// pod-cidr-nth: the pod CIDR kube-controller-manager gives the n-th node to register, from
// --cluster-cidr and --node-cidr-mask-size ("third node of 10.244.0.0/16 with /24 → 10.244.2.0/24").
// The answer comes from the simulator's node IPAM allocator, which hands subnets out in order
// and, like the real one, skips any that overlap the Service range.
//
// params:
//   cidr   --cluster-cidr; default: seeded, this cluster's Pod network (with its own mask) half
//          the time, else a well-known Pod network or a fresh block /8 to /20 that overlaps no
//          Service range (never 10.96.0.0/12 or 10.0.0.0/24: a Pod network must not overlap it)
//   mask   --node-cidr-mask-size; default: the cluster's for its Pod network, else seeded
//   n      which node, from 1; default seeded from 2 to 12 (within the number of subnets)
//   mode   typed (default) | choice
import {NodeIPAM} from '../../sim/allocation/node-ipam.js';
import {nthSubnet, subnetCount} from '../../sim/net/subnets.js';
import {buildQuestion} from '../build.js';
import {block, blockOf, drawPodBlock, ipText, type Block} from '../cidr-draw.js';
import {nodeMaskOf} from '../cluster-facts.js';
import {begin} from '../params.js';
import {groupThousands, ordinal} from '../text.js';
import {QuizError, type Mistake, type Question, type QuizContext} from '../types.js';

export function podCidrNth(ctx: QuizContext): Question {
	const {params, random, mode} = begin('pod-cidr-nth', ctx, ['cidr', 'mask', 'n'], 'typed');
	const cluster = ctx.cluster;
	const cidrParam = params.string('cidr');
	const ownMask = nodeMaskOf(cluster);
	const useOwn = cidrParam === undefined && cluster.clusterCIDR !== undefined && ownMask !== undefined && random.next() < 0.5;
	const b = cidrParam !== undefined ? block(cidrParam) : useOwn ? block(cluster.clusterCIDR!, "this cluster's Pod network") : drawPodBlock(random, cluster, 8, 20);
	const own = cluster.clusterCIDR !== undefined && block(cluster.clusterCIDR).cidr === b.cidr;
	const mask = params.int('mask', b.prefix, 32) ?? (own && ownMask !== undefined ? ownMask : Math.min(b.prefix + random.pick([8, 8, 4, 6, 10]), 28));
	const count = subnetCount(b.cidr, mask);
	const nth = params.int('n', 1, count) ?? (count < 2 ? 1 : 2 + random.int(Math.min(count, 12) - 1));
	// The real allocator, fed the same flags: it also knows to skip the Service range.
	let ipam: NodeIPAM;
	try {
		ipam = new NodeIPAM({clusterCIDR: b.cidr, nodeCIDRMaskSize: mask, ...(own ? {serviceCIDR: cluster.serviceClusterIPRange} : {})});
	} catch (error) {
		throw new QuizError(`pod-cidr-nth: kube-controller-manager would not start with these flags: ${error instanceof Error ? error.message : String(error)}`);
	}
	let answer = '';
	for (let i = 1; i <= nth; i++) {
		const result = ipam.allocate(`node-${i}`);
		if (!result.ok) throw new QuizError(`pod-cidr-nth: the ${ordinal(i)} node gets no pod CIDR from ${b.cidr}: ${result.error}`);
		answer = result.podCIDR;
	}
	const right = block(answer);
	const plain = nthSubnet(b.cidr, mask, nth - 1);
	const per = 2 ** (32 - mask);
	const explanation = [
		`/${b.prefix} cut into /${mask}s: 2^(${mask}−${b.prefix}) = ${groupThousands(count)} subnets of ${groupThousands(per)} addresses.`,
		`They go out in order: the 1st node gets index 0, ${nthSubnet(b.cidr, mask, 0)}.`,
		`The ${ordinal(nth)} gets index ${nth - 1}: ${ipText(b.first)} + ${nth - 1} × ${groupThousands(per)} = ${plain}.`,
	];
	if (plain !== right.cidr) {
		explanation.push(`${plain} overlaps the Service range ${cluster.serviceClusterIPRange}, so kube-controller-manager skips it: ${right.cidr}.`);
	}
	if (own) {
		const nodes = [...cluster.nodes()].filter((n) => n.spec.podCIDR).sort((x, y) => block(x.spec.podCIDR!).first - block(y.spec.podCIDR!).first);
		explanation.push('On this cluster:', ...nodes.slice(0, 4).map((n) => ` ${n.metadata.name} ${n.spec.podCIDR}`));
	}
	return buildQuestion({
		kind: 'pod-cidr-nth',
		seed: ctx.seed,
		mode,
		identity: `${b.cidr}:${mask}:${nth}`,
		prompt: [
			'kube-controller-manager runs with',
			` --cluster-cidr=${b.cidr}`,
			` --node-cidr-mask-size=${mask}`,
			'Nodes get pod CIDRs in the order they register.',
		],
		typedAsk: [`Which one does the ${ordinal(nth)} node get?`],
		answerFormat: 'a.b.c.d/len',
		hint: `Count from 0: the ${ordinal(nth)} node takes subnet number ${nth - 1}.`,
		reader: {type: 'range', first: right.first, last: right.last},
		expected: right.cidr,
		explanation,
		right: right.cidr,
		wrong: wrongSubnets(b, mask, nth, count, right),
		random,
	});
}

function wrongSubnets(b: Block, mask: number, nth: number, count: number, right: Block): Mistake[] {
	const wrong: Mistake[] = [];
	if (nth < count) wrong.push({answer: nthSubnet(b.cidr, mask, nth), note: `That is index ${nth}: counting starts at 0, so the ${ordinal(nth)} node has index ${nth - 1}.`});
	if (nth >= 2) wrong.push({answer: nthSubnet(b.cidr, mask, nth - 2), note: `That is the ${ordinal(nth - 1)} node's.`});
	if (mask !== 24 && mask > b.prefix) {
		const naive = b.first + (nth - 1) * 256;
		if (naive <= b.last) wrong.push({answer: `${ipText(naive)}/${mask}`, note: `That steps by 256 as /24s would; /${mask} subnets are ${groupThousands(2 ** (32 - mask))} addresses apart.`});
	}
	wrong.push({answer: `${ipText(right.first)}/${b.prefix}`, note: `The node gets a /${mask}; /${b.prefix} is the whole --cluster-cidr.`});
	if (mask < 32) wrong.push({answer: blockOf(right.first, mask + 1).cidr, note: `The subnets are /${mask}, not /${mask + 1}.`});
	return wrong;
}
