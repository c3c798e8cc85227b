// The object store behind the API server: objects by kind and namespace/name, a resourceVersion
// counter, and watchers told of every change in order (what etcd and the watch cache give the
// real one). Objects are copied in and out so no caller can change stored state behind its back.
import type {KubeObject, Kind} from '../api/types.js';
import {objectKey} from '../api/types.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
	type: WatchEventType;
	object: KubeObject;
}

export type Watcher = (event: WatchEvent) => void;

export class ObjectStore {
	private readonly objects = new Map<Kind, Map<string, KubeObject>>();
	private readonly watchers = new Set<Watcher>();
	private revision = 0;

	get<K extends Kind>(kind: K, key: string): Extract<KubeObject, {kind: K}> | undefined {
		return this.objects.get(kind)?.get(key) as Extract<KubeObject, {kind: K}> | undefined;
	}

	/** In key order, so every listing (and everything computed from one) is deterministic. */
	list<K extends Kind>(kind: K): Extract<KubeObject, {kind: K}>[] {
		const byKey = this.objects.get(kind);
		if (!byKey) return [];
		return [...byKey.keys()].sort().map((key) => byKey.get(key) as Extract<KubeObject, {kind: K}>);
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
		byKey.set(objectKey(object.metadata), object);
		this.notify({type, object});
		return object;
	}

	remove(kind: Kind, key: string): KubeObject | undefined {
		const byKey = this.objects.get(kind);
		const object = byKey?.get(key);
		if (!byKey || !object) return undefined;
		byKey.delete(key);
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
