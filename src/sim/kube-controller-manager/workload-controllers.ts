// The apps/v1 side of kube-controller-manager, as the cluster's dispatcher calls it: the
// Deployment, ReplicaSet and DaemonSet controllers, and the garbage collector's part for them
// (a deleted owner's ReplicaSets and Pods go too, as `kubectl delete`'s background propagation does).
import type {DaemonSet, Deployment, KubeObject, Pod, ReplicaSet} from '../api/types.js';
import type {ApiServer} from '../apiserver/apiserver.js';
import {OWNER_UID} from '../apiserver/indexes.js';
import type {WatchEventType} from '../apiserver/store.js';
import type {SimClock} from '../clock.js';
import type {EventRecorder} from '../events/event-recorder.js';
import {DaemonSetController} from './daemonset-controller.js';
import {DeploymentController} from './deployment-controller.js';
import {ReplicaSetController} from './replicaset-controller.js';

export class WorkloadControllers {
	readonly deployments: DeploymentController;
	readonly replicaSets: ReplicaSetController;
	readonly daemonSets: DaemonSetController;

	constructor(
		private readonly api: ApiServer,
		events: EventRecorder | undefined,
		clock: SimClock,
	) {
		this.deployments = new DeploymentController(api, events, clock);
		this.replicaSets = new ReplicaSetController(api, events);
		this.daemonSets = new DaemonSetController(api, events);
	}

	onDeployment(type: WatchEventType, deployment: Deployment): void {
		if (type === 'DELETED') return this.collect(deployment, 'ReplicaSet');
		this.deployments.reconcile(namespaceOf(deployment), deployment.metadata.name);
	}

	onReplicaSet(type: WatchEventType, rs: ReplicaSet): void {
		if (type === 'DELETED') this.collect(rs, 'Pod');
		else this.replicaSets.reconcile(namespaceOf(rs), rs.metadata.name);
		const owner = controllerOf(rs, 'Deployment');
		if (owner && this.api.peekOne('Deployment', owner, namespaceOf(rs))) this.deployments.reconcile(namespaceOf(rs), owner);
	}

	onDaemonSet(type: WatchEventType, ds: DaemonSet): void {
		if (type === 'DELETED') return this.collect(ds, 'Pod');
		this.daemonSets.reconcile(namespaceOf(ds), ds.metadata.name);
	}

	/** A Pod changed: its controller counts again (and makes a new one if it was deleted). */
	onPod(pod: Pod): void {
		const rs = controllerOf(pod, 'ReplicaSet');
		if (rs && this.api.peekOne('ReplicaSet', rs, namespaceOf(pod))) this.replicaSets.reconcile(namespaceOf(pod), rs);
		const ds = controllerOf(pod, 'DaemonSet');
		if (ds && this.api.peekOne('DaemonSet', ds, namespaceOf(pod))) this.daemonSets.reconcile(namespaceOf(pod), ds);
	}

	onNode(): void {
		if (this.api.count('DaemonSet') > 0) this.daemonSets.reconcileAll();
	}

	private collect(owner: KubeObject, kind: 'ReplicaSet' | 'Pod'): void {
		const uid = owner.metadata.uid;
		if (uid === undefined) return;
		for (const dependent of [...this.api.peekIndexed(kind, OWNER_UID, uid)]) {
			this.api.delete(kind, dependent.metadata.name, dependent.metadata.namespace);
		}
	}
}

function namespaceOf(object: KubeObject): string {
	return object.metadata.namespace ?? 'default';
}

/** The name of the object's controller of that kind, from its controller owner reference. */
export function controllerOf(object: KubeObject, kind: string): string | undefined {
	return object.metadata.ownerReferences?.find((o) => o.controller === true && o.kind === kind)?.name;
}
