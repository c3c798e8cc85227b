// A small kube-apiserver: create / update / delete / get / list / watch over Nodes, Pods, Services
// and EndpointSlices, with the REST storage's side effects for Services (cluster IP and NodePort
// allocation, released on delete) and its refusals in its own words.
import type {KubeObject, Kind, Service} from '../api/types.js';
import {NAMESPACED_KINDS, objectKey} from '../api/types.js';
import type {SimClock} from '../clock.js';
import type {Random} from '../random.js';
import {alreadyExists, ApiError, ApiServerUnreachableError, invalidError, notFound, type FieldCause} from './errors.js';
import type {ClusterIPAllocator, ClusterIPError} from '../allocation/cluster-ip-allocator.js';
import type {NodePortAllocator, NodePortError} from '../allocation/node-port-allocator.js';
import {applyServiceDefaults, validateService} from './service-strategy.js';
import {INDEXES} from './indexes.js';
import {applyWorkloadDefaults} from './workload-strategy.js';
import {ObjectStore, type Watcher} from './store.js';

type ObjectOf<K extends Kind> = Extract<KubeObject, {kind: K}>;

const NAMESPACED = NAMESPACED_KINDS;

// apimachinery's rand.String alphabet: no vowels, no look-alikes.
const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export class ApiServer {
	private readonly store = new ObjectStore();
	/**
	 * Events live apart: nothing watches them here, and recording one must not move the revision
	 * counter (or the seeded UIDs) that every other object's resourceVersion comes from.
	 */
	private readonly eventStore = new ObjectStore();
	/** The stored Event for each object, reason, message and source, so a repeat is counted without a scan. */
	private readonly eventsByAggregate = new Map<string, ObjectOf<'Event'>>();
	private uidCounter = 0;
	/** While set, clients (get, list, create, update, delete) get a refused connection; controllers' peeks still work. */
	private unreachable: ApiServerUnreachableError | undefined;

	constructor(
		public serviceIPs: ClusterIPAllocator,
		readonly nodePorts: NodePortAllocator,
		private readonly random: Random,
		private readonly clock: SimClock,
	) {
		for (const {kind, name, values} of INDEXES) this.store.addIndex(kind, name, values);
	}

	/** The kube-apiserver process stopped (undefined: it runs again). */
	setUnreachable(error: ApiServerUnreachableError | undefined): void {
		this.unreachable = error;
	}

	get reachable(): boolean {
		return this.unreachable === undefined;
	}

	/** Throws the refused connection a client would get while the API server is down. */
	checkReachable(): void {
		if (this.unreachable) throw this.unreachable;
	}

	private storeOf(kind: Kind): ObjectStore {
		return kind === 'Event' ? this.eventStore : this.store;
	}

	get<K extends Kind>(kind: K, name: string, namespace?: string): ObjectOf<K> | undefined {
		this.checkReachable();
		const stored = this.storeOf(kind).get(kind, this.key(kind, name, namespace));
		return stored ? structuredClone(stored) : undefined;
	}

	list<K extends Kind>(kind: K, namespace?: string): ObjectOf<K>[] {
		this.checkReachable();
		const all = this.storeOf(kind).list(kind);
		return structuredClone(namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace));
	}

	/** The stored object itself (no copy), for controllers that only read it. */
	peekOne<K extends Kind>(kind: K, name: string, namespace?: string): Readonly<ObjectOf<K>> | undefined {
		return this.storeOf(kind).get(kind, this.key(kind, name, namespace));
	}

	/** The stored objects filed under value in one of INDEXES (indexes.ts), in key order, uncopied as peek's. */
	peekIndexed<K extends Kind>(kind: K, index: string, value: string): readonly ObjectOf<K>[] {
		return this.store.byIndex(kind, index, value);
	}

	/** How many objects are filed under value in one of INDEXES. */
	indexCount(kind: Kind, index: string, value: string): number {
		return this.store.indexCount(kind, index, value);
	}

	/** The stored objects themselves, for controllers that only read (no copy: 10,000 Services stay cheap). */
	peek<K extends Kind>(kind: K): readonly ObjectOf<K>[] {
		return this.storeOf(kind).list(kind);
	}

	count(kind: Kind): number {
		return this.storeOf(kind).count(kind);
	}

	/**
	 * Stores an Event as the component's event recorder does, or counts it again when the same
	 * object, reason and message were recorded before (the recorder's aggregation: count and
	 * lastTimestamp grow). UID from `uids`, a generator of the caller's, so the API server's own
	 * seeded sequence is not disturbed; no revision bump, no watch notification.
	 */
	recordEvent(event: ObjectOf<'Event'>, uids: Random): void {
		const aggregate = JSON.stringify([event.metadata.namespace, event.involvedObject.kind, event.involvedObject.name, event.involvedObject.uid, event.reason, event.message, event.source.component, event.source.host]);
		const seen = this.eventsByAggregate.get(aggregate);
		// Still stored (not deleted with its namespace) under the same name: count it again.
		const same = seen && this.eventStore.get('Event', objectKey(seen.metadata)) === seen ? seen : undefined;
		if (same) {
			same.count++;
			same.lastTimestamp = event.lastTimestamp;
			return;
		}
		const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
		const r = (): string => hex(uids.int(0x10000), 4);
		event.metadata.uid = `${r()}${r()}-${r()}-4${hex(uids.int(0x1000), 3)}-${hex(0x8000 | uids.int(0x4000), 4)}-${r()}${r()}${r()}`;
		event.metadata.creationTimestamp = event.firstTimestamp;
		event.metadata.resourceVersion = String(this.eventStore.count('Event') + 1);
		this.eventStore.put(event, 'ADDED');
		this.eventsByAggregate.set(aggregate, event);
	}

	watch(watcher: Watcher): () => void {
		return this.store.watch(watcher);
	}

	/** `generateName`: the prefix and five random characters, as the API server does. */
	generateName(prefix: string): string {
		let suffix = '';
		for (let i = 0; i < 5; i++) suffix += NAME_SUFFIX_ALPHABET[this.random.int(NAME_SUFFIX_ALPHABET.length)];
		return prefix + suffix;
	}

	create<T extends KubeObject>(input: T): T {
		return structuredClone(this.storeNew(input));
	}

	/**
	 * create, for a caller that hands the object over (loading a whole cluster from a file): the
	 * same checks and effects, without copying it in or out. The object is the API server's from
	 * then on, defaults and allocations included: the caller must not change it.
	 */
	adopt(input: KubeObject): void {
		this.storeNew(input, false);
	}

	private storeNew<T extends KubeObject>(input: T, copy = true): T {
		this.checkReachable();
		const object = copy ? structuredClone(input) : input;
		if (NAMESPACED[object.kind]) object.metadata.namespace ??= 'default';
		else delete object.metadata.namespace;
		const key = objectKey(object.metadata);
		const namespace = object.metadata.namespace;
		// Once the cluster keeps Namespace objects (the node shell's does), a namespaced object needs its namespace.
		if (namespace !== undefined && this.store.count('Namespace') > 0 && !this.store.get('Namespace', namespace)) throw notFound('Namespace', namespace);
		const store = this.storeOf(object.kind);
		if (store.get(object.kind, key)) throw alreadyExists(object.kind, object.metadata.name);
		if (object.kind === 'Service') this.admitNewService(object);
		applyWorkloadDefaults(object);
		this.clock.advance(2, 317);
		object.metadata.uid = this.nextUID();
		object.metadata.creationTimestamp = this.clock.now().toISOString().replace(/\.\d+Z$/, 'Z');
		if (GENERATED_KINDS.has(object.kind)) object.metadata.generation = 1;
		store.put(object, 'ADDED');
		return object;
	}

	update<T extends KubeObject>(input: T): T {
		this.checkReachable();
		const object = structuredClone(input);
		if (NAMESPACED[object.kind]) object.metadata.namespace ??= 'default';
		const key = objectKey(object.metadata);
		const store = this.storeOf(object.kind);
		const current = store.get(object.kind, key);
		if (!current) throw notFound(object.kind, object.metadata.name);
		if (object.kind === 'Service') this.admitServiceUpdate(current as Service, object);
		applyWorkloadDefaults(object);
		object.metadata.uid = current.metadata.uid;
		if (current.metadata.creationTimestamp) object.metadata.creationTimestamp = current.metadata.creationTimestamp;
		if (GENERATED_KINDS.has(object.kind)) {
			// metadata.generation counts changes of the spec, as the apps/v1 strategies do.
			const specChanged = JSON.stringify(specOf(current)) !== JSON.stringify(specOf(object));
			object.metadata.generation = (current.metadata.generation ?? 1) + (specChanged ? 1 : 0);
		}
		this.clock.advance(1, 503);
		store.put(object, 'MODIFIED');
		return structuredClone(object);
	}

	delete(kind: Kind, name: string, namespace?: string): KubeObject {
		this.checkReachable();
		if (kind === 'Namespace' && IMMORTAL_NAMESPACES.has(name) && this.store.get('Namespace', name)) {
			// The NamespaceLifecycle admission plugin's immortal namespaces.
			throw new ApiError('Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`);
		}
		const removed = this.storeOf(kind).remove(kind, this.key(kind, name, namespace));
		if (!removed) throw notFound(kind, name);
		if (removed.kind === 'Service') this.releaseService(removed);
		this.clock.advance(1, 211);
		return removed;
	}

	private key(kind: Kind, name: string, namespace?: string): string {
		return NAMESPACED[kind] ? `${namespace ?? 'default'}/${name}` : name;
	}

	private nextUID(): string {
		this.uidCounter++;
		const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
		const r = (): string => hex(this.random.int(0x10000), 4);
		return `${r()}${r()}-${r()}-4${hex(this.random.int(0x1000), 3)}-${hex(0x8000 | this.random.int(0x4000), 4)}-${hex(this.uidCounter, 4)}${r()}${r()}`;
	}

	private admitNewService(service: Service): void {
		applyServiceDefaults(service);
		const causes = validateService(service);
		if (causes.length > 0) throw invalidError('Service', service.metadata.name, causes);
		const allocatedIPs: string[] = [];
		const allocatedPorts: number[] = [];
		try {
			this.allocateClusterIP(service, allocatedIPs);
			this.allocateNodePorts(service, undefined, allocatedPorts);
		} catch (error) {
			// A refused create leaves nothing allocated, as the REST storage's transaction does.
			for (const ip of allocatedIPs) this.serviceIPs.release(ip);
			for (const port of allocatedPorts) this.nodePorts.release(port);
			throw error;
		}
	}

	private allocateClusterIP(service: Service, allocated: string[]): void {
		const spec = service.spec;
		if (spec.type === 'ExternalName') return;
		const requested = spec.clusterIPs?.[0] ?? spec.clusterIP;
		if (requested === 'None') {
			spec.clusterIP = 'None';
			spec.clusterIPs = ['None'];
			return;
		}
		const result = requested === undefined || requested === '' ? this.serviceIPs.allocateNext(this.random) : this.serviceIPs.allocate(requested);
		if (!result.ok) throw allocationError(service, result.error);
		const ip = result.ip;
		allocated.push(ip);
		spec.clusterIP = ip;
		spec.clusterIPs = [ip];
		spec.ipFamilies = [ip.includes(':') ? 'IPv6' : 'IPv4'];
	}

	/** NodePorts for NodePort and LoadBalancer Services; ports kept from `previous` are not allocated again. */
	private allocateNodePorts(service: Service, previous: Service | undefined, allocated: number[]): void {
		const spec = service.spec;
		const wants = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
		// alloc.go's shouldAllocateNodePorts: a LoadBalancer with allocateLoadBalancerNodePorts false
		// gets no new ports, but a nodePort it names is still reserved.
		const allocatesNew = spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
		const kept = new Set(previous ? previousNodePorts(previous) : []);
		const causes: FieldCause[] = [];
		spec.ports.forEach((port, i) => {
			if (!wants) {
				delete port.nodePort;
				return;
			}
			if ((port.nodePort === undefined || port.nodePort === 0) && !allocatesNew) return;
			if (port.nodePort !== undefined && port.nodePort !== 0) {
				if (kept.has(port.nodePort)) return;
				const result = this.nodePorts.allocate(port.nodePort, i);
				if (result.ok) allocated.push(result.port);
				else causes.push(causeOf(result.error));
			} else {
				const result = this.nodePorts.allocateNext(this.random);
				if (!result.ok) throw allocationError(service, result.error);
				port.nodePort = result.port;
				allocated.push(result.port);
			}
		});
		if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local') {
			const hc = spec.healthCheckNodePort;
			if (hc === undefined || hc === 0) {
				const result = this.nodePorts.allocateNext(this.random);
				if (!result.ok) throw allocationError(service, result.error);
				spec.healthCheckNodePort = result.port;
				allocated.push(result.port);
			} else if (!kept.has(hc)) {
				const result = this.nodePorts.allocate(hc);
				if (result.ok) allocated.push(hc);
				else causes.push({field: 'spec.healthCheckNodePort', message: `Invalid value: ${hc}: ${result.error.message}`});
			}
		} else {
			delete spec.healthCheckNodePort;
		}
		if (causes.length > 0) throw invalidError('Service', service.metadata.name, causes);
	}

	private admitServiceUpdate(current: Service, next: Service): void {
		applyServiceDefaults(next);
		const causes = validateService(next);
		const requested = next.spec.clusterIP;
		if (requested !== undefined && requested !== '' && requested !== current.spec.clusterIP) {
			causes.push({field: 'spec.clusterIPs[0]', message: `Invalid value: "${requested}": may not change once set`});
		}
		if (causes.length > 0) throw invalidError('Service', next.metadata.name, causes);
		next.spec.clusterIP = current.spec.clusterIP;
		next.spec.clusterIPs = current.spec.clusterIPs;
		next.spec.ipFamilies = current.spec.ipFamilies;
		// Ports the update leaves without a nodePort keep the one they had.
		const before = new Map(current.spec.ports.map((p) => [`${p.port}/${p.protocol}`, p.nodePort]));
		for (const port of next.spec.ports) {
			if ((port.nodePort === undefined || port.nodePort === 0) && before.get(`${port.port}/${port.protocol}`)) {
				port.nodePort = before.get(`${port.port}/${port.protocol}`);
			}
		}
		const allocated: number[] = [];
		try {
			this.allocateNodePorts(next, current, allocated);
		} catch (error) {
			for (const port of allocated) this.nodePorts.release(port);
			throw error;
		}
		const still = new Set(previousNodePorts(next));
		for (const port of previousNodePorts(current)) if (!still.has(port)) this.nodePorts.release(port);
	}

	private releaseService(service: Service): void {
		const ip = service.spec.clusterIP;
		if (ip && ip !== 'None') this.serviceIPs.release(ip);
		for (const port of previousNodePorts(service)) this.nodePorts.release(port);
	}
}

/** A chosen value the allocator refused is a field error; a full range is the API's internal error. */
function allocationError(service: Service, error: ClusterIPError | NodePortError): ApiError {
	if (error.fieldError) return invalidError('Service', service.metadata.name, [causeOf(error)]);
	return new ApiError('InternalError', error.apiMessage);
}

function causeOf(error: ClusterIPError | NodePortError): FieldCause {
	const f = error.fieldError;
	return f ? {field: f.field, message: `Invalid value: ${f.value}: ${f.detail}`} : {field: '', message: error.message};
}

const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);

/** Kinds whose metadata.generation the API server keeps (their spec is reconciled by a controller). */
const GENERATED_KINDS: ReadonlySet<Kind> = new Set(['Deployment', 'ReplicaSet', 'DaemonSet']);

function specOf(object: KubeObject): unknown {
	return 'spec' in object ? object.spec : undefined;
}

function previousNodePorts(service: Service): number[] {
	const ports = service.spec.ports.flatMap((p) => (p.nodePort ? [p.nodePort] : []));
	if (service.spec.healthCheckNodePort) ports.push(service.spec.healthCheckNodePort);
	return ports;
}

export {ApiError};
