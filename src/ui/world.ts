// The engine behind the UI, loaded after the first frame: the validated lessons, each lesson's
// live cluster (replayed step by step by LessonRuntime), the practice cluster and the quiz engine,
// handed to the screens as snapshots (one per lesson step, one for practice) whose answers are
// computed on first use and kept. A runtime holds one step at a time: each answer is computed
// right after bringing the cluster to its step, so nothing here hands out a Cluster.
import {readFileSync} from 'node:fs';
import {basename} from 'node:path';
import {collectLessons} from '../lessons/collect.js';
import type {Lesson, Step} from '../lessons/schema.js';
import {QUIZ_KINDS, type QuizKind} from '../lessons/vocabulary.js';
import {authoredQuestion, checkAnswer, generateQuestion, QuizError} from '../quiz/index.js';
import type {Session} from '../shell/session.js';
import type {Cluster} from '../sim/cluster/cluster.js';
import {seededRandom} from '../sim/random.js';
import {generateScenario} from '../sim/scenarios/generate.js';
import {appsInOrder, clusterView, COLOUR_WORDS, type ClusterView, type PodColouring} from '../tutor/cluster-view.js';
import {LessonRuntime} from '../tutor/lesson-runtime.js';
import {kubeProxyLog, type KubeProxyLogLine} from '../tutor/log-view.js';
import {natRuleCount, rulesView, type RuleLine} from '../tutor/rules-view.js';
import {showTraceRequest, traceChoices, traceData, type ShowTraceSpec, type TraceChoices, type TraceData, type TraceRequest} from '../tutor/trace-view.js';
import {lessonFiles, outlineOf} from './course/outline.js';
import {Memo} from './memo.js';
import type {ActionReport, Asked, ClusterSnapshot, Completion, LessonSnapshot, PaneData, PracticeSnapshot, RulesRequest, ShellHandle, ShellOptions, ShellRun, World} from './world-types.js';


// The node shell (kubectl, iptables, the node tools) is loaded on its own, after the lessons'
// engine: the course does not wait for it, and a shell that cannot load leaves the course working
// (its screen then says why).
let shellModule: typeof import('../shell/start.js') | undefined;
let shellProblem: string | undefined;
const shellLoaded = import('../shell/start.js').then(
	(module) => {
		shellModule = module;
	},
	(error: unknown) => {
		shellProblem = error instanceof Error ? error.message : String(error);
	},
);

/** Resolves once the shell has loaded, or failed to. */
export function shellReady(): Promise<void> {
	return shellLoaded;
}

/** The practice cluster: a generated scenario of this size, the same for the same seed. */
export const PRACTICE_SHAPE = {nodes: 2, services: 5} as const;

export function loadWorld(dir: string, shellOptions: ShellOptions = {}): World {
	const files = lessonFiles(dir).map((name) => ({name: `lessons/${basename(name)}`, text: readFileSync(name, 'utf8')}));
	const {lessons, errors} = collectLessons(files);
	return new EngineWorld(lessons, errors.map((e) => e.text), shellOptions);
}

/** Mixes numbers into one seed (FNV-1a over their decimal text): stable, and spread out. */
export function mix(...parts: (number | string)[]): number {
	let h = 0x811c9dc5;
	for (const ch of parts.join('|')) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
	return h;
}

export class EngineWorld implements World {
	readonly outline;
	/** Per lesson and seed: the runtime, and each step's snapshot. */
	private readonly lessonRuns = new Memo<{runtime: LessonRuntime; steps: Map<number, LessonStepSnapshot>}>();
	private readonly practices = new Map<number, PracticeClusterSnapshot>();
	private readonly shells = new Map<number, SessionShell>();
	private readonly lessonShells = new Memo<SessionShell>();
	/** The shells' history: the file's lines, then every line run in any shell this session. */
	private readonly history: string[];
	private noticeSaid = false;

	constructor(
		readonly lessons: readonly Lesson[],
		readonly errors: readonly string[],
		private readonly shellOptions: ShellOptions = {},
	) {
		this.outline = lessons.map(outlineOf);
		this.history = [...(shellOptions.history ?? [])];
	}

	lessonStep(lesson: number, step: number, seed: number): LessonSnapshot {
		const run = this.lessonRuns.get([lesson, seed], () => ({runtime: new LessonRuntime(this.lessons[lesson]!, seed), steps: new Map()}));
		let snapshot = run.steps.get(step);
		if (!snapshot) {
			const previous = step > 0 ? (this.lessonStep(lesson, step - 1, seed) as LessonStepSnapshot) : undefined;
			snapshot = new LessonStepSnapshot(this.lessons[lesson]!, lesson, step, seed, run.runtime, previous);
			run.steps.set(step, snapshot);
		}
		return snapshot;
	}

	practice(seed: number): PracticeSnapshot {
		let snapshot = this.practices.get(seed);
		if (!snapshot) {
			snapshot = new PracticeClusterSnapshot(seed);
			this.practices.set(seed, snapshot);
		}
		return snapshot;
	}

	check(question: Parameters<typeof checkAnswer>[0], answer: string | number) {
		return checkAnswer(question, answer);
	}

	ready(): Promise<void> {
		return shellReady();
	}

	shell(seed: number): ShellHandle {
		if (!shellModule) return new UnavailableShell(shellProblem ?? 'it is still loading; try again in a moment');
		let shell = this.shells.get(seed);
		if (!shell) {
			const {node} = this.shellOptions;
			const session = shellModule.newShellSession({seed, ...(node !== undefined ? {node} : {}), history: this.history});
			shell = this.sessionShell(session, shellModule.complete);
			this.shells.set(seed, shell);
		}
		return shell;
	}

	lessonShell(lesson: number, step: number, seed: number, node?: string): ShellHandle {
		if (!shellModule) return new UnavailableShell(shellProblem ?? 'it is still loading; try again in a moment');
		const module = shellModule;
		return this.lessonShells.get([lesson, step, seed, node ?? ''], () => {
			// A runtime of its own: the lesson's snapshots must not see what is done in the shell.
			const runtime = new LessonRuntime(this.lessons[lesson]!, seed);
			runtime.goTo(step);
			const session = module.shellSessionOn(runtime.cluster, {...(node !== undefined ? {node} : {}), history: this.history});
			return this.sessionShell(session, module.complete);
		});
	}

	/** Every shell's lines go into one history (the file's), in the order they were run. */
	private sessionShell(session: Session, complete: (session: Session, line: string, cursor: number) => Completion): SessionShell {
		const {notice, onHistory} = this.shellOptions;
		// The history file's problem is said by the first shell opened only.
		const said = this.noticeSaid;
		this.noticeSaid = true;
		return new SessionShell(session, complete, said ? undefined : notice, (line) => {
			this.history.push(line);
			onHistory?.(this.history);
		});
	}
}

/** The shell when it could not be loaded: every line says so. */
class UnavailableShell implements ShellHandle {
	readonly lines = 0;
	readonly history: readonly string[] = [];

	constructor(private readonly problem: string) {}

	prompt(): string {
		return '$ ';
	}

	run(): ShellRun {
		return {output: [{stream: 'stderr', text: `svc-tutor: the shell is not available: ${this.problem}\n`}], status: 1, clear: false, exit: false};
	}

	complete(line: string, cursor: number): Completion {
		return {line, cursor, candidates: []};
	}
}

/** A shell session whose lines are numbered: a line is run once, however often it is asked for. */
class SessionShell implements ShellHandle {
	private readonly runs: ShellRun[] = [];

	constructor(
		private readonly session: Session,
		private readonly completer: (session: Session, line: string, cursor: number) => Completion,
		readonly notice: string | undefined,
		/** Told each line run (not blank). */
		private readonly onLine: (line: string) => void,
	) {}

	prompt(): string {
		return this.session.prompt();
	}

	complete(line: string, cursor: number): Completion {
		return this.completer(this.session, line, cursor);
	}

	get lines(): number {
		return this.runs.length;
	}

	get history(): readonly string[] {
		return this.session.history;
	}

	run(n: number, line: string): ShellRun {
		const done = this.runs[n];
		if (done) return done;
		const result = this.session.run(line);
		const run: ShellRun = {output: result.output, status: result.status, clear: result.clear, exit: result.exit};
		this.runs[n] = run;
		if (line.trim() !== '') this.onLine(line);
		return run;
	}
}

/** What every snapshot shares: lazily computed views of one cluster, each kept once made. */
abstract class CachedSnapshot implements ClusterSnapshot {
	private paneData?: PaneData;
	private nodeNames?: readonly string[];
	private serviceNames?: readonly string[];
	private choices?: TraceChoices;
	private readonly ruleLines = new Memo<readonly RuleLine[]>();
	private readonly logs = new Memo<readonly KubeProxyLogLine[]>();
	private readonly traces = new Memo<TraceData>();

	/** Runs `read` on the cluster as it is at this snapshot. */
	protected abstract at<T>(read: (cluster: Cluster) => T): T;
	protected abstract makePane(): PaneData;
	protected abstract readonly colouring: PodColouring;

	get pane(): PaneData {
		return (this.paneData ??= this.makePane());
	}

	get nodes(): readonly string[] {
		return (this.nodeNames ??= this.at((c) => c.nodes().map((n) => n.metadata.name)));
	}

	get services(): readonly string[] {
		return (this.serviceNames ??= this.at((c) => c.services().map((s) => `${s.metadata.namespace ?? 'default'}/${s.metadata.name}`)));
	}

	get traceChoices(): TraceChoices {
		// Coloured as the cluster pane colours them.
		const colouring = this.colouring;
		return (this.choices ??= this.at((c) => traceChoices(clusterView(c, {includeSystem: false, colouring}))));
	}

	rules(request: RulesRequest): readonly RuleLine[] {
		return this.ruleLines.get([request.node, request.format, request.service, request.only === true], () =>
			this.at((c) => rulesView(c, {node: request.node, format: request.format, ...(request.service ? {service: request.service} : {}), ...(request.only ? {only: true} : {})})),
		);
	}

	log(node: string): readonly KubeProxyLogLine[] {
		return this.logs.get([node], () => this.at((c) => kubeProxyLog(c, node) ?? [{text: `no kube-proxy on ${node}`, verbosity: 0}]));
	}

	trace(request: TraceRequest): TraceData {
		return this.traces.get([request.from, request.to, request.proto, request.node], () => this.at((c) => traceData(c, request)));
	}
}

function paneOf(cluster: Cluster, options: {logNode?: string}, colouring: PodColouring): {view: ClusterView; natRules: number} {
	const view = clusterView(cluster, {...options, colouring});
	return {view, natRules: natRuleCount(cluster, view.logNode)};
}

class LessonStepSnapshot extends CachedSnapshot implements LessonSnapshot {
	private appOrder?: readonly string[];
	private own?: {view: ClusterView; natRules: number};
	private report?: {of: ActionReport | undefined};
	private readonly questions = new Map<number, Asked>();
	private readonly shown = new Memo<TraceRequest | {error: string}>();

	constructor(
		private readonly lesson: Lesson,
		private readonly index: number,
		private readonly step: number,
		private readonly seed: number,
		private readonly runtime: LessonRuntime,
		private readonly previous: LessonStepSnapshot | undefined,
	) {
		super();
	}

	protected at<T>(read: (cluster: Cluster) => T): T {
		this.runtime.goTo(this.step);
		return read(this.runtime.cluster);
	}

	/** Apps in the order the learner first saw them, step by step through the lesson. */
	private get apps(): readonly string[] {
		if (this.appOrder) return this.appOrder;
		// Before reading this step: the earlier steps' order walks the runtime through them.
		const before = this.previous?.apps ?? [];
		return (this.appOrder = this.at((c) => appsInOrder(c, before)));
	}

	protected get colouring(): PodColouring {
		return {apps: this.apps, reserved: reservedColours(this.lesson)};
	}

	/** This step's pane without what changed (the next step compares with it). */
	private get ownPane(): {view: ClusterView; natRules: number} {
		if (this.own) return this.own;
		// Before reading this step: the colouring walks the runtime through the earlier steps.
		const colouring = this.colouring;
		return (this.own = this.at((c) => paneOf(c, logNodeOption(this.lesson, this.step), colouring)));
	}

	protected makePane(): PaneData {
		const before = this.previous?.ownPane;
		const now = this.ownPane;
		return {...now, ...freshness(now.view, before?.view), natRulesDelta: before ? now.natRules - before.natRules : 0};
	}

	get action(): ActionReport | undefined {
		if (this.report) return this.report.of;
		const shape = this.lesson.steps[this.step];
		if (!shape || !('cluster' in shape)) return (this.report = {of: undefined}).of;
		return (this.report = {
			of: this.at(() => {
				const outcome = this.runtime.actionOutcomes.find((o) => o.step === this.step);
				return outcome ? {messages: outcome.messages, ...(outcome.error ? {error: outcome.error} : {})} : {messages: []};
			}),
		}).of;
	}

	question(attempt: number): Asked {
		let asked = this.questions.get(attempt);
		if (asked) return asked;
		const lesson = this.lesson;
		const step = lesson.steps[this.step];
		if (!step || !('quiz' in step)) return {ok: false, message: 'there is no quiz at this step'};
		const quiz = step.quiz;
		asked = this.at((cluster): Asked => {
			try {
				// An authored question is the same on every attempt; its choices' order is fixed by its id.
				if ('question' in quiz) return {ok: true, question: authoredQuestion(quiz, `${lesson.id}#${this.step}`)};
				return {ok: true, question: generateQuestion(quiz.generate, {cluster, seed: mix(this.seed, lesson.id, this.step, attempt), ...(quiz.params ? {params: quiz.params} : {})})};
			} catch (error) {
				return {ok: false, message: quizMessage(error)};
			}
		});
		this.questions.set(attempt, asked);
		return asked;
	}

	showTrace(spec: ShowTraceSpec): TraceRequest | {error: string} {
		const to = typeof spec.to === 'string' ? [spec.to] : [spec.to.service, spec.to.port, spec.to.via];
		return this.shown.get([spec.node, spec.from, spec.proto, ...to], () => this.at((c) => showTraceRequest(c, spec)));
	}
}

class PracticeClusterSnapshot extends CachedSnapshot implements PracticeSnapshot {
	private readonly cluster: Cluster;
	private readonly questions = new Memo<Asked>();
	private appOrder?: readonly string[];

	constructor(private readonly seed: number) {
		super();
		this.cluster = generateScenario({seed, ...PRACTICE_SHAPE});
	}

	protected at<T>(read: (cluster: Cluster) => T): T {
		return read(this.cluster);
	}

	protected get colouring(): PodColouring {
		return {apps: (this.appOrder ??= appsInOrder(this.cluster, [])), reserved: new Set()};
	}

	protected makePane(): PaneData {
		return {...paneOf(this.cluster, {}, this.colouring), fresh: new Set(), freshLogFrom: 0, natRulesDelta: 0};
	}

	/** Practice goes through the chosen kinds in a seeded order, alternating typed and choice answers. */
	question(n: number, kinds: readonly QuizKind[] = QUIZ_KINDS): Asked {
		const seed = this.seed;
		return this.questions.get([n, ...kinds], (): Asked => {
			const round = Math.floor(n / kinds.length);
			const order = seededRandom(mix(seed, 'practice-order', round)).shuffle(kinds);
			let last = 'no question could be asked of this cluster';
			for (let i = 0; i < order.length; i++) {
				const kind = order[(n + i) % order.length]!;
				for (const mode of [n % 2 === 0 ? 'choice' : 'typed', undefined] as const) {
					try {
						return {ok: true, question: generateQuestion(kind, {cluster: this.cluster, seed: mix(seed, 'practice', n, i), ...(mode ? {mode} : {})})};
					} catch (error) {
						last = quizMessage(error);
					}
				}
			}
			return {ok: false, message: last};
		});
	}
}

/** A lesson that shows a node's log or rules: the pane follows that node. */
function logNodeOption(lesson: Lesson, at: number): {logNode?: string} {
	const steps: readonly Step[] = lesson.steps;
	for (let i = Math.min(at, steps.length - 1); i >= 0; i--) {
		const step = steps[i]!;
		if ('show' in step) {
			const show = step.show;
			return {logNode: 'rules' in show ? show.rules.node : 'log' in show ? show.log.node : show.trace.node};
		}
	}
	return {};
}

/** Colours the lesson's own Pods are named after (app: orange): kept free for them from the first step. */
function reservedColours(lesson: Lesson): Set<string> {
	const reserved = new Set<string>();
	for (const step of lesson.steps) {
		if (!('cluster' in step) || !('apply' in step.cluster)) continue;
		for (const match of step.cluster.apply.matchAll(/\bapp:\s*["']?([a-z]+)/g)) {
			const colour = COLOUR_WORDS[match[1]!];
			if (colour) reserved.add(colour);
		}
	}
	return reserved;
}

function freshness(now: ClusterView, before: ClusterView | undefined): {fresh: Set<string>; freshLogFrom: number} {
	const keys = (view: ClusterView): Set<string> =>
		new Set([
			...view.nodes.flatMap((n) => n.pods.map((p) => `pod:${p.namespace}/${p.name}@${p.ip}`)),
			...view.services.map((s) => `svc:${s.namespace}/${s.name}@${s.clusterIP}`),
			...view.services.flatMap((s) => s.endpoints.map((e) => `ep:${s.namespace}/${s.name}>${e}`)),
		]);
	if (!before) return {fresh: new Set(), freshLogFrom: now.log.length};
	const old = keys(before);
	const fresh = new Set([...keys(now)].filter((k) => !old.has(k)));
	// The log only grows within a lesson; on another node it starts over.
	const freshLogFrom = before.logNode === now.logNode && now.log.length >= before.log.length ? before.log.length : now.log.length;
	return {fresh, freshLogFrom};
}

function quizMessage(error: unknown): string {
	if (error instanceof QuizError) return error.message;
	throw error;
}
