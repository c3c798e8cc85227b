// Inspect: which Service a node port belongs to (a firewall log shows traffic to node:port).
import {check, readAnswerFile, shown} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, plantApp, TASK_VERSION, WORKER_NODES} from '../common.js';

export const nodePortOwner: TaskTemplate = {
	id: 'nodeport-owner',
	group: 'inspect',
	title: 'Which Service answers on a node port',
	version: TASK_VERSION,
	generate(setup) {
		const {random, cluster} = setup;
		const dir = courseDir(random);
		// A NodePort Service of the task's own, so the answer differs from seed to seed.
		const app = plantApp(setup, random);
		const planted = cluster.api.get('Service', app.service, app.namespace)!;
		const nodePort = 30000 + random.int(2768);
		cluster.apply({...planted, spec: {...planted.spec, type: 'NodePort', ports: [{...planted.spec.ports![0]!, nodePort}]}});
		const node = random.pick(WORKER_NODES);
		const ip = cluster.api.peekOne('Node', node)!.status.addresses!.find((a) => a.type === 'InternalIP')!.address;
		const file = `${dir}/${random.pick(['service.txt', 'owner', 'nodeport-service'])}`;
		const expected = `${app.namespace}/${app.service}`;
		return {
			text: `Connections to ${ip}:${nodePort} (${node}) reach some application. Write the namespace and name of the Service that owns node port ${nodePort}, as NAMESPACE/NAME, to ${file} on controlplane.`,
			hint: '`kubectl get svc -A` shows each NodePort Service\'s ports as port:nodePort/TCP; on a node, `iptables -t nat -L KUBE-NODEPORTS -n` shows the same with the Service in the comment.',
			solution: [`mkdir -p ${dir}`, `kubectl get svc -A --no-headers | grep ':${nodePort}/' | awk '{print $1 "/" $2}' > ${file}`],
			check(world) {
				const owner = world.cluster.api.peek('Service').find((s) => s.spec.ports?.some((p) => p.nodePort === nodePort));
				const truth = owner ? `${owner.metadata.namespace ?? 'default'}/${owner.metadata.name}` : expected;
				const requirement = `${file} names the Service on node port ${nodePort} (${truth})`;
				const answer = readAnswerFile(world, 'controlplane', file, requirement);
				if ('check' in answer) return [answer.check];
				const written = answer.text.trim().replace(/^(service|svc)\//i, '');
				return [check(requirement, written === truth || written === `service/${truth}`, `${file} holds ${shown(answer.text)}`)];
			},
		};
	},
};
