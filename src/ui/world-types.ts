// What the UI asks of the engine, as plain data. The engine itself (lessons loader, simulated
// cluster, quiz engine) is loaded after the first frame (see world.ts); the screens only know
// these shapes, so they load fast and test with any course.
import type {Lesson} from '../lessons/schema.js';
import type {QuizKind, RuleFormat} from '../lessons/vocabulary.js';
import type {Question, Verdict} from '../quiz/types.js';
import type {RuleLine} from '../tutor/rules-view.js';
import type {ClusterView} from '../tutor/cluster-view.js';
import type {KubeProxyLogLine} from '../tutor/log-view.js';
import type {ShowTraceSpec, TraceChoices, TraceData, TraceRequest} from '../tutor/trace-view.js';
import type {OutlineLesson} from './course/outline.js';
import type {Completion} from '../shell/complete.js';

export type {Completion, Question, Verdict, RuleLine, ClusterView, ShowTraceSpec, TraceChoices, TraceData, TraceRequest};
export type {TraceDestChoice, TraceOutcomeData, TraceSourceChoice, TraceStepData} from '../tutor/trace-view.js';

export type Asked = {ok: true; question: Question} | {ok: false; message: string};

/** The cluster pane's data, and what changed since the step before (drawn as new). */
export interface PaneData {
	view: ClusterView;
	/** Keys `pod:ns/name@ip`, `svc:ns/name@ip`, `ep:ns/name>ip:port` of what is new since the previous step. */
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

export interface RulesRequest {
	node: string;
	format: RuleFormat;
	/** `namespace/name` of the Service whose lines are marked. */
	service?: string;
	only?: boolean;
}

/**
 * One cluster as a screen shows it, at one moment (a lesson's step, or the practice cluster).
 * Every answer is computed on first use and then kept.
 */
export interface ClusterSnapshot {
	readonly pane: PaneData;
	readonly nodes: readonly string[];
	/** `namespace/name` of every Service. */
	readonly services: readonly string[];
	readonly traceChoices: TraceChoices;
	rules(request: RulesRequest): readonly RuleLine[];
	/** kube-proxy's log, each line with the klog verbosity it is logged at (kubeadm runs kube-proxy at 0). */
	log(node: string): readonly KubeProxyLogLine[];
	trace(request: TraceRequest): TraceData;
}

/** A lesson's cluster after one of its steps (the end card shows the last step's). */
export interface LessonSnapshot extends ClusterSnapshot {
	/** What the step's own cluster action did, when it has one. */
	readonly action: ActionReport | undefined;
	/** The step's question, a fresh one per attempt for generated questions. */
	question(attempt: number): Asked;
	/** A `show: trace` spec resolved against this cluster. */
	showTrace(spec: ShowTraceSpec): TraceRequest | {error: string};
}

export interface PracticeSnapshot extends ClusterSnapshot {
	/** The n-th practice question, drawn from `kinds`. */
	question(n: number, kinds: readonly QuizKind[]): Asked;
}

/** What one shell line printed, in order, and what it did to the terminal. */
export interface ShellRun {
	output: readonly {stream: 'stdout' | 'stderr'; text: string}[];
	status: number;
	/** It ran `clear`. */
	clear: boolean;
	/** It ran `exit` in the first shell: the terminal closes. */
	exit: boolean;
}

/** The node shell on the seed's kubeadm-shaped cluster (src/shell), one per seed for the session. */
export interface ShellHandle {
	/** The prompt now, e.g. `controlplane ~ ➜  `. */
	prompt(): string;
	/** Lines run so far: the number the next line gets. */
	readonly lines: number;
	/** Runs line number `n` (the n-th of the session). Each number runs once: asked again, the same result. */
	run(n: number, line: string): ShellRun;
	/** Lines entered so far, oldest first. */
	readonly history: readonly string[];
	/** Said once when the terminal first opens (the history file could not be used). */
	readonly notice?: string;
	/** Tab on `line` with the cursor at `cursor` (in characters): see shell/complete.ts. */
	complete(line: string, cursor: number): Completion;
}

/** The shell's own options, from the command line and the progress directory. */
export interface ShellOptions {
	/** The node the shell opens on (`svc-tutor shell --node`). */
	node?: string;
	/** The history kept from earlier sessions, oldest first. */
	history?: readonly string[];
	notice?: string;
	/** Told the whole history after every line run (to save it). */
	onHistory?: (lines: readonly string[]) => void;
}

export interface World {
	readonly lessons: readonly Lesson[];
	readonly outline: readonly OutlineLesson[];
	/** One line per broken lesson file: file:line:column: what is wrong. */
	readonly errors: readonly string[];
	lessonStep(lesson: number, step: number, seed: number): LessonSnapshot;
	practice(seed: number): PracticeSnapshot;
	check(question: Question, answer: string | number): Verdict;
	shell(seed: number): ShellHandle;
	/** A shell on a lesson's own cluster as it is at `step` (a copy: what the shell changes stays out of the lesson), on `node`. */
	lessonShell(lesson: number, step: number, seed: number, node?: string): ShellHandle;
	/** Resolves once the node shell has loaded (or could not: its screen then says why). */
	ready(): Promise<void>;
}
