// Change: a NodePort Service with externalTrafficPolicy: Local answers only on nodes that run one
// of its Pods; elsewhere kube-proxy DROPs the connection. Make it answer on every node.
import {traceConnection, outsideClientIP} from '../../../sim/cluster/trace-connection.js';
import {check, serviceOrCheck} from '../../checks.js';
import type {Check, TaskTemplate} from '../../types.js';
import {nsFlag, plantApp, TASK_VERSION, WORKER_NODES} from '../common.js';

export const etpLocal: TaskTemplate = {
	id: 'etp-local',
	group: 'change',
	title: 'A NodePort that answers on one node and not another',
	version: TASK_VERSION,
	generate(setup) {
		const {random, cluster} = setup;
		const app = plantApp(setup, random);
		// One replica: it runs on one worker only.
		const deployment = cluster.api.get('Deployment', app.deployment, app.namespace)!;
		cluster.apply({...deployment, spec: {...deployment.spec, replicas: 1}});
		const planted = cluster.api.get('Service', app.service, app.namespace)!;
		const nodePort = 30000 + random.int(2768);
		cluster.apply({...planted, spec: {...planted.spec, type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{...planted.spec.ports![0]!, nodePort}]}});
		const podNode = cluster.pods().find((p) => p.metadata.namespace === app.namespace && p.metadata.labels?.['app'] === app.deployment)?.spec.nodeName ?? 'node01';
		const other = WORKER_NODES.find((n) => n !== podNode)!;
		const ns = nsFlag(app.namespace);
		return {
			text: `Service ${app.service} (namespace ${app.namespace}) answers on ${podNode}'s node port ${nodePort} but not on ${other}'s: clients outside the cluster time out there. Make it answer on every node's node port ${nodePort}, without adding Pods.`,
			hint: "Look at the Service's externalTrafficPolicy (`kubectl describe svc`), and at which node its only Pod runs on.",
			solution: [`kubectl${ns} describe svc ${app.service}`, `kubectl${ns} get pods -o wide`, `kubectl${ns} patch service ${app.service} -p '{"spec":{"externalTrafficPolicy":"Cluster"}}'`],
			check(world) {
				const found = serviceOrCheck(world, app.namespace, app.service);
				if ('check' in found) return [found.check];
				const checks: Check[] = [];
				const s = found.service;
				checks.push(check(`Service ${app.service}: node port ${nodePort} kept`, s.spec.ports?.some((p) => p.nodePort === nodePort) === true, `node ports are ${(s.spec.ports ?? []).map((p) => p.nodePort ?? 'none').join(', ')}`));
				const pods = world.cluster.pods().filter((p) => p.metadata.namespace === app.namespace && p.metadata.labels?.['app'] === app.deployment);
				checks.push(check(`Deployment ${app.deployment}: still one Pod`, pods.length === 1, `it has ${pods.length} Pods`));
				const client = outsideClientIP(world.cluster);
				for (const node of WORKER_NODES) {
					const ip = world.cluster.api.peekOne('Node', node)!.status.addresses!.find((a) => a.type === 'InternalIP')!.address;
					let outcome: string;
					try {
						const outcomes = traceConnection(world.cluster, {node, from: client, to: {ip, port: nodePort}, proto: 'tcp'}).result.outcomes;
						outcome = outcomes.every((o) => o.verdict === 'DNAT') ? 'DNAT' : [...new Set(outcomes.map((o) => o.verdict))].join('/');
					} catch (error) {
						outcome = (error as Error).message;
					}
					checks.push(check(`a client outside the cluster reaches ${app.service} at ${node}:${nodePort}`, outcome === 'DNAT', `the connection ends in ${outcome} on ${node}`));
				}
				return checks;
			},
		};
	},
};
