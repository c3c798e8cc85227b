// Compute: kube-proxy spreads new connections over a Service's endpoints with a chain of
// `-m statistic --mode random --probability` rules: 1/n, 1/(n-1), …, the last without one. What is
// the probability on one endpoint's rule, and what share of connections reaches that endpoint?
import {readProbability} from '../../../quiz/normalize.js';
import {ctimeDate, renderSave} from '../../../sim/iptables/save.js';
import {answerCheck, failed} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, plantApp, TASK_VERSION, WORKER_NODES} from '../common.js';

const CLOSE = 0.0005;

export const endpointProbability: TaskTemplate = {
	id: 'endpoint-probability',
	group: 'compute',
	title: "The probability on an endpoint's rule, and its share of connections",
	version: TASK_VERSION,
	generate(setup) {
		const {random, cluster} = setup;
		const dir = courseDir(random);
		const app = plantApp(setup, random);
		const deployment = cluster.api.get('Deployment', app.deployment, app.namespace)!;
		cluster.apply({...deployment, spec: {...deployment.spec, replicas: 3 + random.int(3)}});
		const node = random.pick(WORKER_NODES);
		const key = `${app.namespace}/${app.service}`;
		// Not the first rule: its probability is 1/n, the same as the share, which would ask less.
		const order = renderSave(cluster.kubeProxy(node)!.ruleset(), {date: ctimeDate(cluster.clock.now())})
			.split('\n')
			.filter((l) => /^-A KUBE-SVC-/.test(l) && l.includes(`"${key} -> `))
			.map((l) => /-> ([0-9.]+):/.exec(l)![1]!);
		const ip = random.pick(order.slice(1));
		const pod = cluster.pods().find((p) => p.status.podIP === ip && p.metadata.namespace === app.namespace)!;
		const endpoint = `${ip}:${app.containerPort}`;
		const ruleFile = `${dir}/rule-probability`;
		const shareFile = `${dir}/share`;
		/** The KUBE-SVC rule that jumps to the endpoint, in the node's rules as they are at check time. */
		const ruleFor = (restore: string): string | undefined => restore.split('\n').find((l) => /^-A KUBE-SVC-/.test(l) && l.includes(`"${key} -> ${endpoint}"`));
		return {
			text: `On ${node}, a new connection to Service ${app.service} (namespace ${app.namespace}) reaches the KUBE-SVC- chain of that Service. Write the --probability value on the rule that sends to Pod ${pod.metadata.name} (${endpoint}) to ${ruleFile} (1 if the rule has none), and the share of new connections that end up at that Pod to ${shareFile}, both on controlplane. Fractions (1/3), decimals and percentages are all fine.`,
			hint: 'kube-proxy writes one rule per endpoint; rule k of n matches with probability 1/(n-k+1), so that each endpoint gets 1/n of the connections. `iptables-save | grep` the Service on the node.',
			solution: [
				`mkdir -p ${dir}`,
				`ssh ${node} iptables-save | grep 'A KUBE-SVC-.*${key} -> ${endpoint}' | grep -o 'probability [0-9.]*' > /tmp/rule || echo 'probability 1' > /tmp/rule`,
				`cut -d' ' -f2 /tmp/rule > ${ruleFile}`,
				`echo 1/$(kubectl -n ${app.namespace} get endpoints ${app.service} -o jsonpath='{.subsets[0].addresses[*].ip}' | wc -w) > ${shareFile}`,
			],
			check(world) {
				const proxy = world.cluster.kubeProxy(node);
				const ruleRequirement = `${ruleFile} holds the probability on ${endpoint}'s rule on ${node}`;
				const shareRequirement = `${shareFile} holds the share of connections that reach ${endpoint}`;
				if (!proxy) return [failed(ruleRequirement, `${node} runs no kube-proxy`)];
				const restore = renderSave(proxy.ruleset(), {date: ctimeDate(world.cluster.clock.now())});
				const rule = ruleFor(restore);
				if (!rule) return [failed(ruleRequirement, `${node} has no rule for ${key} -> ${endpoint}`)];
				const probability = Number(/--probability ([0-9.]+)/.exec(rule)?.[1] ?? '1');
				const count = restore.split('\n').filter((l) => /^-A KUBE-SVC-/.test(l) && l.includes(`"${key} -> `)).length;
				return [
					answerCheck(world, 'controlplane', ruleFile, `${ruleRequirement} (${probability})`, readProbability, (v) => Math.abs(v - probability) < CLOSE),
					answerCheck(world, 'controlplane', shareFile, `${shareRequirement} (1/${count})`, readProbability, (v) => Math.abs(v - 1 / count) < CLOSE),
				];
			},
		};
	},
};
