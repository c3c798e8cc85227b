// kubectl create: deployment, service clusterip|nodeport|loadbalancer|externalname, configmap, namespace, and -f FILE.
import type {ShellContext} from '../types.js';
import {KubectlError} from './errors.js';
import {FILE_FLAGS, flagList, flagValue, GLOBAL_FLAGS, parseFlags, type ParsedLine} from './flags.js';
import {configMap, deployment, service} from './generators.js';
import {applyFiles} from './apply.js';
import {createObject, dryRunOf, reportWrite, WRITE_FLAGS} from './submit.js';
import {namespaceOf, type VerbResult} from './verb.js';
import type {ApiObject} from './api.js';
import {isDNS1123Subdomain} from '../../manifest/name-syntax.js';

const CREATE_FLAGS = [
	...GLOBAL_FLAGS,
	...WRITE_FLAGS,
	...FILE_FLAGS,
	{name: 'image', type: 'strings' as const},
	{name: 'replicas', short: 'r', type: 'int' as const},
	{name: 'port', type: 'int' as const},
	{name: 'tcp', type: 'strings' as const},
	{name: 'node-port', type: 'int' as const},
	{name: 'clusterip', type: 'string' as const},
	{name: 'external-name', type: 'string' as const},
	{name: 'from-literal', type: 'strings' as const},
	{name: 'from-file', type: 'strings' as const},
	{name: 'edit', type: 'bool' as const},
	{name: 'raw', type: 'string' as const},
];

export function create(ctx: ShellContext, tokens: readonly string[], stdin: string): VerbResult {
	const line = parseFlags(tokens, CREATE_FLAGS);
	const [what, ...rest] = line.args;
	if (what === undefined) {
		if (flagList(line, 'filename').length > 0) return applyFiles(ctx, line, stdin, 'create');
		throw new KubectlError('error: must specify one of -f and -k\n');
	}
	const namespace = flagValue(line, 'namespace') ? namespaceOf(line) : undefined;
	let object: ApiObject;
	switch (what) {
		case 'deployment':
		case 'deploy': {
			const images = flagList(line, 'image');
			if (images.length === 0) throw new KubectlError('error: required flag(s) "image" not set\n');
			const name = exactlyOneName(rest, 'create deployment');
			const port = flagValue(line, 'port');
			object = deployment(name, images, Number(flagValue(line, 'replicas') ?? 1), port === undefined ? undefined : Number(port), namespace);
			break;
		}
		case 'service':
		case 'svc': {
			const [type, ...names] = rest;
			const SERVICE_TYPES = {clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName'} as const;
			if (type === undefined || !(type in SERVICE_TYPES)) {
				if (type === undefined) throw new KubectlError("error: Required resource not specified.\nSee 'kubectl create service -h' for help and examples\n");
				throw new KubectlError(`error: unknown command "${rest.join(' ')}"\nSee 'kubectl create service -h' for help and examples\n`);
			}
			const serviceType = SERVICE_TYPES[type as keyof typeof SERVICE_TYPES];
			const name = exactlyOneName(names, `create service ${type}`);
			const tcp = flagList(line, 'tcp');
			const clusterIP = flagValue(line, 'clusterip');
			const externalName = flagValue(line, 'external-name');
			if (serviceType === 'ExternalName') {
				if (externalName === undefined) throw new KubectlError('error: required flag(s) "external-name" not set\n');
				if (isDNS1123Subdomain(externalName).length > 0) throw new KubectlError(`error: invalid service external name ${externalName}\n`);
			} else if (tcp.length === 0 && clusterIP !== 'None') throw new KubectlError('error: at least one tcp port specifier must be provided\n');
			for (const spec of tcp) {
				for (const part of spec.split(':')) if (!/^\d+$/.test(part) && part === spec.split(':')[0]) throw new KubectlError(`error: strconv.ParseUint: parsing "${part}": invalid syntax\n`);
			}
			const nodePort = flagValue(line, 'node-port');
			object = service(name, serviceType, tcp, nodePort === undefined ? undefined : Number(nodePort), clusterIP, namespace, serviceType === 'ExternalName' ? externalName : undefined);
			break;
		}
		case 'configmap':
		case 'cm': {
			const name = exactlyOneName(rest, 'create configmap');
			const data: Record<string, string> = {};
			for (const literal of flagList(line, 'from-literal')) {
				const eq = literal.indexOf('=');
				if (eq <= 0) throw new KubectlError(`error: invalid literal source ${literal}, expected key=value\n`);
				data[literal.slice(0, eq)] = literal.slice(eq + 1);
			}
			for (const file of flagList(line, 'from-file')) {
				const eq = file.indexOf('=');
				const key = eq > 0 ? file.slice(0, eq) : file.slice(file.lastIndexOf('/') + 1);
				const path = eq > 0 ? file.slice(eq + 1) : file;
				const text = ctx.fs.read(path.startsWith('/') ? path : `${ctx.cwd.replace(/\/$/, '')}/${path}`);
				if (text === undefined) throw new KubectlError(`error: error reading ${path}: no such file or directory\n`);
				data[key] = text;
			}
			object = configMap(name, Object.fromEntries(Object.keys(data).sort().map((k) => [k, data[k]!])), namespace);
			break;
		}
		case 'namespace':
		case 'ns': {
			const name = exactlyOneName(rest, 'create namespace');
			object = {kind: 'Namespace', apiVersion: 'v1', metadata: {name}, spec: {}, status: {}};
			break;
		}
		default:
			throw new KubectlError(`error: unknown command "${line.args.join(' ')}"\nSee 'kubectl create -h' for help and examples\n`);
	}
	return submitNew(ctx, line, object);
}

function exactlyOneName(names: string[], command: string): string {
	if (names.length !== 1) throw new KubectlError(`error: exactly one NAME is required, got ${names.length}\nSee 'kubectl ${command} -h' for help and examples\n`);
	return names[0]!;
}

function submitNew(ctx: ShellContext, line: ParsedLine, object: ApiObject): VerbResult {
	const dryRun = dryRunOf(line);
	if (dryRun === 'none' && object['kind'] !== 'Namespace') (object['metadata'] as Record<string, unknown>)['namespace'] = namespaceOf(line);
	const stored = createObject(ctx.cluster, object, dryRun);
	return {stdout: reportWrite(line, stored, 'created', dryRun), stderr: '', status: 0};
}
