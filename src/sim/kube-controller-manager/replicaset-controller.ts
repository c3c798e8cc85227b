// kube-controller-manager's ReplicaSet controller: keeps spec.replicas Pods made from the template
// (named `<replicaset>-<5 random>`, owned by the ReplicaSet), deletes the newest first when there
// are too many, and reports replicas / readyReplicas / availableReplicas in the status.
import type {Pod, ReplicaSet} from '../api/types.js';
import type {ApiServer} from '../apiserver/apiserver.js';
import {OWNER_UID} from '../apiserver/indexes.js';
import type {EventRecorder} from '../events/event-recorder.js';
import {byAge, isActivePod, isReadyPod, podFromTemplate, sameJSON} from './owners.js';

const SOURCE = {component: 'replicaset-controller'};

export class ReplicaSetController {
	constructor(
		private readonly api: ApiServer,
		private readonly events: EventRecorder | undefined,
	) {}

	reconcile(namespace: string, name: string): void {
		const rs = this.api.peekOne('ReplicaSet', name, namespace);
		if (!rs || rs.metadata.uid === undefined) return;
		const pods = this.ownedPods(rs);
		const want = rs.spec.replicas ?? 1;
		for (let i = pods.length; i < want; i++) this.createPod(rs);
		if (pods.length > want) {
			// The newest go first, as the controller ranks Pods (younger, not ready, … are deleted first).
			for (const pod of [...pods].sort(byAge).slice(want).reverse()) {
				this.api.delete('Pod', pod.metadata.name, namespace);
				this.events?.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE);
			}
		}
		this.updateStatus(namespace, name);
	}

	/** The Pods this ReplicaSet controls, still running or starting. */
	ownedPods(rs: Readonly<ReplicaSet>): Pod[] {
		return this.api.peekIndexed('Pod', OWNER_UID, rs.metadata.uid ?? '').filter(isActivePod);
	}

	private createPod(rs: Readonly<ReplicaSet>): void {
		const pod = podFromTemplate(rs, rs.spec.template, this.api.generateName(`${rs.metadata.name}-`));
		const created = this.api.create(pod);
		this.events?.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, SOURCE);
	}

	private updateStatus(namespace: string, name: string): void {
		const rs = this.api.peekOne('ReplicaSet', name, namespace);
		if (!rs) return;
		const pods = this.ownedPods(rs);
		const ready = pods.filter(isReadyPod).length;
		const status: NonNullable<ReplicaSet['status']> = {
			replicas: pods.length,
			...(pods.length > 0 ? {fullyLabeledReplicas: pods.length} : {}),
			...(ready > 0 ? {readyReplicas: ready, availableReplicas: ready} : {}),
			observedGeneration: rs.metadata.generation ?? 1,
		};
		if (!sameJSON(rs.status, status)) this.api.update({...structuredClone(rs), status});
	}
}
