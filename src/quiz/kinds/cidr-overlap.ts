// cidr-overlap: do two blocks overlap (a Pod network and a Service range must not). Typed: yes or
// no for a pair; choice: which of several blocks overlaps the first.
//
// params:
//   a      the first block; default: seeded (this cluster's Service range, paired with its Pod
//          network, some of the time; else a well-known or fresh block /9 to /24)
//   b      typed only: the second block; default: seeded, inside, around, or beside the first
//   mode   typed (default) | choice
import {cidrsOverlap} from '../../sim/net/cidr.js';
import type {Random} from '../../sim/random.js';
import {buildQuestion} from '../build.js';
import {block, blockOf, drawBlock, spanText, type Block} from '../cidr-draw.js';
import {booleanText} from '../normalize.js';
import {begin} from '../params.js';
import type {Question, QuizContext} from '../types.js';

export function cidrOverlap(ctx: QuizContext): Question {
	const {params, random, mode} = begin('cidr-overlap', ctx, ['a', 'b'], 'typed');
	const cluster = ctx.cluster;
	const aParam = params.string('a');
	const bParam = params.string('b');
	const ownPair = aParam === undefined && bParam === undefined && cluster.clusterCIDR !== undefined && random.next() < 0.3;
	const a = aParam !== undefined ? block(aParam) : ownPair ? block(cluster.serviceClusterIPRange) : drawBlock(random, cluster, 9, 24);
	const hint = 'Write both as first – last; do the two spans share any address?';

	if (mode === 'choice') {
		const right = random.pick(overlapping(a, random)).cidr;
		const wrong = beside(a, random).map((b) => ({answer: b.cidr, note: `${b.cidr} runs ${spanText(b)}: ${relation(a, b)}`}));
		const b = block(right);
		return buildQuestion({
			kind: 'cidr-overlap',
			seed: ctx.seed,
			mode,
			identity: `${a.cidr}:${right}`,
			prompt: [`Take the block ${a.cidr}.`],
			choiceAsk: ['Which of these blocks overlaps it?'],
			answerFormat: 'one of the choices',
			hint,
			reader: {type: 'choice-only'},
			expected: right,
			explanation: [`${a.cidr} runs ${spanText(a)}.`, `${b.cidr} runs ${spanText(b)}.`, relation(a, b)],
			right,
			wrong,
			random,
		});
	}

	const b = bParam !== undefined ? block(bParam) : ownPair ? block(cluster.clusterCIDR!) : random.pick([...overlapping(a, random), ...beside(a, random)]);
	const overlap = cidrsOverlap(a.cidr, b.cidr);
	const prompt = ownPair
		? ["This cluster's ranges:", ` Services ${a.cidr}`, ` Pods     ${b.cidr}`]
		: [`Take the blocks ${a.cidr} and ${b.cidr}.`];
	return buildQuestion({
		kind: 'cidr-overlap',
		seed: ctx.seed,
		mode,
		identity: `${a.cidr}:${b.cidr}`,
		prompt,
		typedAsk: [ownPair ? 'Do the two ranges overlap?' : 'Do they overlap?'],
		answerFormat: 'yes or no',
		hint,
		reader: {type: 'boolean', value: overlap, flavour: 'overlap'},
		expected: booleanText(overlap, 'overlap'),
		explanation: [`${a.cidr} runs ${spanText(a)}.`, `${b.cidr} runs ${spanText(b)}.`, relation(a, b)],
		right: booleanText(overlap, 'overlap'),
		wrong: [{answer: booleanText(!overlap, 'overlap'), note: relation(a, b)}],
		random,
	});
}

/** How the two spans sit; the yes/no is cidrsOverlap's. */
export function relation(a: Block, b: Block): string {
	if (!cidrsOverlap(a.cidr, b.cidr)) {
		const [lo, hi] = a.first < b.first ? [a, b] : [b, a];
		return `${lo.cidr} ends before ${hi.cidr} starts: no overlap.`;
	}
	if (a.cidr === b.cidr) return 'They are the same block: they overlap.';
	if (b.first >= a.first && b.last <= a.last) return `${b.cidr} lies inside ${a.cidr}: they overlap.`;
	return `${a.cidr} lies inside ${b.cidr}: they overlap.`;
}

/** Blocks that share addresses with `a`: a piece of it, or a wider block around it. */
function overlapping(a: Block, random: Random): Block[] {
	const out: Block[] = [];
	for (const k of [2, 4, 8]) {
		if (a.prefix + k > 30) continue;
		const pieces = 2 ** k;
		out.push(blockOf(a.first + random.int(pieces) * 2 ** (32 - a.prefix - k), a.prefix + k));
	}
	for (const k of [1, 4]) {
		if (a.prefix - k < 8) continue;
		const size = 2 ** (32 - a.prefix + k);
		out.push(blockOf(a.first - (a.first % size), a.prefix - k));
	}
	return out;
}

/** Blocks right next to `a` that share nothing with it. */
function beside(a: Block, random: Random): Block[] {
	const size = a.last - a.first + 1;
	const out: Block[] = [];
	if (a.last + size <= 0xffffffff) out.push(blockOf(a.last + 1, a.prefix));
	if (a.first >= size) out.push(blockOf(a.first - size, a.prefix));
	for (const k of [2, 4]) {
		if (a.prefix + k > 30) continue;
		const piece = 2 ** (32 - a.prefix - k);
		if (a.last + 1 + piece * 4 <= 0xffffffff) out.push(blockOf(a.last + 1 + random.int(4) * piece, a.prefix + k));
		if (a.first >= piece * 4) out.push(blockOf(a.first - (1 + random.int(4)) * piece, a.prefix + k));
	}
	return out.filter((b) => !cidrsOverlap(a.cidr, b.cidr));
}
