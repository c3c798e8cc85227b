// The store's indexes (as client-go informers' indexers) must always agree with a full listing:
// same objects, same (key) order, through creates, label changes and deletes.
import test from 'ava';
import fc from 'fast-check';
import type {Pod} from '../../../src/sim/api/types.js';
import {ObjectStore} from '../../../src/sim/apiserver/store.js';
import {INDEXES, labelValue, POD_LABELS, POD_NODE} from '../../../src/sim/apiserver/indexes.js';

function pod(name: string, labels: Record<string, string>, nodeName?: string, namespace = 'default'): Pod {
	return {apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace, labels}, spec: {containers: [], ...(nodeName ? {nodeName} : {})}, status: {}};
}

function indexedStore(): ObjectStore {
	const store = new ObjectStore();
	for (const {kind, name, values} of INDEXES) store.addIndex(kind, name, values);
	return store;
}

test('byIndex gives the objects filed under a value in key order, and follows updates and deletes', (t) => {
	const store = indexedStore();
	store.put(pod('web-2', {app: 'web'}, 'node02'), 'ADDED');
	store.put(pod('web-1', {app: 'web'}, 'node01'), 'ADDED');
	store.put(pod('db-1', {app: 'db'}, 'node01'), 'ADDED');
	store.put(pod('web-1', {app: 'web'}, 'node01', 'shop'), 'ADDED');
	const names = (pods: Pod[]): string[] => pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
	t.deepEqual(names(store.byIndex('Pod', POD_LABELS, labelValue('default', 'app', 'web'))), ['default/web-1', 'default/web-2']);
	t.is(store.indexCount('Pod', POD_NODE, 'node01'), 3);
	// A label change moves the Pod from one value to the other.
	store.put(pod('web-2', {app: 'db'}, 'node02'), 'MODIFIED');
	t.deepEqual(names(store.byIndex('Pod', POD_LABELS, labelValue('default', 'app', 'web'))), ['default/web-1']);
	t.deepEqual(names(store.byIndex('Pod', POD_LABELS, labelValue('default', 'app', 'db'))), ['default/db-1', 'default/web-2']);
	store.remove('Pod', 'default/db-1');
	t.deepEqual(names(store.byIndex('Pod', POD_LABELS, labelValue('default', 'app', 'db'))), ['default/web-2']);
	t.is(store.indexCount('Pod', POD_NODE, 'node01'), 2);
	t.deepEqual(store.byIndex('Pod', POD_LABELS, labelValue('default', 'app', 'none')), []);
});

test('an index always equals filtering the full listing, whatever the changes (property)', (t) => {
	const change = fc.record({
		name: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
		app: fc.constantFrom('web', 'db'),
		node: fc.option(fc.constantFrom('node01', 'node02'), {nil: undefined}),
		remove: fc.boolean(),
	});
	fc.assert(
		fc.property(fc.array(change, {maxLength: 40}), (changes) => {
			const store = indexedStore();
			for (const c of changes) {
				if (c.remove) store.remove('Pod', `default/${c.name}`);
				else store.put(pod(c.name, {app: c.app}, c.node), store.get('Pod', `default/${c.name}`) ? 'MODIFIED' : 'ADDED');
			}
			const all = store.list('Pod');
			for (const app of ['web', 'db']) {
				const indexed = store.byIndex('Pod', POD_LABELS, labelValue('default', 'app', app));
				if (JSON.stringify(indexed) !== JSON.stringify(all.filter((p) => p.metadata.labels?.['app'] === app))) return false;
			}
			for (const node of ['node01', 'node02']) {
				if (store.indexCount('Pod', POD_NODE, node) !== all.filter((p) => p.spec.nodeName === node).length) return false;
			}
			return true;
		}),
		{numRuns: 300, seed: 3},
	);
	t.pass();
});

test('list stays in key order as keys come and go', (t) => {
	const store = indexedStore();
	for (const name of ['m', 'c', 'x', 'a']) store.put(pod(name, {}), 'ADDED');
	t.deepEqual(store.list('Pod').map((p) => p.metadata.name), ['a', 'c', 'm', 'x']);
	store.remove('Pod', 'default/c');
	store.put(pod('b', {}), 'ADDED');
	t.deepEqual(store.list('Pod').map((p) => p.metadata.name), ['a', 'b', 'm', 'x']);
});
