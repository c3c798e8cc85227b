// cidr-range: the first and last address of a block ("10.96.0.0/12 → 10.96.0.0–10.111.255.255").
//
// params:
//   cidr   an IPv4 block (host bits are cleared); default: seeded, the cluster's own ranges, the
//          well-known defaults or a fresh private block, /9 to /28
//   mode   typed (default) | choice
import {cidrInfo} from '../../sim/net/cidr-info.js';
import {parseIPv4} from '../../sim/net/ipv4.js';
import {buildQuestion} from '../build.js';
import {block, blockOf, drawBlock, octetLines, spanText, type Block} from '../cidr-draw.js';
import {begin} from '../params.js';
import {groupThousands} from '../text.js';
import type {Mistake, Question, QuizContext} from '../types.js';

export function cidrRange(ctx: QuizContext): Question {
	const {params, random, mode} = begin('cidr-range', ctx, ['cidr'], 'typed');
	const cidrParam = params.string('cidr');
	const b = cidrParam !== undefined ? block(cidrParam) : drawBlock(random, ctx.cluster, 9, 28);
	// The addresses come from cidrInfo (netmask behind our strict parser), not from our own sums.
	const info = cidrInfo(b.cidr);
	const first = parseIPv4(info.network);
	const last = parseIPv4(info.broadcast ?? info.lastUsable);
	return buildQuestion({
		kind: 'cidr-range',
		seed: ctx.seed,
		mode,
		identity: b.cidr,
		prompt: [...(b.what ? [`${b.cidr} is ${b.what}.`] : [`Take the block ${b.cidr}.`]), 'What are its first and last addresses, network and broadcast included?'],
		answerFormat: 'first - last (e.g. 10.0.0.0 - 10.0.0.255)',
		hint: `/${b.prefix} fixes the first ${b.prefix} bits; the other ${32 - b.prefix} run from all 0s to all 1s.`,
		reader: {type: 'range', first, last},
		expected: spanText({first, last}),
		explanation: [
			`2^(32−${b.prefix}) = ${groupThousands(info.size)} addresses.`,
			...octetLines(b),
			`first ${info.network} (network)`,
			`last  ${info.broadcast ?? info.lastUsable} (broadcast)`,
		],
		right: spanText({first, last}),
		wrong: wrongRanges(b),
		random,
	});
}

function wrongRanges(b: Block): Mistake[] {
	const wrong: Mistake[] = [];
	if (b.prefix <= 30) {
		wrong.push({answer: spanText({first: b.first + 1, last: b.last - 1}), note: 'Those are the first and last usable addresses; the block itself runs from the network address to the broadcast.'});
	}
	if (b.prefix < 32) wrong.push({answer: spanText(blockOf(b.first, b.prefix + 1)), note: `That is /${b.prefix + 1}: only half of the block.`});
	if (b.prefix % 8 !== 0) {
		const up = Math.ceil(b.prefix / 8) * 8;
		wrong.push({answer: spanText(blockOf(b.first, up)), note: `That reads /${b.prefix} as /${up}: the prefix ends inside octet ${Math.ceil(b.prefix / 8)}, not after it.`});
	}
	if (b.prefix > 1) {
		const wider = blockOf(b.first - (b.first % 2 ** (33 - b.prefix)), b.prefix - 1);
		wrong.push({answer: spanText(wider), note: `That is /${b.prefix - 1}: twice the block.`});
	}
	if (b.prefix % 8 !== 0) {
		const down = Math.floor(b.prefix / 8) * 8;
		const wide = blockOf(b.first - (b.first % 2 ** (32 - down)), down);
		wrong.push({answer: spanText(wide), note: `That reads /${b.prefix} as /${down}: ${b.prefix % 8} bits of octet ${down / 8 + 1} are fixed too.`});
	}
	return wrong;
}
