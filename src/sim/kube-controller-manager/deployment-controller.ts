// kube-controller-manager's Deployment controller: the Pod template's hash names the ReplicaSet
// that runs it (`<deployment>-<pod-template-hash>`, the hash also added to its selector and its
// Pods' labels). Scaling changes that ReplicaSet's replicas; a changed template (`kubectl set
// image`) makes a new ReplicaSet and scales the old ones to zero, with revision annotations. The
// real rollout moves in maxSurge/maxUnavailable steps; here the new ReplicaSet is scaled up and the
// old ones down in one step each, with the same events, so the end state is the same.
import type {Deployment, DeploymentCondition, ReplicaSet} from '../api/types.js';
import type {ApiServer} from '../apiserver/apiserver.js';
import {OWNER_UID} from '../apiserver/indexes.js';
import type {SimClock} from '../clock.js';
import type {EventRecorder} from '../events/event-recorder.js';
import {computeHash} from '../workloads/pod-template-hash.js';
import {controllerRef, sameJSON} from './owners.js';

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const SOURCE = {component: 'deployment-controller'};

export class DeploymentController {
	constructor(
		private readonly api: ApiServer,
		private readonly events: EventRecorder | undefined,
		private readonly clock: SimClock,
	) {}

	ownedReplicaSets(deployment: Readonly<Deployment>): readonly ReplicaSet[] {
		return this.api.peekIndexed('ReplicaSet', OWNER_UID, deployment.metadata.uid ?? '');
	}

	reconcile(namespace: string, name: string): void {
		const deployment = this.api.peekOne('Deployment', name, namespace);
		if (!deployment || deployment.metadata.uid === undefined) return;
		const desired = deployment.spec.replicas ?? 1;
		const hash = computeHash(deployment.spec.template);
		const owned = this.ownedReplicaSets(deployment);
		const maxRevision = Math.max(0, ...owned.map((rs) => Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0)));
		const current = owned.find((rs) => rs.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] === hash);
		const annotations = (revision: number): Record<string, string> => ({
			'deployment.kubernetes.io/desired-replicas': String(desired),
			'deployment.kubernetes.io/max-replicas': String(desired + surge(deployment, desired)),
			[REVISION_ANNOTATION]: String(revision),
		});
		let newName: string;
		if (!current) {
			newName = `${name}-${hash}`;
			const template = structuredClone(deployment.spec.template);
			template.metadata.labels = {...(template.metadata.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash};
			const rs: ReplicaSet = {
				apiVersion: 'apps/v1',
				kind: 'ReplicaSet',
				metadata: {
					name: newName,
					namespace,
					labels: {...template.metadata.labels},
					annotations: annotations(maxRevision + 1),
					ownerReferences: [controllerRef(deployment)],
				},
				spec: {
					replicas: desired,
					selector: {matchLabels: {...(deployment.spec.selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash}},
					template,
				},
			};
			this.api.create(rs);
			if (desired > 0) this.scaled(deployment, newName, 0, desired);
		} else {
			newName = current.metadata.name;
			const revision = Number(current.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
			// A rollback to an older template takes that ReplicaSet back, as the newest revision.
			const wantRevision = revision < maxRevision ? maxRevision + 1 : revision;
			const was = current.spec.replicas ?? 1;
			const wantAnnotations = {...(current.metadata.annotations ?? {}), ...annotations(wantRevision)};
			if (was !== desired || !sameJSON(current.metadata.annotations, wantAnnotations)) {
				this.api.update({...structuredClone(current), metadata: {...structuredClone(current.metadata), annotations: wantAnnotations}, spec: {...structuredClone(current.spec), replicas: desired}});
				if (was !== desired) this.scaled(deployment, newName, was, desired);
			}
		}
		for (const old of this.ownedReplicaSets(deployment)) {
			if (old.metadata.name === newName || (old.spec.replicas ?? 0) === 0) continue;
			const was = old.spec.replicas ?? 0;
			this.api.update({...structuredClone(old), spec: {...structuredClone(old.spec), replicas: 0}});
			this.scaled(deployment, old.metadata.name, was, 0);
		}
		this.updateStatus(namespace, name, newName);
	}

	private scaled(deployment: Readonly<Deployment>, rsName: string, from: number, to: number): void {
		const verb = to > from ? 'up' : 'down';
		this.events?.record(deployment, 'Normal', 'ScalingReplicaSet', `Scaled ${verb} replica set ${rsName} from ${from} to ${to}`, SOURCE);
	}

	private updateStatus(namespace: string, name: string, newName: string): void {
		const deployment = this.api.peekOne('Deployment', name, namespace);
		if (!deployment) return;
		const owned = this.ownedReplicaSets(deployment);
		const sum = (f: (rs: ReplicaSet) => number | undefined): number => owned.reduce((n, rs) => n + (f(rs) ?? 0), 0);
		const desired = deployment.spec.replicas ?? 1;
		const replicas = sum((rs) => rs.status?.replicas);
		const updated = owned.find((rs) => rs.metadata.name === newName)?.status?.replicas ?? 0;
		const ready = sum((rs) => rs.status?.readyReplicas);
		const available = sum((rs) => rs.status?.availableReplicas);
		const unavailable = Math.max(0, replicas - available);
		const minAvailable = desired - Math.floor(unavailableAllowed(deployment, desired));
		const time = this.clock.now().toISOString().replace(/\.\d+Z$/, 'Z');
		const previous = deployment.status?.conditions ?? [];
		const condition = (c: Omit<DeploymentCondition, 'lastUpdateTime' | 'lastTransitionTime'>): DeploymentCondition => {
			const before = previous.find((p) => p.type === c.type);
			const same = before && before.status === c.status && before.reason === c.reason && before.message === c.message;
			return same ? before : {...c, lastUpdateTime: time, lastTransitionTime: before && before.status === c.status ? (before.lastTransitionTime ?? time) : time};
		};
		const availableNow = available >= minAvailable;
		const complete = updated === desired && replicas === desired && available === desired;
		const conditions = [
			condition(
				availableNow
					? {type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.'}
					: {type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.'},
			),
			condition(
				complete
					? {type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${newName}" has successfully progressed.`}
					: {type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${newName}" is progressing.`},
			),
		];
		const status: NonNullable<Deployment['status']> = {
			observedGeneration: deployment.metadata.generation ?? 1,
			...(replicas > 0 ? {replicas} : {}),
			...(updated > 0 ? {updatedReplicas: updated} : {}),
			...(ready > 0 ? {readyReplicas: ready} : {}),
			...(available > 0 ? {availableReplicas: available} : {}),
			...(unavailable > 0 ? {unavailableReplicas: unavailable} : {}),
			conditions,
		};
		if (!sameJSON(deployment.status, status)) this.api.update({...structuredClone(deployment), status});
	}
}

/** maxSurge resolved against the replicas (percentages round up). */
function surge(deployment: Readonly<Deployment>, replicas: number): number {
	const value = deployment.spec.strategy?.rollingUpdate?.maxSurge;
	return resolve(value, replicas, true);
}

/** maxUnavailable resolved against the replicas (percentages round down). */
function unavailableAllowed(deployment: Readonly<Deployment>, replicas: number): number {
	if (deployment.spec.strategy?.type === 'Recreate') return replicas;
	return resolve(deployment.spec.strategy?.rollingUpdate?.maxUnavailable, replicas, false);
}

function resolve(value: number | string | undefined, replicas: number, roundUp: boolean): number {
	if (value === undefined) return 0;
	if (typeof value === 'number') return value;
	const percent = Number(value.replace('%', ''));
	if (!Number.isFinite(percent)) return 0;
	const exact = (percent * replicas) / 100;
	return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
