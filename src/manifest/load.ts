// loadManifests: turns the texts the CLI read into API objects, with their defaults applied and
// the place each one (and each of its fields) was written, so that any later error — here or
// in the simulated API server — can point at a line and column.

import type {KubeObject, KubeProxyConfiguration, ServiceCIDR} from '../sim/api/types.js';
import type {V1Endpoints} from '../sim/kube-controller-manager/endpointslice-mirroring.js';
import {DecodeContext, isJsonMap, type JsonMap} from './decode-context.js';
import {decodeEndpoints} from './decode-endpoints.js';
import {decodeKubeProxyConfiguration} from './decode-kubeproxy.js';
import {decodeServiceCIDR} from './decode-servicecidr.js';
import {formatPosition, type ManifestError, manifestError, type Position} from './errors.js';
import {type FieldPath, fieldPathString, formatBadValue, invalid, parseFieldPath} from './field-errors.js';
import {expectedApiVersion, KUBE_PROXY_KIND, kindSpec, SUPPORTED_KINDS_TEXT} from './kinds.js';
import {childLocation, isWritten, locateField, locateObject, type NodeLocation} from './locate.js';
import {readJson, splitJsonStream} from './json-source.js';
import {parseSource} from './yaml-source.js';

export interface LoadOptions {
	/**
	 * `skip`: a kind svc-tutor does not read (Deployment, ConfigMap, a CRD…) is counted in
	 * `skipped` and left out, as a cluster dump holds many; `refuse` (the default, for lessons and
	 * `kubectl apply`): it is an error at its line.
	 */
	otherKinds?: 'skip' | 'refuse';
}

export interface ManifestSource {
	/** Shown in messages: the path as the learner typed it, or `-` for standard input. */
	name: string;
	text: string;
}

export interface Origin extends Position {
	kind: string;
	namespace?: string;
	name: string;
}

export interface LoadedManifests {
	/** Nodes, Pods, Services and EndpointSlices in input order (List items in place). */
	objects: KubeObject[];
	proxyConfig?: KubeProxyConfiguration;
	/** v1 Endpoints (read with otherKinds: skip only), for the EndpointSlice mirroring controller. */
	endpoints: V1Endpoints[];
	/** networking.k8s.io ServiceCIDRs (read with otherKinds: skip only): the cluster's service ranges. */
	serviceCIDRs: ServiceCIDR[];
	/** Objects of kinds svc-tutor does not use, by kind, in the order first met. */
	skipped: Map<string, number>;
	origins: Map<KubeObject, Origin>;
	/** One line each, like errors: unknown fields that were ignored (usually typos). */
	warnings: string[];
	/**
	 * Where a field of a loaded object was written (its nearest written parent if it was defaulted);
	 * undefined for an object that did not come from these sources. The path may be an array or
	 * the API's text form (`spec.ports[0].nodePort`).
	 */
	locate(obj: KubeObject | KubeProxyConfiguration, fieldPath: FieldPath | string): Position | undefined;
	/** A ManifestError in the loader's format for a later check: `file:l:c: Service default/web: spec.x: <body>`. */
	fieldError(obj: KubeObject | KubeProxyConfiguration, fieldPath: FieldPath | string, body: string): ManifestError;
}

/** `Service default/web`, `Node node-1`: how messages name an object. */
export function objectLabel(obj: KubeObject | KubeProxyConfiguration): string {
	if (obj.kind === KUBE_PROXY_KIND) return obj.kind;
	const {namespace, name} = (obj as KubeObject).metadata;
	return namespace ? `${obj.kind} ${namespace}/${name}` : `${obj.kind} ${name}`;
}

/** `kind: ServiceList` (what the API itself returns) holds items without kind and apiVersion. */
const TYPED_LISTS: Readonly<Record<string, string>> = {
	NodeList: 'Node',
	PodList: 'Pod',
	ServiceList: 'Service',
	EndpointSliceList: 'EndpointSlice',
};

function describeValue(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	return `a ${typeof value} (${formatBadValue(value)})`;
}

/** at with more fields; a position worked out lazily (locateObject's deferred form) stays lazy. */
function withPosition<T extends object>(at: Position, fields: T): Position & T {
	const descriptor = Object.getOwnPropertyDescriptor(at, 'line');
	if (descriptor?.get === undefined) return {...at, ...fields};
	return Object.defineProperties({file: at.file, ...fields}, {
		line: {get: () => at.line, enumerable: true},
		column: {get: () => at.column, enumerable: true},
	}) as Position & T;
}

/** The kinds a dump may hold that are read beside the four, with the versions a cluster serves them in. */
const DUMP_KINDS: Readonly<Record<string, readonly string[]>> = {
	Endpoints: ['v1'],
	ServiceCIDR: ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1'],
};

class Loader {
	readonly objects: KubeObject[] = [];
	readonly endpoints: V1Endpoints[] = [];
	readonly serviceCIDRs: ServiceCIDR[] = [];
	readonly skipped = new Map<string, number>();
	readonly origins = new Map<KubeObject, Origin>();
	readonly warnings: string[] = [];
	readonly locations = new Map<object, NodeLocation>();
	proxyConfig?: KubeProxyConfiguration;
	private proxyConfigAt?: Position;
	private readonly seen = new Map<string, Position>();

	constructor(private readonly skipOthers: boolean) {}

	private skip(kind: string): void {
		this.skipped.set(kind, (this.skipped.get(kind) ?? 0) + 1);
	}

	visit(value: unknown, location: NodeLocation, implied?: {kind: string; apiVersion: string}): void {
		const at = locateObject(location);
		if (!isJsonMap(value)) throw manifestError(at, `expected a Kubernetes object (a map with apiVersion and kind), found ${describeValue(value)}`);
		const object: JsonMap = implied ? {kind: implied.kind, apiVersion: implied.apiVersion, ...value} : value;
		const kind = object['kind'];
		const apiVersion = object['apiVersion'];
		if (typeof kind !== 'string' || kind === '') throw manifestError(at, 'kind not set');
		if (typeof apiVersion !== 'string' || apiVersion === '') throw manifestError(at, 'apiVersion not set');
		if (kind === 'List' || Object.hasOwn(TYPED_LISTS, kind)) return this.visitList(object, kind, apiVersion, location);
		// DaemonSetList, EndpointsList… as the API returns them: items of the kind the name says.
		if (this.skipOthers && kind.endsWith('List') && kind.length > 4 && Array.isArray(object['items']))
			return this.visitList(object, kind, apiVersion, location, {kind: kind.slice(0, -4), apiVersion});

		const expected = expectedApiVersion(kind);
		if (this.skipOthers && kind === 'ConfigMap' && apiVersion === 'v1' && this.visitKubeProxyConfigMap(object, location)) return;
		if (this.skipOthers && Object.hasOwn(DUMP_KINDS, kind) && DUMP_KINDS[kind]?.includes(apiVersion)) return this.visitDumpKind(kind, object, location);
		if (expected === undefined) {
			if (this.skipOthers) return this.skip(kind);
			throw manifestError(at, `unsupported kind "${kind}" (apiVersion ${apiVersion})`, SUPPORTED_KINDS_TEXT);
		}
		if (apiVersion !== expected)
			throw manifestError(locateField(location, ['apiVersion']), `no matches for kind "${kind}" in version "${apiVersion}"`, `${kind} is apiVersion ${expected}`);

		const ctx = new DecodeContext({kind, locate: (path) => locateField(location, path), warn: (message) => this.warnings.push(message)});
		if (kind === KUBE_PROXY_KIND) this.addProxyConfig(decodeKubeProxyConfiguration(ctx, object), location, at);
		else {
			const spec = kindSpec(kind);
			if (spec) this.addObject(spec.decode(ctx, object), spec.resource, ctx.label, location, at);
		}
		ctx.flushWarnings();
	}

	/**
	 * kubeadm's (and kind's) kube-proxy ConfigMap holds the KubeProxyConfiguration every node's
	 * kube-proxy reads, as the text of `config.conf`: read it as if given on its own. Messages about
	 * it name the ConfigMap and the line inside that text.
	 */
	private visitKubeProxyConfigMap(object: JsonMap, location: NodeLocation): boolean {
		const metadata = isJsonMap(object['metadata']) ? object['metadata'] : {};
		const data = isJsonMap(object['data']) ? object['data'] : {};
		const text = data['config.conf'];
		if (metadata['name'] !== 'kube-proxy' || metadata['namespace'] !== 'kube-system' || typeof text !== 'string') return false;
		const parsed = parseSource(`${location.file} (ConfigMap kube-system/kube-proxy, config.conf)`, text);
		for (const document of parsed.documents) {
			if (document.value === null || document.root === null) continue;
			this.visit(document.value, {file: parsed.file, lineCounter: parsed.lineCounter, document: document.document, node: document.root});
		}
		return true;
	}

	private visitDumpKind(kind: string, object: JsonMap, location: NodeLocation): void {
		const ctx = new DecodeContext({kind, locate: (path) => locateField(location, path), warn: (message) => this.warnings.push(message)});
		if (kind === 'Endpoints') this.endpoints.push(decodeEndpoints(ctx, object));
		else this.serviceCIDRs.push(decodeServiceCIDR(ctx, object));
		ctx.flushWarnings();
	}

	private visitList(list: JsonMap, kind: string, apiVersion: string, location: NodeLocation, itemsOf?: {kind: string; apiVersion: string}): void {
		const itemKind = TYPED_LISTS[kind];
		const itemApiVersion = itemKind ? expectedApiVersion(itemKind) : undefined;
		// The API serves a typed list in its items' version (EndpointSliceList is discovery.k8s.io/v1).
		if (apiVersion !== 'v1' && !itemsOf && !(this.skipOthers && apiVersion === itemApiVersion))
			throw manifestError(locateField(location, ['apiVersion']), `no matches for kind "${kind}" in version "${apiVersion}"`, `${kind} is apiVersion v1`);
		const implied = itemsOf ?? (itemKind && itemApiVersion ? {kind: itemKind, apiVersion: itemApiVersion} : undefined);
		const items = list['items'];
		if (items === undefined || items === null) return;
		if (!Array.isArray(items)) throw manifestError(locateField(location, ['items']), kind, 'items', invalid(items, 'must be a list'));
		items.forEach((item, index) => {
			const itemLocation = childLocation(location, ['items', index]) ?? location;
			this.visit(item, itemLocation, implied);
		});
	}

	private addObject(obj: KubeObject, resource: string, label: string, location: NodeLocation, at: Position): void {
		const {namespace, name} = obj.metadata;
		const key = `${obj.kind}/${namespace ?? ''}/${name}`;
		const first = this.seen.get(key);
		if (first) throw manifestError(at, label, `${resource} "${name}" already exists (first at ${formatPosition(first)})`);
		this.seen.set(key, at);
		this.objects.push(obj);
		const origin = withPosition(at, namespace === undefined ? {kind: obj.kind, name} : {kind: obj.kind, namespace, name});
		this.origins.set(obj, origin);
		this.locations.set(obj, location);
	}

	private addProxyConfig(config: KubeProxyConfiguration, location: NodeLocation, at: Position): void {
		if (this.proxyConfigAt) throw manifestError(at, `a second KubeProxyConfiguration (first at ${formatPosition(this.proxyConfigAt)})`);
		this.proxyConfig = config;
		this.proxyConfigAt = at;
		this.locations.set(config, location);
	}
}

/**
 * Fields the API fills from another one the manifest may have written instead: an error about
 * `spec.clusterIPs[0]` belongs on `spec.clusterIP` when only that was written.
 */
const SINGULAR_FORMS: readonly {plural: FieldPath; singular: FieldPath}[] = [
	{plural: ['spec', 'clusterIPs', 0], singular: ['spec', 'clusterIP']},
	{plural: ['status', 'podIPs', 0, 'ip'], singular: ['status', 'podIP']},
	{plural: ['spec', 'podCIDRs', 0], singular: ['spec', 'podCIDR']},
];

function writtenForm(location: NodeLocation, path: FieldPath): FieldPath {
	for (const {plural, singular} of SINGULAR_FORMS) {
		const matches = plural.every((segment, index) => path[index] === segment);
		if (matches && !isWritten(location, plural) && isWritten(location, singular)) return [...singular, ...path.slice(plural.length)];
	}
	return path;
}

export function loadManifests(sources: readonly ManifestSource[], options: LoadOptions = {}): LoadedManifests {
	const loader = new Loader(options.otherKinds === 'skip');
	for (const source of sources) {
		const json = readJson(source.name, source.text);
		if (json !== undefined) {
			loader.visit(json.value, {file: source.name, tree: json.tree, path: []});
			continue;
		}
		// `kubectl cluster-info dump`: JSON lists one after another, with container logs between.
		const stream = options.otherKinds === 'skip' ? splitJsonStream(source.text) : undefined;
		const values = stream?.map((text) => readJson(source.name, text));
		if (values?.every((value) => value !== undefined)) {
			for (const value of values) if (value) loader.visit(value.value, {file: source.name, tree: value.tree, path: []});
			continue;
		}
		const parsed = parseSource(source.name, source.text);
		for (const document of parsed.documents) {
			// Empty documents (`---` with only comments, or nothing) are skipped, as kubectl does.
			if (document.value === null || document.root === null) continue;
			const location: NodeLocation = {file: parsed.file, lineCounter: parsed.lineCounter, document: document.document, node: document.root};
			loader.visit(document.value, location);
		}
	}
	const locate = (obj: KubeObject | KubeProxyConfiguration, fieldPath: FieldPath | string): Position | undefined => {
		const location = loader.locations.get(obj);
		if (!location) return undefined;
		const path = typeof fieldPath === 'string' ? parseFieldPath(fieldPath) : fieldPath;
		return locateField(location, writtenForm(location, path));
	};
	const result: LoadedManifests = {
		objects: loader.objects,
		endpoints: loader.endpoints,
		serviceCIDRs: loader.serviceCIDRs,
		skipped: loader.skipped,
		origins: loader.origins,
		warnings: loader.warnings,
		locate,
		fieldError: (obj, fieldPath, body) =>
			manifestError(locate(obj, fieldPath), objectLabel(obj), typeof fieldPath === 'string' ? fieldPath : fieldPathString(fieldPath), body),
	};
	if (loader.proxyConfig) result.proxyConfig = loader.proxyConfig;
	return result;
}
