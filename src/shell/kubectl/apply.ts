// Objects from files (-f FILE, -f DIR, -f - for standard input): kubectl apply, create -f,
// replace -f and delete -f, with apply's last-applied-configuration and its three outcomes
// (created, configured, unchanged).
import {parseAllDocuments} from 'yaml';
import type {KubeObject} from '../../sim/api/types.js';
import {ApiError} from '../../sim/apiserver/errors.js';
import {loadManifests, ManifestError} from '../../manifest/index.js';
import type {ShellContext} from '../types.js';
import type {ApiObject} from './api.js';
import {getObject} from './api.js';
import {KubectlError} from './errors.js';
import {FILE_FLAGS, flagList, flagValue, GLOBAL_FLAGS, parseFlags, type FlagSpec, type ParsedLine} from './flags.js';
import {isObject, record, str, toJson, type Json} from './json.js';
import {strategicMerge} from './merge.js';
import {apiVersionOf, qualifiedResource, RESOURCE_TYPES, type ResourceType} from './resources.js';
import {asKubeObject, deletedLine, deleteObject, dryRunOf, reportWrite, WRITE_FLAGS} from './submit.js';
import {goJson} from './serialize.js';
import {namespaceOf, type VerbResult} from './verb.js';

export const APPLY_FLAGS: FlagSpec[] = [...WRITE_FLAGS, ...FILE_FLAGS, {name: 'force', type: 'bool'}, {name: 'prune', type: 'bool'}, {name: 'selector', short: 'l', type: 'string'}, {name: 'server-side', type: 'bool'}, {name: 'overwrite', type: 'bool'}, {name: 'wait', type: 'bool'}];

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

interface FileObject {
	file: string;
	type: ResourceType;
	object: ApiObject;
}

export function applyFiles(ctx: ShellContext, line: ParsedLine, stdin: string, mode: 'apply' | 'create' | 'replace' | 'delete'): VerbResult {
	const files = flagList(line, 'filename');
	if (files.length === 0) throw new KubectlError('error: must specify one of -f and -k\n');
	const namespace = namespaceOf(line);
	const explicitNamespace = flagValue(line, 'namespace') !== undefined;
	const objects: FileObject[] = [];
	for (const file of files) objects.push(...readObjects(ctx, file, stdin, namespace, explicitNamespace));
	const dryRun = dryRunOf(line);
	let stdout = '';
	let stderr = '';
	let status = 0;
	for (const {file, type, object} of objects) {
		const name = str(object, 'metadata', 'name') ?? '';
		const ns = type.namespaced ? (str(object, 'metadata', 'namespace') ?? namespace) : undefined;
		try {
			const live = getObject(ctx.cluster, type, name, ns ?? namespace);
			switch (mode) {
				case 'delete':
					if (!live) throw new ApiError('NotFound', `${qualifiedResource(type)} "${name}" not found`);
					if (dryRun === 'none') deleteObject(ctx.cluster, type, name, ns);
					stdout += deletedLine(type, name, ns, dryRun);
					break;
				case 'create':
					if (live) throw new ApiError('AlreadyExists', `${qualifiedResource(type)} "${name}" already exists`);
					stdout += reportWrite(line, submit(ctx, decode(file, object), 'create', dryRun), 'created', dryRun);
					break;
				case 'replace':
					if (!live) throw new ApiError('NotFound', `${qualifiedResource(type)} "${name}" not found`);
					stdout += reportWrite(line, submit(ctx, decode(file, object), 'update', dryRun), 'replaced', dryRun);
					break;
				case 'apply': {
					const applied = withLastApplied(object);
					if (!live) {
						stdout += reportWrite(line, submit(ctx, decode(file, applied), 'create', dryRun), 'created', dryRun);
						break;
					}
					if (record(live, 'metadata', 'annotations')[LAST_APPLIED] === undefined) {
						stderr += `Warning: resource ${qualifiedResource(type)}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;
					}
					const merged = strategicMerge(live, applied) as ApiObject;
					if (JSON.stringify(sortedJson(merged)) === JSON.stringify(sortedJson(live))) {
						stdout += reportWrite(line, live, 'unchanged', dryRun);
						break;
					}
					stdout += reportWrite(line, submit(ctx, asKubeObject(merged), 'update', dryRun), 'configured', dryRun);
					break;
				}
			}
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			const verb = {apply: 'applying patch', create: 'creating', replace: 'replacing', delete: 'deleting'}[mode];
			stderr += error.reason === 'Invalid' ? `The ${error.message}\n` : `Error from server (${error.reason}): error when ${verb} "${file}": ${error.message}\n`;
			status = 1;
		}
	}
	return {stdout, stderr, status};
}

function submit(ctx: ShellContext, object: KubeObject, how: 'create' | 'update', dryRun: 'none' | 'client' | 'server'): ApiObject {
	if (dryRun !== 'none') return toJson(object);
	return toJson(how === 'create' ? ctx.cluster.create(object) : ctx.cluster.apply(object));
}

/** The applied object as kubectl records it in the annotation: its own JSON, compact, keys sorted. */
function withLastApplied(object: ApiObject): ApiObject {
	const copy = structuredClone(object);
	const metadata = isObject(copy['metadata']) ? copy['metadata'] : {};
	const annotations = isObject(metadata['annotations']) ? {...metadata['annotations']} : {};
	delete annotations[LAST_APPLIED];
	const recorded = structuredClone(object);
	if (isObject(recorded['metadata'])) {
		if (Object.keys(annotations).length === 0) delete recorded['metadata']['annotations'];
	}
	annotations[LAST_APPLIED] = `${goJson(recorded, false)}\n`;
	metadata['annotations'] = annotations;
	copy['metadata'] = metadata;
	return copy;
}

function sortedJson(value: Json): Json {
	if (Array.isArray(value)) return value.map(sortedJson);
	if (isObject(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedJson(value[k]!)]));
	return value;
}

/** Kinds the manifest loader reads are checked and defaulted by it; the others go to the API as written. */
function decode(file: string, object: ApiObject): KubeObject {
	if (['Node', 'Pod', 'Service', 'EndpointSlice'].includes(str(object, 'kind') ?? '')) {
		try {
			const loaded = loadManifests([{name: file, text: JSON.stringify(object)}]);
			const decoded = loaded.objects[0];
			if (decoded) {
				// The loader keeps what it knows; annotations and server-set fields come from the object itself.
				const metadata = isObject(object['metadata']) ? object['metadata'] : {};
				return {...decoded, metadata: {...(metadata as object), ...decoded.metadata, ...(isObject(metadata['annotations']) ? {annotations: record(metadata, 'annotations')} : {})}} as KubeObject;
			}
		} catch (error) {
			if (error instanceof ManifestError) throw new KubectlError(`error: error validating "${file}": ${error.message}\n`);
			throw error;
		}
	}
	return asKubeObject(object);
}

function readObjects(ctx: ShellContext, file: string, stdin: string, namespace: string, explicitNamespace: boolean): FileObject[] {
	let texts: {name: string; text: string}[];
	if (file === '-') texts = [{name: '-', text: stdin}];
	else {
		const path = file.startsWith('/') ? file : `${ctx.cwd.replace(/\/$/, '')}/${file}`;
		if (ctx.fs.isDirectory(path)) {
			texts = (ctx.fs.list(path) ?? [])
				.filter((n) => /\.(ya?ml|json)$/.test(n))
				.map((n) => ({name: `${file.replace(/\/$/, '')}/${n}`, text: ctx.fs.read(`${path.replace(/\/$/, '')}/${n}`) ?? ''}));
		} else {
			const text = ctx.fs.read(path);
			if (text === undefined) throw new KubectlError(`error: the path "${file}" does not exist\n`);
			texts = [{name: file, text}];
		}
	}
	const out: FileObject[] = [];
	for (const {name, text} of texts) {
		const documents = parseAllDocuments(text);
		for (const document of Array.isArray(documents) ? documents : [documents]) {
			if (document.errors.length > 0) {
				const e = document.errors[0]!;
				throw new KubectlError(`error: error parsing ${name}: error converting YAML to JSON: yaml: line ${(e.linePos?.[0].line ?? 1)}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}\n`);
			}
			const value = document.toJS() as Json;
			if (value === null || value === undefined) continue;
			const items = isObject(value) && value['kind'] === 'List' && Array.isArray(value['items']) ? value['items'] : [value];
			for (const item of items) {
				if (!isObject(item)) continue;
				const kind = str(item, 'kind');
				const apiVersion = str(item, 'apiVersion');
				if (!kind) throw new KubectlError(`error: error validating "${name}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n`);
				if (!apiVersion) throw new KubectlError(`error: error validating "${name}": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n`);
				const type = RESOURCE_TYPES.find((t) => t.kind === kind && apiVersionOf(t) === apiVersion);
				const objectName = str(item, 'metadata', 'name') ?? '';
				const objectNamespace = str(item, 'metadata', 'namespace');
				if (!type) {
					throw new KubectlError(`error: resource mapping not found for name: "${objectName}" namespace: "${objectNamespace ?? ''}" from "${name}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first\n`);
				}
				if (type.empty) throw new KubectlError(`error: ${kind} objects are not modelled by this simulated cluster (it simulates Services, their Pods and what runs them), so "${objectName}" from "${name}" cannot be applied here\n`);
				if (type.namespaced && explicitNamespace && objectNamespace && objectNamespace !== namespace) {
					throw new KubectlError(`error: the namespace from the provided object "${objectNamespace}" does not match the namespace "${namespace}". You must pass '--namespace=${objectNamespace}' to perform this operation.\n`);
				}
				const object = structuredClone(item);
				if (type.namespaced && isObject(object['metadata'])) object['metadata']['namespace'] = objectNamespace ?? namespace;
				out.push({file: name, type, object});
			}
		}
	}
	return out;
}

export function apply(ctx: ShellContext, tokens: readonly string[], stdin: string): VerbResult {
	return applyFiles(ctx, parseFlagsFor(tokens), stdin, 'apply');
}

export function replace(ctx: ShellContext, tokens: readonly string[], stdin: string): VerbResult {
	return applyFiles(ctx, parseFlagsFor(tokens), stdin, 'replace');
}


function parseFlagsFor(tokens: readonly string[]): ParsedLine {
	return parseFlags(tokens, [...GLOBAL_FLAGS, ...APPLY_FLAGS]);
}
