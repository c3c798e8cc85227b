// Compute: what becomes of a connection, by the node's rules: DNATed to one endpoint, REJECTed
// (a Service without endpoints) or DROPped (a node port with externalTrafficPolicy Local on a node
// without a local endpoint).
import {readDestination} from '../../../quiz/normalize.js';
import {outsideClientIP, traceConnection} from '../../../sim/cluster/trace-connection.js';
import {answerCheck, failed} from '../../checks.js';
import type {TaskTemplate, TaskWorld} from '../../types.js';
import {courseDir, plantApp, TASK_VERSION, WORKER_NODES} from '../common.js';

export const connectionFate: TaskTemplate = {
	id: 'connection-fate',
	group: 'compute',
	title: 'DNAT, REJECT or DROP: what becomes of a connection',
	version: TASK_VERSION,
	generate(setup) {
		const {random, cluster} = setup;
		const dir = courseDir(random);
		const app = plantApp(setup, random);
		const deployment = cluster.api.get('Deployment', app.deployment, app.namespace)!;
		cluster.apply({...deployment, spec: {...deployment.spec, replicas: 1}});
		const service = cluster.api.get('Service', app.service, app.namespace)!;
		const kind = random.pick(['no-endpoints', 'etp-local', 'one-endpoint'] as const);
		const nodePort = 30000 + random.int(2768);
		let from: string;
		let node: string;
		let to: {ip: string; port: number};
		let who: string;
		if (kind === 'etp-local') {
			cluster.apply({...service, spec: {...service.spec, type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{...service.spec.ports![0]!, nodePort}]}});
			node = random.pick(WORKER_NODES);
			from = outsideClientIP(cluster);
			to = {ip: cluster.api.peekOne('Node', node)!.status.addresses!.find((a) => a.type === 'InternalIP')!.address, port: nodePort};
			who = `A client outside the cluster (${from})`;
		} else {
			if (kind === 'no-endpoints') cluster.apply({...service, spec: {...service.spec, selector: {app: `${app.deployment}-old`}}});
			const client = random.pick(cluster.pods().filter((p) => p.metadata.namespace === 'default' && p.status.podIP).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)));
			from = `default/${client.metadata.name}`;
			node = client.spec.nodeName!;
			to = {ip: cluster.api.peekOne('Service', app.service, app.namespace)!.spec.clusterIP!, port: app.servicePort};
			who = `Pod ${client.metadata.name} (namespace default, on ${node})`;
		}
		const file = `${dir}/${random.pick(['fate', 'verdict.txt', 'result'])}`;
		/** The one end every path of the connection reaches (an IP:port, REJECT or DROP), or why there is none. */
		const fate = (world: TaskWorld): {end: string} | {why: string} => {
			try {
				const outcomes = traceConnection(world.cluster, {node, from, to, proto: 'tcp'}).result.outcomes;
				const ends = [...new Set(outcomes.map((o) => (o.verdict === 'DNAT' ? o.to! : o.verdict)))];
				return ends.length === 1 ? {end: ends[0]!} : {why: `the connection has ${ends.length} possible ends: ${ends.join(', ')}`};
			} catch (error) {
				return {why: `the connection cannot be traced: ${(error as Error).message}`};
			}
		};
		const expected = fate(setup);
		if (!('end' in expected)) throw new Error(`connection-fate: ${expected.why}`);
		return {
			text: `${who} opens a TCP connection to ${to.ip}:${to.port}. Following ${node}'s NAT and filter rules, what becomes of it? Write the address it is DNATed to (IP:port), or REJECT or DROP, to ${file} on controlplane.`,
			hint: `Find what owns ${to.ip}:${to.port}, then follow ${node}'s rules (\`iptables-save\`): KUBE-SERVICES / KUBE-NODEPORTS, the Service's chains, and KUBE-EXTERNAL-SERVICES / KUBE-SERVICES in the filter table for Services without endpoints.`,
			solution: [`mkdir -p ${dir}`, `kubectl get svc -A -o wide`, `kubectl get endpoints -A`, `ssh ${node} iptables-save | grep '${app.namespace}/${app.service}'`, `echo ${expected.end} > ${file}`],
			check(world) {
				const requirement = `${file} says what becomes of ${from} → ${to.ip}:${to.port} on ${node}`;
				const now = fate(world);
				if (!('end' in now)) return [failed(requirement, now.why)];
				const truth = now.end;
				return [answerCheck(world, 'controlplane', file, `${requirement} (${truth})`, readDestination, (v) => v === truth)];
			},
		};
	},
};
