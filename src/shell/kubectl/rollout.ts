// kubectl rollout status|restart|history for Deployments and DaemonSets, and kubectl top (no
// metrics-server in a kubeadm cluster).
import type {ShellContext} from '../types.js';
import type {ApiObject} from './api.js';
import {KubectlError} from './errors.js';
import {flagValue, GLOBAL_FLAGS, parseFlags} from './flags.js';
import {isObject, num, record, str} from './json.js';
import {findTargets} from './objects.js';
import {kindPrefix} from './resources.js';
import {dryRunOf, reportWrite, updateObject, WRITE_FLAGS} from './submit.js';
import {namespaceOf, type VerbResult} from './verb.js';

const ROLLOUT_FLAGS = [...GLOBAL_FLAGS, ...WRITE_FLAGS, {name: 'watch', short: 'w', type: 'bool' as const}, {name: 'timeout', type: 'string' as const}, {name: 'revision', type: 'int' as const}, {name: 'selector', short: 'l', type: 'string' as const}, {name: 'filename', short: 'f', type: 'strings' as const}];

export function rollout(ctx: ShellContext, tokens: readonly string[]): VerbResult {
	const line = parseFlags(tokens, ROLLOUT_FLAGS);
	const [sub, ...resources] = line.args;
	if (sub !== 'status' && sub !== 'restart' && sub !== 'history') {
		if (sub === undefined) throw new KubectlError("error: Required resource not specified.\nSee 'kubectl rollout -h' for help and examples\n");
		throw new KubectlError(`error: kubectl rollout ${sub} is not available in this shell (status, restart and history are)\n`);
	}
	const {targets, missing} = findTargets(ctx.cluster, resources, namespaceOf(line), {selector: flagValue(line, 'selector')});
	if (missing) return {stdout: '', stderr: missing, status: 1};
	let stdout = '';
	for (const {type, object} of targets) {
		if (type.kind !== 'Deployment' && type.kind !== 'DaemonSet') throw new KubectlError(`error: no status viewer has been implemented for ${type.kind}\n`);
		const name = str(object, 'metadata', 'name') ?? '';
		if (sub === 'status') stdout += statusLine(type.kind, name, object);
		else if (sub === 'restart') {
			// kubectl stamps the template, so the controller rolls out new Pods.
			const next = structuredClone(object);
			const template = next['spec'] && isObject(next['spec']) ? next['spec']['template'] : undefined;
			if (isObject(template)) {
				const metadata = isObject(template['metadata']) ? template['metadata'] : {};
				metadata['annotations'] = {...record(metadata, 'annotations'), 'kubectl.kubernetes.io/restartedAt': ctx.cluster.clock.now().toISOString().replace(/\.\d+Z$/, 'Z')};
				template['metadata'] = metadata;
			}
			const dryRun = dryRunOf(line);
			stdout += reportWrite(line, updateObject(ctx.cluster, next, dryRun), 'restarted', dryRun);
		} else {
			stdout += `${kindPrefix(type)}/${name} \nREVISION  CHANGE-CAUSE\n${revisions(ctx, object)
				.map((r) => `${r}         <none>\n`)
				.join('')}\n`;
		}
	}
	return {stdout, stderr: '', status: 0};
}

function statusLine(kind: string, name: string, o: ApiObject): string {
	const desired = kind === 'Deployment' ? (num(o, 'spec', 'replicas') ?? 1) : (num(o, 'status', 'desiredNumberScheduled') ?? 0);
	const updated = kind === 'Deployment' ? (num(o, 'status', 'updatedReplicas') ?? 0) : (num(o, 'status', 'updatedNumberScheduled') ?? 0);
	const available = kind === 'Deployment' ? (num(o, 'status', 'availableReplicas') ?? 0) : (num(o, 'status', 'numberAvailable') ?? 0);
	const resource = kind === 'Deployment' ? 'deployment' : 'daemon set';
	if (updated < desired) return `Waiting for ${resource} "${name}" rollout to finish: ${updated} out of ${desired} new ${kind === 'Deployment' ? 'replicas' : 'pods'} have been updated...\n`;
	if (available < desired) return `Waiting for ${resource} "${name}" rollout to finish: ${available} of ${desired} updated ${kind === 'Deployment' ? 'replicas' : 'pods'} are available...\n`;
	return `${resource} "${name}" successfully rolled out\n`;
}

/** The revisions a Deployment's ReplicaSets carry (deployment.kubernetes.io/revision), oldest first. */
function revisions(ctx: ShellContext, o: ApiObject): number[] {
	const uid = str(o, 'metadata', 'uid');
	return ctx.cluster.api
		.peek('ReplicaSet')
		.filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === uid))
		.map((rs) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0))
		.filter((n) => n > 0)
		.sort((a, b) => a - b);
}

export function top(): VerbResult {
	return {stdout: '', stderr: 'error: Metrics API not available\n', status: 1};
}
