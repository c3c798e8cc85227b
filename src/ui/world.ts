// The engine behind the UI, loaded after the first frame: the validated lessons, each lesson's
// live cluster (replayed step by step by LessonRuntime), the practice cluster, the quiz engine
// and the views. Every answer is computed right after bringing the cluster to the step it is
// about, then kept: a runtime holds one step at a time, so nothing here hands out a Cluster.
import {readFileSync} from 'node:fs';
import {basename} from 'node:path';
import {collectLessons} from '../lessons/collect.js';
import type {Lesson, Step} from '../lessons/schema.js';
import {QUIZ_KINDS, type QuizKind} from '../lessons/vocabulary.js';
import {authoredQuestion, checkAnswer, generateQuestion, QuizError} from '../quiz/index.js';
import type {Cluster} from '../sim/cluster/cluster.js';
import {traceConnection, TraceRequestError} from '../sim/cluster/trace-connection.js';
import {saveRule} from '../sim/iptables/save.js';
import {describeOutcome} from '../sim/netfilter/index.js';
import {TraceError} from '../sim/netfilter/types.js';
import {seededRandom} from '../sim/random.js';
import {generateScenario} from '../sim/scenarios/generate.js';
import {appsInOrder, clusterView, COLOUR_WORDS, type ClusterView, type PodColouring} from '../tutor/cluster-view.js';
import {LessonRuntime} from '../tutor/lesson-runtime.js';
import {rulesView} from '../tutor/rules-view.js';
import {lessonFiles, outlineOf} from './course/outline.js';
import type {
	ActionReport,
	Asked,
	ClusterRef,
	PaneData,
	QuizRef,
	ShowTraceSpec,
	TraceData,
	TraceDestChoice,
	TraceRequest,
	TraceSourceChoice,
	World,
} from './world-types.js';

/** The practice cluster: a generated scenario of this size, the same for the same seed. */
export const PRACTICE_SHAPE = {nodes: 2, services: 5} as const;

/** A client outside the cluster (TEST-NET-3, never a real host). */
export const EXTERNAL_CLIENT = '203.0.113.7';

export function loadWorld(dir: string): World {
	const files = lessonFiles(dir).map((name) => ({name: `lessons/${basename(name)}`, text: readFileSync(name, 'utf8')}));
	const {lessons, errors} = collectLessons(files);
	return new EngineWorld(lessons, errors.map((e) => e.text));
}

/** Mixes numbers into one seed (FNV-1a over their decimal text): stable, and spread out. */
export function mix(...parts: (number | string)[]): number {
	let h = 0x811c9dc5;
	for (const ch of parts.join('|')) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
	return h;
}

export class EngineWorld implements World {
	readonly outline;
	private readonly runtimes = new Map<string, LessonRuntime>();
	private readonly practiceClusters = new Map<number, Cluster>();
	private memo = new Map<string, unknown>();

	constructor(
		readonly lessons: readonly Lesson[],
		readonly errors: readonly string[],
	) {
		this.outline = lessons.map(outlineOf);
	}

	/** Computes `make` on the cluster `ref` names, once per key. */
	private on<T>(ref: ClusterRef, seed: number, what: string, make: (cluster: Cluster) => T): T {
		const key = `${seed}|${refKey(ref)}|${what}`;
		if (this.memo.has(key)) return this.memo.get(key) as T;
		// Views are small, but a long session should not keep every one it ever drew.
		if (this.memo.size > 2000) this.memo = new Map();
		const value = make(this.cluster(ref, seed));
		this.memo.set(key, value);
		return value;
	}

	private cluster(ref: ClusterRef, seed: number): Cluster {
		if (ref.kind === 'practice') {
			let cluster = this.practiceClusters.get(seed);
			if (!cluster) {
				cluster = generateScenario({seed, ...PRACTICE_SHAPE});
				this.practiceClusters.set(seed, cluster);
			}
			return cluster;
		}
		const runtime = this.runtime(ref.lesson, seed);
		runtime.goTo(ref.step);
		return runtime.cluster;
	}

	private runtime(lesson: number, seed: number): LessonRuntime {
		const key = `${lesson}|${seed}`;
		let runtime = this.runtimes.get(key);
		if (!runtime) {
			runtime = new LessonRuntime(this.lessons[lesson]!, seed);
			this.runtimes.set(key, runtime);
		}
		return runtime;
	}

	pane(ref: ClusterRef, seed: number): PaneData {
		// Before any `on` below: working out the order walks the runtime through the earlier steps.
		const apps = this.apps(ref, seed);
		const make = (c: Cluster): {view: ClusterView; natRules: number} => {
			const view = clusterView(c, {...logNodeOption(ref, this.lessons), colouring: this.colouring(ref, apps)});
			return {view, natRules: natRuleCount(c, view.logNode)};
		};
		const now = this.on(ref, seed, 'pane', make);
		const before = ref.kind === 'lesson' && ref.step > 0 ? this.on({...ref, step: ref.step - 1}, seed, 'pane', make) : undefined;
		return {...now, ...freshness(now.view, before?.view), natRulesDelta: before ? now.natRules - before.natRules : 0};
	}

	private colouring(ref: ClusterRef, apps: readonly string[]): PodColouring {
		return {apps, reserved: ref.kind === 'lesson' ? reservedColours(this.lessons[ref.lesson]!) : new Set()};
	}

	/** Apps in the order the learner first saw them, step by step through the lesson. */
	private apps(ref: ClusterRef, seed: number): string[] {
		if (ref.kind === 'practice') return this.on(ref, seed, 'apps', (c) => appsInOrder(c, []));
		let order: string[] = [];
		for (let k = 0; k <= ref.step; k++) {
			const before = order;
			order = this.on({kind: 'lesson', lesson: ref.lesson, step: k}, seed, 'apps', (c) => appsInOrder(c, before));
		}
		return order;
	}

	action(lesson: number, step: number, seed: number): ActionReport | undefined {
		const shape = this.lessons[lesson]?.steps[step];
		if (!shape || !('cluster' in shape)) return undefined;
		return this.on({kind: 'lesson', lesson, step}, seed, 'action', () => {
			const outcome = this.runtime(lesson, seed).actionOutcomes.find((o) => o.step === step);
			return outcome ? {messages: outcome.messages, ...(outcome.error ? {error: outcome.error} : {})} : {messages: []};
		});
	}

	question(ref: QuizRef, seed: number): Asked {
		if (ref.kind === 'practice') return this.practiceQuestion(ref.n, seed, ref.kinds ?? QUIZ_KINDS);
		const lesson = this.lessons[ref.lesson];
		const step = lesson?.steps[ref.step];
		if (!lesson || !step || !('quiz' in step)) return {ok: false, message: 'there is no quiz at this step'};
		const quiz = step.quiz;
		const clusterRef: ClusterRef = {kind: 'lesson', lesson: ref.lesson, step: ref.step};
		return this.on(clusterRef, seed, `quiz#${ref.attempt}`, (cluster): Asked => {
			try {
				if ('question' in quiz) {
					// An authored question is the same on every attempt; its choices' order is fixed by its id.
					return {ok: true, question: authoredQuestion(quiz, `${lesson.id}#${ref.step}`)};
				}
				return {ok: true, question: generateQuestion(quiz.generate, {cluster, seed: mix(seed, lesson.id, ref.step, ref.attempt), ...(quiz.params ? {params: quiz.params} : {})})};
			} catch (error) {
				return {ok: false, message: quizMessage(error)};
			}
		});
	}

	/** Practice goes through the chosen kinds in a seeded order, alternating typed and choice answers. */
	private practiceQuestion(n: number, seed: number, kinds: readonly QuizKind[]): Asked {
		const ref: ClusterRef = {kind: 'practice'};
		const every = kinds.length === QUIZ_KINDS.length;
		return this.on(ref, seed, every ? `practice#${n}` : `practice#${n}#${kinds.join(',')}`, (cluster): Asked => {
			const round = Math.floor(n / kinds.length);
			const order = seededRandom(mix(seed, 'practice-order', round)).shuffle(kinds);
			let last = 'no question could be asked of this cluster';
			for (let i = 0; i < order.length; i++) {
				const kind = order[(n + i) % order.length]!;
				for (const mode of [n % 2 === 0 ? 'choice' : 'typed', undefined] as const) {
					try {
						return {ok: true, question: generateQuestion(kind, {cluster, seed: mix(seed, 'practice', n, i), ...(mode ? {mode} : {})})};
					} catch (error) {
						last = quizMessage(error);
					}
				}
			}
			return {ok: false, message: last};
		});
	}

	check(question: Parameters<typeof checkAnswer>[0], answer: string | number) {
		return checkAnswer(question, answer);
	}

	nodes(ref: ClusterRef, seed: number): string[] {
		return this.on(ref, seed, 'nodes', (c) => c.nodes().map((n) => n.metadata.name));
	}

	services(ref: ClusterRef, seed: number): string[] {
		return this.on(ref, seed, 'services', (c) => c.services().map((s) => `${s.metadata.namespace ?? 'default'}/${s.metadata.name}`));
	}

	rules(ref: ClusterRef, seed: number, options: {node: string; format: 'list' | 'save'; service?: string; only?: boolean}) {
		return this.on(ref, seed, `rules|${options.node}|${options.format}|${options.service ?? ''}|${options.only === true}`, (c) =>
			rulesView(c, {node: options.node, format: options.format, ...(options.service ? {service: options.service} : {}), ...(options.only ? {only: true} : {})}),
		);
	}

	log(ref: ClusterRef, seed: number, node: string): string[] {
		return this.on(ref, seed, `log|${node}`, (c) => c.kubeProxy(node)?.logLines() ?? [`no kube-proxy on ${node}`]);
	}

	traceChoices(ref: ClusterRef, seed: number): {sources: TraceSourceChoice[]; destinations: TraceDestChoice[]} {
		// Coloured as the cluster pane colours them.
		const colouring = this.colouring(ref, this.apps(ref, seed));
		return this.on(ref, seed, 'trace-choices', (c) => traceChoices(clusterView(c, {includeSystem: false, colouring})));
	}

	trace(ref: ClusterRef, seed: number, request: TraceRequest): TraceData {
		return this.on(ref, seed, `trace|${request.from}|${request.to}|${request.proto}|${request.node ?? ''}`, (c): TraceData => {
			try {
				const [ip, port] = splitHostPort(request.to);
				const {node, source, result} = traceConnection(c, {...(request.node ? {node: request.node} : {}), from: request.from, to: {ip, port}, proto: request.proto});
				return {
					ok: true,
					node: node.metadata.name,
					source: source.description,
					packet: `${request.proto} ${source.ip} → ${request.to}`,
					to: `${request.to} (${request.proto.toUpperCase()})`,
					entry: result.entry,
					outcomes: result.outcomes.map((o) => ({
						summary: describeOutcome(o),
						probability: o.probability,
						path: o.path,
						steps: o.steps.map((s) => ({
							table: s.table,
							chain: s.chain,
							depth: s.depth,
							ruleIndex: s.ruleIndex,
							rule: saveRule(s.rule),
							matched: s.matched,
							...(s.note !== undefined ? {note: s.note} : {}),
						})),
					})),
				};
			} catch (error) {
				if (error instanceof TraceRequestError || error instanceof TraceError) return {ok: false, message: error.message};
				throw error;
			}
		});
	}

	showTraceRequest(ref: ClusterRef, seed: number, spec: ShowTraceSpec): TraceRequest | {error: string} {
		return this.on(ref, seed, `show-trace|${JSON.stringify(spec)}`, (c): TraceRequest | {error: string} => {
			const proto = spec.proto ?? 'tcp';
			const from = spec.from === 'external' ? EXTERNAL_CLIENT : spec.from;
			if (typeof spec.to === 'string') return {from, to: spec.to, proto, node: spec.node};
			const [namespace, name] = spec.to.service.includes('/') ? spec.to.service.split('/', 2) : ['default', spec.to.service];
			const service = c.services().find((s) => s.metadata.name === name && (s.metadata.namespace ?? 'default') === namespace);
			if (!service) return {error: `no Service ${spec.to.service} in the cluster at this step`};
			const wanted = spec.to.port;
			const port = service.spec.ports.find((p) => wanted === undefined || p.port === wanted) ?? service.spec.ports[0];
			if (!port) return {error: `Service ${spec.to.service} has no port`};
			const portProto = (port.protocol ?? 'TCP').toLowerCase() as 'tcp' | 'udp' | 'sctp';
			if (spec.to.via === 'nodePort') {
				const node = c.nodes().find((n) => n.metadata.name === spec.node);
				const ip = node?.status.addresses.find((a) => a.type === 'InternalIP')?.address;
				if (!ip || !port.nodePort) return {error: `Service ${spec.to.service} has no nodePort on ${spec.node}`};
				return {from, to: `${ip}:${port.nodePort}`, proto: spec.proto ?? portProto, node: spec.node};
			}
			return {from, to: `${service.spec.clusterIP}:${port.port}`, proto: spec.proto ?? portProto, node: spec.node};
		});
	}
}

function refKey(ref: ClusterRef): string {
	return ref.kind === 'practice' ? 'practice' : `lesson${ref.lesson}@${ref.step}`;
}

/** A lesson that shows a node's log or rules: the pane follows that node. */
function logNodeOption(ref: ClusterRef, lessons: readonly Lesson[]): {logNode?: string} {
	if (ref.kind !== 'lesson') return {};
	const steps: readonly Step[] = lessons[ref.lesson]?.steps ?? [];
	for (let i = Math.min(ref.step, steps.length - 1); i >= 0; i--) {
		const step = steps[i]!;
		if ('show' in step) {
			const show = step.show;
			const node = 'rules' in show ? show.rules.node : 'log' in show ? show.log.node : show.trace.node;
			return {logNode: node};
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

/** The rules kube-proxy wrote in the nat table: the `-A` lines of its restore text's `*nat` part
 * (the filter part, with its REJECT and DROP rules, is not counted). */
export function natRuleCount(cluster: Cluster, node: string): number {
	const proxy = cluster.kubeProxy(node);
	if (!proxy) return 0;
	const restore = proxy.sync().restore;
	const nat = restore.indexOf('*nat\n');
	return nat < 0 ? 0 : restore.slice(nat).split('\n').filter((l) => l.startsWith('-A ')).length;
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

export function traceChoices(view: ClusterView): {sources: TraceSourceChoice[]; destinations: TraceDestChoice[]} {
	const sources: TraceSourceChoice[] = [
		...view.nodes.flatMap((n) => n.pods.filter((p) => p.ip).map((p) => ({from: `${p.namespace}/${p.name}`, label: `${p.colour} Pod ${p.name} (${p.ip}) on ${n.name}`, node: n.name}))),
		...view.nodes.filter((n) => !n.controlPlane).map((n) => ({from: n.internalIP, label: `${n.name} itself (${n.internalIP})`, node: n.name})),
		{from: EXTERNAL_CLIENT, label: `a client outside the cluster (${EXTERNAL_CLIENT})`},
	];
	const destinations: TraceDestChoice[] = [];
	for (const s of view.services) {
		for (const p of s.ports) {
			const proto = p.protocol.toLowerCase() as 'tcp' | 'udp' | 'sctp';
			destinations.push({to: `${s.clusterIP}:${p.port}`, proto, label: `${s.name}${p.name ? `:${p.name}` : ''} cluster IP ${s.clusterIP}:${p.port}`});
		}
	}
	for (const s of view.services) {
		for (const p of s.ports) {
			if (!p.nodePort) continue;
			for (const n of view.nodes.filter((node) => !node.controlPlane)) {
				destinations.push({to: `${n.internalIP}:${p.nodePort}`, proto: p.protocol.toLowerCase() as 'tcp' | 'udp' | 'sctp', label: `${s.name} NodePort on ${n.name} ${n.internalIP}:${p.nodePort}`});
			}
		}
	}
	return {sources, destinations};
}

function splitHostPort(to: string): [string, number] {
	const at = to.lastIndexOf(':');
	return [to.slice(0, at), Number(to.slice(at + 1))];
}

function quizMessage(error: unknown): string {
	if (error instanceof QuizError) return error.message;
	throw error;
}
