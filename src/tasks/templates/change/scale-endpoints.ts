// Change: a Service's endpoints follow its Pods: give it a number of endpoints by scaling the
// Deployment behind it (the Service itself has no count to set).
import {check, deploymentPods, listText, podEndpoints, portFacts, readyEndpoints, sameList, serviceOrCheck} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {nsFlag, plantApp, TASK_VERSION} from '../common.js';

export const scaleEndpoints: TaskTemplate = {
	id: 'scale-endpoints',
	group: 'change',
	title: 'Give a Service a number of endpoints',
	version: TASK_VERSION,
	generate(setup) {
		const {random, cluster} = setup;
		const app = plantApp(setup, random);
		const current = cluster.api.peekOne('Deployment', app.deployment, app.namespace)!.spec.replicas ?? 1;
		const wanted = random.pick([2, 3, 4, 5, 6].filter((n) => n !== current));
		const ns = nsFlag(app.namespace);
		return {
			text: `Service ${app.service} (namespace ${app.namespace}) must spread connections over exactly ${wanted} endpoints, all Pods of Deployment ${app.deployment}. Make it so.`,
			hint: 'A Service has as many endpoints as ready Pods it selects: scale what makes the Pods.',
			solution: [`kubectl${ns} get endpoints ${app.service}`, `kubectl${ns} scale deployment ${app.deployment} --replicas ${wanted}`],
			check(world) {
				const found = serviceOrCheck(world, app.namespace, app.service);
				if ('check' in found) return [found.check];
				const actual = readyEndpoints(portFacts(world, found.service).find((f) => f.info.port === app.servicePort));
				const pods = podEndpoints(deploymentPods(world, app.namespace, app.deployment), app.containerPort);
				return [
					check(`Service ${app.service}: ${wanted} endpoints`, actual.length === wanted, `it has ${actual.length}: ${listText(actual)}`),
					check(`Service ${app.service}: its endpoints are Deployment ${app.deployment}'s Pods`, actual.length > 0 && sameList(actual, pods), `endpoints are ${listText(actual)}, the Deployment's Pods are ${listText(pods)}`),
				];
			},
		};
	},
};
