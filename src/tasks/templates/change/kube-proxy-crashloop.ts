// Change: kube-proxy in CrashLoopBackOff after a bad edit of its ConfigMap (the key its
// DaemonSet's --config names was renamed): no node's rules follow the Services while it is down.
// Fixing the ConfigMap, or the DaemonSet's --config, brings it back.
import type {Check, TaskTemplate} from '../../types.js';
import {appDeployments, TASK_VERSION} from '../common.js';
import {kubeProxyServesEveryNode} from './kube-proxy-checks.js';

export const kubeProxyCrashLoop: TaskTemplate = {
	id: 'kube-proxy-crashloop',
	group: 'change',
	title: 'Bring kube-proxy back from CrashLoopBackOff after a bad ConfigMap edit',
	version: TASK_VERSION,
	generate(setup) {
		const {random, cluster} = setup;
		const badKey = random.pick(['config.yaml', 'kube-proxy.conf', 'config.conf.bak', 'kubeproxy.conf', 'config.cfg']);
		const cm = cluster.api.peekOne('ConfigMap', 'kube-proxy', 'kube-system')!;
		const {['config.conf']: config, ...rest} = cm.data ?? {};
		cluster.apply({...cm, data: {...rest, [badKey]: config ?? ''}});
		// Someone restarted kube-proxy to pick up the edit.
		for (const pod of cluster.api.peek('Pod').filter((p) => p.metadata.namespace === 'kube-system' && p.metadata.labels?.['k8s-app'] === 'kube-proxy')) {
			cluster.delete('Pod', pod.metadata.name, 'kube-system');
		}
		const deployment = random.pick(appDeployments(setup));
		const service = `${deployment}-${random.pick(['internal', 'backend', 'clusterip', 'lb'])}`;
		const port = 1000 + random.int(9000);
		cluster.create({apiVersion: 'v1', kind: 'Service', metadata: {name: service, namespace: 'default'}, spec: {selector: {app: deployment}, ports: [{port, protocol: 'TCP', targetPort: cluster.api.peekOne('Deployment', deployment, 'default')!.spec.template.spec.containers[0]!.ports![0]!.containerPort}]}});
		return {
			text: `After an edit of the kube-proxy ConfigMap, the kube-proxy Pods are in CrashLoopBackOff and Service ${service} (port ${port}), created since, is not reachable. Find out why and fix it, so that kube-proxy runs on every node and writes rules for ${service}.`,
			hint: "`kubectl -n kube-system logs` of a kube-proxy Pod says which file it cannot open; compare the DaemonSet's --config with the ConfigMap's keys.",
			solution: [
				'kubectl -n kube-system get pods -l k8s-app=kube-proxy',
				'kubectl -n kube-system logs -l k8s-app=kube-proxy --tail 1',
				'kubectl -n kube-system get cm kube-proxy -o yaml > kube-proxy-cm.yaml',
				`sed -i 's/^  ${badKey.replace(/\./g, '\\.')}:/  config.conf:/' kube-proxy-cm.yaml`,
				'kubectl apply -f kube-proxy-cm.yaml',
				'kubectl -n kube-system get pods -l k8s-app=kube-proxy',
			],
			check(world) {
				const checks: Check[] = [];
				checks.push(...kubeProxyServesEveryNode(world, service, port));
				return checks;
			},
		};
	},
};
