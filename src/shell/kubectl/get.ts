// kubectl get: tables as kube-apiserver's printers fill them and kubectl lays them out, or the
// objects as yaml, json, name, jsonpath or custom-columns.
import type {ShellContext} from '../types.js';
import {getObject, listObjects, type ApiObject} from './api.js';
import {resolveArgs} from './args.js';
import {KubectlError, notFoundText} from './errors.js';
import {flagBool, flagList, flagValue, GLOBAL_FLAGS, parseFlags, type FlagSpec} from './flags.js';
import {goSort} from './gosort.js';
import {executeJSONPath, parseJSONPath} from './jsonpath.js';
import {formatLabels, record, str} from './json.js';
import {parseOutputFormat, printGeneric} from './output.js';
import {headerFor, PRINTERS} from './printers.js';
import {kindPrefix, SERVER_MINOR, type ResourceType} from './resources.js';
import {parseFieldSelector} from './field-selector.js';
import {parseLabelSelector} from './selector.js';
import {layoutTable} from './tabwriter.js';
import {type VerbResult, namespaceOf} from './verb.js';

export const GET_FLAGS: FlagSpec[] = [
	...GLOBAL_FLAGS,
	{name: 'output', short: 'o', type: 'string'},
	{name: 'all-namespaces', short: 'A', type: 'bool'},
	{name: 'selector', short: 'l', type: 'string'},
	{name: 'field-selector', type: 'string'},
	{name: 'show-labels', type: 'bool'},
	{name: 'no-headers', type: 'bool'},
	{name: 'sort-by', type: 'string'},
	{name: 'label-columns', short: 'L', type: 'strings'},
	{name: 'show-kind', type: 'bool'},
	{name: 'ignore-not-found', type: 'bool'},
	{name: 'watch', short: 'w', type: 'bool'},
	{name: 'chunk-size', type: 'int'},
	{name: 'show-managed-fields', type: 'bool'},
	{name: 'filename', short: 'f', type: 'strings'},
	{name: 'recursive', short: 'R', type: 'bool'},
	{name: 'allow-missing-template-keys', type: 'bool'},
];

const ENDPOINTS_WARNING = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n';

interface Found {
	type: ResourceType;
	object: ApiObject;
}

export function get(ctx: ShellContext, tokens: readonly string[]): VerbResult {
	const line = parseFlags(tokens, GET_FLAGS);
	if (line.args.length === 0) {
		throw new KubectlError(
			'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
		);
	}
	if (flagBool(line, 'watch')) throw new KubectlError('error: --watch is not available in this shell: run the command again to see changes\n');
	const format = parseOutputFormat(flagValue(line, 'output'), true);
	const allNamespaces = flagBool(line, 'all-namespaces');
	const namespace = namespaceOf(line);
	const selectorText = flagValue(line, 'selector');
	const selector = selectorText === undefined ? undefined : parseLabelSelector(selectorText);
	const {requests, singleItemImplied} = resolveArgs(line.args);
	const cluster = ctx.cluster;
	let stderr = '';
	let status = 0;
	const found: Found[] = [];
	for (const request of requests) {
		// kube-apiserver warns about v1 Endpoints from v1.33 on.
		if (request.type.kind === 'Endpoints' && SERVER_MINOR >= 33) stderr += ENDPOINTS_WARNING;
		if (request.names.length > 0) {
			if (allNamespaces && request.type.namespaced) throw new KubectlError('error: a resource cannot be retrieved by name across all namespaces\n');
			for (const name of request.names) {
				const object = getObject(cluster, request.type, name, namespace);
				if (object === undefined) {
					if (!flagBool(line, 'ignore-not-found')) {
						stderr += notFoundText(request.type, name);
						status = 1;
					}
				} else found.push({type: request.type, object});
			}
			continue;
		}
		const fieldText = flagValue(line, 'field-selector');
		const fields = fieldText === undefined ? undefined : parseFieldSelector(fieldText, request.type);
		for (const object of listObjects(cluster, request.type, allNamespaces ? undefined : namespace)) {
			if (selector && !selector(record(object, 'metadata', 'labels'))) continue;
			if (fields && !fields(object)) continue;
			found.push({type: request.type, object});
		}
	}
	const sortBy = flagValue(line, 'sort-by');
	if (sortBy) sortFound(found, sortBy);
	const noHeaders = flagBool(line, 'no-headers');
	if (format.kind !== 'table') {
		const text = printGeneric(format, found.map((f) => f.object), singleItemImplied, noHeaders);
		return {stdout: text, stderr, status};
	}
	const withKind = flagBool(line, 'show-kind') || new Set(found.map((f) => f.type)).size > 1;
	const rows: string[][] = [];
	let last: ResourceType | undefined;
	const labelColumns = flagList(line, 'label-columns');
	for (const {type, object} of found) {
		const printer = PRINTERS[type.kind]!;
		const withNamespace = allNamespaces && type.namespaced;
		if (type !== last) {
			if (last !== undefined && !noHeaders && rows.length > 0) rows.push([]);
			if (!noHeaders) {
				const header = headerFor(printer, format.wide);
				if (withNamespace) header.unshift('NAMESPACE');
				for (const key of labelColumns) header.push(key.slice(key.lastIndexOf('/') + 1).toUpperCase());
				if (flagBool(line, 'show-labels')) header.push('LABELS');
				rows.push(header);
			}
			last = type;
		}
		const cells = printer.row(object, cluster.clock.now(), format.wide);
		const nameIndex = type.kind === 'Event' ? (format.wide ? 9 : -1) : 0;
		if (withKind && nameIndex >= 0) cells[nameIndex] = `${kindPrefix(type)}/${cells[nameIndex]}`;
		if (withNamespace) cells.unshift(str(object, 'metadata', 'namespace') ?? '');
		const labels = record(object, 'metadata', 'labels');
		for (const key of labelColumns) cells.push(labels[key] ?? '');
		if (flagBool(line, 'show-labels')) cells.push(formatLabels(labels));
		rows.push(cells);
	}
	const stdout = layoutTable(rows);
	if (found.length === 0 && status === 0 && !flagBool(line, 'ignore-not-found')) {
		const allNamespaced = !allNamespaces && requests.every((r) => r.type.namespaced);
		stderr += allNamespaced ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n';
	}
	return {stdout, stderr, status};
}

/**
 * --sort-by: kubectl's RuntimeSorter compares the field's values (numbers as numbers, text as
 * text) with Go's unstable sort.Sort, so equal keys end up where that algorithm leaves them.
 */
function sortFound(found: Found[], field: string): void {
	const expression = field.startsWith('{') ? field : `{${field.startsWith('.') ? '' : '.'}${field}}`;
	const template = parseJSONPath(expression);
	const keys = found.map((f) => {
		const text = executeJSONPath(template, f.object);
		return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
	});
	goSort({
		length: found.length,
		less: (i, j) => keys[i]! < keys[j]!,
		swap: (i, j) => {
			[found[i], found[j]] = [found[j]!, found[i]!];
			[keys[i], keys[j]] = [keys[j]!, keys[i]!];
		},
	});
}

