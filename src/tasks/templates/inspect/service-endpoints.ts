// Inspect: a Service's endpoints (the Pod IP:port pairs kube-proxy DNATs to).
import {readEndpoint} from '../../../quiz/normalize.js';
import {check, failed, listText, portFacts, readAnswerFile, readyEndpoints, sameList, shown} from '../../checks.js';
import type {TaskTemplate} from '../../types.js';
import {courseDir, TASK_VERSION} from '../common.js';

export const serviceEndpoints: TaskTemplate = {
	id: 'service-endpoints',
	group: 'inspect',
	title: "Write a Service's endpoints to a file",
	version: TASK_VERSION,
	generate({random, cluster}) {
		const dir = courseDir(random);
		const services = cluster.services().filter((s) => s.metadata.namespace === 'default' && s.metadata.name !== 'kubernetes').map((s) => s.metadata.name).sort();
		const name = random.pick(services);
		const file = `${dir}/${name}-endpoints.txt`;
		return {
			text: `Write the endpoints of Service ${name} (namespace default), as IP:port, one per line or comma-separated, to ${file} on controlplane.`,
			hint: '`kubectl get endpoints NAME` or `kubectl describe svc NAME` list them; the EndpointSlices hold the same.',
			solution: [`mkdir -p ${dir}`, `kubectl get endpoints ${name} --no-headers | awk '{print $2}' > ${file}`],
			check(world) {
				const requirement = `${file} lists the endpoints of Service ${name}`;
				const service = world.cluster.api.peekOne('Service', name, 'default');
				if (!service) return [failed(requirement, `no Service ${name} in namespace default`)];
				const expected = readyEndpoints(portFacts(world, service)[0]);
				const file_ = readAnswerFile(world, 'controlplane', file, requirement);
				if ('check' in file_) return [file_.check];
				const items = file_.text.split(/[\s,]+/).filter((w) => w !== '');
				const read = items.map(readEndpoint);
				const bad = read.find((r) => !r.ok);
				if (bad && !bad.ok) return [failed(requirement, `${file} holds ${shown(file_.text)}: ${bad.why}`)];
				const answer = [...new Set(read.map((r) => (r.ok ? r.understood : '')))].sort();
				return [check(`${requirement} (${listText(expected)})`, sameList(answer, expected), `${file} lists ${listText(answer)}`)];
			},
		};
	},
};
