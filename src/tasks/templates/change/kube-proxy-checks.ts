// What a fixed kube-proxy looks like, for the tasks that break it: a running kube-proxy Pod on
// every node, and on every node the rules for a Service created while it was down.
import {ctimeDate, renderSave} from '../../../sim/iptables/save.js';
import {check, failed, serviceOrCheck} from '../../checks.js';
import type {Check, TaskWorld} from '../../types.js';
import {NODES} from '../common.js';
import {serviceRuleLines} from './pod-service-rules.js';

export function kubeProxyServesEveryNode(world: TaskWorld, service: string, port: number): Check[] {
	const checks: Check[] = [];
	const pods = world.cluster.api.peek('Pod').filter((p) => p.metadata.namespace === 'kube-system' && p.metadata.labels?.['k8s-app'] === 'kube-proxy');
	for (const node of NODES) {
		const pod = pods.find((p) => p.spec.nodeName === node);
		const waiting = pod?.status.containerStatuses?.[0]?.state.waiting?.reason;
		checks.push(check(`a kube-proxy Pod runs on ${node}`, pod !== undefined && pod.status.phase === 'Running' && waiting === undefined, pod ? `${pod.metadata.name} is ${waiting ?? pod.status.phase ?? 'not running'}` : `no kube-proxy Pod on ${node}`));
	}
	const found = serviceOrCheck(world, 'default', service);
	if ('check' in found) return [...checks, found.check];
	for (const node of NODES) {
		const proxy = world.cluster.kubeProxy(node);
		const requirement = `${node} has rules for Service ${service}`;
		if (!proxy) {
			checks.push(failed(requirement, `${node} runs no kube-proxy`));
			continue;
		}
		const rules = serviceRuleLines(renderSave(proxy.ruleset(), {date: ctimeDate(world.cluster.clock.now())}), `default/${service}`);
		checks.push(check(requirement, rules.some((r) => r.includes(`--dport ${port}`)), `its NAT table has no rule for default/${service} port ${port}`));
	}
	return checks;
}
