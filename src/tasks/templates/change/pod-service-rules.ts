// Change: create a Pod and a ClusterIP Service for it, then save the Service's iptables rules
// from a worker node, as kube-proxy wrote them there.
import {ctimeDate, renderSave} from '../../../sim/iptables/save.js';
import {check, failed, listText, portFacts, readAnswerFile, readyEndpoints, sameList, serviceOrCheck} from '../../checks.js';
import type {Check, TaskTemplate} from '../../types.js';
import {courseDir, seededName, TASK_VERSION, WORKER_NODES} from '../common.js';

const IMAGES = [
	{image: 'nginx:1.27', port: 80},
	{image: 'httpd:2.4', port: 80},
	{image: 'redis:7.4', port: 6379},
	{image: 'traefik/whoami:v1.10', port: 80},
];

/** The lines of a node's iptables-save output that belong to a Service (its comment names it). */
export function serviceRuleLines(restore: string, key: string): string[] {
	const own = new RegExp(`--comment "?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ :"]`);
	return restore.split('\n').filter((line) => own.test(line));
}

export const podServiceRules: TaskTemplate = {
	id: 'pod-service-rules',
	group: 'change',
	title: "Create a Pod and a ClusterIP Service, and save the Service's rules from a node",
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const {image, port: containerPort} = random.pick(IMAGES);
		const pod = seededName(random, ['p2-pod', 'probe', 'echo', 'hello', 'tester']);
		const service = `${pod}-svc`;
		const port = random.pick([3000, 8080, 80, 8888, 5000, 9000].filter((p) => p !== containerPort));
		const node = random.pick(WORKER_NODES);
		const file = `${dir}/iptables.txt`;
		return {
			text:
				`Create a Pod ${pod} (image ${image}) in namespace default and a ClusterIP Service ${service} for it on port ${port}, sending to the container's port ${containerPort}. ` +
				`Then save the iptables rules kube-proxy wrote for ${service} on ${node} to ${file} on controlplane (only that Service's rules, as iptables-save prints them).`,
			hint: '`kubectl run`, then `kubectl expose pod`; on the node, `iptables-save | grep` the Service name (kube-proxy puts namespace/name in every rule\'s comment).',
			solution: [
				`kubectl run ${pod} --image ${image}`,
				`kubectl expose pod ${pod} --name ${service} --port ${port} --target-port ${containerPort}`,
				`mkdir -p ${dir}`,
				`ssh ${node} iptables-save | grep default/${service} > ${file}`,
			],
			check(world) {
				const checks: Check[] = [];
				const p = world.cluster.api.peekOne('Pod', pod, 'default');
				checks.push(check(`Pod ${pod} runs image ${image}`, p?.spec.containers[0]?.image === image, p ? `its image is ${p.spec.containers[0]?.image ?? 'none'}` : `no Pod ${pod} in namespace default`));
				const found = serviceOrCheck(world, 'default', service);
				if ('check' in found) return [...checks, found.check];
				const s = found.service;
				const type = s.spec.type ?? 'ClusterIP';
				checks.push(check(`Service ${service}: type ClusterIP`, type === 'ClusterIP', `type is ${type}, expected ClusterIP`));
				const fact = portFacts(world, s).find((f) => f.info.port === port);
				checks.push(check(`Service ${service}: port ${port}`, fact !== undefined, `ports are ${(s.spec.ports ?? []).map((x) => x.port).join(', ') || 'none'}, expected ${port}`));
				const expected = p?.status.podIP ? [`${p.status.podIP}:${containerPort}`] : [];
				const actual = readyEndpoints(fact);
				checks.push(check(`Service ${service}: its endpoint is Pod ${pod} on port ${containerPort}`, expected.length > 0 && sameList(actual, expected), `endpoints are ${listText(actual)}, expected ${listText(expected)}`));
				const requirement = `${file} holds ${service}'s rules from ${node}`;
				const proxy = world.cluster.kubeProxy(node);
				if (!proxy) return [...checks, failed(requirement, `${node} runs no kube-proxy`)];
				const rules = serviceRuleLines(renderSave(proxy.ruleset(), {date: ctimeDate(world.cluster.clock.now())}), `default/${service}`);
				const saved = readAnswerFile(world, 'controlplane', file, requirement);
				if ('check' in saved) return [...checks, saved.check];
				// `iptables-save -c` puts each rule's counters first.
				const lines = saved.text.split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(/^\[\d+:\d+\] /, ''));
				const missing = rules.filter((r) => !lines.includes(r));
				const foreign = lines.filter((l) => !rules.includes(l));
				checks.push(
					check(
						requirement,
						rules.length > 0 && missing.length === 0 && foreign.length === 0,
						rules.length === 0 ? `${node} has no rules for ${service}` : missing.length > 0 ? `${missing.length} of its ${rules.length} rules are missing, e.g. ${missing[0]}` : `${foreign.length} lines are not ${service}'s rules on ${node}, e.g. ${foreign[0]}`,
					),
				);
				return checks;
			},
		};
	},
};
