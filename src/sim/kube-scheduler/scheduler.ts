// A minimal kube-scheduler: a Pod without spec.nodeName goes to the schedulable node with the
// fewest Pods (ties by name). Control-plane nodes carry the NoSchedule taint on kubeadm clusters,
// so they are used only when there is nothing else, as for a single-node cluster untainted by hand.
import {CONTROL_PLANE_LABEL, type Node, type Pod} from '../api/types.js';

export function pickNode(pod: Pod, nodes: readonly Node[], pods: readonly Pod[]): Node | undefined {
	if (nodes.length === 0) return undefined;
	const workers = nodes.filter((n) => n.metadata.labels?.[CONTROL_PLANE_LABEL] === undefined);
	const candidates = workers.length > 0 ? workers : nodes;
	const load = new Map<string, number>();
	for (const p of pods) if (p.spec.nodeName && p !== pod) load.set(p.spec.nodeName, (load.get(p.spec.nodeName) ?? 0) + 1);
	return [...candidates].sort((a, b) => {
		const diff = (load.get(a.metadata.name) ?? 0) - (load.get(b.metadata.name) ?? 0);
		return diff !== 0 ? diff : a.metadata.name < b.metadata.name ? -1 : 1;
	})[0];
}
