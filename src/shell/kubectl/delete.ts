// kubectl delete: by name, TYPE/NAME, -l, --all or -f FILE; kubectl v1.34's words for what went.
import type {ShellContext} from '../types.js';
import {applyFiles} from './apply.js';
import {FILE_FLAGS, flagBool, flagList, flagValue, GLOBAL_FLAGS, parseFlags} from './flags.js';
import {str} from './json.js';
import {findTargets} from './objects.js';
import {deletedLine, deleteObject, dryRunOf} from './submit.js';
import {namespaceOf, type VerbResult} from './verb.js';

const DELETE_FLAGS = [
	...GLOBAL_FLAGS,
	...FILE_FLAGS,
	{name: 'selector', short: 'l', type: 'string' as const},
	{name: 'field-selector', type: 'string' as const},
	{name: 'all', type: 'bool' as const},
	{name: 'force', type: 'bool' as const},
	{name: 'grace-period', type: 'int' as const},
	{name: 'now', type: 'bool' as const},
	{name: 'wait', type: 'bool' as const},
	{name: 'ignore-not-found', type: 'bool' as const},
	{name: 'cascade', type: 'string' as const},
	{name: 'dry-run', type: 'string' as const},
	{name: 'output', short: 'o', type: 'string' as const},
	{name: 'timeout', type: 'string' as const},
	{name: 'all-namespaces', short: 'A', type: 'bool' as const},
];

const FORCE_WARNING = 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

export function deleteVerb(ctx: ShellContext, tokens: readonly string[], stdin: string): VerbResult {
	const line = parseFlags(tokens, DELETE_FLAGS);
	if (flagList(line, 'filename').length > 0) return applyFiles(ctx, line, stdin, 'delete');
	const namespace = namespaceOf(line);
	const {targets, missing} = findTargets(ctx.cluster, line.args, namespace, {selector: flagValue(line, 'selector'), fieldSelector: flagValue(line, 'field-selector'), all: flagBool(line, 'all')});
	const dryRun = dryRunOf(line);
	let stderr = flagBool(line, 'force') && flagValue(line, 'grace-period') === '0' ? FORCE_WARNING : '';
	let stdout = '';
	for (const {type, object} of targets) {
		const name = str(object, 'metadata', 'name') ?? '';
		if (dryRun === 'none') deleteObject(ctx.cluster, type, name, str(object, 'metadata', 'namespace'));
		stdout += deletedLine(type, name, str(object, 'metadata', 'namespace'), dryRun);
	}
	const ignore = flagBool(line, 'ignore-not-found');
	if (!ignore) stderr += missing;
	if (targets.length === 0 && !missing && line.args.length > 0) stderr += 'No resources found\n';
	return {stdout, stderr, status: missing && !ignore ? 1 : 0};
}
