// Finding the objects a changing verb acts on: `TYPE NAME…`, `TYPE/NAME…`, `-l SELECTOR`, `--all`.
import type {Cluster} from '../../sim/cluster/cluster.js';
import {getObject, listObjects, type ApiObject} from './api.js';
import {resolveArgs} from './args.js';
import {KubectlError, notFoundText} from './errors.js';
import {record} from './json.js';
import type {ResourceType} from './resources.js';
import {parseFieldSelector} from './field-selector.js';
import {parseLabelSelector} from './selector.js';

export interface Target {
	type: ResourceType;
	object: ApiObject;
}

const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`;

/** The targets, and the NotFound lines for names that are not there. */
export function findTargets(
	cluster: Cluster,
	args: readonly string[],
	namespace: string,
	options: {selector?: string | undefined; fieldSelector?: string | undefined; all?: boolean},
): {targets: Target[]; missing: string} {
	if (args.length === 0) throw new KubectlError(NO_RESOURCES);
	const {requests} = resolveArgs(args);
	const targets: Target[] = [];
	let missing = '';
	const selector = options.selector === undefined ? undefined : parseLabelSelector(options.selector);
	for (const request of requests) {
		if (request.names.length === 0) {
			if (!selector && !options.fieldSelector && !options.all) throw new KubectlError('error: resource(s) were provided, but no name was specified\n');
			const fields = options.fieldSelector === undefined ? undefined : parseFieldSelector(options.fieldSelector, request.type);
			for (const object of listObjects(cluster, request.type, namespace)) {
				if (selector && !selector(record(object, 'metadata', 'labels'))) continue;
				if (fields && !fields(object)) continue;
				targets.push({type: request.type, object});
			}
			continue;
		}
		for (const name of request.names) {
			const object = getObject(cluster, request.type, name, namespace);
			if (object) targets.push({type: request.type, object});
			else missing += notFoundText(request.type, name);
		}
	}
	return {targets, missing};
}
