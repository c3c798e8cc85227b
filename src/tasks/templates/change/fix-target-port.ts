// Change: a Service whose targetPort is a port no container listens on: kube-proxy DNATs to
// Pod IP:wrong-port and the connection is refused. Fix the targetPort, keep the Service's port.
import {check, deploymentPods, listText, podEndpoints, portFacts, readyEndpoints, sameList, serviceOrCheck} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {nsFlag, plantApp, TASK_VERSION} from '../common.js';

export const fixTargetPort: TaskTemplate = {
	id: 'fix-target-port',
	group: 'change',
	title: 'Fix a Service whose targetPort is wrong',
	version: TASK_VERSION,
	generate(setup) {
		const {random, cluster} = setup;
		const {namespace, deployment, service: name, servicePort, containerPort} = plantApp(setup, random);
		const wrong = random.pick([containerPort + 1, containerPort + 1000, containerPort === 8080 ? 80 : 8080, 9376, containerPort === 80 ? 8000 : 80]);
		const service = cluster.api.get('Service', name, namespace)!;
		cluster.apply({...service, spec: {...service.spec, ports: [{...service.spec.ports![0]!, targetPort: wrong}]}});
		const ns = nsFlag(namespace);
		return {
			text: `Service ${name} (namespace ${namespace}) has endpoints, yet connections to it on port ${servicePort} are refused: it sends them to a port the Pods of Deployment ${deployment} do not listen on. Fix the Service; its port must stay ${servicePort}.`,
			hint: "Compare the Service's targetPort with the containerPort in the Deployment's Pod template (`kubectl describe svc`, `kubectl get deploy -o yaml`).",
			solution: [
				`kubectl${ns} describe svc ${name}`,
				`kubectl${ns} get deploy ${deployment} -o jsonpath='{.spec.template.spec.containers[0].ports}'`,
				`kubectl${ns} patch service ${name} -p '{"spec":{"ports":[{"port":${servicePort},"targetPort":${containerPort}}]}}'`,
			],
			check(world) {
				const found = serviceOrCheck(world, namespace, name);
				if ('check' in found) return [found.check];
				const expected = podEndpoints(deploymentPods(world, namespace, deployment), containerPort);
				const fact = portFacts(world, found.service).find((f) => f.info.port === servicePort);
				const actual = readyEndpoints(fact);
				return [
					check(`Service ${name}: port ${servicePort} kept`, fact !== undefined, `ports are ${(found.service.spec.ports ?? []).map((p) => p.port).join(', ') || 'none'}, expected ${servicePort}`),
					check(`Service ${name}: sends to the Pods' port ${containerPort}`, actual.length > 0 && sameList(actual, expected), `endpoints are ${listText(actual)}, expected ${listText(expected)}`),
				];
			},
		};
	},
};
