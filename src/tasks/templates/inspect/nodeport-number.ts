// Inspect: the node port the API server allocated to a NodePort Service.
import {readCount} from '../../../quiz/normalize.js';
import {answerCheck, failed} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, nsFlag, plantApp, TASK_VERSION} from '../common.js';

export const nodePortNumber: TaskTemplate = {
	id: 'nodeport-number',
	group: 'inspect',
	title: 'Find the node port of a NodePort Service',
	version: TASK_VERSION,
	generate(setup) {
		const {random, cluster} = setup;
		const dir = courseDir(random);
		const app = plantApp(setup, random);
		const service = cluster.api.get('Service', app.service, app.namespace)!;
		// Type NodePort without a nodePort: the API server allocates one from 30000-32767.
		cluster.apply({...service, spec: {...service.spec, type: 'NodePort'}});
		const file = `${dir}/${random.pick(['nodeport', 'port.txt', 'node-port'])}`;
		const ns = nsFlag(app.namespace);
		return {
			text: `Service ${app.service} (namespace ${app.namespace}) is reachable on every node's address at a node port the API server chose. Write that port number to ${file} on controlplane.`,
			hint: '`kubectl get svc` shows PORT(S) as port:nodePort/TCP; jsonpath {.spec.ports[0].nodePort} gives the number alone.',
			solution: [`mkdir -p ${dir}`, `kubectl${ns} get svc ${app.service} -o jsonpath='{.spec.ports[0].nodePort}' > ${file}`],
			check(world) {
				const nodePort = world.cluster.api.peekOne('Service', app.service, app.namespace)?.spec.ports?.[0]?.nodePort;
				const requirement = `${file} holds Service ${app.service}'s node port${nodePort ? ` (${nodePort})` : ''}`;
				if (nodePort === undefined) return [failed(requirement, `Service ${app.service} has no node port`)];
				return [answerCheck(world, 'controlplane', file, requirement, readCount, (n) => n === nodePort)];
			},
		};
	},
};
