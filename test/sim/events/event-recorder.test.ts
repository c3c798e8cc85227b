// The event recorder: a repeated report about the same object is counted on one Event (count,
// lastTimestamp), a different one is a new Event named `<object>.<hex nanoseconds>`.
import test from 'ava';
import {Cluster} from '../../../src/sim/cluster/cluster.js';
import {addNode} from '../../../src/sim/scenarios/kubeadm-cluster.js';

test('the same object, reason and message are counted on one Event; another message is another Event', (t) => {
	const c = new Cluster({seed: 4, recordEvents: true});
	addNode(c, 'node01', '192.168.56.11');
	const node = c.api.get('Node', 'node01')!;
	const recorder = c.eventRecorder!;
	recorder.record(node, 'Warning', 'Rebooted', 'Node node01 has been rebooted', {component: 'kubelet', host: 'node01'});
	c.clock.advance(5000);
	recorder.record(node, 'Warning', 'Rebooted', 'Node node01 has been rebooted', {component: 'kubelet', host: 'node01'});
	recorder.record(node, 'Normal', 'NodeReady', 'Node node01 status is now: NodeReady', {component: 'kubelet', host: 'node01'});
	const events = c.api.list('Event', 'default');
	t.is(events.length, 2);
	const rebooted = events.find((e) => e.reason === 'Rebooted')!;
	t.is(rebooted.count, 2);
	t.not(rebooted.firstTimestamp, rebooted.lastTimestamp);
	t.regex(rebooted.metadata.name, /^node01\.[0-9a-f]{16}$/);
	t.deepEqual(rebooted.involvedObject, {kind: 'Node', name: 'node01', uid: node.metadata.uid, apiVersion: 'v1', resourceVersion: node.metadata.resourceVersion});
	t.deepEqual(rebooted.source, {component: 'kubelet', host: 'node01'});
});
