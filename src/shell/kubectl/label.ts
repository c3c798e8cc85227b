// kubectl label and annotate: KEY=VALUE to set (refused over an existing value without
// --overwrite), KEY- to remove.
import type {ShellContext} from '../types.js';
import type {ApiObject} from './api.js';
import {KubectlError} from './errors.js';
import {flagBool, flagValue, GLOBAL_FLAGS, parseFlags} from './flags.js';
import {isObject, record} from './json.js';
import {findTargets} from './objects.js';
import {dryRunOf, reportWrite, updateObject, WRITE_FLAGS} from './submit.js';
import {namespaceOf, type VerbResult} from './verb.js';

const LABEL_FLAGS = [
	...GLOBAL_FLAGS,
	...WRITE_FLAGS,
	{name: 'overwrite', type: 'bool' as const},
	{name: 'selector', short: 'l', type: 'string' as const},
	{name: 'all', type: 'bool' as const},
	{name: 'list', type: 'bool' as const},
	{name: 'resource-version', type: 'string' as const},
	{name: 'local', type: 'bool' as const},
	{name: 'filename', short: 'f', type: 'strings' as const},
];

export function labelVerb(which: 'labels' | 'annotations'): (ctx: ShellContext, tokens: readonly string[]) => VerbResult {
	const singular = which === 'labels' ? 'label' : 'annotation';
	return (ctx, tokens) => {
		const line = parseFlags(tokens, LABEL_FLAGS);
		const changes = line.args.filter((a) => a.includes('=') || (a.endsWith('-') && !a.includes('/')));
		const resources = line.args.filter((a) => !changes.includes(a));
		if (changes.length === 0 && !flagBool(line, 'list')) throw new KubectlError(`error: at least one ${singular} update is required\n`);
		const set: Record<string, string> = {};
		const remove: string[] = [];
		for (const change of changes) {
			if (change.endsWith('-') && !change.includes('=')) remove.push(change.slice(0, -1));
			else {
				const eq = change.indexOf('=');
				set[change.slice(0, eq)] = change.slice(eq + 1);
			}
		}
		const {targets, missing} = findTargets(ctx.cluster, resources, namespaceOf(line), {selector: flagValue(line, 'selector'), all: flagBool(line, 'all')});
		if (missing) return {stdout: '', stderr: missing, status: 1};
		const dryRun = dryRunOf(line);
		let stdout = '';
		for (const {object} of targets) {
			const metadata = object['metadata'];
			if (!isObject(metadata)) continue;
			const before = record(metadata, which);
			if (!flagBool(line, 'overwrite')) {
				for (const [key, value] of Object.entries(set)) {
					if (key in before && before[key] !== value) throw new KubectlError(`error: '${key}' already has a value (${before[key]}), and --overwrite is false\n`);
				}
			}
			const after: Record<string, string> = {...before, ...set};
			for (const key of remove) {
				// kubectl label says so on stdout; annotate says nothing.
				if (!(key in after) && which === 'labels') stdout += `label "${key}" not found.\n`;
				delete after[key];
			}
			const changed = JSON.stringify(Object.entries(before).sort()) !== JSON.stringify(Object.entries(after).sort());
			const next: ApiObject = {...object, metadata: {...metadata, [which]: after}};
			if (Object.keys(after).length === 0) delete (next['metadata'] as Record<string, unknown>)[which];
			const stored = changed ? updateObject(ctx.cluster, next, dryRun) : object;
			let done: string;
			if (which === 'annotations') done = 'annotated';
			else if (!changed) done = 'not labeled';
			else done = Object.keys(set).length === 0 && remove.length > 0 ? 'unlabeled' : 'labeled';
			stdout += reportWrite(line, stored, done, dryRun);
		}
		return {stdout, stderr: '', status: 0};
	};
}
