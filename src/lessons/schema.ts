// The shape of a lesson file, as zod schemas, and the types the UI and quiz engine use.
// Documented for authors in lessons/README.md; keep the two in step.

import {z} from 'zod';
import {keyed} from './keyed.js';
import {checkManifest} from './manifest.js';
import {PANE_WIDTH, proseProblem, type ProseLimits} from './prose.js';
import {OBJECT_KINDS, PROTOCOLS, QUIZ_KINDS, RULE_FORMATS} from './vocabulary.js';

/** Issue params the positioner reads: a 1-based place inside a string value. */
export interface InsideParams {
	line: number;
	column: number;
}

// Every strict object names its allowed keys, so a misspelt key tells the author the right one.
function strict<T extends z.ZodRawShape>(shape: T) {
	const allowed = Object.keys(shape).join(', ');
	return z.strictObject(shape, {
		error: (issue) =>
			issue.code === 'unrecognized_keys'
				? `unexpected key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (allowed: ${allowed})`
				: undefined,
	});
}

/** Text the learner reads: checked against the screen it is drawn on. */
function prose(limits: Partial<ProseLimits> = {}) {
	const full: ProseLimits = {lines: 1, width: PANE_WIDTH, ...limits};
	return z
		.string()
		.min(1)
		.check((ctx) => {
			const problem = proseProblem(ctx.value, full);
			if (!problem) return;
			const params: InsideParams = {line: problem.line, column: problem.column};
			ctx.issues.push({code: 'custom', input: ctx.value, message: problem.message, params});
		});
}

const dnsName = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {error: 'must be a lower-case DNS name (a-z, 0-9, -)'});
/** `namespace/name`, or `name` in the default namespace. */
const objectRef = z
	.string()
	.regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {error: 'must be name or namespace/name'});
const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const port = z.int().min(1).max(65535);
const labels = z.record(z.string(), z.string()).refine((l) => Object.keys(l).length > 0, {error: 'needs at least one label'});

// --- the starting cluster ---------------------------------------------------------------------

export const ScenarioSchema = strict({
	/** Seeds the engine's generator: the same seed gives the same cluster. */
	seed: z.int().min(0),
	/** Worker nodes; the control plane comes on top. */
	nodes: z.int().min(1).max(10),
	/** Application Services; `kubernetes` and kube-dns come on top. */
	services: z.int().min(0).max(30),
});

export const StartingClusterSchema = keyed(
	{scenario: strict({scenario: ScenarioSchema})},
	{what: 'starting cluster', string: z.literal('seed-notes')},
);

// --- cluster actions ----------------------------------------------------------------------------

const ApplySchema = strict({
	apply: z
		.string()
		.min(1)
		.check((ctx) => {
			const problem = checkManifest(ctx.value);
			if (!problem) return;
			const params: InsideParams = {line: problem.line, column: problem.column};
			ctx.issues.push({code: 'custom', input: ctx.value, message: problem.message, params});
		}),
});

const DeleteSchema = strict({
	delete: strict({kind: z.enum(OBJECT_KINDS), namespace: dnsName.optional(), name: dnsName}),
});

const ScaleSchema = strict({
	scale: strict({
		selector: labels,
		namespace: dnsName.optional(),
		replicas: z.int().min(0).max(20),
		nodes: z.array(dnsName).min(1).optional(),
	}),
});

export const ClusterActionSchema = keyed({apply: ApplySchema, delete: DeleteSchema, scale: ScaleSchema}, {what: 'cluster action'});

// --- views --------------------------------------------------------------------------------------

const RulesViewSchema = strict({
	rules: strict({node: dnsName, service: objectRef.optional(), format: z.enum(RULE_FORMATS)}),
});

const LogViewSchema = strict({log: strict({node: dnsName})});

/** Where a traced packet starts: a Pod (`[namespace/]name`), `external` (a client outside the cluster) or an IPv4 address. */
const traceFrom = z.string().refine((s) => s === 'external' || ipv4.test(s) || objectRef.safeParse(s).success, {
	error: 'must be a Pod ([namespace/]name), "external" or an IPv4 address',
});

const traceTo = keyed(
	{
		service: strict({
			service: objectRef,
			/** Which of the Service's ports; the first when absent. */
			port: port.optional(),
			/** `nodePort` sends the packet to the trace node's own address at the Service's nodePort. */
			via: z.enum(['clusterIP', 'nodePort']).optional(),
		}),
	},
	{
		what: 'trace destination',
		string: z.string().refine((s) => {
			const [ip, p, ...rest] = s.split(':');
			return rest.length === 0 && ip !== undefined && ipv4.test(ip) && port.safeParse(Number(p)).success;
		}, {error: 'must be IPv4:port, like 10.103.132.104:3306'}),
	},
);

const TraceViewSchema = strict({
	trace: strict({node: dnsName, from: traceFrom, to: traceTo, proto: z.enum(PROTOCOLS).optional()}),
});

export const ViewSchema = keyed({rules: RulesViewSchema, log: LogViewSchema, trace: TraceViewSchema}, {what: 'view'});

// --- quizzes ------------------------------------------------------------------------------------

const GeneratedQuizSchema = strict({
	generate: z.enum(QUIZ_KINDS, {
		error: (issue) => `unknown quiz kind ${JSON.stringify(issue.input)} (known: ${QUIZ_KINDS.join(', ')})`,
	}),
	/** Passed to the generator as they are; each generator documents its own. */
	params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

/** A choice is one line, with room for the UI's "❯ " marker. */
const CHOICE_WIDTH = PANE_WIDTH - 4;

const AuthoredQuizSchema = strict({
	question: prose({lines: 6}),
	choices: z.array(prose({width: CHOICE_WIDTH})).min(2).max(6),
	/** 0-based index into choices. */
	answer: z.int({error: (issue) => `must be an index into choices, got ${JSON.stringify(issue.input)}`}),
	/** Shown after the answer, right or wrong: why the answer is right. */
	explain: prose({lines: 8}),
}).check((ctx) => {
	const {choices, answer} = ctx.value;
	if (answer < 0 || answer >= choices.length) {
		ctx.issues.push({
			code: 'custom',
			input: answer,
			path: ['answer'],
			message: `must be an index into choices (0–${choices.length - 1}), got ${answer}`,
		});
	}
	const seen = new Set<string>();
	for (const [index, choice] of choices.entries()) {
		if (seen.has(choice)) {
			ctx.issues.push({code: 'custom', input: choice, path: ['choices', index], message: 'repeats an earlier choice'});
		}
		seen.add(choice);
	}
});

export const QuizSchema = keyed({generate: GeneratedQuizSchema, question: AuthoredQuizSchema}, {what: 'quiz form'});

// --- steps --------------------------------------------------------------------------------------

/** A command line the step offers to try in the node shell (`x` opens it there, typed and ready to edit). */
const ShellLineSchema = z
	.string({error: 'must be one command line, e.g. "iptables -t nat -L KUBE-SERVICES -n"'})
	.regex(/^[^\x00-\x1f\x7f]+$/, {error: 'must be one command line, without newlines or control characters'})
	.refine((line) => line.trim() !== '' && line.length <= 200, {error: 'must be a command line of 1–200 characters'});

export const TextStepSchema = strict({text: prose({lines: 14}), shell: ShellLineSchema.optional()});
/** `watch` says what to look for while the action runs: the Service's IP, a log line, rules appearing. */
export const ClusterStepSchema = strict({cluster: ClusterActionSchema, watch: prose({lines: 4})});
export const ShowStepSchema = strict({show: ViewSchema, watch: prose({lines: 4}).optional(), shell: ShellLineSchema.optional()});
export const QuizStepSchema = strict({quiz: QuizSchema});

export const StepSchema = keyed(
	{text: TextStepSchema, cluster: ClusterStepSchema, show: ShowStepSchema, quiz: QuizStepSchema},
	{what: 'step type'},
);

// --- the lesson ---------------------------------------------------------------------------------

const version = /^\d+\.\d+(\s?[–-]\s?\d+\.\d+)?$/;

export const LessonSchema = strict({
	/** Stable: progress is saved under it, so renaming a file must not change it. */
	id: dnsName,
	title: prose({width: PANE_WIDTH}),
	/** The Kubernetes versions whose behaviour the lesson shows, as "1.31–1.34". */
	kubernetesVersion: z
		.string({error: 'must be a quoted version or range, like "1.31–1.34" (unquoted, 1.31 is read as a number)'})
		.regex(version, {error: 'must be a version or range, like "1.31–1.34"'}),
	/** Older versions whose output the lesson quotes for comparison, as "1.11". */
	alsoShows: z
		.array(z.string({error: 'must be a quoted version, like "1.11"'}).regex(version, {error: 'must be a version, like "1.11"'}))
		.optional(),
	summary: prose({lines: 3}),
	cluster: StartingClusterSchema,
	steps: z.array(StepSchema).min(1),
});

export type Lesson = z.output<typeof LessonSchema>;
export type Step = z.output<typeof StepSchema>;
export type TextStep = z.output<typeof TextStepSchema>;
export type ClusterStep = z.output<typeof ClusterStepSchema>;
export type ShowStep = z.output<typeof ShowStepSchema>;
export type QuizStep = z.output<typeof QuizStepSchema>;
export type ClusterAction = z.output<typeof ClusterActionSchema>;
export type View = z.output<typeof ViewSchema>;
export type Quiz = z.output<typeof QuizSchema>;
export type AuthoredQuiz = z.output<typeof AuthoredQuizSchema>;
export type GeneratedQuiz = z.output<typeof GeneratedQuizSchema>;
export type StartingCluster = z.output<typeof StartingClusterSchema>;
export type Scenario = z.output<typeof ScenarioSchema>;
