// Seeded realistic clusters for practice: a control plane and workers on a node network, flannel
// pod CIDRs, Deployments whose Pods the scheduler spreads over the workers, and Services of the
// kinds people run — ClusterIP and NodePort, named and numbered target ports, some with several
// endpoints, some with none (scaled to zero).
import type {Container, Service, ServicePort} from '../api/types.js';
import type {Cluster} from '../cluster/cluster.js';
import {scaleDeployment} from '../workloads/deployment.js';
import {newKubeadmCluster} from './kubeadm-cluster.js';

export interface ScenarioOptions {
	seed: number;
	/** Worker nodes (the control plane comes on top). */
	nodes?: number;
	/** Application Services (kubernetes and kube-dns come on top). */
	services?: number;
	/**
	 * As in ClusterOptions. `svc-tutor scenario` only exports the objects: with a kube-proxy on each
	 * of 200 nodes, 20,000 Services ran out of memory; started on demand, none runs.
	 */
	kubeProxies?: 'every-node' | 'on-demand';
}

interface App {
	name: string;
	image: string;
	containerPorts: {name?: string; containerPort: number; protocol?: 'TCP' | 'UDP'}[];
	servicePorts: ServicePort[];
	type?: 'NodePort';
	affinity?: boolean;
}

const CATALOG: App[] = [
	{name: 'web', image: 'nginx:1.27', containerPorts: [{name: 'http', containerPort: 8080}], servicePorts: [{name: 'http', port: 80, targetPort: 'http'}]},
	{name: 'shop', image: 'shop/storefront:2.3', containerPorts: [{name: 'http', containerPort: 3000}], servicePorts: [{name: 'http', port: 80, targetPort: 3000}], type: 'NodePort'},
	{name: 'db', image: 'mysql:8.4', containerPorts: [{containerPort: 3306}], servicePorts: [{port: 3306}]},
	{name: 'cache', image: 'redis:7.4', containerPorts: [{name: 'redis', containerPort: 6379}], servicePorts: [{name: 'redis', port: 6379, targetPort: 'redis'}]},
	{name: 'api', image: 'shop/api:1.8', containerPorts: [{name: 'http', containerPort: 8080}, {name: 'metrics', containerPort: 9090}], servicePorts: [{name: 'http', port: 8080, targetPort: 'http'}, {name: 'metrics', port: 9090, targetPort: 'metrics'}]},
	{name: 'frontend', image: 'shop/frontend:4.1', containerPorts: [{containerPort: 80}], servicePorts: [{port: 80}], type: 'NodePort'},
	{name: 'payments', image: 'shop/payments:1.2', containerPorts: [{name: 'https', containerPort: 8443}], servicePorts: [{name: 'https', port: 443, targetPort: 'https'}], affinity: true},
	{name: 'statsd', image: 'statsd/statsd:0.10', containerPorts: [{name: 'statsd', containerPort: 8125, protocol: 'UDP'}], servicePorts: [{name: 'statsd', port: 8125, protocol: 'UDP', targetPort: 8125}]},
	{name: 'search', image: 'opensearch:2.17', containerPorts: [{name: 'http', containerPort: 9200}], servicePorts: [{name: 'http', port: 9200, targetPort: 'http'}]},
	{name: 'grafana', image: 'grafana/grafana:11.3', containerPorts: [{name: 'http', containerPort: 3000}], servicePorts: [{port: 3000}], type: 'NodePort'},
];

const NODE_NETWORKS = ['192.168.56', '192.168.121', '172.30.1', '10.0.2'];

export function generateScenario(options: ScenarioOptions): Cluster {
	const workers = options.nodes ?? 2;
	const count = options.services ?? 4;
	if (!Number.isInteger(workers) || workers < 1 || workers > 200) throw new RangeError('--nodes must be a whole number from 1 to 200');
	if (!Number.isInteger(count) || count < 0 || count > 20000) throw new RangeError('--services must be a whole number from 0 to 20000');
	const plan = options.seed;
	const cluster = newKubeadmCluster(plan, nodeIPs(plan, workers), options.kubeProxies);
	const random = cluster.random.fork('scenario');
	const apps = random.shuffle(CATALOG);
	// Every scenario has a NodePort Service with endpoints, so there is always a way in from outside to practise.
	const scaledToZero = (i: number): boolean => count >= 3 && i === 1;
	const servesNodePort = Array.from({length: count}, (_, i) => i).some((i) => apps[i % apps.length]!.type === 'NodePort' && !scaledToZero(i));
	for (let i = 0; i < count; i++) {
		const base = apps[i % apps.length]!;
		const round = Math.floor(i / apps.length);
		const name = round === 0 ? base.name : `${base.name}-${round + 1}`;
		// Every scenario with three or more Services has one scaled to zero (no endpoints) and one with three.
		const replicas = scaledToZero(i) ? 0 : count >= 3 && i === 0 ? 3 : 1 + random.int(3);
		const container: Container = {name: base.name, image: base.image, ports: base.containerPorts.map((p) => ({...p, protocol: p.protocol ?? 'TCP'}))};
		scaleDeployment(cluster, {name, labels: {app: name}, container}, replicas);
		// --service-node-port-range holds 2,768 ports: once they are all taken, further Services of a
		// NodePort kind are made ClusterIP, as a cluster admin would have to.
		const nodePortsLeft = cluster.api.nodePorts.free >= base.servicePorts.length;
		const type = base.type === 'NodePort' && !nodePortsLeft ? 'ClusterIP' : (base.type ?? (i === 0 && !servesNodePort ? 'NodePort' : 'ClusterIP'));
		const service: Service = {
			apiVersion: 'v1',
			kind: 'Service',
			metadata: {name, namespace: 'default', labels: {app: name}},
			spec: {
				type,
				selector: {app: name},
				ports: base.servicePorts.map((p) => ({...p, protocol: p.protocol ?? 'TCP'})),
				...(base.affinity ? {sessionAffinity: 'ClientIP' as const} : {}),
			},
		};
		cluster.create(service);
	}
	return cluster;
}

function nodeIPs(seed: number, workers: number): string[] {
	const network = NODE_NETWORKS[Math.abs(seed) % NODE_NETWORKS.length]!;
	return Array.from({length: workers + 1}, (_, i) => {
		const host = 10 + i;
		return host < 255 ? `${network}.${host}` : `${network.split('.').slice(0, 2).join('.')}.${Math.floor(host / 250) + 1}.${host % 250}`;
	});
}
