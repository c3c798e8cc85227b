// Change: move the Service IP range. kube-apiserver allocates ClusterIPs from its
// --service-cluster-ip-range; editing its static Pod manifest restarts it with the new range, and
// a Service created afterwards gets an IP from it (those created before keep theirs).
import {cidrContains} from '../../../sim/net/cidr.js';
import {check, failed, serviceOrCheck} from '../../checks.js';
import type {Check, TaskTemplate} from '../../types.js';
import {appDeployments, TASK_VERSION} from '../common.js';

const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';

/** The --service-cluster-ip-range in the manifest's text, or undefined. */
function rangeFlag(text: string): string | undefined {
	return /--service-cluster-ip-range=(\S+)/.exec(text)?.[1]?.replace(/^["']|["']$/g, '');
}

export const serviceCIDR: TaskTemplate = {
	id: 'service-cidr',
	group: 'change',
	title: 'Change the Service IP range in the kube-apiserver manifest',
	version: TASK_VERSION,
	generate(setup) {
		const {random, cluster} = setup;
		const old = cluster.serviceClusterIPRange;
		const range = random.pick([`10.${120 + random.int(80)}.0.0/16`, `10.${120 + random.int(80)}.${16 * random.int(16)}.0/20`, `172.${16 + random.int(3)}.0.0/16`]);
		const deployment = random.pick(appDeployments(setup));
		const service = `${deployment}-${random.pick(['new', 'v2', 'next', 'ext'])}`;
		const port = cluster.api.peekOne('Deployment', deployment, 'default')!.spec.template.spec.containers[0]!.ports![0]!.containerPort;
		return {
			text: `Change the cluster's Service IP range to ${range}: edit kube-apiserver's static Pod manifest on controlplane. Then expose Deployment ${deployment} (namespace default) as a ClusterIP Service ${service} on port ${port}; it must get its ClusterIP from the new range.`,
			hint: `--service-cluster-ip-range in ${MANIFEST}; the kubelet restarts kube-apiserver when the file changes (give it a moment before kubectl answers again).`,
			solution: [
				`grep service-cluster-ip-range ${MANIFEST}`,
				`sed -i 's#--service-cluster-ip-range=${old}#--service-cluster-ip-range=${range}#' ${MANIFEST}`,
				`kubectl expose deployment ${deployment} --name ${service} --port ${port}`,
			],
			check(world) {
				const checks: Check[] = [];
				const text = world.fs('controlplane').read(MANIFEST);
				const flag = text === undefined ? undefined : rangeFlag(text);
				const manifestRequirement = `${MANIFEST}: --service-cluster-ip-range=${range}`;
				checks.push(text === undefined ? failed(manifestRequirement, `no file ${MANIFEST}`) : check(manifestRequirement, flag === range, flag ? `the flag is ${flag}` : 'the manifest has no --service-cluster-ip-range'));
				const running = world.cluster.serviceClusterIPRange;
				checks.push(check(`kube-apiserver runs with the range ${range}`, running === range, `it allocates from ${running}`));
				const found = serviceOrCheck(world, 'default', service);
				if ('check' in found) return [...checks, found.check];
				const ip = found.service.spec.clusterIP;
				checks.push(check(`Service ${service}: ClusterIP inside ${range}`, ip !== undefined && ip !== 'None' && cidrContains(range, ip), `its ClusterIP is ${ip ?? 'none'}`));
				return checks;
			},
		};
	},
};
