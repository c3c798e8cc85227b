// v1 Endpoints, read for one purpose: a Service without a selector gets its EndpointSlices from
// its Endpoints (the EndpointSlice mirroring controller), and a dump may hold the Endpoints alone.
// Only what the mirroring controller copies is kept; the rest of the object is not checked.

import type {V1EndpointAddress, V1Endpoints} from '../sim/kube-controller-manager/endpointslice-mirroring.js';
import {readProtocol} from './decode-common.js';
import type {DecodeContext, JsonMap} from './decode-context.js';
import {decodeMetadata} from './decode-meta.js';
import {isDNS1123Subdomain} from './name-syntax.js';

function readAddresses(ctx: DecodeContext, value: unknown, path: (string | number)[]): V1EndpointAddress[] {
	return ctx.list(value, path).map((item, index) => {
		const entry = ctx.map(item, [...path, index]) ?? {};
		const address: V1EndpointAddress = {ip: ctx.requiredString(entry['ip'], [...path, index, 'ip'])};
		const nodeName = ctx.string(entry['nodeName'], [...path, index, 'nodeName']);
		if (nodeName) address.nodeName = nodeName;
		const ref = ctx.map(entry['targetRef'], [...path, index, 'targetRef']);
		if (ref && typeof ref['kind'] === 'string' && typeof ref['name'] === 'string') {
			address.targetRef = {kind: ref['kind'], name: ref['name']};
			if (typeof ref['namespace'] === 'string') address.targetRef.namespace = ref['namespace'];
		}
		return address;
	});
}

export function decodeEndpoints(ctx: DecodeContext, object: JsonMap): V1Endpoints {
	const meta = decodeMetadata(ctx, object['metadata'], {namespaced: true, nameSyntax: isDNS1123Subdomain});
	const metadata: V1Endpoints['metadata'] = {name: meta.name};
	if (meta.namespace !== undefined) metadata.namespace = meta.namespace;
	if (meta.labels) metadata.labels = meta.labels;
	if (meta.annotations) metadata.annotations = meta.annotations;
	if (meta.uid !== undefined) metadata.uid = meta.uid;
	const subsets = ctx.list(object['subsets'], ['subsets']).map((item, index) => {
		const path = ['subsets', index];
		const subset = ctx.map(item, path) ?? {};
		const ports = ctx.list(subset['ports'], [...path, 'ports']).map((p, i) => {
			const portPath = [...path, 'ports', i];
			const port = ctx.map(p, portPath) ?? {};
			const name = ctx.string(port['name'], [...portPath, 'name']);
			const number = ctx.integer(port['port'], [...portPath, 'port'], 1, 65535) ?? 0;
			const out: {name?: string; port: number; protocol: ReturnType<typeof readProtocol>} = {port: number, protocol: readProtocol(ctx, port['protocol'], [...portPath, 'protocol'])};
			if (name) out.name = name;
			return out;
		});
		return {
			addresses: readAddresses(ctx, subset['addresses'], [...path, 'addresses']),
			notReadyAddresses: readAddresses(ctx, subset['notReadyAddresses'], [...path, 'notReadyAddresses']),
			ports,
		};
	});
	return {metadata, subsets};
}
