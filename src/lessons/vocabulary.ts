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

/** What each kind asks, in a few words: for choosing which kinds practice asks. */
export const QUIZ_KIND_TITLES: Readonly<Record<QuizKind, string>> = {
	'dnat-target': 'where a Pod\'s connection to a Service is DNATed',
	'cidr-range': 'first and last address of a CIDR block',
	'cidr-size': 'how many addresses, Services or nodes a block holds',
	'cidr-contains': 'is an address inside a block',
	'pod-cidr-nth': 'the pod CIDR of the n-th node',
	'cidr-overlap': 'do two blocks overlap',
	'nodeport-valid': 'would kube-apiserver accept this nodePort',
	'nodeport-destination': 'where a node sends NODE-IP:nodePort',
	'etp-local': 'externalTrafficPolicy: Local on a node without Pods',
	'chain-next': 'the next nat chain on a packet\'s way',
	'rule-probability': 'the --probability on a KUBE-SVC rule',
	'component-role': 'which component did what',
};

/** The API objects the simulated cluster stores: what a `delete` step may name. */
export const OBJECT_KINDS = ['Pod', 'Service', 'Node', 'EndpointSlice'] as const satisfies readonly Kind[];

/**
 * iptables views the UI can open: `iptables -t nat -L -n` (list), `iptables -t nat -L` with names
 * resolved as the seed notes show it (list-names: anywhere, tcp dpt:mysql), `iptables-save -t nat`.
 */
export const RULE_FORMATS = ['list', 'list-names', 'save'] as const;
export type RuleFormat = (typeof RULE_FORMATS)[number];

export const PROTOCOLS = ['tcp', 'udp', 'sctp'] as const;
