// discovery.k8s.io/v1 EndpointSlice, checked as ValidateEndpointSlice does. Endpoint conditions are
// filled in the way kube-proxy reads them (endpointslicecache.go): a missing `ready` or `serving`
// means true, a missing `terminating` means false, so later code never has to know that rule.

import {DEFAULT_NAMESPACE, type Endpoint, type EndpointConditions, type EndpointPort, type EndpointSlice} from '../sim/api/types.js';
import {readProtocol} from './decode-common.js';
import type {DecodeContext, JsonMap} from './decode-context.js';
import {decodeMetadata} from './decode-meta.js';
import {duplicate, type FieldPath, invalid, required} from './field-errors.js';
import {nonSpecialIPProblem, parseIP} from './ip-syntax.js';
import {ENDPOINT_CONDITION_FIELDS, ENDPOINT_FIELDS, ENDPOINT_PORT_FIELDS, ENDPOINT_SLICE_FIELDS} from './known-fields.js';
import {isDNS1123Label, isDNS1123Subdomain} from './name-syntax.js';

type AddressType = EndpointSlice['addressType'];
const ADDRESS_TYPES: readonly AddressType[] = ['FQDN', 'IPv4', 'IPv6'];

function readAddress(ctx: DecodeContext, value: unknown, path: FieldPath, addressType: AddressType): string {
	const address = ctx.requiredString(value, path);
	if (addressType === 'FQDN') {
		const [problem] = isDNS1123Subdomain(address.replace(/\.$/, ''));
		if (problem) ctx.fail(path, invalid(address, problem));
		return address;
	}
	const ip = parseIP(address);
	const family = addressType === 'IPv4' ? 4 : 6;
	if (!ip || ip.family !== family) ctx.fail(path, invalid(address, `must be a valid ${addressType} address`));
	const special = nonSpecialIPProblem(address);
	if (special) ctx.fail(path, invalid(address, special));
	return address;
}

function readConditions(ctx: DecodeContext, value: unknown, path: FieldPath): Required<EndpointConditions> {
	const conditions = ctx.map(value, path) ?? {};
	ctx.checkKnownFields(conditions, path, ENDPOINT_CONDITION_FIELDS);
	return {
		ready: ctx.boolean(conditions['ready'], [...path, 'ready']) ?? true,
		serving: ctx.boolean(conditions['serving'], [...path, 'serving']) ?? true,
		terminating: ctx.boolean(conditions['terminating'], [...path, 'terminating']) ?? false,
	};
}

function readEndpoint(ctx: DecodeContext, value: unknown, path: FieldPath, addressType: AddressType, sliceNamespace: string): Endpoint {
	const item = ctx.map(value, path);
	if (!item) ctx.fail(path, invalid(value, 'must be a map of fields'));
	ctx.checkKnownFields(item, path, ENDPOINT_FIELDS);
	const addressesPath = [...path, 'addresses'];
	const addresses = ctx.list(item['addresses'], addressesPath).map((address, index) => readAddress(ctx, address, [...addressesPath, index], addressType));
	if (addresses.length === 0) ctx.fail(addressesPath, required('must contain at least 1 address'));
	const endpoint: Endpoint = {addresses, conditions: readConditions(ctx, item['conditions'], [...path, 'conditions'])};
	const nodeName = ctx.string(item['nodeName'], [...path, 'nodeName']);
	if (nodeName) endpoint.nodeName = nodeName;
	const targetRef = ctx.map(item['targetRef'], [...path, 'targetRef']);
	if (targetRef) {
		const kind = ctx.string(targetRef['kind'], [...path, 'targetRef', 'kind']);
		const name = ctx.string(targetRef['name'], [...path, 'targetRef', 'name']);
		const namespace = ctx.string(targetRef['namespace'], [...path, 'targetRef', 'namespace']) || sliceNamespace;
		// types.ts only models Pod references; a reference to anything else does not change routing.
		if (kind === 'Pod' && name) endpoint.targetRef = {kind, namespace, name};
	}
	return endpoint;
}

function readPorts(ctx: DecodeContext, value: unknown): EndpointPort[] {
	const path = ['ports'];
	const names = new Set<string>();
	return ctx.list(value, path).map((item, index) => {
		const at = [...path, index];
		const entry = ctx.map(item, at);
		if (!entry) ctx.fail(at, invalid(item, 'must be a map of fields'));
		ctx.checkKnownFields(entry, at, ENDPOINT_PORT_FIELDS);
		// SetDefaults_EndpointPort: a missing name is "" and a missing protocol TCP.
		const name = ctx.string(entry['name'], [...at, 'name']) ?? '';
		if (name !== '') {
			const [problem] = isDNS1123Label(name);
			if (problem) ctx.fail([...at, 'name'], invalid(name, problem));
		}
		if (names.has(name)) ctx.fail([...at, 'name'], duplicate(name));
		names.add(name);
		// The API allows any int32 here; kube-proxy skips a port it cannot use, which a learner would never notice.
		const port = ctx.integer(entry['port'], [...at, 'port'], 1, 65535);
		const out: EndpointPort = {name, protocol: readProtocol(ctx, entry['protocol'], [...at, 'protocol'])};
		if (port !== undefined) out.port = port;
		return out;
	});
}

export function decodeEndpointSlice(ctx: DecodeContext, object: JsonMap): EndpointSlice {
	ctx.checkKnownFields(object, [], ENDPOINT_SLICE_FIELDS);
	const metadata = decodeMetadata(ctx, object['metadata'], {namespaced: true, nameSyntax: isDNS1123Subdomain});
	const addressType = ctx.oneOf(object['addressType'], ['addressType'], ADDRESS_TYPES);
	if (!addressType) ctx.fail(['addressType'], required());
	// kube-proxy's IPv4 proxier skips slices of another address type; the only one svc-tutor runs.
	if (addressType !== 'IPv4')
		ctx.warn(['addressType'], `addressType: ${addressType}: svc-tutor models IPv4 only yet, and kube-proxy's IPv4 rules ignore this slice`);
	const endpoints = ctx
		.list(object['endpoints'], ['endpoints'])
		.map((item, index) => readEndpoint(ctx, item, ['endpoints', index], addressType, metadata.namespace ?? DEFAULT_NAMESPACE));
	return {apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata, addressType, endpoints, ports: readPorts(ctx, object['ports'])};
}
