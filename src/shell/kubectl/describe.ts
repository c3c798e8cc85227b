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
import {DESCRIBE_OPTIONS, tabwrite} from './tabwriter.js';
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

/** Lines at describe's indentation levels (two spaces each); `flush()` starts a new tabwriter run. */
class DescribeWriter {
	private segments: string[] = [];
	private current = '';
	write(level: number, text: string): void {
		this.current += '  '.repeat(level) + text;
	}
	flush(): void {
		this.segments.push(this.current);
		this.current = '';
	}
	toString(): string {
		this.flush();
		return this.segments.map((s) => tabwrite(s, DESCRIBE_OPTIONS)).join('');
	}
}

type Describer = (o: ApiObject, cluster: Cluster, events: ApiObject[] | undefined) => string;

const DESCRIBERS: Record<string, Describer> = {
	Service: describeService,
	Endpoints: describeEndpoints,
	EndpointSlice: describeEndpointSlice,
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

function writeLabels(w: DescribeWriter, title: string, labels: Record<string, string>): void {
	w.write(0, `${title}:\t`);
	const keys = Object.keys(labels).sort();
	if (keys.length === 0) {
		w.write(0, '<none>\n');
		return;
	}
	keys.forEach((key, i) => {
		if (i !== 0) w.write(0, '\t');
		w.write(0, `${key}=${labels[key]}\n`);
	});
}

const MAX_ANNOTATION_LEN = 140;

function writeAnnotations(w: DescribeWriter, annotations: Record<string, string>): void {
	w.write(0, 'Annotations:\t');
	const keys = Object.keys(annotations)
		.filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
		.sort();
	if (keys.length === 0) {
		w.write(0, '<none>\n');
		return;
	}
	keys.forEach((key, i) => {
		if (i !== 0) w.write(0, '\t');
		const value = annotations[key]!.replace(/\n$/, '');
		if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
			w.write(0, `${key}:\n`);
			for (const s of value.split('\n')) w.write(0, `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s}\n`);
		} else w.write(0, `${key}: ${value}\n`);
	});
}

function writeHeader(w: DescribeWriter, o: ApiObject): void {
	w.write(0, `Name:\t${str(o, 'metadata', 'name')}\n`);
	w.write(0, `Namespace:\t${str(o, 'metadata', 'namespace') ?? ''}\n`);
	writeLabels(w, 'Labels', record(o, 'metadata', 'labels'));
	writeAnnotations(w, record(o, 'metadata', 'annotations'));
}

/** DescribeEvents, after a flush so the event table is aligned on its own. */
function writeEvents(w: DescribeWriter, events: ApiObject[] | undefined, now: Date): void {
	if (events === undefined) return;
	if (events.length === 0) {
		w.write(0, 'Events:\t<none>\n');
		return;
	}
	w.flush();
	const time = (e: ApiObject): number => Date.parse(str(e, 'lastTimestamp') ?? str(e, 'firstTimestamp') ?? '') || 0;
	const sorted = [...events].sort((a, b) => time(a) - time(b));
	w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
	w.write(1, '----\t------\t----\t----\t-------\n');
	for (const e of sorted) {
		const first = ageSince(str(e, 'eventTime') ?? str(e, 'firstTimestamp'), now);
		const count = num(e, 'count') ?? 0;
		const interval = count > 1 ? `${ageSince(str(e, 'lastTimestamp'), now)} (x${count} over ${first})` : first;
		const source = str(e, 'source', 'component') || str(e, 'reportingComponent') || '';
		let message = (str(e, 'message') ?? '').trim();
		const fieldPath = str(e, 'involvedObject', 'fieldPath');
		if (fieldPath) message = `${fieldPath}: ${message}`;
		w.write(1, `${str(e, 'type') ?? ''}\t${str(e, 'reason') ?? ''}\t${interval}\t${source}\t${message}\n`);
	}
}

function describeService(o: ApiObject, cluster: Cluster, events: ApiObject[] | undefined): string {
	const w = new DescribeWriter();
	writeHeader(w, o);
	w.write(0, `Selector:\t${formatLabels(record(o, 'spec', 'selector'))}\n`);
	w.write(0, `Type:\t${str(o, 'spec', 'type') ?? ''}\n`);
	if (str(o, 'spec', 'ipFamilyPolicy')) w.write(0, `IP Family Policy:\t${str(o, 'spec', 'ipFamilyPolicy')}\n`);
	const families = list(o, 'spec', 'ipFamilies').map(String);
	w.write(0, `IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}\n`);
	w.write(0, `IP:\t${str(o, 'spec', 'clusterIP') ?? ''}\n`);
	const ips = list(o, 'spec', 'clusterIPs').map(String);
	w.write(0, `IPs:\t${ips.length > 0 ? ips.join(',') : '<none>'}\n`);
	const externalIPs = list(o, 'spec', 'externalIPs').map(String);
	if (externalIPs.length > 0) w.write(0, `External IPs:\t${externalIPs.join(',')}\n`);
	if (str(o, 'spec', 'loadBalancerIP')) w.write(0, `Desired LoadBalancer IP:\t${str(o, 'spec', 'loadBalancerIP')}\n`);
	if (str(o, 'spec', 'externalName')) w.write(0, `External Name:\t${str(o, 'spec', 'externalName')}\n`);
	const ingress = list(o, 'status', 'loadBalancer', 'ingress');
	if (ingress.length > 0) w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => str(i, 'ip') || str(i, 'hostname') || '').join(', ')}\n`);
	const slices = listObjects(cluster, resolveType('endpointslices')!, str(o, 'metadata', 'namespace') ?? 'default').filter(
		(s) => record(s, 'metadata', 'labels')['kubernetes.io/service-name'] === str(o, 'metadata', 'name'),
	);
	for (const port of list(o, 'spec', 'ports')) {
		const name = str(port, 'name') || '<unset>';
		const protocol = str(port, 'protocol') ?? 'TCP';
		w.write(0, `Port:\t${name}\t${num(port, 'port')}/${protocol}\n`);
		const target = at(port, 'targetPort');
		w.write(0, `TargetPort:\t${target ?? num(port, 'port')}/${protocol}\n`);
		if (str(port, 'appProtocol')) w.write(0, `AppProtocol:\t${str(port, 'appProtocol')}\n`);
		const nodePort = num(port, 'nodePort') ?? 0;
		if (nodePort !== 0) w.write(0, `NodePort:\t${name}\t${nodePort}/${protocol}\n`);
		w.write(0, `Endpoints:\t${formatEndpointSlices(slices, str(port, 'name') ?? '')}\n`);
	}
	w.write(0, `Session Affinity:\t${str(o, 'spec', 'sessionAffinity') ?? ''}\n`);
	if (str(o, 'spec', 'externalTrafficPolicy')) w.write(0, `External Traffic Policy:\t${str(o, 'spec', 'externalTrafficPolicy')}\n`);
	if (str(o, 'spec', 'internalTrafficPolicy')) w.write(0, `Internal Traffic Policy:\t${str(o, 'spec', 'internalTrafficPolicy')}\n`);
	if ((num(o, 'spec', 'healthCheckNodePort') ?? 0) !== 0) w.write(0, `HealthCheck NodePort:\t${num(o, 'spec', 'healthCheckNodePort')}\n`);
	const ranges = list(o, 'spec', 'loadBalancerSourceRanges').map(String);
	if (ranges.length > 0) w.write(0, `LoadBalancer Source Ranges:\t${ranges.join(',')}\n`);
	if (str(o, 'spec', 'trafficDistribution')) w.write(0, `Traffic Distribution:\t${str(o, 'spec', 'trafficDistribution')}\n`);
	writeEvents(w, events, cluster.clock.now());
	return w.toString();
}

/** formatEndpointSlices: the ready endpoints of the slices' port of that name, up to three, then ` + N more...`. */
function formatEndpointSlices(slices: ApiObject[], portName: string): string {
	if (slices.length === 0) return '<none>';
	const shown: string[] = [];
	const max = 3;
	let more = false;
	let count = 0;
	for (const slice of slices) {
		const endpoints = list(slice, 'endpoints').filter(isObject);
		const ready = (e: unknown): boolean => at(e, 'conditions', 'ready') !== false;
		const ports = list(slice, 'ports');
		if (ports.length === 0) {
			for (const e of endpoints) {
				if (shown.length === max) more = true;
				if (!ready(e)) continue;
				if (!more) shown.push(str(e, 'addresses', 0) ?? '');
				count++;
			}
			continue;
		}
		for (const port of ports) {
			if ((str(port, 'name') ?? '') !== portName) continue;
			for (const e of endpoints) {
				if (shown.length === max) more = true;
				if (!ready(e)) continue;
				const ip = str(e, 'addresses', 0) ?? '';
				if (!more) shown.push(`${ip.includes(':') ? `[${ip}]` : ip}:${num(port, 'port')}`);
				count++;
			}
		}
	}
	const text = shown.join(',');
	return more ? `${text} + ${count - max} more...` : text;
}

function describeEndpoints(o: ApiObject, cluster: Cluster, events: ApiObject[] | undefined): string {
	const w = new DescribeWriter();
	writeHeader(w, o);
	w.write(0, 'Subsets:\n');
	for (const subset of list(o, 'subsets')) {
		const addresses = list(subset, 'addresses').map((a) => str(a, 'ip') ?? '').join(',');
		w.write(1, `Addresses:\t${addresses || '<none>'}\n`);
		const notReady = list(subset, 'notReadyAddresses').map((a) => str(a, 'ip') ?? '').join(',');
		w.write(1, `NotReadyAddresses:\t${notReady || '<none>'}\n`);
		const ports = list(subset, 'ports');
		if (ports.length > 0) {
			w.write(1, 'Ports:\n');
			w.write(2, 'Name\tPort\tProtocol\n');
			w.write(2, '----\t----\t--------\n');
			for (const port of ports) w.write(2, `${str(port, 'name') || '<unset>'}\t${num(port, 'port')}\t${str(port, 'protocol')}\n`);
		}
		w.write(0, '\n');
	}
	writeEvents(w, events, cluster.clock.now());
	return w.toString();
}

function describeEndpointSlice(o: ApiObject, cluster: Cluster, events: ApiObject[] | undefined): string {
	const w = new DescribeWriter();
	writeHeader(w, o);
	w.write(0, `AddressType:\t${str(o, 'addressType') ?? ''}\n`);
	const ports = list(o, 'ports');
	if (ports.length === 0) w.write(0, 'Ports: <unset>\n');
	else {
		w.write(0, 'Ports:\n');
		w.write(1, 'Name\tPort\tProtocol\n');
		w.write(1, '----\t----\t--------\n');
		for (const port of ports) {
			const port_ = num(port, 'port');
			w.write(1, `${str(port, 'name') || '<unset>'}\t${port_ === undefined ? '<unset>' : port_}\t${str(port, 'protocol') ?? 'TCP'}\n`);
		}
	}
	const endpoints = list(o, 'endpoints');
	if (endpoints.length === 0) w.write(0, 'Endpoints: <none>\n');
	else {
		w.write(0, 'Endpoints:\n');
		for (const e of endpoints) {
			w.write(1, `- Addresses:\t${list(e, 'addresses').map(String).join(', ') || '<none>'}\n`);
			w.write(2, 'Conditions:\n');
			const ready = at(e, 'conditions', 'ready');
			w.write(3, `Ready:\t${typeof ready === 'boolean' ? String(ready) : '<unset>'}\n`);
			w.write(2, `Hostname:\t${str(e, 'hostname') ?? '<unset>'}\n`);
			if (isObject(at(e, 'targetRef'))) w.write(2, `TargetRef:\t${str(e, 'targetRef', 'kind')}/${str(e, 'targetRef', 'name')}\n`);
			w.write(2, `NodeName:\t${str(e, 'nodeName') ?? '<unset>'}\n`);
			w.write(2, `Zone:\t${str(e, 'zone') ?? '<unset>'}\n`);
		}
	}
	writeEvents(w, events, cluster.clock.now());
	return w.toString();
}
