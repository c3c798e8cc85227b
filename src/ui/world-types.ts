// What the UI asks of the engine, as plain data. The engine itself (lessons loader, simulated
// cluster, quiz engine) is loaded after the first frame (see world.ts); the reducer and the
// layouts only know these shapes, so they load fast and test with a fake world.
import type {Lesson} from '../lessons/schema.js';
import type {QuizKind} from '../lessons/vocabulary.js';
import type {Question, Verdict} from '../quiz/types.js';
import type {RuleLine} from '../tutor/rules-view.js';
import type {ClusterView} from '../tutor/cluster-view.js';
import type {OutlineLesson} from './course/outline.js';

export type {Question, Verdict, RuleLine, ClusterView};

/** Which cluster a view reads: a lesson's, as it is after a step, or the practice cluster. */
export type ClusterRef = {kind: 'lesson'; lesson: number; step: number} | {kind: 'practice'};

/** A practice question: the n-th of the session, drawn from `kinds` (every kind when absent). */
export type QuizRef = {kind: 'lesson'; lesson: number; step: number; attempt: number} | {kind: 'practice'; n: number; kinds?: readonly QuizKind[]};

export type Asked = {ok: true; question: Question} | {ok: false; message: string};

/** The cluster pane's data, and what changed since the step before (drawn as new). */
export interface PaneData {
	view: ClusterView;
	/** Keys `pod:ns/name`, `svc:ns/name`, `ep:ns/name` of what is new since the previous step. */
	fresh: ReadonlySet<string>;
	/** Log lines at index >= this are new. */
	freshLogFrom: number;
	/** nat rules kube-proxy has written on the log node, and how many more than before. */
	natRules: number;
	natRulesDelta: number;
}

/** A cluster step's outcome: what the components did, in their words. */
export interface ActionReport {
	messages: string[];
	error?: string;
}

export interface TraceSourceChoice {
	/** What traceConnection's `from` takes. */
	from: string;
	label: string;
	/** A Pod's own node: its packets meet that node's rules. */
	node?: string;
}

export interface TraceDestChoice {
	to: string;
	proto: 'tcp' | 'udp' | 'sctp';
	label: string;
}

export interface TraceStepData {
	table: string;
	chain: string;
	depth: number;
	ruleIndex: number;
	rule: string;
	matched: boolean;
	note?: string;
}

export interface TraceOutcomeData {
	/** e.g. `DNAT to 10.244.1.2:3306, probability 1/3 (33.33%), masquerade: no`. */
	summary: string;
	probability: number;
	path: string[];
	steps: TraceStepData[];
}

export type TraceData =
	| {ok: true; node: string; source: string; packet: string; to: string; entry: string; outcomes: TraceOutcomeData[]}
	| {ok: false; message: string};

export interface TraceRequest {
	from: string;
	to: string;
	proto: 'tcp' | 'udp' | 'sctp';
	node?: string;
}

export interface World {
	readonly lessons: readonly Lesson[];
	readonly outline: readonly OutlineLesson[];
	/** One line per broken lesson file: file:line:column: what is wrong. */
	readonly errors: readonly string[];
	pane(ref: ClusterRef, seed: number): PaneData;
	action(lesson: number, step: number, seed: number): ActionReport | undefined;
	question(ref: QuizRef, seed: number): Asked;
	check(question: Question, answer: string | number): Verdict;
	nodes(ref: ClusterRef, seed: number): string[];
	services(ref: ClusterRef, seed: number): string[];
	rules(ref: ClusterRef, seed: number, options: {node: string; format: 'list' | 'save'; service?: string; only?: boolean}): RuleLine[];
	log(ref: ClusterRef, seed: number, node: string): string[];
	traceChoices(ref: ClusterRef, seed: number): {sources: TraceSourceChoice[]; destinations: TraceDestChoice[]};
	trace(ref: ClusterRef, seed: number, request: TraceRequest): TraceData;
	/** A lesson's `show: trace` spec, resolved against its cluster. */
	showTraceRequest(ref: ClusterRef, seed: number, spec: ShowTraceSpec): TraceRequest | {error: string};
}

export interface ShowTraceSpec {
	node: string;
	from: string;
	to: string | {service: string; port?: number; via?: 'clusterIP' | 'nodePort'};
	proto?: 'tcp' | 'udp' | 'sctp';
}
