// kube-controller-manager's DaemonSet controller: one Pod from the template on every node the
// nodeSelector admits (`kube-proxy-xxxxx`, `kube-flannel-ds-xxxxx`), labelled with the template's
// controller-revision-hash and pod-template-generation; a deleted Pod is made again, a deleted
// node's Pod goes, a changed template replaces every Pod. The real controller leaves binding to
// the scheduler through a node affinity; the Pod here is made bound to its node, and the
// scheduler's Scheduled event is recorded for it.
import type {Affinity, DaemonSet, Node, Pod} from '../api/types.js';
import type {ApiServer} from '../apiserver/apiserver.js';
import {OWNER_UID} from '../apiserver/indexes.js';
import type {EventRecorder} from '../events/event-recorder.js';
import {computeHash} from '../workloads/pod-template-hash.js';
import {byAge, isActivePod, isReadyPod, podFromTemplate, sameJSON} from './owners.js';

export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';
export const POD_TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
const SOURCE = {component: 'daemonset-controller'};

export class DaemonSetController {
	constructor(
		private readonly api: ApiServer,
		private readonly events: EventRecorder | undefined,
	) {}

	/** Every DaemonSet, after a node came or went. */
	reconcileAll(): void {
		for (const ds of [...this.api.peek('DaemonSet')]) this.reconcile(ds.metadata.namespace ?? 'default', ds.metadata.name);
	}

	ownedPods(ds: Readonly<DaemonSet>): Pod[] {
		return this.api.peekIndexed('Pod', OWNER_UID, ds.metadata.uid ?? '').filter(isActivePod);
	}

	reconcile(namespace: string, name: string): void {
		const ds = this.api.peekOne('DaemonSet', name, namespace);
		if (!ds || ds.metadata.uid === undefined) return;
		const hash = computeHash(ds.spec.template);
		const nodes = this.api.peek('Node').filter((node) => admits(ds, node));
		const wanted = new Set(nodes.map((n) => n.metadata.name));
		const pods = [...this.ownedPods(ds)].sort(byAge);
		const kept = new Set<string>();
		for (const pod of pods) {
			const node = pod.spec.nodeName ?? '';
			const current = pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash;
			if (!wanted.has(node) || kept.has(node) || !current) {
				this.api.delete('Pod', pod.metadata.name, namespace);
				this.events?.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE);
			} else kept.add(node);
		}
		for (const node of nodes) if (!kept.has(node.metadata.name)) this.createPod(ds, node, hash);
		this.updateStatus(namespace, name);
	}

	private createPod(ds: Readonly<DaemonSet>, node: Readonly<Node>, hash: string): void {
		const namespace = ds.metadata.namespace ?? 'default';
		const pod = podFromTemplate(ds, ds.spec.template, this.api.generateName(`${ds.metadata.name}-`), {
			[CONTROLLER_REVISION_HASH_LABEL]: hash,
			[POD_TEMPLATE_GENERATION_LABEL]: String(ds.metadata.generation ?? 1),
		});
		// The DaemonSet controller binds its Pod itself, by node affinity on the node's name.
		pod.spec = {...pod.spec, nodeName: node.metadata.name, affinity: nodeAffinityFor(pod.spec.affinity, node.metadata.name)};
		const created = this.api.create(pod);
		this.events?.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, SOURCE);
		this.events?.record(created, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${created.metadata.name} to ${node.metadata.name}`, {component: 'default-scheduler'});
	}

	private updateStatus(namespace: string, name: string): void {
		const ds = this.api.peekOne('DaemonSet', name, namespace);
		if (!ds) return;
		const desired = this.api.peek('Node').filter((node) => admits(ds, node)).length;
		const pods = this.ownedPods(ds);
		const ready = pods.filter(isReadyPod).length;
		const status: NonNullable<DaemonSet['status']> = {
			currentNumberScheduled: pods.length,
			numberMisscheduled: 0,
			desiredNumberScheduled: desired,
			numberReady: ready,
			observedGeneration: ds.metadata.generation ?? 1,
			updatedNumberScheduled: pods.length,
			...(ready > 0 ? {numberAvailable: ready} : {}),
		};
		if (!sameJSON(ds.status, status)) this.api.update({...structuredClone(ds), status});
	}
}

/**
 * The node's labels satisfy the template's nodeSelector and required node affinity (In, NotIn,
 * Exists, DoesNotExist on labels); tolerations are not checked: the kubeadm and flannel
 * DaemonSets tolerate every taint that matters here.
 */
function admits(ds: Readonly<DaemonSet>, node: Readonly<Node>): boolean {
	const spec = ds.spec.template.spec;
	if (!Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => node.metadata.labels?.[k] === v)) return false;
	const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
	if (!terms || terms.length === 0) return true;
	return terms.some((term) =>
		(term.matchExpressions ?? []).every((r) => {
			const value = node.metadata.labels?.[r.key];
			switch (r.operator) {
				case 'In':
					return value !== undefined && (r.values ?? []).includes(value);
				case 'NotIn':
					return value === undefined || !(r.values ?? []).includes(value);
				case 'Exists':
					return value !== undefined;
				case 'DoesNotExist':
					return value === undefined;
				default:
					return true;
			}
		}),
	);
}

/**
 * The DaemonSet controller pins each Pod to its node with a required node affinity on the node's
 * name (matchFields metadata.name), replacing any required term of the template's and keeping
 * the rest of its affinity.
 */
function nodeAffinityFor(affinity: Affinity | undefined, nodeName: string): Affinity {
	return {
		...(affinity ?? {}),
		nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchFields: [{key: 'metadata.name', operator: 'In', values: [nodeName]}]}]}},
	};
}
