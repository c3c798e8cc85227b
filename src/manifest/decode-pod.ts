// v1 Pod: the parts Service networking needs (labels, node, host network, container ports, IPs,
// readiness and deletion). Container ports are checked as validateContainerPorts does, because a
// Service's named targetPort is resolved against them.

import type {Container, ContainerPort, Pod, PodCondition} from '../sim/api/types.js';
import {readIP, readProtocol} from './decode-common.js';
import type {DecodeContext, JsonMap} from './decode-context.js';
import {decodeMetadata} from './decode-meta.js';
import {duplicate, type FieldPath, fieldPathString, invalid, required} from './field-errors.js';
import {parseIP} from './ip-syntax.js';
import {CONTAINER_PORT_FIELDS, OBJECT_FIELDS} from './known-fields.js';
import {isDNS1123Label, isDNS1123Subdomain, isValidPortName} from './name-syntax.js';

const PHASES = ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown'] as const;
const CONDITION_TYPES: readonly PodCondition['type'][] = ['ContainersReady', 'Initialized', 'PodScheduled', 'Ready'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'] as const;

function readContainerPort(ctx: DecodeContext, value: unknown, path: FieldPath, names: Set<string>): ContainerPort {
	const item = ctx.map(value, path);
	if (!item) ctx.fail(path, invalid(value, 'must be a map of fields'));
	ctx.checkKnownFields(item, path, CONTAINER_PORT_FIELDS);
	const name = ctx.string(item['name'], [...path, 'name']);
	if (name) {
		const [problem] = isValidPortName(name);
		if (problem) ctx.fail([...path, 'name'], invalid(name, problem));
		if (names.has(name)) ctx.fail([...path, 'name'], duplicate(name));
		names.add(name);
	}
	const containerPort = ctx.integer(item['containerPort'], [...path, 'containerPort'], 1, 65535);
	if (!containerPort) ctx.fail([...path, 'containerPort'], required());
	const port: ContainerPort = {containerPort, protocol: readProtocol(ctx, item['protocol'], [...path, 'protocol'])};
	if (name) port.name = name;
	return port;
}

function readContainers(ctx: DecodeContext, spec: JsonMap): Container[] {
	const path = ['spec', 'containers'];
	const items = ctx.list(spec['containers'], path);
	if (items.length === 0) ctx.fail(path, required());
	const containerNames = new Set<string>();
	// Port names must be unique across the whole Pod, not only inside one container.
	const portNames = new Set<string>();
	return items.map((value, index) => {
		const at = [...path, index];
		const item = ctx.map(value, at);
		if (!item) ctx.fail(at, invalid(value, 'must be a map of fields'));
		const name = ctx.requiredString(item['name'], [...at, 'name']);
		const [problem] = isDNS1123Label(name);
		if (problem) ctx.fail([...at, 'name'], invalid(name, problem));
		if (containerNames.has(name)) ctx.fail([...at, 'name'], duplicate(name));
		containerNames.add(name);
		const image = ctx.requiredString(item['image'], [...at, 'image']);
		const ports = ctx.list(item['ports'], [...at, 'ports']).map((port, portIndex) => readContainerPort(ctx, port, [...at, 'ports', portIndex], portNames));
		const container: Container = {name, image};
		if (ports.length > 0) container.ports = ports;
		return container;
	});
}

function readStatus(ctx: DecodeContext, value: unknown): Pod['status'] {
	const status = ctx.map(value, ['status']) ?? {};
	const out: Pod['status'] = {};
	const phase = ctx.oneOf(status['phase'], ['status', 'phase'], PHASES);
	if (phase) out.phase = phase;
	const podIP = readIP(ctx, status['podIP'], ['status', 'podIP']);
	if (podIP) out.podIP = podIP;
	const podIPs = ctx.list(status['podIPs'], ['status', 'podIPs']).map((item, index) => {
		const entry = ctx.map(item, ['status', 'podIPs', index]) ?? {};
		const ip = readIP(ctx, entry['ip'], ['status', 'podIPs', index, 'ip']);
		if (!ip) ctx.fail(['status', 'podIPs', index, 'ip'], required());
		return {ip};
	});
	if (podIPs.length > 0) out.podIPs = podIPs;
	const addresses = podIPs.length > 0 ? podIPs.map((entry) => entry.ip) : podIP ? [podIP] : [];
	if (addresses.length > 0 && addresses.every((ip) => parseIP(ip)?.family === 6)) {
		const path = podIP ? ['status', 'podIP'] : ['status', 'podIPs', 0, 'ip'];
		ctx.warn(
			path,
			`${fieldPathString(path)}: ${addresses[0]} is IPv6, which svc-tutor does not model yet: the Pod is no endpoint of any Service (the cluster is IPv4 single-stack, and the EndpointSlice controller puts only a Pod's IPv4 address in an IPv4 slice)`,
		);
	}
	const hostIP = readIP(ctx, status['hostIP'], ['status', 'hostIP']);
	if (hostIP) out.hostIP = hostIP;
	const conditions: PodCondition[] = [];
	ctx.list(status['conditions'], ['status', 'conditions']).forEach((item, index) => {
		const at = ['status', 'conditions', index];
		const entry = ctx.map(item, at) ?? {};
		const type = ctx.requiredString(entry['type'], [...at, 'type']);
		const conditionStatus = ctx.oneOf(entry['status'], [...at, 'status'], CONDITION_STATUSES);
		if (!conditionStatus) ctx.fail([...at, 'status'], required());
		// Newer and custom conditions (PodReadyToStartContainers, readiness gates) do not affect
		// endpoints directly and types.ts cannot hold them, so they are left out.
		const known = CONDITION_TYPES.find((candidate) => candidate === type);
		if (known) conditions.push({type: known, status: conditionStatus});
	});
	if (conditions.length > 0) out.conditions = conditions;
	return out;
}

export function decodePod(ctx: DecodeContext, object: JsonMap): Pod {
	ctx.checkKnownFields(object, [], OBJECT_FIELDS);
	const metadata = decodeMetadata(ctx, object['metadata'], {namespaced: true, nameSyntax: isDNS1123Subdomain});
	const spec = ctx.map(object['spec'], ['spec']) ?? {};
	const podSpec: Pod['spec'] = {containers: readContainers(ctx, spec)};
	const nodeName = ctx.string(spec['nodeName'], ['spec', 'nodeName']);
	if (nodeName) podSpec.nodeName = nodeName;
	const hostNetwork = ctx.boolean(spec['hostNetwork'], ['spec', 'hostNetwork']);
	if (hostNetwork !== undefined) podSpec.hostNetwork = hostNetwork;
	return {apiVersion: 'v1', kind: 'Pod', metadata, spec: podSpec, status: readStatus(ctx, object['status'])};
}
