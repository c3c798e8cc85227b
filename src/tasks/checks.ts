// What checkers share: reading an answer file, finding a Service, its endpoints as kube-proxy
// sees them, a Deployment's Pods. Each returns Checks worded for the learner: the requirement,
// and on a miss what was there instead.
import type {Pod, Service} from '../sim/api/types.js';
import {selectorMatches} from '../sim/kube-controller-manager/endpointslice-controller.js';
import {servicePorts, type ServicePortFact} from '../quiz/cluster-facts.js';
import type {Read} from '../quiz/normalize.js';
import type {Check, TaskWorld} from './types.js';

export function passed(requirement: string): Check {
	return {requirement, pass: true};
}

export function failed(requirement: string, found: string): Check {
	return {requirement, pass: false, found};
}

export function check(requirement: string, pass: boolean, found: string): Check {
	return pass ? passed(requirement) : failed(requirement, found);
}

/** A short quoted rendering of what a file held, for "found" texts. */
export function shown(text: string): string {
	const flat = text.trim().replace(/\n/g, '\\n');
	return JSON.stringify(flat.length > 60 ? `${flat.slice(0, 57)}...` : flat);
}

/** The text of an answer file on a node, or the failed check saying why there is none. */
export function readAnswerFile(world: TaskWorld, node: string, path: string, requirement: string): {text: string} | {check: Check} {
	const fs = world.fs(node);
	if (fs.isDirectory(path)) return {check: failed(requirement, `${path} on ${node} is a directory`)};
	const text = fs.read(path);
	if (text === undefined) return {check: failed(requirement, `no file ${path} on ${node}`)};
	if (text.trim() === '') return {check: failed(requirement, `${path} on ${node} is empty`)};
	return {text};
}

/**
 * The answer in a file, read with one of the quiz's parsers (any usual form counts), compared
 * with the right value by `same`; `expected` words the right value for the message.
 */
export function answerCheck<T>(world: TaskWorld, node: string, path: string, requirement: string, read: (text: string) => Read<T>, same: (value: T) => boolean): Check {
	const file = readAnswerFile(world, node, path, requirement);
	if ('check' in file) return file.check;
	const answer = read(file.text);
	if (!answer.ok) return failed(requirement, `${path} holds ${shown(file.text)}, which does not read as an answer: ${answer.why}`);
	return check(requirement, same(answer.value), `${path} holds ${answer.understood}`);
}

export function findService(world: TaskWorld, namespace: string, name: string): Service | undefined {
	return world.cluster.api.peekOne('Service', name, namespace);
}

/** The Service, or the failed check naming it. */
export function serviceOrCheck(world: TaskWorld, namespace: string, name: string): {service: Service} | {check: Check} {
	const service = findService(world, namespace, name);
	return service ? {service} : {check: failed(`Service ${name} exists in namespace ${namespace}`, `no Service ${name} in namespace ${namespace}`)};
}

/** The Service's ports with their endpoints, as kube-proxy sees them. */
export function portFacts(world: TaskWorld, service: Service): ServicePortFact[] {
	return servicePorts(world.cluster).filter((f) => f.info.namespace === (service.metadata.namespace ?? 'default') && f.info.name === service.metadata.name);
}

/** The ready endpoints (`ip:port`) of one Service port, sorted. */
export function readyEndpoints(fact: ServicePortFact | undefined): string[] {
	return (fact?.ready ?? []).map((e) => e.endpoint).sort();
}

export function deploymentPods(world: TaskWorld, namespace: string, name: string): Pod[] {
	const deployment = world.cluster.api.peekOne('Deployment', name, namespace);
	const selector = deployment?.spec.selector.matchLabels ?? {};
	if (!deployment) return [];
	return world.cluster.api.peek('Pod').filter((p) => (p.metadata.namespace ?? 'default') === namespace && selectorMatches(selector, p.metadata.labels));
}

/** `ip:port` of each running Pod, for comparing with a Service's endpoints. */
export function podEndpoints(pods: readonly Pod[], port: number): string[] {
	return pods.filter((p) => p.status.podIP).map((p) => `${p.status.podIP}:${port}`).sort();
}

export function listText(items: readonly string[]): string {
	return items.length === 0 ? 'none' : items.join(', ');
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}
