// kubectl expose: a Service for a Pod, Service, Deployment or ReplicaSet, its selector and ports
// taken from that object unless given.
import type {ShellContext} from '../types.js';
import type {ApiObject} from './api.js';
import {KubectlError} from './errors.js';
import {flagValue, GLOBAL_FLAGS, parseFlags} from './flags.js';
import {parseLabels} from './generators.js';
import {at, list, num, record, str, type JsonObject} from './json.js';
import {findTargets} from './objects.js';
import {createObject, dryRunOf, reportWrite, WRITE_FLAGS} from './submit.js';
import {namespaceOf, type VerbResult} from './verb.js';

const EXPOSE_FLAGS = [
	...GLOBAL_FLAGS,
	...WRITE_FLAGS,
	{name: 'port', type: 'string' as const},
	{name: 'target-port', type: 'string' as const},
	{name: 'type', type: 'string' as const},
	{name: 'name', type: 'string' as const},
	{name: 'protocol', type: 'string' as const},
	{name: 'selector', type: 'string' as const},
	{name: 'labels', short: 'l', type: 'string' as const},
	{name: 'external-ip', type: 'string' as const},
	{name: 'cluster-ip', type: 'string' as const},
	{name: 'session-affinity', type: 'string' as const},
	{name: 'filename', short: 'f', type: 'strings' as const},
];

const USAGE = "\nSee 'kubectl expose -h' for help and examples\n";

export function expose(ctx: ShellContext, tokens: readonly string[]): VerbResult {
	const line = parseFlags(tokens, EXPOSE_FLAGS);
	const namespace = namespaceOf(line);
	const {targets, missing} = findTargets(ctx.cluster, line.args, namespace, {});
	if (missing) return {stdout: '', stderr: missing, status: 1};
	let stdout = '';
	for (const {type, object} of targets) {
		if (!['Pod', 'Service', 'Deployment', 'ReplicaSet'].includes(type.kind)) {
			throw new KubectlError(`error: cannot expose a ${type.kind}${USAGE}`);
		}
		const selectorText = flagValue(line, 'selector');
		const selector = selectorText ? parseLabels(selectorText) : selectorOf(object);
		if (Object.keys(selector).length === 0) {
			throw new KubectlError(`error: couldn't retrieve selectors via --selector flag or introspection: the ${type.kind.toLowerCase()} has no labels and cannot be exposed${USAGE}`);
		}
		const protocol = flagValue(line, 'protocol');
		const portFlag = flagValue(line, 'port');
		const targetPort = flagValue(line, 'target-port');
		let ports: JsonObject[];
		if (portFlag !== undefined) {
			ports = portFlag.split(',').map((p, i, all) => servicePort(Number(p), protocol ?? 'TCP', targetPort, all.length > 1 ? `port-${i + 1}` : undefined));
		} else {
			const found = portsOf(object);
			if (found.length === 0) throw new KubectlError(`error: couldn't find port via --port flag or introspection${USAGE}`);
			ports = found.map((p, i) => servicePort(p.port, protocol ?? p.protocol, targetPort ?? (type.kind === 'Service' ? p.target : undefined), found.length > 1 ? `port-${i + 1}` : undefined));
		}
		const labelsText = flagValue(line, 'labels');
		const name = flagValue(line, 'name') ?? str(object, 'metadata', 'name') ?? '';
		const metadata: JsonObject = {name};
		const labels = labelsText ? parseLabels(labelsText) : record(object, 'metadata', 'labels');
		if (Object.keys(labels).length > 0) metadata['labels'] = labels;
		const spec: JsonObject = {ports, selector};
		const clusterIP = flagValue(line, 'cluster-ip');
		if (clusterIP) spec['clusterIP'] = clusterIP;
		const type_ = flagValue(line, 'type');
		if (type_) spec['type'] = type_;
		const externalIP = flagValue(line, 'external-ip');
		if (externalIP) spec['externalIPs'] = externalIP.split(',');
		const affinity = flagValue(line, 'session-affinity');
		if (affinity) spec['sessionAffinity'] = affinity;
		const service: ApiObject = {kind: 'Service', apiVersion: 'v1', metadata, spec, status: {loadBalancer: {}}};
		const dryRun = dryRunOf(line);
		if (dryRun === 'none') metadata['namespace'] = namespace;
		const stored = createObject(ctx.cluster, service, dryRun);
		stdout += reportWrite(line, stored, 'exposed', dryRun);
	}
	return {stdout, stderr: '', status: 0};
}

function servicePort(port: number, protocol: string, target: string | number | undefined, name: string | undefined): JsonObject {
	const p: JsonObject = {};
	if (name) p['name'] = name;
	p['port'] = port;
	p['protocol'] = protocol;
	p['targetPort'] = target === undefined ? port : typeof target === 'number' || !/^\d+$/.test(target) ? target : Number(target);
	return p;
}

function selectorOf(object: ApiObject): Record<string, string> {
	switch (str(object, 'kind')) {
		case 'Pod':
			return record(object, 'metadata', 'labels');
		case 'Service':
			return record(object, 'spec', 'selector');
		default:
			return record(object, 'spec', 'selector', 'matchLabels');
	}
}

function portsOf(object: ApiObject): {port: number; protocol: string; target?: string | number}[] {
	if (str(object, 'kind') === 'Service') {
		return list(object, 'spec', 'ports').map((p) => {
			const target = at(p, 'targetPort');
			return {port: num(p, 'port') ?? 0, protocol: str(p, 'protocol') ?? 'TCP', ...(typeof target === 'string' || typeof target === 'number' ? {target} : {})};
		});
	}
	const podSpec = str(object, 'kind') === 'Pod' ? at(object, 'spec') : at(object, 'spec', 'template', 'spec');
	return list(podSpec, 'containers').flatMap((c) => list(c, 'ports').map((p) => ({port: num(p, 'containerPort') ?? 0, protocol: str(p, 'protocol') ?? 'TCP'})));
}
