// The cluster pane's "nat rules N": kube-proxy's rules in the nat table, not its filter rules.
import test from 'ava';
import {nodeBaseline} from '../../src/sim/iptables/node-baseline.js';
import {seedNotesCluster} from '../../src/sim/scenarios/seed-notes.js';
import {natRuleCount} from '../../src/tutor/rules-view.js';

test('nat rules counts what kube-proxy put in the nat table; a Service with no endpoints (a filter REJECT) adds none', (t) => {
	const cluster = seedNotesCluster();
	const natOf = (): number => {
		const inKernel = cluster.kubeProxy('node01')!.ruleset().tables.find((x) => x.name === 'nat')!.rules.length;
		const baseline = nodeBaseline().tables.find((x) => x.name === 'nat')!.rules.length;
		return inKernel - baseline;
	};
	const before = natRuleCount(cluster, 'node01');
	t.is(before, natOf());
	cluster.create({apiVersion: 'v1', kind: 'Service', metadata: {name: 'nobody', namespace: 'default'}, spec: {selector: {app: 'nobody'}, ports: [{port: 80, protocol: 'TCP'}]}});
	t.true(cluster.kubeProxy('node01')!.sync().restore.includes('"default/nobody has no endpoints"'));
	t.is(natRuleCount(cluster, 'node01'), before);
	t.is(natRuleCount(cluster, 'no-such-node'), 0);
});
