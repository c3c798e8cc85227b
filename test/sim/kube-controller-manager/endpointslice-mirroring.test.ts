// The EndpointSlice mirroring controller's slices (pkg/controller/endpointslicemirroring): names,
// labels, owner, which addresses, their conditions.
import test from 'ava';
import type {Service} from '../../../src/sim/api/types.js';
import {mirroredSlices, shouldMirror, type V1Endpoints} from '../../../src/sim/kube-controller-manager/endpointslice-mirroring.js';

const endpoints: V1Endpoints = {
	metadata: {name: 'nas', namespace: 'storage', uid: 'u-1', labels: {team: 'storage'}, annotations: {'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:00Z', note: 'x'}},
	subsets: [
		{
			addresses: [{ip: '192.168.10.5', nodeName: 'n1'}, {ip: '192.168.10.5'}, {ip: 'fd00::5'}, {ip: 'not-an-ip'}],
			notReadyAddresses: [{ip: '192.168.10.6'}],
			ports: [{name: 'nfs', port: 2049, protocol: 'TCP'}],
		},
	],
};

test('one slice per address type, each address once, not-ready ones with ready false and nothing else set', (t) => {
	let n = 0;
	const slices = mirroredSlices(endpoints, (prefix) => `${prefix}${++n}`);
	t.is(slices.length, 2);
	const [v4, v6] = slices;
	t.is(v4?.metadata.name, 'nas-1');
	t.is(v4?.metadata.generateName, 'nas-');
	t.is(v4?.metadata.namespace, 'storage');
	t.deepEqual(v4?.metadata.labels, {team: 'storage', 'kubernetes.io/service-name': 'nas', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io'});
	t.deepEqual(v4?.metadata.annotations, {note: 'x'});
	t.deepEqual(v4?.metadata.ownerReferences, [{apiVersion: 'v1', kind: 'Endpoints', name: 'nas', uid: 'u-1', controller: true, blockOwnerDeletion: true}]);
	t.is(v4?.addressType, 'IPv4');
	t.deepEqual(v4?.endpoints, [
		{addresses: ['192.168.10.5'], conditions: {ready: true}, nodeName: 'n1'},
		{addresses: ['192.168.10.6'], conditions: {ready: false}},
	]);
	t.deepEqual(v4?.ports, [{name: 'nfs', port: 2049, protocol: 'TCP'}]);
	t.is(v6?.addressType, 'IPv6');
	t.deepEqual(v6?.endpoints, [{addresses: ['fd00::5'], conditions: {ready: true}}]);
});

test('mirrored only for an existing Service without a selector, and not when skip-mirror is set', (t) => {
	const service = (selector?: Record<string, string>): Service => ({apiVersion: 'v1', kind: 'Service', metadata: {name: 'nas', namespace: 'storage'}, spec: {ports: [{port: 2049}], ...(selector ? {selector} : {})}});
	t.true(shouldMirror(endpoints, service()));
	t.false(shouldMirror(endpoints, service({app: 'nas'})));
	t.false(shouldMirror(endpoints, undefined));
	t.false(shouldMirror({...endpoints, metadata: {...endpoints.metadata, labels: {'endpointslice.kubernetes.io/skip-mirror': 'true'}}}, service()));
});
