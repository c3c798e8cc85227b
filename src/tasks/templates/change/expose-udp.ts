// Change: a Service for a UDP application: the port's protocol must say so (TCP is the default),
// or kube-proxy writes TCP rules and the datagrams meet none.
import {check, deploymentPods, listText, podEndpoints, portFacts, readyEndpoints, sameList, serviceOrCheck} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {createNamespace, nsFlag, seededName, TASK_VERSION} from '../common.js';

const UDP_APPS = [
	{stem: 'statsd', image: 'statsd/statsd:v0.10.2', containerPort: 8125},
	{stem: 'syslog', image: 'balabit/syslog-ng:4.8.1', containerPort: 514},
	{stem: 'dns-cache', image: 'coredns/coredns:1.11.3', containerPort: 5353},
	{stem: 'tftp', image: 'pghalliday/tftp:1.0', containerPort: 69},
	{stem: 'game', image: 'games/server:2.3', containerPort: 27015},
];

export const exposeUDP: TaskTemplate = {
	id: 'expose-udp',
	group: 'change',
	title: 'Expose a UDP application',
	version: TASK_VERSION,
	generate(setup) {
		const {random, cluster} = setup;
		const app = random.pick(UDP_APPS);
		const namespace = random.pick(['default', 'monitoring', 'infra', 'games']);
		const deployment = seededName(random, [app.stem]);
		const service = `${deployment}-udp`;
		const port = random.pick([app.containerPort, 1000 + random.int(9000)]);
		if (namespace !== 'default') createNamespace(setup, namespace);
		cluster.create({
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: {name: deployment, namespace, labels: {app: deployment}},
			spec: {
				replicas: 1 + random.int(3),
				selector: {matchLabels: {app: deployment}},
				template: {metadata: {labels: {app: deployment}}, spec: {containers: [{name: app.stem, image: app.image, ports: [{containerPort: app.containerPort, protocol: 'UDP'}]}]}},
			},
		});
		const ns = nsFlag(namespace);
		return {
			text: `Deployment ${deployment} (namespace ${namespace}) listens on UDP port ${app.containerPort}. Create a ClusterIP Service ${service} that takes UDP on port ${port} and sends it to the Pods' port ${app.containerPort}.`,
			hint: '`kubectl expose` takes --protocol; a Service port is TCP unless it says otherwise.',
			solution: [`kubectl${ns} expose deployment ${deployment} --name ${service} --port ${port} --target-port ${app.containerPort} --protocol UDP`],
			check(world) {
				const found = serviceOrCheck(world, namespace, service);
				if ('check' in found) return [found.check];
				const s = found.service;
				const ports = s.spec.ports ?? [];
				const p = ports.find((x) => x.port === port);
				const expected = podEndpoints(deploymentPods(world, namespace, deployment), app.containerPort);
				const actual = readyEndpoints(portFacts(world, s).find((f) => f.info.port === port && f.info.protocol === 'udp'));
				return [
					check(`Service ${service}: port ${port}`, p !== undefined, `ports are ${ports.map((x) => `${x.port}/${x.protocol ?? 'TCP'}`).join(', ') || 'none'}, expected ${port}/UDP`),
					check(`Service ${service}: port ${port} is UDP`, p?.protocol === 'UDP', p ? `its protocol is ${p.protocol ?? 'TCP'}, expected UDP` : `no port ${port}`),
					check(`Service ${service}: its UDP endpoints are the Deployment's Pods on port ${app.containerPort}`, actual.length > 0 && sameList(actual, expected), `UDP endpoints are ${listText(actual)}, expected ${listText(expected)}`),
				];
			},
		};
	},
};
