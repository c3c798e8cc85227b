// Change: resolve a Service's DNS name from a busybox Pod (the CKA way: `kubectl run --rm -it
// --restart=Never -- nslookup …`) and keep the answer. The Service lives in another namespace
// than the Pod, so its short name does not resolve: NAME.NAMESPACE or the full name does.
import {check, failed, readAnswerFile, serviceOrCheck, shown} from '../../checks.js';
import type {Check, TaskTemplate} from '../../types.js';
import {courseDir, plantApp, TASK_VERSION} from '../common.js';

export const dnsLookup: TaskTemplate = {
	id: 'dns-lookup',
	group: 'change',
	title: "Resolve a Service's DNS name from a busybox Pod and save the answer",
	version: TASK_VERSION,
	generate(setup) {
		const {random} = setup;
		const dir = courseDir(random);
		let app = plantApp(setup, random);
		// The lookup is from namespace default: the Service must be elsewhere for the namespace to matter.
		while (app.namespace === 'default') app = plantApp(setup, random);
		const file = `${dir}/${random.pick(['svc-dns.txt', 'nslookup.out', 'service.dns'])}`;
		const domain = 'cluster.local';
		const fqdn = `${app.service}.${app.namespace}.svc.${domain}`;
		return {
			text: `From a busybox:1.28 Pod in namespace default, look up the DNS name of Service ${app.service} (namespace ${app.namespace}) with nslookup, and save nslookup's answer to ${file} on controlplane. Remove the busybox Pod afterwards.`,
			hint: 'A Service is NAME.NAMESPACE.svc.CLUSTER-DOMAIN; from another namespace the short name does not resolve. `kubectl run NAME --image busybox:1.28 --rm -it --restart=Never -- nslookup …` runs it once and cleans up.',
			solution: [`mkdir -p ${dir}`, `kubectl run dns-test --image busybox:1.28 --rm -it --restart=Never -- nslookup ${app.service}.${app.namespace} > ${file}`],
			check(world) {
				const checks: Check[] = [];
				const found = serviceOrCheck(world, app.namespace, app.service);
				if ('check' in found) return [found.check];
				const ip = found.service.spec.clusterIP;
				const requirement = `${file} holds nslookup's answer for ${fqdn}: ${ip ?? 'its ClusterIP'}`;
				const answer = readAnswerFile(world, 'controlplane', file, requirement);
				if ('check' in answer) checks.push(answer.check);
				else if (!ip) checks.push(failed(requirement, `Service ${app.service} has no ClusterIP`));
				else {
					// busybox 1.28 prints `Address 1: IP NAME` under `Name:`; other nslookups print `Address: IP`.
					const answered = answer.text.split('\n').some((l) => new RegExp(`^Address(?: \\d+)?:\\s+${ip.replace(/\./g, '\\.')}(\\s|$)`).test(l.trim()));
					const failedLookup = /can't resolve|NXDOMAIN/.test(answer.text) || (/^Server:/m.test(answer.text) && !/^Name:/m.test(answer.text));
					checks.push(check(requirement, answered, failedLookup ? `${file} holds a lookup that found no name (only the server's lines, or "can't resolve")` : `${file} holds ${shown(answer.text)}, without the address ${ip}`));
				}
				const leftovers = world.cluster.pods().filter((p) => p.metadata.namespace === 'default' && p.spec.containers.some((c) => c.image.startsWith('busybox')));
				checks.push(check('no busybox Pod left in namespace default', leftovers.length === 0, `${leftovers.map((p) => p.metadata.name).join(', ')} still there`));
				return checks;
			},
		};
	},
};
