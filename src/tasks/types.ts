// CKA-style practice tasks on the node shell's cluster. A template draws one task from a seed
// (names, namespaces, ports, ranges, which node, which Pod), prepares the cluster for it through
// the engine (a broken selector, a crash-looping kube-proxy), and gives the task text, a hint,
// a reference solution (shell lines) and a checker. The checker reads only the resulting cluster
// and the nodes' files, never what was typed: a result reached another way passes.
import type {Cluster} from '../sim/cluster/cluster.js';
import type {Random} from '../sim/random.js';
import type {FileSystem} from '../shell/types.js';

/** The three families of ../shared/reference/cka-practice.md: answer by looking, change the cluster, compute. */
export type TaskGroup = 'inspect' | 'change' | 'compute';
export const TASK_GROUPS: readonly TaskGroup[] = ['inspect', 'change', 'compute'];

/** One requirement of a task and whether the cluster meets it; `found` says what is there instead. */
export interface Check {
	requirement: string;
	pass: boolean;
	/** For a failed check: what the cluster or file had instead, e.g. "type is ClusterIP, expected NodePort". */
	found?: string;
}

/** What a checker may read: the cluster and each node's files, after the attempt. */
export interface TaskWorld {
	readonly cluster: Cluster;
	fs(node: string): FileSystem;
}

/** What a template's generator gets: the fresh cluster and the seed's own random stream. */
export interface TaskSetup extends TaskWorld {
	readonly seed: number;
	readonly random: Random;
}

/** One task, drawn from a seed. */
export interface Task {
	/** What to do, as the exam words it (several lines allowed). */
	text: string;
	hint: string;
	/** The reference solution, one shell line each. */
	solution: string[];
	check(world: TaskWorld): Check[];
}

export interface TaskTemplate {
	id: string;
	group: TaskGroup;
	title: string;
	/** The Kubernetes version the task assumes (the shell cluster's). */
	version: string;
	/** Draws the task from the seed and prepares the cluster for it (through the engine). */
	generate(setup: TaskSetup): Task;
}
