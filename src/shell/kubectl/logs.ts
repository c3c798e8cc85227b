// kubectl logs: what the engine knows a container printed (kube-proxy's klog lines, CoreDNS's
// banner, a crashing container's last words), for POD, TYPE/NAME (a Deployment's or
// DaemonSet's first Pod) or -l SELECTOR.
import type {Pod} from '../../sim/api/types.js';
import {podLogs} from '../../sim/logs/pod-logs.js';
import type {ShellContext} from '../types.js';
import {listObjects, type ApiObject} from './api.js';
import {KubectlError} from './errors.js';
import {flagBool, flagValue, GLOBAL_FLAGS, parseFlags} from './flags.js';
import {record, str} from './json.js';
import {findTargets} from './objects.js';
import {resolveType} from './resources.js';
import {parseLabelSelector} from './selector.js';
import {namespaceOf, type VerbResult} from './verb.js';

const LOGS_FLAGS = [
	...GLOBAL_FLAGS,
	{name: 'container', short: 'c', type: 'string' as const},
	{name: 'follow', short: 'f', type: 'bool' as const},
	{name: 'previous', short: 'p', type: 'bool' as const},
	{name: 'tail', type: 'int' as const},
	{name: 'timestamps', type: 'bool' as const},
	{name: 'selector', short: 'l', type: 'string' as const},
	{name: 'all-containers', type: 'bool' as const},
	{name: 'since', type: 'string' as const},
	{name: 'prefix', type: 'bool' as const},
	{name: 'max-log-requests', type: 'int' as const},
];

export function logs(ctx: ShellContext, tokens: readonly string[]): VerbResult {
	const line = parseFlags(tokens, LOGS_FLAGS);
	const namespace = namespaceOf(line);
	const selectorText = flagValue(line, 'selector');
	let pods: ApiObject[];
	let stderr = '';
	if (selectorText !== undefined) {
		const selector = parseLabelSelector(selectorText);
		pods = listObjects(ctx.cluster, resolveType('pods')!, namespace).filter((p) => selector(record(p, 'metadata', 'labels')));
		if (pods.length === 0) return {stdout: '', stderr: `No resources found in ${namespace} namespace.\n`, status: 0};
	} else {
		if (line.args.length === 0) {
			throw new KubectlError("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
		}
		const [first, second] = line.args;
		const args = first!.includes('/') ? [first!] : second !== undefined && !first!.includes('/') && resolveType(first!) && resolveType(first!)!.kind !== 'Pod' ? [`${first}/${second}`] : ['pods', first!];
		const {targets, missing} = findTargets(ctx.cluster, args, namespace, {});
		if (missing) return {stdout: '', stderr: missing, status: 1};
		const target = targets[0]!;
		if (target.type.kind === 'Pod') pods = [target.object];
		else {
			const owned = podsOf(ctx, target.object, namespace);
			if (owned.length === 0) throw new KubectlError(`error: timed out waiting for the condition\n`);
			if (owned.length > 1) stderr += `Found ${owned.length} pods, using pod/${str(owned[0], 'metadata', 'name')}\n`;
			pods = [owned[0]!];
		}
	}
	let stdout = '';
	const container = flagValue(line, 'container');
	for (const pod of pods) {
		const typed = ctx.cluster.api.get('Pod', str(pod, 'metadata', 'name') ?? '', namespace) as Pod;
		if (container === undefined && typed.spec.containers.length > 1 && !flagBool(line, 'all-containers')) {
			stderr += `Defaulted container "${typed.spec.containers[0]!.name}" out of: ${typed.spec.containers.map((c) => c.name).join(', ')}\n`;
		}
		const result = podLogs(ctx.cluster, typed, container);
		if (!result.ok) return {stdout, stderr: `${stderr}Error from server (BadRequest): ${result.error}\n`, status: 1};
		let lines = result.lines;
		const tail = flagValue(line, 'tail');
		if (tail !== undefined && Number(tail) >= 0) lines = lines.slice(Math.max(0, lines.length - Number(tail)));
		stdout += lines.map((l) => `${l}\n`).join('');
	}
	return {stdout, stderr, status: 0};
}

/** The Pods a Deployment, ReplicaSet or DaemonSet selects, oldest first. */
function podsOf(ctx: ShellContext, owner: ApiObject, namespace: string): ApiObject[] {
	const selector = record(owner, 'spec', 'selector', 'matchLabels');
	return listObjects(ctx.cluster, resolveType('pods')!, namespace)
		.filter((p) => Object.entries(selector).every(([k, v]) => record(p, 'metadata', 'labels')[k] === v))
		.sort((a, b) => ((str(a, 'metadata', 'creationTimestamp') ?? '') < (str(b, 'metadata', 'creationTimestamp') ?? '') ? -1 : 1));
}
