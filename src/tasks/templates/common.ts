// What the templates share: the version they assume, where answers go, the cluster's apps.
import type {Random} from '../../sim/random.js';
import type {TaskWorld} from '../types.js';

/** The shell cluster's Kubernetes version (control-plane/versions.ts), as the task list shows it. */
export const TASK_VERSION = 'v1.32';

/** A task's answer directory, /opt/course/N as the exam names them (N up to 999, so seeds rarely share one). */
export function courseDir(random: Random): string {
	return `/opt/course/${1 + random.int(999)}`;
}

export const WORKER_NODES = ['node01', 'node02'] as const;
export const NODES = ['controlplane', 'node01', 'node02'] as const;

/** Application Deployments in `default` (db and the seed's apps), by name. */
export function appDeployments(world: TaskWorld): string[] {
	return world.cluster.api
		.peek('Deployment')
		.filter((d) => (d.metadata.namespace ?? 'default') === 'default')
		.map((d) => d.metadata.name)
		.sort();
}

/** A name with a seeded suffix, so two seeds rarely ask for the same object. */
export function seededName(random: Random, stems: readonly string[]): string {
	return `${random.pick(stems)}-${random.pick(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'k', 'm', 'p', 'r', 's', 't', 'x', 'z'])}${1 + random.int(9)}`;
}

/** A namespace for the task, created through the engine. */
export function createNamespace(world: TaskWorld, name: string): void {
	world.cluster.create({apiVersion: 'v1', kind: 'Namespace', metadata: {name, labels: {'kubernetes.io/metadata.name': name}}, spec: {finalizers: ['kubernetes']}, status: {phase: 'Active'}});
}

export interface PlantedApp {
	namespace: string;
	deployment: string;
	service: string;
	containerPort: number;
	portName: string;
	servicePort: number;
}

const PLANTED = [
	{stem: 'webshop', image: 'nginx:1.27', portName: 'http', containerPort: 80},
	{stem: 'catalog', image: 'shop/catalog:2.1', portName: 'api', containerPort: 8080},
	{stem: 'billing', image: 'shop/billing:1.4', portName: 'web', containerPort: 8443},
	{stem: 'search', image: 'opensearch:2.17', portName: 'rest', containerPort: 9200},
	{stem: 'queue', image: 'rabbitmq:4.0', portName: 'amqp', containerPort: 5672},
	{stem: 'reports', image: 'grafana/grafana:11.3', portName: 'ui', containerPort: 3000},
];

/** A Deployment and a ClusterIP Service for it, names and ports drawn from the seed, in a seeded namespace. */
export function plantApp(world: TaskWorld, random: Random): PlantedApp {
	const app = random.pick(PLANTED);
	const namespace = random.pick(['default', 'shop', 'backend', 'team-a', 'prod']);
	const deployment = seededName(random, [app.stem]);
	const service = `${deployment}-${random.pick(['svc', 'service'])}`;
	const servicePort = random.pick([80, 8080, 443, 8000, app.containerPort]);
	if (namespace !== 'default' && !world.cluster.api.peekOne('Namespace', namespace)) createNamespace(world, namespace);
	world.cluster.create({
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: deployment, namespace, labels: {app: deployment}},
		spec: {
			replicas: 1 + random.int(3),
			selector: {matchLabels: {app: deployment}},
			template: {metadata: {labels: {app: deployment}}, spec: {containers: [{name: app.stem, image: app.image, ports: [{name: app.portName, containerPort: app.containerPort, protocol: 'TCP'}]}]}},
		},
	});
	world.cluster.create({
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name: service, namespace, labels: {app: deployment}},
		spec: {type: 'ClusterIP', selector: {app: deployment}, ports: [{port: servicePort, targetPort: app.containerPort, protocol: 'TCP'}]},
	});
	return {namespace, deployment, service, containerPort: app.containerPort, portName: app.portName, servicePort};
}

/** ` -n NS` for kubectl lines, nothing for default. */
export function nsFlag(namespace: string): string {
	return namespace === 'default' ? '' : ` -n ${namespace}`;
}
