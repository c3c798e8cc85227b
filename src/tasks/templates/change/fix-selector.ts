// Change: a Service whose selector matches no Pod (a typo in a label value) has no endpoints;
// kube-proxy REJECTs its connections. Fix it so it selects its Deployment's Pods again.
import {check, deploymentPods, listText, podEndpoints, portFacts, readyEndpoints, sameList, serviceOrCheck} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {nsFlag, plantApp, TASK_VERSION} from '../common.js';

export const fixSelector: TaskTemplate = {
	id: 'fix-selector',
	group: 'change',
	title: 'Fix a Service whose selector matches no Pod',
	version: TASK_VERSION,
	generate(setup) {
		const {random, cluster} = setup;
		const app = plantApp(setup, random);
		const {namespace, deployment, service: name, servicePort, containerPort} = app;
		const typo = random.pick([`${deployment}s`, `${deployment}-v2`, deployment.replace('-', '_'), `${deployment}-app`, `my-${deployment}`]);
		const service = cluster.api.get('Service', name, namespace)!;
		cluster.apply({...service, spec: {...service.spec, selector: {app: typo}}});
		const ns = nsFlag(namespace);
		return {
			text: `Connections to Service ${name} (namespace ${namespace}) are refused. Find out why and fix the Service so that it sends to the Pods of Deployment ${deployment}. Do not change the Deployment.`,
			hint: '`kubectl get endpoints` shows a Service without endpoints; compare `kubectl get svc -o wide` (SELECTOR) with `kubectl get pods --show-labels`.',
			solution: [`kubectl${ns} get svc ${name} -o wide`, `kubectl${ns} get pods --show-labels`, `kubectl${ns} patch service ${name} -p '{"spec":{"selector":{"app":"${deployment}"}}}'`],
			check(world) {
				const found = serviceOrCheck(world, namespace, name);
				if ('check' in found) return [found.check];
				const expected = podEndpoints(deploymentPods(world, namespace, deployment), containerPort);
				const actual = readyEndpoints(portFacts(world, found.service).find((f) => f.info.port === servicePort));
				const d = world.cluster.api.peekOne('Deployment', deployment, namespace);
				return [
					check(`Service ${name}: port ${servicePort} kept`, found.service.spec.ports?.some((p) => p.port === servicePort) === true, `ports are ${(found.service.spec.ports ?? []).map((p) => p.port).join(', ') || 'none'}`),
					check(`Service ${name}: its endpoints are Deployment ${deployment}'s Pods`, actual.length > 0 && sameList(actual, expected), `endpoints are ${listText(actual)}, expected ${listText(expected)} (selector ${JSON.stringify(found.service.spec.selector ?? {})})`),
					check(`Deployment ${deployment}: Pod labels unchanged`, d?.spec.template.metadata?.labels?.['app'] === deployment, d ? `its Pods are labelled ${JSON.stringify(d.spec.template.metadata?.labels ?? {})}` : `Deployment ${deployment} is gone`),
				];
			},
		};
	},
};
