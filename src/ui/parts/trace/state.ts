// A packet stepped through a node's chains one rule at a time: a lesson's fixed trace, or a
// source and destination picked from the cluster (s, d, n) or typed after `:`.
import {editText, textInput, type TextInput, type TextIntent} from '../text-input/state.js';
import type {ClusterSnapshot, TraceRequest} from '../../world-types.js';

export interface TraceUi {
	kind: 'trace';
	/** Fixed by a lesson's show step; chosen with s/d/n otherwise. */
	fixed?: TraceRequest;
	source: number;
	dest: number;
	/** A source and destination the learner typed (`:`), instead of the ones picked with s and d. */
	typed?: TraceRequest;
	/** The text being typed after `:`, and what was wrong with the last Enter. */
	input?: TextInput;
	inputError?: string;
	/** For sources that are not Pods (a Pod's packets meet its own node's rules). */
	node?: string;
	outcome: number;
	/** Rules shown so far (the last is the current one). */
	revealed: number;
	scroll: number;
}

export type TraceIntent =
	| {type: 'forward'}
	| {type: 'backward'}
	| {type: 'all'}
	| {type: 'first'}
	| {type: 'nextOutcome'}
	| {type: 'nextSource'}
	| {type: 'nextDest'}
	| {type: 'nextNode'}
	| {type: 'startTyping'}
	| {type: 'edit'; edit: TextIntent}
	| {type: 'submit'}
	| {type: 'cancelTyping'}
	| {type: 'ignore'};

export const TRACE_INPUT_LIMITS = {max: 120};

/** A picked trace, starting with something worth tracing: an application Pod to an application Service. */
export function openTrace(snapshot: ClusterSnapshot): TraceUi {
	const {sources, destinations} = snapshot.traceChoices;
	const source = Math.max(0, sources.findIndex((s) => s.node !== undefined && s.from.includes('/')));
	const dest = Math.max(0, destinations.findIndex((d) => !d.label.startsWith('kubernetes')));
	return {kind: 'trace', source, dest, outcome: 0, revealed: 1, scroll: 0};
}

/** A lesson's fixed trace (or, when it cannot be resolved, a trace that says why). */
export function fixedTrace(request: TraceRequest | {error: string}): TraceUi {
	const base: TraceUi = {kind: 'trace', source: 0, dest: 0, outcome: 0, revealed: 1, scroll: 0};
	return 'error' in request ? base : {...base, fixed: request};
}

const workers = (snapshot: ClusterSnapshot): string[] => snapshot.nodes.filter((n) => n !== 'controlplane');

export function updateTrace(ui: TraceUi, intent: TraceIntent, snapshot: ClusterSnapshot): TraceUi {
	const restart = {outcome: 0, revealed: 1};
	switch (intent.type) {
		case 'ignore':
			return ui;
		case 'forward':
			return {...ui, revealed: ui.revealed + 1};
		case 'backward':
			return {...ui, revealed: Math.max(1, ui.revealed - 1)};
		case 'all':
			return {...ui, revealed: Number.MAX_SAFE_INTEGER};
		case 'first':
			return {...ui, revealed: 1};
		case 'nextOutcome':
			return {...ui, outcome: ui.outcome + 1};
		// s and d go back to the lists, from where they were.
		case 'nextSource':
			return {...withoutTyped(ui), ...restart, source: ui.typed ? ui.source : ui.source + 1};
		case 'nextDest':
			return {...withoutTyped(ui), ...restart, dest: ui.typed ? ui.dest : ui.dest + 1};
		case 'nextNode': {
			const nodes = workers(snapshot);
			const at = ui.node === undefined ? 0 : nodes.indexOf(ui.node);
			const node = nodes[mod(at + 1, nodes.length)];
			return node ? {...ui, ...restart, node} : ui;
		}
		case 'startTyping':
			return {...ui, input: textInput()};
		case 'edit': {
			const {inputError: _error, ...rest} = ui;
			return {...rest, input: editText(ui.input ?? textInput(), intent.edit, TRACE_INPUT_LIMITS)};
		}
		case 'cancelTyping': {
			const {inputError: _error, input: _input, ...rest} = ui;
			return rest;
		}
		case 'submit': {
			const parsed = parseTypedTrace(ui.input?.text ?? '');
			if ('error' in parsed) return {...ui, inputError: parsed.error};
			const {inputError: _error, input: _input, ...rest} = ui;
			return {...rest, typed: parsed, ...restart};
		}
	}
}

function withoutTyped(ui: TraceUi): TraceUi {
	const {typed: _typed, ...rest} = ui;
	return rest;
}

export function mod(n: number, m: number): number {
	return m === 0 ? 0 : ((n % m) + m) % m;
}

/**
 * `SOURCE DESTINATION[/PROTO]`, with an optional `to` or `->` between: the source a Pod (NAME or
 * NAMESPACE/NAME) or an IP, the destination IP:PORT. The engine then checks that they exist.
 */
export function parseTypedTrace(text: string): TraceRequest | {error: string} {
	const words = text.trim().split(/\s+/).filter((w) => w !== '' && w !== 'to' && w !== '->');
	if (words.length !== 2) return {error: 'type a source and a destination: POD-or-IP IP:PORT[/udp]'};
	const [from, target] = words as [string, string];
	const slash = target.lastIndexOf('/');
	const protoText = slash >= 0 ? target.slice(slash + 1).toLowerCase() : 'tcp';
	const to = slash >= 0 ? target.slice(0, slash) : target;
	if (protoText !== 'tcp' && protoText !== 'udp' && protoText !== 'sctp') return {error: `the protocol is tcp, udp or sctp, not "${protoText}"`};
	if (!/^[0-9.]+:[0-9]+$/.test(to)) return {error: `the destination is IP:PORT, e.g. 10.96.0.10:53/udp, not "${target}"`};
	return {from, to, proto: protoText};
}

/** What a trace view traces: the show step's request, or the learner's choice of source and destination. */
export function traceRequestFor(snapshot: ClusterSnapshot, ui: TraceUi): {request?: TraceRequest; labels: {source?: string; dest?: string}; error?: string} {
	if (ui.fixed) return {request: ui.fixed, labels: {}};
	const node = (): string | undefined => ui.node ?? workers(snapshot)[0];
	if (ui.typed) {
		// A Pod's packets meet its own node's rules; an address's, the node chosen with n.
		const isAddress = /^[0-9.]+$/.test(ui.typed.from);
		const at = node();
		return {request: {...ui.typed, ...(isAddress && at ? {node: at} : {})}, labels: {}};
	}
	const {sources, destinations} = snapshot.traceChoices;
	const source = sources[mod(ui.source, sources.length)];
	const dest = destinations[mod(ui.dest, destinations.length)];
	if (!source || !dest) return {labels: {}, error: 'this cluster has nothing to trace'};
	const at = source.node ?? node();
	return {request: {from: source.from, to: dest.to, proto: dest.proto, ...(at ? {node: at} : {})}, labels: {source: source.label, dest: dest.label}};
}
