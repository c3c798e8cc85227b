// nodeport-destination: a client outside the cluster connects to NODE-IP:nodePort; where does
// the node send it? Traced through that node's rules: KUBE-SERVICES → KUBE-NODEPORTS → KUBE-EXT-…
// → KUBE-SVC-… → KUBE-SEP-… → DNAT, or a DROP when the policy is Local and the node has no endpoint.
//
// params:
//   service  namespace/name or name of a Service with a nodePort; default: seeded (ones with
//            ready endpoints first)
//   port     the Service port, by name or number; default: seeded
//   node     the node the client connects to; default: seeded
//   from     the client: an IP (default: an address beside the nodes) or a Pod
//   mode     typed (default) | choice
import {buildQuestion} from '../build.js';
import {findNode, internalIP, servicePorts, type ServicePortFact} from '../cluster-facts.js';
import {begin} from '../params.js';
import {outsideToNodePort} from '../pick-connection.js';
import {destinationLines, destinations, pathLines} from '../trace-explain.js';
import type {Mistake, Question, QuizContext} from '../types.js';

export function nodeportDestination(ctx: QuizContext): Question {
	const {params, random, mode} = begin('nodeport-destination', ctx, ['service', 'port', 'node', 'from'], 'typed');
	// Ports with endpoints make the better question; a Service named by the lesson is asked about as it is.
	const withReady = servicePorts(ctx.cluster).some((f) => f.info.nodePort !== 0 && f.ready.length > 0);
	const want = params.has('service') || !withReady ? (): boolean => true : (f: ServicePortFact): boolean => f.ready.length > 0;
	const conn = outsideToNodePort(ctx.cluster, params, random, want, 'a nodePort');
	const {fact, trace, dst, nodeName} = conn;
	const ends = destinations(trace.result).filter((d) => d.probability > 0);
	const endpoints = ends.filter((d) => d.to.includes(':')).map((d) => d.to);
	const verdicts = ends.filter((d) => !d.to.includes(':')).map((d) => d.to);
	const right = endpoints.length > 0 ? random.pick(endpoints) : verdicts[0] ?? 'ACCEPT';
	const name = `${fact.info.namespace}/${fact.info.name}`;
	const policy = fact.info.externalPolicyLocal ? 'Local' : 'Cluster';
	const wrong: Mistake[] = [
		{answer: `${dst.ip}:${dst.port}`, note: `That is where the client sent it; ${nodeName}'s nat rules rewrite the destination.`},
		{answer: `${fact.info.clusterIP}:${fact.info.port}`, note: 'The node port leads to the same KUBE-SVC chain as the cluster IP, but the DNAT goes to an endpoint.'},
	];
	const endpoint = fact.ready[0];
	if (endpoint) {
		wrong.push({answer: `${endpoint.ip}:${fact.info.nodePort}`, note: `The node port is the node's; the endpoint listens on its target port, ${endpoint.port}.`});
		if (endpoint.port !== fact.info.port) wrong.push({answer: `${endpoint.ip}:${fact.info.port}`, note: `${fact.info.port} is the Service's port; the DNAT goes to the target port, ${endpoint.port}.`});
		if (endpoint.nodeName) {
			const epNode = findNode(ctx.cluster, endpoint.nodeName);
			wrong.push({answer: `${internalIP(epNode)}:${endpoint.port}`, note: `That is node ${endpoint.nodeName}'s address; the DNAT goes to the Pod's own IP.`});
		}
	}
	if (right.includes(':')) {
		wrong.splice(2, 0, {answer: 'DROP', note: policy === 'Cluster' ? `externalTrafficPolicy is Cluster: ${nodeName} forwards to endpoints on any node.` : `${nodeName} has an endpoint of its own, so Local still DNATs.`});
	} else {
		for (const ep of fact.ready) wrong.unshift({answer: ep.endpoint, note: `With externalTrafficPolicy ${policy}, ${nodeName} only uses endpoints on itself, and it has none.`});
	}
	return buildQuestion({
		kind: 'nodeport-destination',
		seed: ctx.seed,
		mode,
		identity: `${fact.info.nameString}:${fact.info.nodePort}/${fact.info.protocol}:${trace.source.ip}@${nodeName}`,
		prompt: [
			`${name} is a NodePort Service: port ${fact.info.port}/${fact.info.protocol.toUpperCase()}, nodePort ${fact.info.nodePort}.`,
			`${conn.sender} connects to ${nodeName} at ${dst.ip}:${dst.port}.`,
		],
		typedAsk: [`Where does ${nodeName} send it?`],
		answerFormat: 'IP:port, or DROP / REJECT',
		hint: 'KUBE-SERVICES hands traffic for the node\'s own addresses to KUBE-NODEPORTS; follow it from there.',
		reader: {type: 'destination', endpoints, verdicts},
		expected: mode === 'choice' || endpoints.length <= 1 ? right : `any of ${endpoints.join(', ')}`,
		explanation: [
			`${nodeName}'s rules (externalTrafficPolicy ${policy}):`,
			...pathLines(trace.result, trace.result.outcomes[0]!),
			'Each new connection goes to:',
			...destinationLines(ctx.cluster, trace.result),
		],
		right,
		wrong,
		random,
	});
}
