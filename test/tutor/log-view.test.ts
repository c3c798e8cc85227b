// The course's kube-proxy log: which lines a default kubeadm node shows (no --v: V(0) only) and
// which need --v=4 (the service port lines, klog.V(4) in pkg/proxy/servicechangetracker.go).
import test from 'ava';
import {seedNotesCluster} from '../../src/sim/scenarios/seed-notes.js';
import {KUBEADM_KUBE_PROXY_VERBOSITY, kubeProxyLog} from '../../src/tutor/log-view.js';

test('the notes cluster: "Using iptables Proxier" shows on a default node; "Adding new service port" needs --v=4', (t) => {
	const cluster = seedNotesCluster();
	const log = kubeProxyLog(cluster, 'node01')!;
	t.is(KUBEADM_KUBE_PROXY_VERBOSITY, 0);
	const proxier = log.find((l) => l.text.endsWith('"Using iptables Proxier"'))!;
	t.is(proxier.verbosity, 0);
	const db = log.find((l) => l.text.includes('"Adding new service port" portName="default/db-service"'))!;
	t.is(db.verbosity, 4);
	t.deepEqual(
		log.filter((l) => l.verbosity <= KUBEADM_KUBE_PROXY_VERBOSITY).map((l) => l.text),
		cluster.kubeProxy('node01')!.logLinesAt(0),
	);
	t.false(log.some((l) => l.verbosity === 0 && /service port/.test(l.text)));
	t.is(kubeProxyLog(cluster, 'no-such-node'), undefined);
});
