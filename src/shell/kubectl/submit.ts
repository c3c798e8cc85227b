// Handing a made or changed object to the simulated API server the way kubectl's commands do:
// --dry-run=client prints it unsent, -o prints what the server returned, otherwise the one-line
// `<kind>/<name> <verb>` kubectl prints.
import type {Kind, KubeObject} from '../../sim/api/types.js';
import {ApiError} from '../../sim/apiserver/errors.js';
import type {Cluster} from '../../sim/cluster/cluster.js';
import type {ApiObject} from './api.js';
import {KubectlError} from './errors.js';
import {flagValue, type FlagSpec, type ParsedLine} from './flags.js';
import {str, toJson} from './json.js';
import {nameOf, parseOutputFormat, printGeneric} from './output.js';
import {kindPrefix, type ResourceType} from './resources.js';

export const WRITE_FLAGS: FlagSpec[] = [
	{name: 'dry-run', type: 'string'},
	{name: 'output', short: 'o', type: 'string'},
	{name: 'save-config', type: 'bool'},
	{name: 'validate', type: 'string'},
	{name: 'field-manager', type: 'string'},
	{name: 'show-managed-fields', type: 'bool'},
	{name: 'allow-missing-template-keys', type: 'bool'},
	{name: 'template', type: 'string'},
];

export type DryRun = 'none' | 'client' | 'server';

export function dryRunOf(line: ParsedLine): DryRun {
	const value = flagValue(line, 'dry-run');
	if (value === undefined || value === 'none' || value === 'false') return 'none';
	if (value === 'client' || value === 'true' || value === '') return 'client';
	if (value === 'server') return 'server';
	throw new KubectlError(`error: Invalid dry-run value (${value}). Must be "none", "server", or "client".\n`);
}

/** The engine's object from the JSON one (the JSON carries the fields kubectl writes; the engine reads its subset). */
export function asKubeObject(object: ApiObject): KubeObject {
	return object as unknown as KubeObject;
}

/**
 * Prints the result of a write: the object in the -o format, or `kind/name <done>` with
 * kubectl's dry-run suffixes.
 */
export function reportWrite(line: ParsedLine, object: ApiObject, done: string, dryRun: DryRun): string {
	const output = flagValue(line, 'output');
	if (output !== undefined && output !== '') {
		const format = parseOutputFormat(output, false);
		if (format.kind === 'table') return `${nameOf(object)} ${done}\n`;
		return printGeneric(format, [object], true, false, false);
	}
	const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
	return `${nameOf(object)} ${done}${suffix}\n`;
}

/**
 * kube-apiserver's NamespaceLifecycle admission: nothing is created in a namespace that does not
 * exist. Only for clusters that keep Namespace objects (the node shell's); bare test clusters have none.
 */
export function checkNamespace(cluster: Cluster, object: ApiObject): void {
	const namespace = str(object, 'metadata', 'namespace');
	if (namespace === undefined || str(object, 'kind') === 'Namespace' || cluster.api.count('Namespace') === 0) return;
	if (!cluster.api.peekOne('Namespace', namespace)) throw new ApiError('NotFound', `namespaces "${namespace}" not found`);
}

/** Creates the object in the engine (unless a dry run) and returns it as the server stored it. */
export function createObject(cluster: Cluster, object: ApiObject, dryRun: DryRun): ApiObject {
	if (dryRun === 'client') return object;
	if (dryRun === 'server') {
		// Nothing is stored, so the API server's own namespace check is asked for here.
		checkNamespace(cluster, object);
		if (cluster.api.get(asKubeObject(object).kind, str(object, 'metadata', 'name') ?? '', str(object, 'metadata', 'namespace'))) {
			cluster.create(asKubeObject(object)); // throws AlreadyExists as the server would
		}
		return object;
	}
	return toJson(cluster.create(asKubeObject(object)));
}

/** Replaces the stored object with a changed one (label, scale, patch, apply…). */
export function updateObject(cluster: Cluster, object: ApiObject, dryRun: DryRun): ApiObject {
	if (dryRun !== 'none') return object;
	return toJson(cluster.apply(asKubeObject(object)));
}

export function deleteObject(cluster: Cluster, type: ResourceType, name: string, namespace: string | undefined): void {
	cluster.delete(type.kind as Kind, name, type.namespaced ? namespace : undefined);
}

/** `pod "web" deleted from default namespace`, `node "node01" deleted`. */
export function deletedLine(type: ResourceType, name: string, namespace: string | undefined, dryRun: 'none' | 'client' | 'server'): string {
	const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
	const where = type.namespaced ? ` from ${namespace ?? 'default'} namespace` : '';
	return `${kindPrefix(type)} "${name}" deleted${where}${suffix}\n`;
}
