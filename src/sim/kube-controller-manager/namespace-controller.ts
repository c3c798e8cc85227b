// kube-controller-manager's namespace controller, for a deleted Namespace: everything in it is
// deleted too. The real one first marks the Namespace Terminating and removes its contents
// before the finalizer lets it go; here the contents go at once, in kind order.
import type {Kind} from '../api/types.js';
import {NAMESPACED_KINDS} from '../api/types.js';
import type {ApiServer} from '../apiserver/apiserver.js';

/** Owners before what they own, so the garbage collector finds nothing left to do twice. */
const ORDER: Kind[] = ['Deployment', 'DaemonSet', 'ReplicaSet', 'Pod', 'Service', 'EndpointSlice', 'ConfigMap', 'Event'];

export function deleteNamespaceContents(api: ApiServer, namespace: string): void {
	for (const kind of ORDER) {
		if (!NAMESPACED_KINDS[kind]) continue;
		for (const object of [...api.peek(kind)]) {
			if (object.metadata.namespace !== namespace) continue;
			if (api.peekOne(kind, object.metadata.name, namespace)) api.delete(kind, object.metadata.name, namespace);
		}
	}
}
