// Change: kube-proxy in CrashLoopBackOff because its DaemonSet's --config names a file that its
// ConfigMap volume does not hold (an edit of the DaemonSet gone wrong). Fix the DaemonSet.
import {check} from '../../checks.js';
import type {Check, TaskTemplate} from '../../types.js';
import {appDeployments, TASK_VERSION} from '../common.js';
import {kubeProxyServesEveryNode} from './kube-proxy-checks.js';

const GOOD = '/var/lib/kube-proxy/config.conf';

export const kubeProxyConfigFlag: TaskTemplate = {
	id: 'kube-proxy-config-flag',
	group: 'change',
	title: "Fix kube-proxy's DaemonSet after a wrong --config path",
	version: TASK_VERSION,
	generate(setup) {
		const {random, cluster} = setup;
		const bad = random.pick(['/var/lib/kube-proxy/configuration.conf', '/var/lib/kube-proxy/kube-proxy.conf', '/var/lib/kube-proxy/config.yaml', '/etc/kube-proxy/config.conf', '/var/lib/kube-proxy/conf']);
		const ds = cluster.api.get('DaemonSet', 'kube-proxy', 'kube-system')!;
		const container = ds.spec.template.spec.containers[0]!;
		cluster.apply({
			...ds,
			spec: {...ds.spec, template: {...ds.spec.template, spec: {...ds.spec.template.spec, containers: [{...container, command: (container.command ?? []).map((a) => (a.startsWith('--config=') ? `--config=${bad}` : a))}, ...ds.spec.template.spec.containers.slice(1)]}}},
		});
		const deployment = random.pick(appDeployments(setup));
		const service = `${deployment}-${random.pick(['int', 'priv', 'mesh', 'edge'])}`;
		const port = 2000 + random.int(8000);
		cluster.create({apiVersion: 'v1', kind: 'Service', metadata: {name: service, namespace: 'default'}, spec: {selector: {app: deployment}, ports: [{port, protocol: 'TCP', targetPort: cluster.api.peekOne('Deployment', deployment, 'default')!.spec.template.spec.containers[0]!.ports![0]!.containerPort}]}});
		return {
			text: `Someone edited the kube-proxy DaemonSet; since then its Pods crash-loop, and Service ${service} (port ${port}) has no rules on any node. Fix kube-proxy, leaving its ConfigMap as it is.`,
			hint: "The Pods' log says which file kube-proxy cannot open; compare it with the ConfigMap's keys and where the DaemonSet mounts the ConfigMap.",
			solution: [
				'kubectl -n kube-system logs -l k8s-app=kube-proxy --tail 1',
				'kubectl -n kube-system get ds kube-proxy -o yaml > kube-proxy-ds.yaml',
				`sed -i 's#--config=${bad}#--config=${GOOD}#' kube-proxy-ds.yaml`,
				'kubectl apply -f kube-proxy-ds.yaml',
			],
			check(world) {
				const checks: Check[] = [];
				const cm = world.cluster.api.peekOne('ConfigMap', 'kube-proxy', 'kube-system');
				checks.push(check('the kube-proxy ConfigMap unchanged (config.conf)', Object.keys(cm?.data ?? {}).includes('config.conf'), `its keys are ${Object.keys(cm?.data ?? {}).join(', ') || 'none'}`));
				checks.push(...kubeProxyServesEveryNode(world, service, port));
				return checks;
			},
		};
	},
};
