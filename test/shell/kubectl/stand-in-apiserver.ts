// A read-only stand-in kube-apiserver for the oracle test: discovery for the simulated resource
// types, GET of objects and lists (labelSelector and simple fieldSelector), Tables whose cells come
// from our server-side printers (so real kubectl checks the client side: layout, NAMESPACE, kind
// prefixes, LABELS, -L), and /version. With shiftAges, timestamps are moved so that real kubectl,
// which measures ages (describe's Events) against the real clock, sees the ages the simulated clock gives.
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {ApiObject} from '../../../src/shell/kubectl/api.js';
import {headerFor, PRINTERS} from '../../../src/shell/kubectl/printers.js';
import {apiVersionOf, RESOURCE_TYPES} from '../../../src/shell/kubectl/resources.js';

export interface StandIn {
	url: string;
	close(): Promise<void>;
}

function shifted(value: unknown, shiftMs: number): unknown {
	if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(value)) return new Date(Date.parse(value) + shiftMs).toISOString().replace(/\.\d+Z$/, 'Z');
	if (Array.isArray(value)) return value.map((v) => shifted(v, shiftMs));
	if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shifted(v, shiftMs)]));
	return value;
}

export async function startStandIn(objects: ApiObject[], now: Date, serverVersion: string, shiftAges: boolean): Promise<StandIn> {
	const shiftMs = shiftAges ? Date.now() - now.getTime() : 0;
	const served = objects.map((o) => ({object: shifted(o, shiftMs) as ApiObject, cells: PRINTERS[String(o['kind'])]?.row(o, now, true) ?? []}));
	const send = (res: import('node:http').ServerResponse, code: number, body: unknown): void => {
		res.writeHead(code, {'Content-Type': 'application/json'});
		res.end(JSON.stringify(body));
	};
	const server: Server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://x');
		const path = url.pathname;
		if (path === '/version') return send(res, 200, {major: '1', minor: serverVersion.split('.')[1], gitVersion: serverVersion, gitCommit: '', gitTreeState: 'clean', buildDate: '', goVersion: '', compiler: 'gc', platform: 'linux/amd64'});
		if (path === '/api') return send(res, 200, {kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{clientCIDR: '0.0.0.0/0', serverAddress: url.host}]});
		if (path === '/apis') {
			const groups = [...new Set(RESOURCE_TYPES.filter((t) => t.group).map((t) => t.group))];
			const versionOf = (g: string): string => RESOURCE_TYPES.find((t) => t.group === g)!.version;
			return send(res, 200, {kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => ({name: g, versions: [{groupVersion: `${g}/${versionOf(g)}`, version: versionOf(g)}], preferredVersion: {groupVersion: `${g}/${versionOf(g)}`, version: versionOf(g)}}))});
		}
		const m = /^\/(?:api\/v1|apis\/([^/]+)\/v\d+)(\/.*)?$/.exec(path);
		if (!m) return send(res, 404, {kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404});
		const group = m[1] ?? '';
		const rest = m[2] ?? '';
		if (rest === '') {
			return send(res, 200, {
				kind: 'APIResourceList',
				apiVersion: 'v1',
				groupVersion: group ? `${group}/${RESOURCE_TYPES.find((t) => t.group === group)!.version}` : 'v1',
				resources: RESOURCE_TYPES.filter((t) => t.group === group).map((t) => ({name: t.resource, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs, shortNames: t.shortNames, ...(t.inAll ? {categories: ['all']} : {})})),
			});
		}
		const parts = rest.split('/').filter(Boolean);
		let namespace: string | undefined;
		if (parts[0] === 'namespaces' && parts.length > 2) {
			namespace = parts[1];
			parts.splice(0, 2);
		}
		const [resource, name] = parts;
		const type = RESOURCE_TYPES.find((t) => t.group === group && t.resource === resource);
		if (!type) return send(res, 404, {kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404});
		let items = served.filter((s) => s.object['kind'] === type.kind && (namespace === undefined || (s.object['metadata'] as {namespace?: string}).namespace === namespace));
		const labels = url.searchParams.get('labelSelector');
		if (labels) {
			items = items.filter((s) => labels.split(',').every((c) => ((s.object['metadata'] as {labels?: Record<string, string>}).labels ?? {})[c.split('=')[0]!] === c.split('=')[1]));
		}
		const fields = url.searchParams.get('fieldSelector');
		if (fields) {
			items = items.filter((s) =>
				fields.split(',').every((c) => {
					const [k, v] = c.split('=') as [string, string];
					const got = k.split('.').reduce<unknown>((a, p) => (typeof a === 'object' && a !== null ? (a as Record<string, unknown>)[p] : undefined), s.object);
					return k.endsWith('!') ? true : String(got ?? '') === v;
				}),
			);
		}
		const asTable = (req.headers.accept ?? '').includes('as=Table');
		const printer = PRINTERS[type.kind];
		const columns = printer ? headerFor(printer, true).map((n) => ({name: n, type: 'string', format: n === 'NAME' ? 'name' : '', description: '', priority: headerFor(printer, false).includes(n) ? 0 : 1})) : [{name: 'NAME', type: 'string', format: 'name', description: '', priority: 0}];
		const table = (list: typeof served): unknown => ({
			kind: 'Table',
			apiVersion: 'meta.k8s.io/v1',
			metadata: {resourceVersion: '1'},
			columnDefinitions: columns,
			rows: list.map((s) => ({cells: s.cells, object: url.searchParams.get('includeObject') === 'Object' ? s.object : {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: s.object['metadata']}})),
		});
		if (name !== undefined) {
			const found = items.find((s) => (s.object['metadata'] as {name: string}).name === name);
			if (!found) return send(res, 404, {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${resource}${group ? `.${group}` : ''} "${name}" not found`, reason: 'NotFound', details: {name, group, kind: resource}, code: 404});
			return send(res, 200, asTable ? table([found]) : found.object);
		}
		if (asTable) return send(res, 200, table(items));
		return send(res, 200, {kind: `${type.kind}List`, apiVersion: apiVersionOf(type), metadata: {resourceVersion: '1'}, items: items.map((s) => s.object)});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve()))};
}
