// Change: delete a Service and see kube-proxy remove its rules; keep the count as proof.
import {readCount} from '../../../quiz/normalize.js';
import {ctimeDate, renderSave} from '../../../sim/iptables/save.js';
import {answerCheck, check, failed} from '../../checks.js';
import type {Check, TaskTemplate} from '../../types.js';
import {courseDir, nsFlag, plantApp, TASK_VERSION, WORKER_NODES} from '../common.js';
import {serviceRuleLines} from './pod-service-rules.js';

export const deleteService: TaskTemplate = {
	id: 'delete-service',
	group: 'change',
	title: "Delete a Service and confirm its rules are gone",
	version: TASK_VERSION,
	generate(setup) {
		const {random} = setup;
		const dir = courseDir(random);
		const app = plantApp(setup, random);
		const node = random.pick(WORKER_NODES);
		const key = `${app.namespace}/${app.service}`;
		const file = `${dir}/${random.pick(['rules-left', 'count.txt', 'after-delete'])}`;
		const ns = nsFlag(app.namespace);
		return {
			text: `Delete Service ${app.service} (namespace ${app.namespace}), leaving Deployment ${app.deployment} running. Then count the lines of ${node}'s iptables-save that still mention ${key} and write the number to ${file} on controlplane.`,
			hint: 'kube-proxy removes a deleted Service\'s chains on its next sync; `iptables-save | grep -c` counts matching lines.',
			solution: [`kubectl${ns} delete service ${app.service}`, `mkdir -p ${dir}`, `ssh ${node} iptables-save | grep -c '${key}' > ${file}`],
			check(world) {
				const checks: Check[] = [];
				const service = world.cluster.api.peekOne('Service', app.service, app.namespace);
				checks.push(check(`Service ${app.service} deleted`, service === undefined, `Service ${app.service} is still in namespace ${app.namespace}`));
				const deployment = world.cluster.api.peekOne('Deployment', app.deployment, app.namespace);
				checks.push(check(`Deployment ${app.deployment} kept`, deployment !== undefined, `Deployment ${app.deployment} was deleted too`));
				const proxy = world.cluster.kubeProxy(node);
				if (!proxy) return [...checks, failed(`${node} has no rules for ${key}`, `${node} runs no kube-proxy`)];
				const left = serviceRuleLines(renderSave(proxy.ruleset(), {date: ctimeDate(world.cluster.clock.now())}), key).length;
				checks.push(answerCheck(world, 'controlplane', file, `${file} holds the number of ${node}'s rule lines for ${key} (${left})`, readCount, (n) => n === left));
				return checks;
			},
		};
	},
};
