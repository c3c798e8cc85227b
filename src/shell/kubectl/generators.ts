// The objects kubectl's generators make (run, create deployment|service|configmap, expose), field
// for field as kubectl v1.34 writes them with --dry-run=client -o yaml; key order is Go's struct
// order, which -o json keeps.
import type {ApiObject} from './api.js';
import {KubectlError} from './errors.js';
import type {JsonObject} from './json.js';

/** `a=b,c=d` as kubectl's --labels reads it. */
export function parseLabels(text: string): Record<string, string> {
	const labels: Record<string, string> = {};
	for (const pair of text.split(',')) {
		const eq = pair.indexOf('=');
		if (eq <= 0) throw new KubectlError(`error: invalid label spec: ${pair}\n`);
		labels[pair.slice(0, eq)] = pair.slice(eq + 1);
	}
	return labels;
}

export interface RunOptions {
	name: string;
	image: string;
	namespace?: string;
	labels?: Record<string, string>;
	port?: number;
	restart: 'Always' | 'OnFailure' | 'Never';
	env: string[];
	command: string[] | undefined;
	args: string[] | undefined;
}

export function runPod(o: RunOptions): ApiObject {
	const container: JsonObject = {name: o.name, image: o.image};
	if (o.command) container['command'] = o.command;
	if (o.args) container['args'] = o.args;
	if (o.port !== undefined) container['ports'] = [{containerPort: o.port}];
	if (o.env.length > 0) {
		container['env'] = o.env.map((e) => {
			const eq = e.indexOf('=');
			return {name: e.slice(0, eq), value: e.slice(eq + 1)};
		});
	}
	container['resources'] = {};
	const metadata: JsonObject = {name: o.name};
	if (o.namespace) metadata['namespace'] = o.namespace;
	metadata['labels'] = o.labels ?? {run: o.name};
	return {kind: 'Pod', apiVersion: 'v1', metadata, spec: {containers: [container], restartPolicy: o.restart, dnsPolicy: 'ClusterFirst'}, status: {}};
}

export function deployment(name: string, images: string[], replicas: number, port: number | undefined, namespace: string | undefined): ApiObject {
	const labels = {app: name};
	const containers = images.map((image): JsonObject => {
		const c: JsonObject = {name: imageName(image), image};
		if (port !== undefined) c['ports'] = [{containerPort: port}];
		c['resources'] = {};
		return c;
	});
	const metadata: JsonObject = {name, ...(namespace ? {namespace} : {}), labels: {...labels}};
	return {
		kind: 'Deployment',
		apiVersion: 'apps/v1',
		metadata,
		spec: {replicas, selector: {matchLabels: {...labels}}, template: {metadata: {labels: {...labels}}, spec: {containers}}, strategy: {}},
		status: {},
	};
}

/** The container name kubectl derives from an image: the last path part, without tag or digest. */
function imageName(image: string): string {
	let name = image.slice(image.lastIndexOf('/') + 1);
	name = name.split('@')[0]!.split(':')[0]!;
	return name;
}

export function service(
	name: string,
	type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName',
	tcp: string[],
	nodePort: number | undefined,
	clusterIP: string | undefined,
	namespace: string | undefined,
	externalName?: string,
): ApiObject {
	const ports = tcp.map((spec): JsonObject => {
		const [portText, targetText] = spec.split(':');
		const port = Number(portText);
		const target = targetText === undefined ? port : /^\d+$/.test(targetText) ? Number(targetText) : targetText;
		// kubectl names the port after the specifier itself, ':' made '-' ("80", "80-8080").
		const p: JsonObject = {name: spec.replaceAll(':', '-'), protocol: 'TCP', port, targetPort: target};
		if (nodePort !== undefined && nodePort !== 0) p['nodePort'] = nodePort;
		return p;
	});
	const spec: JsonObject = {};
	if (externalName !== undefined) spec['externalName'] = externalName;
	if (ports.length > 0) spec['ports'] = ports;
	spec['selector'] = {app: name};
	if (clusterIP !== undefined) spec['clusterIP'] = clusterIP;
	spec['type'] = type;
	return {kind: 'Service', apiVersion: 'v1', metadata: {name, ...(namespace ? {namespace} : {}), labels: {app: name}}, spec, status: {loadBalancer: {}}};
}

export function configMap(name: string, data: Record<string, string>, namespace: string | undefined): ApiObject {
	const object: ApiObject = {kind: 'ConfigMap', apiVersion: 'v1', metadata: {name, ...(namespace ? {namespace} : {})}};
	if (Object.keys(data).length > 0) object['data'] = data;
	return object;
}
