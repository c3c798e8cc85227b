// A minimal kube-scheduler: a Pod without spec.nodeName goes to the schedulable node with the
// fewest Pods (ties by name). Control-plane nodes carry the NoSchedule taint on kubeadm clusters,
// so they are used only when there is nothing else, as for a single-node cluster untainted by hand.
import {CONTROL_PLANE_LABEL, type Node} from '../api/types.js';

/** `podsOn(node)`: how many Pods are bound to the node (the Pod being scheduled is not yet). */
export function pickNode(nodes: readonly Node[], podsOn: (nodeName: string) => number): Node | undefined {
	if (nodes.length === 0) return undefined;
	const workers = nodes.filter((n) => n.metadata.labels?.[CONTROL_PLANE_LABEL] === undefined);
	const candidates = workers.length > 0 ? workers : nodes;
	const load = new Map(candidates.map((n) => [n.metadata.name, podsOn(n.metadata.name)]));
	return [...candidates].sort((a, b) => {
		const diff = load.get(a.metadata.name)! - load.get(b.metadata.name)!;
		return diff !== 0 ? diff : a.metadata.name < b.metadata.name ? -1 : 1;
	})[0];
}
