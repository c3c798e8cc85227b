// kubectl describe (pkg/describe/describe.go) for Services, Endpoints and EndpointSlices: the
// same lines, written through a tabwriter (padding 2) as describe's tabbedString does, then the
// object's Events.
import type {ShellContext} from '../types.js';
import {getObject, listObjects, type ApiObject} from './api.js';
import {resolveArgs} from './args.js';
import {ageSince} from './duration.js';
import {KubectlError, notFoundText} from './errors.js';
import {flagBool, flagValue, GLOBAL_FLAGS, parseFlags, type FlagSpec} from './flags.js';
import {at, formatLabels, isObject, list, num, record, str} from './json.js';
import {resolveType, type ResourceType} from './resources.js';
import {parseLabelSelector} from './selector.js';
import {describeEndpoints, describeEndpointSlice, describeService} from './describe-network.js';
import {describeConfigMap, describeDaemonSet, describeDeployment, describeNamespace, describeNode, describePod, describeReplicaSet} from './describe-workloads.js';
import {namespaceOf, type VerbResult} from './verb.js';
import type {Cluster} from '../../sim/cluster/cluster.js';

const DESCRIBE_FLAGS: FlagSpec[] = [
	...GLOBAL_FLAGS,
	{name: 'all-namespaces', short: 'A', type: 'bool'},
	{name: 'selector', short: 'l', type: 'string'},
	{name: 'show-events', type: 'bool'},
	{name: 'chunk-size', type: 'int'},
	{name: 'filename', short: 'f', type: 'strings'},
	{name: 'recursive', short: 'R', type: 'bool'},
];

type Describer = (o: ApiObject, cluster: Cluster, events: ApiObject[] | undefined) => string;

const DESCRIBERS: Record<string, Describer> = {
	Service: describeService,
	Endpoints: describeEndpoints,
	EndpointSlice: describeEndpointSlice,
	Pod: describePod,
	Node: describeNode,
	Deployment: describeDeployment,
	ReplicaSet: describeReplicaSet,
	DaemonSet: describeDaemonSet,
	ConfigMap: describeConfigMap,
	Namespace: (o) => describeNamespace(o),
};

export function describe(ctx: ShellContext, tokens: readonly string[]): VerbResult {
	const line = parseFlags(tokens, DESCRIBE_FLAGS);
	if (line.args.length === 0) {
		throw new KubectlError(
			'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee \'kubectl describe -h\' for help and examples\n',
		);
	}
	const namespace = namespaceOf(line);
	const allNamespaces = flagBool(line, 'all-namespaces');
	const selectorText = flagValue(line, 'selector');
	const selector = selectorText === undefined ? undefined : parseLabelSelector(selectorText);
	const {requests} = resolveArgs(line.args);
	const found: {type: ResourceType; object: ApiObject}[] = [];
	let stderr = '';
	let status = 0;
	let prefixMatched = false;
	for (const request of requests) {
		if (request.names.length === 0) {
			for (const object of listObjects(ctx.cluster, request.type, allNamespaces ? undefined : namespace)) {
				if (!selector || selector(record(object, 'metadata', 'labels'))) found.push({type: request.type, object});
			}
			continue;
		}
		for (const name of request.names) {
			const object = getObject(ctx.cluster, request.type, name, namespace);
			if (object) {
				found.push({type: request.type, object});
				continue;
			}
			// DescribeMatchingResources: `describe TYPE PREFIX` describes the objects whose name starts with it.
			const matching = line.args.length === 2 ? listObjects(ctx.cluster, request.type, namespace).filter((o) => (str(o, 'metadata', 'name') ?? '').startsWith(name)) : [];
			if (matching.length > 0) {
				prefixMatched = true;
				for (const o of matching) found.push({type: request.type, object: o});
			}
			else {
				stderr += notFoundText(request.type, name);
				status = 1;
			}
		}
	}
	// kubectl v1.34 shows each object's events, however many are described.
	const showEvents = line.values.has('show-events') ? flagBool(line, 'show-events') : true;
	const texts: string[] = [];
	for (const {type, object} of found) {
		const describer = DESCRIBERS[type.kind];
		if (!describer) {
			stderr += `error: describing ${type.resource} is not available in this shell yet: use kubectl get ${type.resource} ${str(object, 'metadata', 'name')} -o yaml\n`;
			status = 1;
			continue;
		}
		texts.push(describer(object, ctx.cluster, showEvents ? eventsFor(ctx.cluster, object) : undefined));
	}
	if (found.length === 0 && status === 0) stderr += allNamespaces ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`;
	// DescribeMatchingResources prints each description followed by a newline, with no separator.
	const stdout = prefixMatched ? texts.map((t) => `${t}\n`).join('') : texts.join('\n\n');
	return {stdout, stderr, status};
}

/** searchEvents: the Events whose involvedObject is this object. */
function eventsFor(cluster: Cluster, object: ApiObject): ApiObject[] {
	const type = resolveType('events')!;
	const kind = str(object, 'kind');
	const name = str(object, 'metadata', 'name');
	const namespace = str(object, 'metadata', 'namespace');
	return listObjects(cluster, type, namespace ?? 'default').filter(
		(e) => str(e, 'involvedObject', 'kind') === kind && str(e, 'involvedObject', 'name') === name && (namespace === undefined || (str(e, 'involvedObject', 'namespace') ?? namespace) === namespace),
	);
}

