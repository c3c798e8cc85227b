// kubectl scale (Deployments, ReplicaSets) and kubectl set image.
import type {ShellContext} from '../types.js';
import type {ApiObject} from './api.js';
import {KubectlError} from './errors.js';
import {flagBool, flagValue, GLOBAL_FLAGS, parseFlags} from './flags.js';
import {at, isObject, list, num, str} from './json.js';
import {findTargets} from './objects.js';
import {dryRunOf, reportWrite, updateObject, WRITE_FLAGS} from './submit.js';
import {namespaceOf, type VerbResult} from './verb.js';

const SCALE_FLAGS = [
	...GLOBAL_FLAGS,
	...WRITE_FLAGS,
	{name: 'replicas', type: 'int' as const},
	{name: 'current-replicas', type: 'int' as const},
	{name: 'selector', short: 'l', type: 'string' as const},
	{name: 'all', type: 'bool' as const},
	{name: 'timeout', type: 'string' as const},
	{name: 'filename', short: 'f', type: 'strings' as const},
];

export function scale(ctx: ShellContext, tokens: readonly string[]): VerbResult {
	const line = parseFlags(tokens, SCALE_FLAGS);
	const replicasText = flagValue(line, 'replicas');
	if (replicasText === undefined) throw new KubectlError('error: required flag(s) "replicas" not set\n');
	const replicas = Number(replicasText);
	if (replicas < 0) throw new KubectlError("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\nSee 'kubectl scale -h' for help and examples\n");
	const {targets, missing} = findTargets(ctx.cluster, line.args, namespaceOf(line), {selector: flagValue(line, 'selector'), all: flagBool(line, 'all')});
	if (missing) return {stdout: '', stderr: missing, status: 1};
	const dryRun = dryRunOf(line);
	let stdout = '';
	for (const {type, object} of targets) {
		if (type.kind !== 'Deployment' && type.kind !== 'ReplicaSet') throw new KubectlError(`error: no objects passed to scale ${type.resource}${type.group ? `.${type.group}` : ''} "${str(object, 'metadata', 'name')}" is not scalable\n`);
		const current = flagValue(line, 'current-replicas');
		if (current !== undefined && Number(current) !== (num(object, 'spec', 'replicas') ?? 1)) {
			throw new KubectlError(`error: Expected replicas to be ${current}, was ${num(object, 'spec', 'replicas') ?? 1}\n`);
		}
		const next: ApiObject = {...object, spec: {...(object['spec'] as object), replicas}} as ApiObject;
		const stored = updateObject(ctx.cluster, next, dryRun);
		stdout += reportWrite(line, stored, 'scaled', dryRun);
	}
	return {stdout, stderr: '', status: 0};
}

const SET_FLAGS = [...GLOBAL_FLAGS, ...WRITE_FLAGS, {name: 'selector', short: 'l', type: 'string' as const}, {name: 'all', type: 'bool' as const}, {name: 'local', type: 'bool' as const}, {name: 'filename', short: 'f', type: 'strings' as const}];

/** kubectl set image TYPE/NAME CONTAINER=IMAGE… (`*=IMAGE` for every container). */
export function set(ctx: ShellContext, tokens: readonly string[]): VerbResult {
	const line = parseFlags(tokens, SET_FLAGS);
	const [what, ...rest] = line.args;
	if (what !== 'image') throw new KubectlError(`error: kubectl set ${what ?? ''} is not available in this shell (kubectl set image is)\n`);
	const pairs = rest.filter((a) => a.includes('='));
	const resources = rest.filter((a) => !a.includes('='));
	if (pairs.length === 0) throw new KubectlError("error: at least one image update is required\nSee 'kubectl set image -h' for help and examples\n");
	const {targets, missing} = findTargets(ctx.cluster, resources, namespaceOf(line), {selector: flagValue(line, 'selector'), all: flagBool(line, 'all')});
	if (missing) return {stdout: '', stderr: missing, status: 1};
	const dryRun = dryRunOf(line);
	let stdout = '';
	for (const {object} of targets) {
		const next = structuredClone(object);
		const podSpec = str(next, 'kind') === 'Pod' ? at(next, 'spec') : at(next, 'spec', 'template', 'spec');
		const containers = list(podSpec, 'containers').filter(isObject);
		for (const pair of pairs) {
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq);
			const image = pair.slice(eq + 1);
			const matching = containers.filter((c) => name === '*' || c['name'] === name);
			if (matching.length === 0) throw new KubectlError(`error: unable to find container named "${name}"\n`);
			for (const c of matching) c['image'] = image;
		}
		const stored = updateObject(ctx.cluster, next, dryRun);
		stdout += reportWrite(line, stored, 'image updated', dryRun);
	}
	return {stdout, stderr: '', status: 0};
}
