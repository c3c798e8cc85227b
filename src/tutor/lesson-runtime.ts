// A lesson played on a live cluster: the lesson's starting cluster is built from its seed, and
// every `cluster` step (apply / delete / scale) is carried out on it as the learner reaches it.
// Going back replays from the start, so the cluster is always exactly what the steps so far made
// it: the same for the same seed, on every run.
import type {ClusterAction, Lesson, StartingCluster} from '../lessons/load.js';
import {loadManifests} from '../manifest/index.js';
import type {Pod} from '../sim/api/types.js';
import type {Cluster} from '../sim/cluster/cluster.js';
import {generateScenario} from '../sim/scenarios/generate.js';
import {seedNotesCluster} from '../sim/scenarios/seed-notes.js';

export function startingCluster(start: StartingCluster, seed: number): Cluster {
	if (start === 'seed-notes') return seedNotesCluster(seed);
	return generateScenario({seed: start.scenario.seed + seed, nodes: start.scenario.nodes, services: start.scenario.services});
}

export interface ActionOutcome {
	step: number;
	/** What the learner is told happened: the components' own record of it. */
	messages: string[];
	error?: string;
}

export class LessonRuntime {
	private live: Cluster;
	private ranThrough = -1;
	private outcomes: ActionOutcome[] = [];

	constructor(
		readonly lesson: Lesson,
		readonly seed: number,
	) {
		this.live = startingCluster(lesson.cluster, seed);
	}

	get cluster(): Cluster {
		return this.live;
	}

	/** What the cluster steps up to the current one did, latest last. */
	get actionOutcomes(): readonly ActionOutcome[] {
		return this.outcomes;
	}

	/** Brings the cluster to the state after step `index` (its own action included). */
	goTo(index: number): void {
		if (index < this.ranThrough) {
			this.live = startingCluster(this.lesson.cluster, this.seed);
			this.ranThrough = -1;
			this.outcomes = [];
		}
		for (let i = this.ranThrough + 1; i <= index && i < this.lesson.steps.length; i++) {
			const step = this.lesson.steps[i]!;
			if ('cluster' in step) this.outcomes.push(this.run(i, step.cluster));
			this.ranThrough = i;
		}
	}

	private run(stepIndex: number, action: ClusterAction): ActionOutcome {
		const before = this.live.events.length;
		try {
			if ('apply' in action) {
				const loaded = loadManifests([{name: `${this.lesson.id} step ${stepIndex + 1}`, text: action.apply}]);
				for (const object of loaded.objects) this.live.apply(object);
			} else if ('delete' in action) {
				const {kind, name, namespace} = action.delete;
				this.live.delete(kind, name, namespace);
				this.live.record('kubectl', `${kind.toLowerCase()} "${name}" deleted`);
			} else {
				scaleBySelector(this.live, action.scale);
			}
			return {step: stepIndex, messages: this.live.events.slice(before).map((e) => `${e.source}: ${e.message}`)};
		} catch (error) {
			return {step: stepIndex, messages: [], error: error instanceof Error ? error.message : String(error)};
		}
	}
}

/**
 * The lessons' `scale`: Pods matching the selector are copied (from the oldest, as a ReplicaSet
 * stamps them from one template) or removed newest first, until there are `replicas`.
 */
export function scaleBySelector(cluster: Cluster, scale: {selector: Record<string, string>; namespace?: string; replicas: number; nodes?: string[]}): void {
	const namespace = scale.namespace ?? 'default';
	const matching = (): Pod[] =>
		cluster
			.pods()
			.filter((p) => p.metadata.namespace === namespace && Object.entries(scale.selector).every(([k, v]) => p.metadata.labels?.[k] === v))
			.sort((a, b) => ((a.metadata.creationTimestamp ?? '') < (b.metadata.creationTimestamp ?? '') ? -1 : 1));
	const pods = matching();
	const template = pods[0];
	if (pods.length < scale.replicas && !template) {
		throw new Error(`no Pod matches ${JSON.stringify(scale.selector)} in ${namespace}, so there is nothing to scale up from`);
	}
	for (let i = pods.length; i < scale.replicas; i++) {
		// Deployment Pods are named <deployment>-<hash>-<random>: keep the prefix, new random part.
		const prefix = /-[a-z0-9]{5}$/.test(template!.metadata.name) ? template!.metadata.name.slice(0, -5) : `${template!.metadata.name}-`;
		const node = scale.nodes?.[(i - pods.length) % scale.nodes.length];
		const copy: Pod = {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {name: cluster.api.generateName(prefix), namespace, labels: {...template!.metadata.labels}},
			spec: {...(node ? {nodeName: node} : {}), containers: template!.spec.containers},
			status: {},
		};
		cluster.create(copy);
		cluster.record('kube-controller-manager', `ReplicaSet created Pod ${namespace}/${copy.metadata.name}`);
	}
	for (const pod of pods.slice(scale.replicas).reverse()) {
		cluster.delete('Pod', pod.metadata.name, namespace);
		cluster.record('kube-controller-manager', `ReplicaSet deleted Pod ${namespace}/${pod.metadata.name}`);
	}
}
