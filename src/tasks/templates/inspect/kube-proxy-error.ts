// Inspect: kube-proxy crash-loops; its log names the file it cannot open. Find it (the first step
// of the fix, and what the exam asks to write down).
import {check, failed, readAnswerFile, shown} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, NODES, TASK_VERSION} from '../common.js';

export const kubeProxyError: TaskTemplate = {
	id: 'kube-proxy-error',
	group: 'inspect',
	title: 'Read why kube-proxy crash-loops from its log',
	version: TASK_VERSION,
	generate({random, cluster}) {
		const dir = courseDir(random);
		const bad = random.pick(['/var/lib/kube-proxy/configuration.conf', '/var/lib/kube-proxy/kube-proxy.yaml', '/var/lib/kube-proxy/config.yml', '/var/lib/kube-proxy/proxy.conf', '/var/lib/kube-proxy/conf.yaml']);
		const ds = cluster.api.get('DaemonSet', 'kube-proxy', 'kube-system')!;
		const container = ds.spec.template.spec.containers[0]!;
		cluster.apply({
			...ds,
			spec: {...ds.spec, template: {...ds.spec.template, spec: {...ds.spec.template.spec, containers: [{...container, command: (container.command ?? []).map((a) => (a.startsWith('--config=') ? `--config=${bad}` : a))}]}}},
		});
		const node = random.pick(NODES);
		const file = `${dir}/${random.pick(['missing-file', 'error.txt', 'cause'])}`;
		return {
			text: `The kube-proxy Pod on ${node} is in CrashLoopBackOff. From its log, find the path of the file it fails to open and write that path to ${file} on controlplane. Do not fix anything yet.`,
			hint: '`kubectl -n kube-system logs POD` (add --previous for the last crashed run) ends with the error kube-proxy exited on.',
			solution: [
				`mkdir -p ${dir}`,
				`kubectl -n kube-system logs $(kubectl -n kube-system get pods -l k8s-app=kube-proxy --field-selector spec.nodeName=${node} -o name) | grep -o 'open [^:]*' | cut -d' ' -f2 > ${file}`,
			],
			check(world) {
				const requirement = `${file} holds the path kube-proxy on ${node} cannot open (${bad})`;
				const pod = world.cluster.api.peek('Pod').find((p) => p.metadata.namespace === 'kube-system' && p.metadata.labels?.['k8s-app'] === 'kube-proxy' && p.spec.nodeName === node);
				const waiting = pod?.status.containerStatuses?.[0]?.state.waiting?.reason;
				const answer = readAnswerFile(world, 'controlplane', file, requirement);
				return [
					'check' in answer ? answer.check : check(requirement, answer.text.trim() === bad, `${file} holds ${shown(answer.text)}`),
					waiting === 'CrashLoopBackOff' ? check(`kube-proxy on ${node} left as it was (CrashLoopBackOff)`, true, '') : failed(`kube-proxy on ${node} left as it was (CrashLoopBackOff)`, pod ? `${pod.metadata.name} is ${waiting ?? pod.status.phase ?? 'gone'}` : `no kube-proxy Pod on ${node}`),
				];
			},
		};
	},
};
