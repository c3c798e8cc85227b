// One generator per quiz kind, each in kinds/<kind>.ts. A generator reads the live cluster (or
// seeded CIDRs) and never changes it: the same cluster, seed, kind and params give the same question.
import type {Question, QuizContext, QuizKind} from './types.js';
import {chainNext} from './kinds/chain-next.js';
import {cidrContainsQuestion} from './kinds/cidr-contains.js';
import {cidrOverlap} from './kinds/cidr-overlap.js';
import {cidrRange} from './kinds/cidr-range.js';
import {cidrSize} from './kinds/cidr-size.js';
import {componentRole} from './kinds/component-role.js';
import {dnatTarget} from './kinds/dnat-target.js';
import {etpLocal} from './kinds/etp-local.js';
import {nodeportDestination} from './kinds/nodeport-destination.js';
import {nodeportValid} from './kinds/nodeport-valid.js';
import {podCidrNth} from './kinds/pod-cidr-nth.js';
import {ruleProbability} from './kinds/rule-probability.js';

const GENERATORS: Record<QuizKind, (ctx: QuizContext) => Question> = {
	'dnat-target': dnatTarget,
	'cidr-range': cidrRange,
	'cidr-size': cidrSize,
	'cidr-contains': cidrContainsQuestion,
	'pod-cidr-nth': podCidrNth,
	'cidr-overlap': cidrOverlap,
	'nodeport-valid': nodeportValid,
	'nodeport-destination': nodeportDestination,
	'etp-local': etpLocal,
	'chain-next': chainNext,
	'rule-probability': ruleProbability,
	'component-role': componentRole,
};

/** Throws QuizError when the question cannot be asked of this cluster or with these params. */
export function generateQuestion(kind: QuizKind, ctx: QuizContext): Question {
	return GENERATORS[kind](ctx);
}
