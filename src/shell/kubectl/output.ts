// `-o`: which printer kubectl uses, and the generic printers (yaml, json, name, jsonpath,
// custom-columns) over the objects a command found.
import type {ApiObject} from './api.js';
import {KubectlError} from './errors.js';
import {str} from './json.js';
import {executeJSONPath, findResults, JSONPathError, parseJSONPath} from './jsonpath.js';
import {kindPrefix, typeOfKind} from './resources.js';
import {goJson, goYaml} from './serialize.js';
import {layoutTable} from './tabwriter.js';

export type OutputFormat =
	| {kind: 'table'; wide: boolean}
	| {kind: 'yaml'}
	| {kind: 'json'}
	| {kind: 'name'}
	| {kind: 'jsonpath'; template: ReturnType<typeof parseJSONPath>}
	| {kind: 'custom-columns'; columns: {header: string; template: ReturnType<typeof parseJSONPath>}[]};

const GET_FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';
const OBJECT_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/** `tables`: whether the command prints tables (get) or only objects (create, run, …). */
export function parseOutputFormat(value: string | undefined, tables: boolean): OutputFormat {
	if (value === undefined || value === '') return {kind: 'table', wide: false};
	if (tables && value === 'wide') return {kind: 'table', wide: true};
	if (value === 'yaml') return {kind: 'yaml'};
	if (value === 'json') return {kind: 'json'};
	if (value === 'name') return {kind: 'name'};
	const eq = value.indexOf('=');
	const name = eq === -1 ? value : value.slice(0, eq);
	const arg = eq === -1 ? '' : value.slice(eq + 1);
	if (name === 'jsonpath' && eq !== -1) {
		try {
			return {kind: 'jsonpath', template: parseJSONPath(arg)};
		} catch (error) {
			if (error instanceof JSONPathError) throw new KubectlError(`error: error parsing jsonpath ${arg}, ${error.message}\n`);
			throw error;
		}
	}
	if (tables && name === 'custom-columns' && eq !== -1) {
		if (arg === '') throw new KubectlError('error: custom-columns format specified but no custom columns given\n');
		const columns = arg.split(',').map((part) => {
			const colon = part.indexOf(':');
			if (colon === -1) throw new KubectlError(`error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>\n`);
			return {header: part.slice(0, colon), template: relaxedTemplate(part.slice(colon + 1))};
		});
		return {kind: 'custom-columns', columns};
	}
	throw new KubectlError(`error: unable to match a printer suitable for the output format "${value}", allowed formats are: ${tables ? GET_FORMATS : OBJECT_FORMATS}\n`);
}

/** RelaxedJSONPathExpression: `metadata.name`, `.metadata.name`, `{metadata.name}` all mean `{.metadata.name}`. */
function relaxedTemplate(spec: string): ReturnType<typeof parseJSONPath> {
	const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(spec);
	if (spec !== '' && !m) throw new KubectlError("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n");
	const field = m ? (m[1] ?? m[2]) : '';
	try {
		return parseJSONPath(field ? `{.${field}}` : '');
	} catch (error) {
		if (error instanceof JSONPathError) throw new KubectlError(`error: error parsing jsonpath {.${field}}, ${error.message}\n`);
		throw error;
	}
}

/** printGeneric's container: one object stays itself, several (or none) become a `kind: List`. */
export function genericContainer(objects: ApiObject[], singleItemImplied: boolean): ApiObject {
	if (singleItemImplied && objects.length === 1) return objects[0]!;
	return {apiVersion: 'v1', items: objects, kind: 'List', metadata: {resourceVersion: ''}};
}

export function nameOf(object: ApiObject): string {
	const kind = str(object, 'kind') ?? '';
	const type = typeOfKind(kind);
	const prefix = type ? kindPrefix(type) : kind.toLowerCase();
	return `${prefix}/${str(object, 'metadata', 'name') ?? ''}`;
}

/** Prints objects with a non-table format. */
export function printGeneric(format: Exclude<OutputFormat, {kind: 'table'}>, objects: ApiObject[], singleItemImplied: boolean, noHeaders = false, sortKeys = true): string {
	switch (format.kind) {
		case 'yaml':
			return goYaml(genericContainer(objects, singleItemImplied));
		case 'json':
			return `${goJson(genericContainer(objects, singleItemImplied), true, sortKeys)}\n`;
		case 'name':
			return objects.map((o) => `${nameOf(o)}\n`).join('');
		case 'jsonpath':
			return executeJSONPath(format.template, genericContainer(objects, singleItemImplied));
		case 'custom-columns': {
			const rows: string[][] = [];
			if (!noHeaders) rows.push(format.columns.map((c) => c.header));
			for (const object of objects) {
				rows.push(
					format.columns.map((c) => {
						const values = findResults(c.template, object);
						if (values.length === 0) return '<none>';
						return values.map(goSprint).join(',');
					}),
				);
			}
			return layoutTable(rows);
		}
	}
}

/** fmt.Sprint of a decoded JSON value: maps as `map[k:v]`, lists as `[a b]`. */
function goSprint(value: unknown): string {
	if (value === null || value === undefined) return '<nil>';
	if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
	if (typeof value === 'object') {
		const map = value as Record<string, unknown>;
		return `map[${Object.keys(map)
			.sort()
			.map((k) => `${k}:${goSprint(map[k])}`)
			.join(' ')}]`;
	}
	return String(value);
}

