// kubectl in the node shell: finds the verb among the arguments (global flags may come first),
// runs it, and turns every failure into kubectl's own words and exit status.
import {ApiError} from '../../sim/apiserver/errors.js';
import {ApiServerUnreachableError} from '../../sim/apiserver/errors.js';
import {TraceRequestError} from '../../sim/cluster/trace-connection.js';
import type {Command, CommandResult, ShellContext} from '../types.js';
import {KubectlError, usageError} from './errors.js';
import {FlagError, GLOBAL_FLAGS} from './flags.js';
import {HELP, KUBECTL_HELP} from './help-text.js';
import {apply, replace} from './apply.js';
import {create} from './create.js';
import {deleteVerb} from './delete.js';
import {describe} from './describe.js';
import {edit} from './edit.js';
import {exec} from './exec.js';
import {expose} from './expose.js';
import {apiResources, apiVersions, clusterInfo, config, version} from './info.js';
import {labelVerb} from './label.js';
import {logs} from './logs.js';
import {findKubeconfig, unreachableWithoutKubeconfig} from './kubeconfig.js';
import {patch} from './patch.js';
import {rollout, top} from './rollout.js';
import {run} from './run.js';
import {scale, set} from './scale.js';
import {get} from './get.js';
import type {VerbResult} from './verb.js';

type Verb = (ctx: ShellContext, tokens: readonly string[], stdin: string) => VerbResult;

const VERBS: Record<string, Verb> = {
	get,
	describe,
	run,
	create,
	expose,
	delete: deleteVerb,
	label: labelVerb('labels'),
	annotate: labelVerb('annotations'),
	scale,
	set,
	patch,
	apply,
	replace,
	edit,
	logs,
	exec,
	rollout,
	top,
	version,
	'cluster-info': clusterInfo,
	'api-resources': apiResources,
	'api-versions': apiVersions,
	config,
};

/** Every command the real kubectl has, for cobra's "Did you mean this?". */
const KUBECTL_COMMANDS = [
	'annotate', 'api-resources', 'api-versions', 'apply', 'attach', 'auth', 'autoscale', 'certificate', 'cluster-info', 'completion', 'config',
	'cordon', 'cp', 'create', 'debug', 'delete', 'describe', 'diff', 'drain', 'edit', 'events', 'exec', 'explain', 'expose', 'get', 'kustomize',
	'label', 'logs', 'options', 'patch', 'plugin', 'port-forward', 'proxy', 'replace', 'rollout', 'run', 'scale', 'set', 'taint', 'top', 'uncordon',
	'version', 'wait',
];

export function registerVerb(name: string, verb: Verb): void {
	VERBS[name] = verb;
}

export const kubectl: Command = (ctx, args, stdin) => {
	const tokens = args.slice(1);
	const at = verbIndex(tokens);
	if (at === -1) return {stdout: KUBECTL_HELP, stderr: '', status: 0};
	const name = tokens[at]!;
	const rest = [...tokens.slice(0, at), ...tokens.slice(at + 1)];
	const verb = VERBS[name];
	if (!verb) {
		if (KUBECTL_COMMANDS.includes(name)) return {stdout: '', stderr: `error: kubectl ${name} is not available in this shell\n`, status: 1};
		const suggestions = KUBECTL_COMMANDS.filter((c) => levenshtein(c, name) <= 2 || c.startsWith(name));
		const hint = suggestions.length > 0 ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}` : '\n';
		return {stdout: '', stderr: `error: unknown command "${name}" for "kubectl"${hint}`, status: 1};
	}
	const dash = rest.indexOf('--');
	if ((dash === -1 ? rest : rest.slice(0, dash)).some((t) => t === '-h' || t === '--help')) return {stdout: HELP[name] ?? KUBECTL_HELP, stderr: '', status: 0};
	// Without a kubeconfig kubectl asks localhost:8080, where nothing listens (config and `version --client` need no server).
	const needsServer = name !== 'config' && !(name === 'version' && rest.includes('--client'));
	const refused = needsServer ? unreachableWithoutKubeconfig(ctx) : undefined;
	if (refused) return fail(refused);
	const contextNamespace = findKubeconfig(ctx)?.namespace;
	const tokensForVerb = contextNamespace ? [`--__context-namespace=${contextNamespace}`, ...rest] : rest;
	return runVerb(name, () => verb(ctx, tokensForVerb, stdin));
};

function runVerb(name: string, body: () => VerbResult): CommandResult {
	try {
		return body();
	} catch (error) {
		if (error instanceof FlagError) return fail(usageError(name, error.message).text);
		if (error instanceof KubectlError) return {stdout: '', stderr: error.text, status: error.status};
		if (error instanceof ApiServerUnreachableError) return fail(`${error.message}\n`);
		if (error instanceof TraceRequestError) return fail(`error: ${error.message}\n`);
		if (error instanceof ApiError) return fail(error.reason === 'Invalid' ? `The ${error.message}\n` : `Error from server (${error.reason}): ${error.message}\n`);
		throw error;
	}
}

function fail(stderr: string): CommandResult {
	return {stdout: '', stderr, status: 1};
}

/** The first argument that is not a global flag or a global flag's value. */
function verbIndex(tokens: readonly string[]): number {
	for (let i = 0; i < tokens.length; i++) {
		const token = tokens[i]!;
		if (!token.startsWith('-') || token === '-') return i;
		if (token.includes('=')) continue;
		const spec = token.startsWith('--') ? GLOBAL_FLAGS.find((f) => f.name === token.slice(2)) : GLOBAL_FLAGS.find((f) => f.short === token.slice(1));
		if (spec && spec.type !== 'bool') i++;
	}
	return -1;
}

function levenshtein(a: string, b: string): number {
	const row = Array.from({length: b.length + 1}, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let previous = row[0]!;
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const current = row[j]!;
			row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
			previous = current;
		}
	}
	return row[b.length]!;
}
