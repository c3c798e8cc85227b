// Inspect: the cluster DNS Service's IP (what every Pod's resolv.conf names) and the cluster domain.
import {readEndpoint} from '../../../quiz/normalize.js';
import {check, failed, readAnswerFile, shown} from '../../checks.js';
import type {Check, TaskTemplate} from '../../types.js';
import {courseDir, TASK_VERSION} from '../common.js';

/** The cluster domain in CoreDNS's Corefile (`kubernetes cluster.local in-addr.arpa …`). */
function clusterDomain(corefile: string | undefined): string | undefined {
	return /^\s*kubernetes\s+(\S+)/m.exec(corefile ?? '')?.[1];
}

export const kubeDNS: TaskTemplate = {
	id: 'kube-dns',
	group: 'inspect',
	title: "The cluster DNS Service's IP and the cluster domain",
	version: TASK_VERSION,
	generate({random}) {
		const dir = courseDir(random);
		const ipFile = `${dir}/${random.pick(['dns-ip', 'kube-dns-ip.txt', 'nameserver'])}`;
		const domainFile = `${dir}/${random.pick(['domain', 'cluster-domain.txt', 'dns-domain'])}`;
		return {
			text: `Write the ClusterIP of the cluster's DNS Service to ${ipFile}, and the cluster domain CoreDNS serves Services under to ${domainFile}, both on controlplane.`,
			hint: 'The DNS Service is kube-dns in kube-system; the domain is in the CoreDNS ConfigMap (the Corefile\'s `kubernetes` plugin line).',
			solution: [
				`mkdir -p ${dir}`,
				`kubectl -n kube-system get svc kube-dns -o jsonpath='{.spec.clusterIP}' > ${ipFile}`,
				`kubectl -n kube-system get cm coredns -o yaml | grep -o 'kubernetes [a-z.]*' | cut -d' ' -f2 > ${domainFile}`,
			],
			check(world) {
				const checks: Check[] = [];
				const ip = world.cluster.api.peekOne('Service', 'kube-dns', 'kube-system')?.spec.clusterIP;
				const ipRequirement = `${ipFile} holds the kube-dns Service's ClusterIP${ip ? ` (${ip})` : ''}`;
				const ipAnswer = readAnswerFile(world, 'controlplane', ipFile, ipRequirement);
				if (!ip) checks.push(failed(ipRequirement, 'there is no kube-dns Service'));
				else if ('check' in ipAnswer) checks.push(ipAnswer.check);
				else {
					// An address alone; readEndpoint wants a port, so give it one.
					const read = readEndpoint(`${ipAnswer.text.trim()}:53`);
					checks.push(check(ipRequirement, read.ok && read.value.ip === ip, `${ipFile} holds ${shown(ipAnswer.text)}`));
				}
				const domain = clusterDomain(world.cluster.api.peekOne('ConfigMap', 'coredns', 'kube-system')?.data?.['Corefile']);
				const domainRequirement = `${domainFile} holds the cluster domain${domain ? ` (${domain})` : ''}`;
				const domainAnswer = readAnswerFile(world, 'controlplane', domainFile, domainRequirement);
				if (!domain) checks.push(failed(domainRequirement, 'CoreDNS has no kubernetes plugin line'));
				else if ('check' in domainAnswer) checks.push(domainAnswer.check);
				else checks.push(check(domainRequirement, domainAnswer.text.trim().replace(/\.$/, '').toLowerCase() === domain, `${domainFile} holds ${shown(domainAnswer.text)}`));
				return checks;
			},
		};
	},
};
