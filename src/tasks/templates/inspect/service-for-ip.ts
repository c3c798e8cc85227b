// Inspect: which Service a ClusterIP:port belongs to (a connection log names only the address).
import {check, readAnswerFile, shown} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, plantApp, TASK_VERSION} from '../common.js';

export const serviceForIP: TaskTemplate = {
	id: 'service-for-ip',
	group: 'inspect',
	title: 'Which Service owns a ClusterIP',
	version: TASK_VERSION,
	generate(setup) {
		const {random, cluster} = setup;
		const dir = courseDir(random);
		const app = plantApp(setup, random);
		const ip = cluster.api.peekOne('Service', app.service, app.namespace)!.spec.clusterIP!;
		const file = `${dir}/${random.pick(['service', 'svc-name.txt', 'owner.txt'])}`;
		return {
			text: `An application's log shows connections to ${ip}:${app.servicePort}. Write the namespace and name of the Service behind that address, as NAMESPACE/NAME, to ${file} on controlplane.`,
			hint: '`kubectl get svc -A` lists every ClusterIP; on a node, the KUBE-SERVICES rule for the address names the Service in its comment.',
			solution: [`mkdir -p ${dir}`, `kubectl get svc -A --no-headers | grep ' ${ip} ' | awk '{print $1 "/" $2}' > ${file}`],
			check(world) {
				const owner = world.cluster.api.peek('Service').find((s) => s.spec.clusterIP === ip);
				const truth = owner ? `${owner.metadata.namespace ?? 'default'}/${owner.metadata.name}` : `${app.namespace}/${app.service}`;
				const requirement = `${file} names the Service with ClusterIP ${ip} (${truth})`;
				const answer = readAnswerFile(world, 'controlplane', file, requirement);
				if ('check' in answer) return [answer.check];
				const written = answer.text.trim().replace(/^(service|svc)\//i, '');
				return [check(requirement, written === truth, `${file} holds ${shown(answer.text)}`)];
			},
		};
	},
};
