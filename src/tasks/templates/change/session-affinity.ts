// Change: client-IP session affinity on a Service, with a timeout: kube-proxy then sends a
// client's new connections to the endpoint it used before (`-m recent` rules per endpoint).
import {ctimeDate, renderSave} from '../../../sim/iptables/save.js';
import {check, failed, serviceOrCheck} from '../../checks.js';
import type {Check, TaskTemplate} from '../../types.js';
import {nsFlag, plantApp, TASK_VERSION, WORKER_NODES} from '../common.js';
import {serviceRuleLines} from './pod-service-rules.js';

export const sessionAffinity: TaskTemplate = {
	id: 'session-affinity',
	group: 'change',
	title: 'Make a Service keep each client on one Pod (session affinity)',
	version: TASK_VERSION,
	generate(setup) {
		const {random} = setup;
		const app = plantApp(setup, random);
		const timeout = random.pick([600, 1800, 3600, 7200, 900]) + random.int(60);
		const node = random.pick(WORKER_NODES);
		const ns = nsFlag(app.namespace);
		const key = `${app.namespace}/${app.service}`;
		return {
			text: `Clients of Service ${app.service} (namespace ${app.namespace}) must stay with the Pod that served their first connection for ${timeout} seconds. Configure the Service so, and check that kube-proxy on ${node} wrote the rules for it.`,
			hint: 'spec.sessionAffinity ClientIP, and spec.sessionAffinityConfig.clientIP.timeoutSeconds; the node\'s rules then use `-m recent` with --seconds.',
			solution: [
				`kubectl${ns} patch service ${app.service} -p '{"spec":{"sessionAffinity":"ClientIP","sessionAffinityConfig":{"clientIP":{"timeoutSeconds":${timeout}}}}}'`,
				`ssh ${node} iptables-save | grep '${key}' | grep recent`,
			],
			check(world) {
				const found = serviceOrCheck(world, app.namespace, app.service);
				if ('check' in found) return [found.check];
				const s = found.service;
				const checks: Check[] = [];
				const affinity = s.spec.sessionAffinity ?? 'None';
				checks.push(check(`Service ${app.service}: sessionAffinity ClientIP`, affinity === 'ClientIP', `sessionAffinity is ${affinity}, expected ClientIP`));
				const seconds = s.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
				checks.push(check(`Service ${app.service}: affinity timeout ${timeout} s`, seconds === timeout, `timeoutSeconds is ${seconds ?? 'not set'}, expected ${timeout}`));
				const proxy = world.cluster.kubeProxy(node);
				const requirement = `${node}'s rules keep clients on their endpoint for ${timeout} s`;
				if (!proxy) return [...checks, failed(requirement, `${node} runs no kube-proxy`)];
				const rules = serviceRuleLines(renderSave(proxy.ruleset(), {date: ctimeDate(world.cluster.clock.now())}), key);
				const recent = rules.filter((r) => r.includes(`--seconds ${timeout} `));
				checks.push(check(requirement, recent.length > 0, `${node} has no -m recent --seconds ${timeout} rule for ${key}`));
				return checks;
			},
		};
	},
};
