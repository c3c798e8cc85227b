// The cluster of the user's notes: Pod `db` at 10.244.1.2 on node01 and its ClusterIP Service
// `db-service` at 10.103.132.104:3306, in a kubeadm cluster (10.96.0.0/12, flannel's 10.244.0.0/16).
import type {Cluster} from '../cluster/cluster.js';
import {addNode, newKubeadmCluster} from './kubeadm-cluster.js';

export const SEED_NOTES = {
	podName: 'db',
	podIP: '10.244.1.2',
	serviceName: 'db-service',
	clusterIP: '10.103.132.104',
	port: 3306,
	serviceCIDR: '10.96.0.0/12',
} as const;

export function seedNotesCluster(seed = 1): Cluster {
	const cluster = newKubeadmCluster(seed, ['192.168.56.10', '192.168.56.11', '192.168.56.12']);
	// node01 registers second, so it gets 10.244.1.0/24, and `db` is its first Pod: 10.244.1.2.
	cluster.create({
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name: SEED_NOTES.podName, namespace: 'default', labels: {app: 'db'}},
		spec: {nodeName: 'node01', containers: [{name: 'mysql', image: 'mysql:8.4', ports: [{name: 'mysql', containerPort: 3306, protocol: 'TCP'}]}]},
		status: {},
	});
	cluster.create({
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name: SEED_NOTES.serviceName, namespace: 'default'},
		spec: {type: 'ClusterIP', clusterIP: SEED_NOTES.clusterIP, selector: {app: 'db'}, ports: [{port: 3306, protocol: 'TCP', targetPort: 3306}]},
	});
	return cluster;
}

export {addNode};
