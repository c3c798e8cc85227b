// A node shell on a fresh kubeadm-shaped cluster, for the shell's tests.
import {newKubeadmCluster} from '../../src/sim/scenarios/kubeadm-cluster.js';
import {generateScenario} from '../../src/sim/scenarios/generate.js';
import {Session, type SessionOptions} from '../../src/shell/session.js';

export const NODE_IPS = ['192.168.56.10', '192.168.56.11', '192.168.56.12'];

/** controlplane, node01, node02 with kubernetes and kube-dns only. */
export function bareShell(options: Partial<SessionOptions> = {}): Session {
	return new Session({cluster: newKubeadmCluster(1, NODE_IPS), ...options});
}

/** A seeded scenario cluster (application Services and Pods). */
export function scenarioShell(seed: number, options: Partial<SessionOptions> = {}): Session {
	return new Session({cluster: generateScenario({seed}), ...options});
}

/** Runs lines in order and returns the last one's result. */
export function runAll(session: Session, ...lines: string[]) {
	let result = session.run('');
	for (const line of lines) result = session.run(line);
	return result;
}
