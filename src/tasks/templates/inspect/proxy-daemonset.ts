// Inspect: what keeps one kube-proxy Pod on every node (a DaemonSet), and which node each is on.
import {check, readAnswerFile, shown} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, TASK_VERSION} from '../common.js';

const KIND_WORDS = new Set(['daemonset', 'daemonsets', 'ds', 'daemonset.apps', 'daemonsets.apps']);

export const proxyDaemonSet: TaskTemplate = {
	id: 'proxy-daemonset',
	group: 'inspect',
	title: 'Which object runs kube-proxy on every node',
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const component = random.pick([
			{name: 'kube-proxy', label: 'k8s-app=kube-proxy', namespace: 'kube-system'},
			{name: 'flannel', label: 'app=flannel', namespace: 'kube-flannel'},
		]);
		const file = `${dir}/${random.pick(['controller.txt', 'owner', 'workload'])}`;
		return {
			text: `Every node runs one ${component.name} Pod. Write the kind and name of the object that makes sure of it, as KIND/NAME (e.g. deployment/web), to ${file} on controlplane.`,
			hint: `Look at the ownerReferences of a ${component.name} Pod (namespace ${component.namespace}), or list the workloads there: \`kubectl -n ${component.namespace} get all\`.`,
			solution: [`mkdir -p ${dir}`, `kubectl -n ${component.namespace} get ds -o name > ${file}`],
			check(world) {
				const [labelKey, labelValue] = component.label.split('=') as [string, string];
				const pod = world.cluster.api.peek('Pod').find((p) => p.metadata.namespace === component.namespace && p.metadata.labels?.[labelKey] === labelValue);
				const owner = pod?.metadata.ownerReferences?.find((o) => o.controller);
				const truth = owner ? `${owner.kind.toLowerCase()}/${owner.name}` : 'daemonset/?';
				const requirement = `${file} names the ${component.name} ${owner?.kind ?? 'DaemonSet'} (${truth})`;
				const answer = readAnswerFile(world, 'controlplane', file, requirement);
				if ('check' in answer) return [answer.check];
				const [kind, name] = answer.text.trim().toLowerCase().split('/');
				return [check(requirement, owner !== undefined && KIND_WORDS.has(kind ?? '') && owner.kind === 'DaemonSet' && name === owner.name, `${file} holds ${shown(answer.text)}`)];
			},
		};
	},
};
