// spec.ports of a Service: each port as validateServicePort checks it, with the defaults
// SetDefaults_Service applies first (protocol TCP, targetPort = port), then the list-wide rules
// (names required when there are several, no duplicate names, ports or node ports).

import type {ServicePort} from '../sim/api/types.js';
import {readProtocol} from './decode-common.js';
import type {DecodeContext} from './decode-context.js';
import {duplicate, type FieldPath, invalid, required} from './field-errors.js';
import {SERVICE_PORT_FIELDS} from './known-fields.js';
import {isDNS1123Label, isValidPortName} from './name-syntax.js';

/** targetPort is an IntOrString: a number, or the name of a container port; 0 and "" mean "same as port". */
function readTargetPort(ctx: DecodeContext, value: unknown, path: FieldPath, port: number): number | string {
	if (value === undefined || value === null || value === 0 || value === '') return port;
	if (typeof value === 'string') {
		const [problem] = isValidPortName(value);
		if (problem) ctx.fail(path, invalid(value, problem));
		return value;
	}
	if (typeof value !== 'number' || !Number.isInteger(value))
		ctx.fail(path, invalid(value, 'must be an integer between 1 and 65535 or a port name'));
	return ctx.integer(value, path, 1, 65535) ?? port;
}

function readServicePort(ctx: DecodeContext, value: unknown, path: FieldPath): ServicePort {
	const item = ctx.map(value, path);
	if (!item) ctx.fail(path, invalid(value, 'must be a map of fields'));
	ctx.checkKnownFields(item, path, SERVICE_PORT_FIELDS);
	const name = ctx.string(item['name'], [...path, 'name']);
	const protocol = readProtocol(ctx, item['protocol'], [...path, 'protocol']);
	const port = ctx.integer(item['port'], [...path, 'port'], 1, 65535);
	if (port === undefined) ctx.fail([...path, 'port'], required());
	const targetPort = readTargetPort(ctx, item['targetPort'], [...path, 'targetPort'], port);
	const nodePort = ctx.integer(item['nodePort'], [...path, 'nodePort'], 0, 65535);
	const out: ServicePort = {protocol, port, targetPort};
	if (name) out.name = name;
	if (nodePort) out.nodePort = nodePort;
	return out;
}

export function readServicePorts(ctx: DecodeContext, value: unknown): ServicePort[] {
	const path = ['spec', 'ports'];
	const ports = ctx.list(value, path).map((item, index) => readServicePort(ctx, item, [...path, index]));
	const names = new Set<string>();
	const portKeys = new Set<string>();
	const nodePortKeys = new Set<string>();
	ports.forEach((port, index) => {
		const at = [...path, index];
		if (port.name === undefined) {
			// One port may stay unnamed; with several, kube-proxy and endpoints tell them apart by name.
			if (ports.length > 1) ctx.fail([...at, 'name'], required());
		} else {
			const [problem] = isDNS1123Label(port.name);
			if (problem) ctx.fail([...at, 'name'], invalid(port.name, problem));
			if (names.has(port.name)) ctx.fail([...at, 'name'], duplicate(port.name));
			names.add(port.name);
		}
		const portKey = `${port.protocol}/${port.port}`;
		if (portKeys.has(portKey)) ctx.fail(at, duplicate({port: port.port, protocol: port.protocol}));
		portKeys.add(portKey);
		if (port.nodePort) {
			const nodePortKey = `${port.protocol}/${port.nodePort}`;
			if (nodePortKeys.has(nodePortKey)) ctx.fail([...at, 'nodePort'], duplicate(port.nodePort));
			nodePortKeys.add(nodePortKey);
		}
	});
	return ports;
}
