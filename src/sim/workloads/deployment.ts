// Deployments as far as Services care: a Deployment's ReplicaSet keeps N Pods named
// `<deployment>-<pod-template-hash>-<5 random>` with its labels; scaling adds Pods (the scheduler
// spreads them) or deletes the newest ones first, as the ReplicaSet controller prefers.
import type {Container, Pod} from '../api/types.js';
import type {Cluster} from '../cluster/cluster.js';
import {labelValue, POD_LABELS} from '../apiserver/indexes.js';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export interface DeploymentSpec {
	name: string;
	namespace?: string;
	labels: Record<string, string>;
	container: Container;
	/** Pin Pods to nodes in turn (for scenarios that must put a Pod on a given node). */
	nodeNames?: string[];
}

/** The pod-template-hash the ReplicaSet carries: seeded, ten characters of apimachinery's alphabet. */
export function templateHash(cluster: Cluster, name: string): string {
	const random = cluster.random.fork(`template/${name}`);
	let hash = '';
	for (let i = 0; i < 10; i++) hash += ALPHABET[random.int(ALPHABET.length)];
	return hash;
}

export function deploymentPods(cluster: Cluster, spec: DeploymentSpec): Pod[] {
	const namespace = spec.namespace ?? 'default';
	// Looked up by one label pair, then checked whole: a scenario of 10,000 Deployments must not
	// copy every Pod for each one.
	const [first] = Object.entries(spec.labels);
	if (first === undefined) return [];
	return structuredClone(
		cluster.api
			.peekIndexed('Pod', POD_LABELS, labelValue(namespace, first[0], first[1]))
			.filter((p) => p.metadata.namespace === namespace && Object.entries(spec.labels).every(([k, v]) => p.metadata.labels?.[k] === v)),
	);
}

/** Brings the Deployment to `replicas` Pods and returns them. */
export function scaleDeployment(cluster: Cluster, spec: DeploymentSpec, replicas: number): Pod[] {
	const namespace = spec.namespace ?? 'default';
	const existing = deploymentPods(cluster, spec).sort((a, b) =>
		(a.metadata.creationTimestamp ?? '') < (b.metadata.creationTimestamp ?? '') ? -1 : 1,
	);
	const hash = templateHash(cluster, `${namespace}/${spec.name}`);
	for (let i = existing.length; i < replicas; i++) {
		const pod: Pod = {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {
				name: cluster.api.generateName(`${spec.name}-${hash}-`),
				namespace,
				labels: {...spec.labels, 'pod-template-hash': hash},
			},
			spec: {containers: [spec.container]},
			status: {},
		};
		const pinned = spec.nodeNames?.[i % spec.nodeNames.length];
		if (pinned) pod.spec.nodeName = pinned;
		cluster.create(pod);
	}
	for (const pod of existing.slice(replicas).reverse()) cluster.delete('Pod', pod.metadata.name, namespace);
	return deploymentPods(cluster, spec);
}
