// The object store behind the API server: objects by kind and namespace/name, a resourceVersion
// counter, and watchers told of every change in order (what etcd and the watch cache give the
// real one). Objects are copied in and out so no caller can change stored state behind its back.
// Like client-go's informers it keeps indexes (Pods by label, Services by selector…), so the
// controllers find what an event touches without reading every object: a cluster of 10,000
// Services and 30,000 Pods would otherwise cost each Pod event a pass over all of them.
import type {KubeObject, Kind} from '../api/types.js';
import {objectKey} from '../api/types.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
	type: WatchEventType;
	object: KubeObject;
}

export type Watcher = (event: WatchEvent) => void;

/** An index: the values an object is filed under (client-go's IndexFunc). */
export type IndexFunc = (object: KubeObject) => readonly string[];

interface Index {
	values: IndexFunc;
	/** Keys of the objects filed under each value. */
	keys: Map<string, Set<string>>;
}

export class ObjectStore {
	private readonly objects = new Map<Kind, Map<string, KubeObject>>();
	/** Each kind's keys in order, made again only after a key is added or removed. */
	private readonly sortedKeys = new Map<Kind, string[]>();
	private readonly indexes = new Map<Kind, Map<string, Index>>();
	private readonly watchers = new Set<Watcher>();
	private revision = 0;

	/** Files every object of kind, now and later, under the values `values` gives. */
	addIndex(kind: Kind, name: string, values: IndexFunc): void {
		const index: Index = {values, keys: new Map()};
		let byName = this.indexes.get(kind);
		if (!byName) {
			byName = new Map();
			this.indexes.set(kind, byName);
		}
		byName.set(name, index);
		for (const [key, object] of this.objects.get(kind) ?? []) file(index, key, object);
	}

	/** The objects of kind filed under value in the named index, in key order (as list gives them). */
	byIndex<K extends Kind>(kind: K, name: string, value: string): Extract<KubeObject, {kind: K}>[] {
		const index = this.indexes.get(kind)?.get(name);
		if (!index) throw new Error(`no index ${name} on ${kind}`);
		const keys = index.keys.get(value);
		if (!keys || keys.size === 0) return [];
		const byKey = this.objects.get(kind)!;
		return [...keys].sort().map((key) => byKey.get(key) as Extract<KubeObject, {kind: K}>);
	}

	/** How many objects of kind are filed under value. */
	indexCount(kind: Kind, name: string, value: string): number {
		return this.indexes.get(kind)?.get(name)?.keys.get(value)?.size ?? 0;
	}

	get<K extends Kind>(kind: K, key: string): Extract<KubeObject, {kind: K}> | undefined {
		return this.objects.get(kind)?.get(key) as Extract<KubeObject, {kind: K}> | undefined;
	}

	/** In key order, so every listing (and everything computed from one) is deterministic. */
	list<K extends Kind>(kind: K): Extract<KubeObject, {kind: K}>[] {
		const byKey = this.objects.get(kind);
		if (!byKey) return [];
		let keys = this.sortedKeys.get(kind);
		if (keys === undefined) {
			keys = [...byKey.keys()].sort();
			this.sortedKeys.set(kind, keys);
		}
		return keys.map((key) => byKey.get(key) as Extract<KubeObject, {kind: K}>);
	}

	count(kind: Kind): number {
		return this.objects.get(kind)?.size ?? 0;
	}

	put(object: KubeObject, type: 'ADDED' | 'MODIFIED'): KubeObject {
		this.revision++;
		object.metadata.resourceVersion = String(this.revision);
		let byKey = this.objects.get(object.kind);
		if (!byKey) {
			byKey = new Map();
			this.objects.set(object.kind, byKey);
		}
		const key = objectKey(object.metadata);
		const previous = byKey.get(key);
		if (previous === undefined) this.sortedKeys.delete(object.kind);
		byKey.set(key, object);
		for (const index of this.indexes.get(object.kind)?.values() ?? []) {
			if (previous !== undefined) unfile(index, key, previous);
			file(index, key, object);
		}
		this.notify({type, object});
		return object;
	}

	remove(kind: Kind, key: string): KubeObject | undefined {
		const byKey = this.objects.get(kind);
		const object = byKey?.get(key);
		if (!byKey || !object) return undefined;
		byKey.delete(key);
		this.sortedKeys.delete(kind);
		for (const index of this.indexes.get(kind)?.values() ?? []) unfile(index, key, object);
		this.revision++;
		this.notify({type: 'DELETED', object});
		return object;
	}

	watch(watcher: Watcher): () => void {
		this.watchers.add(watcher);
		return () => this.watchers.delete(watcher);
	}

	private notify(event: WatchEvent): void {
		for (const watcher of [...this.watchers]) watcher(event);
	}
}

function file(index: Index, key: string, object: KubeObject): void {
	for (const value of index.values(object)) {
		let keys = index.keys.get(value);
		if (!keys) {
			keys = new Set();
			index.keys.set(value, keys);
		}
		keys.add(key);
	}
}

function unfile(index: Index, key: string, object: KubeObject): void {
	for (const value of index.values(object)) {
		const keys = index.keys.get(value);
		keys?.delete(key);
		if (keys?.size === 0) index.keys.delete(value);
	}
}
