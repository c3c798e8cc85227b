// The closed word lists lesson files may use. Kept apart from the schema so the quiz engine and
// the UI can import the lists without pulling in zod.

import type {Kind} from '../sim/api/types.js';

/** Question generators the quiz engine implements; a lesson names one to get a fresh question. */
export const QUIZ_KINDS = [
	'dnat-target',
	'cidr-range',
	'cidr-size',
	'cidr-contains',
	'pod-cidr-nth',
	'cidr-overlap',
	'nodeport-valid',
	'nodeport-destination',
	'etp-local',
	'chain-next',
	'rule-probability',
	'component-role',
] as const;
export type QuizKind = (typeof QUIZ_KINDS)[number];

/** The API objects the simulated cluster stores: what a `delete` step may name. */
export const OBJECT_KINDS = ['Pod', 'Service', 'Node', 'EndpointSlice'] as const satisfies readonly Kind[];

/** iptables views the UI can open. */
export const RULE_FORMATS = ['list', 'save'] as const;

export const PROTOCOLS = ['tcp', 'udp', 'sctp'] as const;
