// What the apps/v1 controllers share: the controller owner reference they stamp on what they make,
// label selectors, and Pods that still count (not being deleted, not finished).
import type {KubeObject, LabelSelector, OwnerReference, Pod, PodTemplateSpec} from '../api/types.js';

export function controllerRef(owner: Readonly<KubeObject>): OwnerReference {
	return {apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true};
}

/**
 * A new Pod from its controller's template, as controller.GetPodFromTemplate makes it: named
 * `<owner>-` plus the generated suffix, the template's labels (and any the controller adds) and
 * annotations, and the controller owner reference.
 */
export function podFromTemplate(owner: Readonly<KubeObject>, template: Readonly<PodTemplateSpec>, name: string, extraLabels: Record<string, string> = {}): Pod {
	const copy = structuredClone(template) as PodTemplateSpec;
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name,
			generateName: `${owner.metadata.name}-`,
			namespace: owner.metadata.namespace ?? 'default',
			labels: {...(copy.metadata.labels ?? {}), ...extraLabels},
			...(copy.metadata.annotations ? {annotations: copy.metadata.annotations} : {}),
			ownerReferences: [controllerRef(owner)],
		},
		spec: copy.spec,
		status: {phase: 'Pending'},
	};
}

export function selectorSelects(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
	return Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v);
}

export function isActivePod(pod: Readonly<Pod>): boolean {
	return pod.metadata.deletionTimestamp === undefined && pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed';
}

export function isReadyPod(pod: Readonly<Pod>): boolean {
	return pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Oldest first, by creation time then name, as the controllers rank Pods to keep. */
export function byAge<T extends {metadata: {creationTimestamp?: string; name: string}}>(a: T, b: T): number {
	const ta = a.metadata.creationTimestamp ?? '';
	const tb = b.metadata.creationTimestamp ?? '';
	if (ta !== tb) return ta < tb ? -1 : 1;
	return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** JSON equality for the small status objects the controllers write, so an unchanged status is not written again. */
export function sameJSON(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}
