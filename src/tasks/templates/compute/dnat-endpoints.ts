// Compute: where a connection from a Pod to a Service's IP:port is DNATed, as the Pod's node's
// rules decide (the tracer walks them): every endpoint it may reach.
import {readEndpoint} from '../../../quiz/normalize.js';
import {traceConnection} from '../../../sim/cluster/trace-connection.js';
import {check, failed, listText, readAnswerFile, sameList, shown} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, TASK_VERSION} from '../common.js';

export const dnatEndpoints: TaskTemplate = {
	id: 'dnat-endpoints',
	group: 'compute',
	title: 'Where a connection from a Pod to a Service is DNATed',
	version: TASK_VERSION,
	generate({random, cluster}) {
		const dir = courseDir(random);
		const services = cluster.services().filter((s) => s.metadata.namespace === 'default' && s.metadata.name !== 'kubernetes' && s.spec.clusterIP).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
		const service = random.pick(services);
		const port = service.spec.ports![0]!.port;
		const ip = service.spec.clusterIP!;
		const app = service.spec.selector?.['app'];
		const clients = cluster.pods().filter((p) => p.status.podIP && p.metadata.labels?.['app'] !== app && p.metadata.namespace === 'default').sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
		const client = random.pick(clients.length > 0 ? clients : cluster.pods().filter((p) => p.status.podIP && p.metadata.namespace === 'kube-system' && p.metadata.labels?.['k8s-app'] === 'kube-dns'));
		const from = `${client.metadata.namespace}/${client.metadata.name}`;
		const file = `${dir}/dnat.txt`;
		return {
			text: `Pod ${client.metadata.name} (namespace ${client.metadata.namespace}) opens a TCP connection to ${ip}:${port}. Write every address (IP:port) the connection may be DNATed to, one per line, to ${file} on controlplane.`,
			hint: `Find the Service with that ClusterIP and port, then follow its KUBE-SVC- chain to the KUBE-SEP- chains in the NAT table of the node the Pod runs on (\`iptables -t nat -L -n\`, or \`iptables-save | grep\`).`,
			solution: [`mkdir -p ${dir}`, `kubectl get pod -n ${client.metadata.namespace} ${client.metadata.name} -o wide`, `ssh ${client.spec.nodeName} iptables-save | grep 'default/${service.metadata.name}' | grep -o 'to-destination [0-9.:]*' | cut -d' ' -f2 > ${file}`],
			check(world) {
				const requirement = `${file} lists where ${from} → ${ip}:${port} is DNATed`;
				let targets: string[];
				try {
					const trace = traceConnection(world.cluster, {from, to: {ip, port}, proto: 'tcp'});
					targets = [...new Set(trace.result.outcomes.filter((o) => o.verdict === 'DNAT' && o.to).map((o) => o.to!))].sort();
				} catch (error) {
					return [failed(requirement, `the connection cannot be traced: ${(error as Error).message}`)];
				}
				const answer = readAnswerFile(world, 'controlplane', file, requirement);
				if ('check' in answer) return [answer.check];
				const read = answer.text.split(/[\s,]+/).filter((w) => w !== '').map(readEndpoint);
				const bad = read.find((r) => !r.ok);
				if (bad && !bad.ok) return [failed(requirement, `${file} holds ${shown(answer.text)}: ${bad.why}`)];
				const listed = [...new Set(read.map((r) => (r.ok ? r.understood : '')))].sort();
				return [check(`${requirement} (${listText(targets)})`, targets.length > 0 && sameList(listed, targets), `${file} lists ${listText(listed)}`)];
			},
		};
	},
};
