// kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json].
import {parse as parseYaml} from 'yaml';
import type {ShellContext} from '../types.js';
import type {ApiObject} from './api.js';
import {KubectlError} from './errors.js';
import {flagValue, GLOBAL_FLAGS, parseFlags} from './flags.js';
import {isObject, type Json} from './json.js';
import {jsonPatch, mergePatch, strategicMerge} from './merge.js';
import {findTargets} from './objects.js';
import {dryRunOf, reportWrite, updateObject, WRITE_FLAGS} from './submit.js';
import {namespaceOf, type VerbResult} from './verb.js';

const PATCH_FLAGS = [
	...GLOBAL_FLAGS,
	...WRITE_FLAGS,
	{name: 'patch', short: 'p', type: 'string' as const},
	{name: 'patch-file', type: 'string' as const},
	{name: 'type', type: 'string' as const},
	{name: 'local', type: 'bool' as const},
	{name: 'subresource', type: 'string' as const},
	{name: 'filename', short: 'f', type: 'strings' as const},
];

export function patch(ctx: ShellContext, tokens: readonly string[]): VerbResult {
	const line = parseFlags(tokens, PATCH_FLAGS);
	let text = flagValue(line, 'patch');
	const file = flagValue(line, 'patch-file');
	if (text === undefined && file !== undefined) {
		text = ctx.fs.read(file.startsWith('/') ? file : `${ctx.cwd.replace(/\/$/, '')}/${file}`);
		if (text === undefined) throw new KubectlError(`error: unable to read patch file: open ${file}: no such file or directory\n`);
	}
	if (text === undefined) throw new KubectlError('error: must specify --patch or --patch-file containing the contents of the patch\n');
	const type = flagValue(line, 'type') ?? 'strategic';
	if (!['strategic', 'merge', 'json'].includes(type)) {
		throw new KubectlError(`error: --type must be one of [json merge strategic], not "${type}"\nSee 'kubectl patch -h' for help and examples\n`);
	}
	let patchValue: Json;
	try {
		patchValue = parseYaml(text) as Json;
	} catch (error) {
		throw new KubectlError(`error: unable to parse "${text}": ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
	}
	if (type !== 'json' && !isObject(patchValue)) throw new KubectlError(`error: unable to parse "${text}": json: cannot unmarshal ${Array.isArray(patchValue) ? 'array' : 'string'} into Go value of type map[string]interface {}\n`);
	const {targets, missing} = findTargets(ctx.cluster, line.args, namespaceOf(line), {});
	if (missing) return {stdout: '', stderr: missing, status: 1};
	const dryRun = dryRunOf(line);
	let stdout = '';
	for (const {object} of targets) {
		const next = (type === 'json' ? jsonPatch(object, patchValue) : type === 'merge' ? mergePatch(object, patchValue) : strategicMerge(object, patchValue)) as ApiObject;
		const changed = JSON.stringify(next) !== JSON.stringify(object);
		const stored = changed ? updateObject(ctx.cluster, next, dryRun) : object;
		stdout += reportWrite(line, stored, changed ? 'patched' : 'patched (no change)', dryRun);
	}
	return {stdout, stderr: '', status: 0};
}
