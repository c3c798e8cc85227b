// Change: expose a Deployment as a NodePort Service on a given node port, targeting the
// container port by its name (so the Service follows the Pods if their port number changes).
import type {Service} from '../../../sim/api/types.js';
import {check, deploymentPods, listText, podEndpoints, portFacts, readyEndpoints, sameList, serviceOrCheck} from '../../checks.js';
import type {Check, TaskTemplate} from '../../types.js';
import {createNamespace, seededName, TASK_VERSION} from '../common.js';

const APPS = [
	{stem: 'frontend', image: 'nginx:1.27', portName: 'http', containerPort: 80},
	{stem: 'shop', image: 'shop/web:2.1', portName: 'web', containerPort: 8080},
	{stem: 'docs', image: 'httpd:2.4', portName: 'http-alt', containerPort: 8081},
	{stem: 'metrics', image: 'grafana/grafana:11.3', portName: 'ui', containerPort: 3000},
	{stem: 'auth', image: 'shop/auth:0.9', portName: 'api', containerPort: 9090},
];

/** The requirements a NodePort Service for a set of Pods must meet; shared with other templates that create one. */
export function nodePortChecks(service: Service, expect: {port: number; targetPort: string | number; nodePort: number}, endpoints: string[], actual: string[]): Check[] {
	const name = `Service ${service.metadata.name}`;
	const port = service.spec.ports?.find((p) => p.port === expect.port);
	const ports = (service.spec.ports ?? []).map((p) => `${p.port}`).join(', ') || 'none';
	const type = service.spec.type ?? 'ClusterIP';
	return [
		check(`${name}: type NodePort`, type === 'NodePort', `type is ${type}, expected NodePort`),
		check(`${name}: port ${expect.port}`, port !== undefined, `ports are ${ports}, expected ${expect.port}`),
		check(`${name}: targetPort ${expect.targetPort}`, port !== undefined && port.targetPort === expect.targetPort, port ? `targetPort is ${port.targetPort ?? port.port}, expected ${expect.targetPort}` : `no port ${expect.port}`),
		check(`${name}: nodePort ${expect.nodePort}`, port?.nodePort === expect.nodePort, port ? `nodePort is ${port.nodePort ?? 'none'}, expected ${expect.nodePort}` : `no port ${expect.port}`),
		check(`${name}: its endpoints are the Deployment's Pods`, actual.length > 0 && sameList(actual, endpoints), `endpoints are ${listText(actual)}, expected ${listText(endpoints)}`),
	];
}

export const exposeNodePort: TaskTemplate = {
	id: 'expose-nodeport',
	group: 'change',
	title: 'Expose a Deployment as a NodePort Service with a named targetPort',
	version: TASK_VERSION,
	generate(setup) {
		const {random, cluster} = setup;
		const app = random.pick(APPS);
		const namespace = random.pick(['default', 'shop', 'web-team', 'apps']);
		const deployment = seededName(random, [app.stem]);
		const serviceName = `${deployment}-${random.pick(['svc', 'service', 'np'])}`;
		const port = random.pick([80, 8080, 8000, 9000, 3000]);
		const nodePort = 30000 + random.int(2768);
		if (namespace !== 'default') createNamespace(setup, namespace);
		cluster.create({
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: {name: deployment, namespace, labels: {app: deployment}},
			spec: {
				replicas: 2 + random.int(2),
				selector: {matchLabels: {app: deployment}},
				template: {metadata: {labels: {app: deployment}}, spec: {containers: [{name: app.stem, image: app.image, ports: [{name: app.portName, containerPort: app.containerPort, protocol: 'TCP'}]}]}},
			},
		});
		const ns = namespace === 'default' ? '' : ` -n ${namespace}`;
		return {
			text: `Deployment ${deployment} in namespace ${namespace} names its container port ${app.portName}. Expose it with a NodePort Service ${serviceName} on port ${port}, sending to the container port by its name, and reachable on every node at node port ${nodePort}.`,
			hint: '`kubectl expose` takes --type, --port and --target-port (a name works); set the nodePort afterwards with `kubectl patch`, or write the Service yourself.',
			solution: [
				`kubectl${ns} expose deployment ${deployment} --name ${serviceName} --type NodePort --port ${port} --target-port ${app.portName}`,
				`kubectl${ns} patch service ${serviceName} -p '{"spec":{"ports":[{"port":${port},"nodePort":${nodePort}}]}}'`,
			],
			check(world) {
				const found = serviceOrCheck(world, namespace, serviceName);
				if ('check' in found) return [found.check];
				const endpoints = podEndpoints(deploymentPods(world, namespace, deployment), app.containerPort);
				const actual = readyEndpoints(portFacts(world, found.service).find((f) => f.info.port === port));
				return nodePortChecks(found.service, {port, targetPort: app.portName, nodePort}, endpoints, actual);
			},
		};
	},
};
