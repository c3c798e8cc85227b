// Compute: the addresses a new cluster's Services get from the service range: the kubernetes
// Service the first usable one, kubeadm's kube-dns the tenth.
import {readEndpoint} from '../../../quiz/normalize.js';
import {formatCIDR, indexedIP, parseCIDR} from '../../../sim/net/cidr.js';
import {formatIPv4} from '../../../sim/net/ipv4.js';
import {check, readAnswerFile, shown} from '../../checks.js';
import type {TaskTemplate, TaskWorld} from '../../types.js';
import {courseDir, TASK_VERSION} from '../common.js';

function addressCheck(world: TaskWorld, file: string, requirement: string, expected: string) {
	const answer = readAnswerFile(world, 'controlplane', file, requirement);
	if ('check' in answer) return answer.check;
	const read = readEndpoint(`${answer.text.trim()}:1`);
	return check(requirement, read.ok && read.value.ip === expected, `${file} holds ${shown(answer.text)}`);
}

export const kubernetesServiceIP: TaskTemplate = {
	id: 'kubernetes-service-ip',
	group: 'compute',
	title: 'The IPs of the kubernetes and kube-dns Services in a new cluster',
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const prefix = 12 + random.int(13);
		const base = random.pick([10 * 2 ** 24 + 96 * 2 ** 16, 10 * 2 ** 24 + 32 * 2 ** 16, 172 * 2 ** 24 + 20 * 2 ** 16, 10 * 2 ** 24 + 100 * 2 ** 16 + 64 * 2 ** 8]);
		const cidr = formatCIDR(parseCIDR(`${formatIPv4(base)}/${prefix}`));
		const kubernetes = indexedIP(cidr, 1);
		const dns = indexedIP(cidr, 10);
		const apiFile = `${dir}/kubernetes-svc-ip`;
		const dnsFile = `${dir}/dns-svc-ip`;
		return {
			text: `kubeadm init runs with --service-cidr=${cidr}. Without looking at a cluster, write the ClusterIP the default/kubernetes Service will get to ${apiFile}, and the one kubeadm gives kube-dns to ${dnsFile}, both on controlplane.`,
			hint: 'kube-apiserver reserves the first address after the network address for the kubernetes Service; kubeadm takes the tenth for kube-dns.',
			solution: [`mkdir -p ${dir}`, `echo ${kubernetes} > ${apiFile}`, `echo ${dns} > ${dnsFile}`],
			check(world) {
				return [addressCheck(world, apiFile, `${apiFile} holds the kubernetes Service's ClusterIP`, kubernetes), addressCheck(world, dnsFile, `${dnsFile} holds kube-dns's ClusterIP`, dns)];
			},
		};
	},
};
