// kubectl run: one Pod from an image, as the run generator writes it.
import type {ShellContext} from '../types.js';
import {KubectlError} from './errors.js';
import {flagBool, flagList, flagValue, GLOBAL_FLAGS, parseFlags} from './flags.js';
import {parseLabels, runPod} from './generators.js';
import {runInContainer, SHELLS} from './exec.js';
import {createObject, dryRunOf, reportWrite, WRITE_FLAGS} from './submit.js';
import {namespaceOf, type VerbResult} from './verb.js';

const RUN_FLAGS = [
	...GLOBAL_FLAGS,
	...WRITE_FLAGS,
	{name: 'image', type: 'string' as const},
	{name: 'port', type: 'string' as const},
	{name: 'labels', short: 'l', type: 'string' as const},
	{name: 'restart', type: 'string' as const},
	{name: 'env', type: 'strings' as const},
	{name: 'command', type: 'bool' as const},
	{name: 'image-pull-policy', type: 'string' as const},
	{name: 'rm', type: 'bool' as const},
	{name: 'stdin', short: 'i', type: 'bool' as const},
	{name: 'tty', short: 't', type: 'bool' as const},
	{name: 'attach', type: 'bool' as const},
	{name: 'expose', type: 'bool' as const},
	{name: 'annotations', type: 'strings' as const},
];

export function run(ctx: ShellContext, tokens: readonly string[]): VerbResult {
	const line = parseFlags(tokens, RUN_FLAGS);
	const name = line.args[0];
	if (name === undefined) throw new KubectlError("error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
	const image = flagValue(line, 'image');
	if (image === undefined) throw new KubectlError('error: required flag(s) "image" not set\n');
	const restart = flagValue(line, 'restart') ?? 'Always';
	if (restart !== 'Always' && restart !== 'OnFailure' && restart !== 'Never') {
		throw new KubectlError(`error: invalid restart policy: ${restart}\nSee 'kubectl run -h' for help and examples\n`);
	}
	const portText = flagValue(line, 'port');
	if (portText !== undefined && !/^-?\d+$/.test(portText)) throw new KubectlError(`error: strconv.Atoi: parsing "${portText}": invalid syntax\n`);
	const attach = flagBool(line, 'stdin') || flagBool(line, 'tty');
	const extra = [...line.args.slice(1), ...(line.afterDash ?? [])];
	if (flagBool(line, 'rm') && !attach) throw new KubectlError("error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n");
	if (attach && (extra.length === 0 || SHELLS.has(extra[0]!))) {
		throw new KubectlError('error: an interactive shell inside a Pod is not available here: give the command to run, e.g. kubectl run tmp --image=busybox:1.28 --rm -it --restart=Never -- nslookup db-service\n');
	}
	const command = flagBool(line, 'command') ? extra : undefined;
	const args = !flagBool(line, 'command') && extra.length > 0 ? extra : undefined;
	const labelsText = flagValue(line, 'labels');
	const pod = runPod({
		name,
		image,
		...(flagValue(line, 'namespace') ? {namespace: namespaceOf(line)} : {}),
		...(labelsText ? {labels: parseLabels(labelsText)} : {}),
		...(portText !== undefined ? {port: Number(portText)} : {}),
		restart,
		env: flagList(line, 'env'),
		command,
		args,
	});
	const dryRun = dryRunOf(line);
	if (dryRun === 'none') (pod['metadata'] as Record<string, unknown>)['namespace'] = namespaceOf(line);
	const stored = createObject(ctx.cluster, pod, dryRun);
	if (!attach || dryRun !== 'none') return {stdout: reportWrite(line, stored, 'created', dryRun), stderr: '', status: 0};
	// -it with a command: kubectl attaches, the command's output is the Pod's; --rm deletes the Pod after.
	const namespace = namespaceOf(line);
	const running = ctx.cluster.api.get('Pod', name, namespace);
	const result = running ? runInContainer(ctx.cluster, running, image, command ?? args ?? []) : {stdout: '', stderr: '', status: 1};
	let stdout = result.stdout;
	let stderr = result.stderr;
	if (flagBool(line, 'rm')) {
		ctx.cluster.delete('Pod', name, namespace);
		stdout += `pod "${name}" deleted from ${namespace} namespace\n`;
	}
	if (result.status !== 0) stderr += `pod ${namespace}/${name} terminated (Error)\n`;
	return {stdout, stderr, status: result.status};
}
