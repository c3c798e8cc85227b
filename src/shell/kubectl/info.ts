// kubectl version, cluster-info, api-resources, api-versions and config view.
import {KUBERNETES_VERSION} from '../../sim/control-plane/versions.js';
import type {ShellContext} from '../types.js';
import {KubectlError} from './errors.js';
import {flagBool, flagValue, GLOBAL_FLAGS, parseFlags} from './flags.js';
import {record, str} from './json.js';
import {findKubeconfig, withContextNamespace} from './kubeconfig.js';
import {listObjects} from './api.js';
import {apiVersionOf, RESOURCE_TYPES, resolveType} from './resources.js';
import {goJson, goYaml} from './serialize.js';
import {layoutTable} from './tabwriter.js';
import type {VerbResult} from './verb.js';

/** The kubectl this shell emulates (its output formats were checked against this build). */
const CLIENT = {gitVersion: 'v1.34.5', gitCommit: 'ebfac057369b21558006b8815821ab2fb1e29f2d', buildDate: '2026-02-26T20:06:18Z', goVersion: 'go1.24.13', kustomize: 'v5.7.1'};

/** Release builds' commit and Go version (v1.32.3's from its published binaries; the date is kubectl's build of that commit). */
const SERVER_BUILDS: Record<string, {commit: string; date: string; go: string}> = {
	'v1.32.3': {commit: '32cc146f75aad04beaaa245a7157eb35063a9f99', date: '2025-03-11T19:58:53Z', go: 'go1.23.6'},
};

function minor(version: string): number {
	return Number(/^v1\.(\d+)/.exec(version)?.[1] ?? 0);
}

export function version(ctx: ShellContext, tokens: readonly string[]): VerbResult {
	const line = parseFlags(tokens, [...GLOBAL_FLAGS, {name: 'client', type: 'bool'}, {name: 'output', short: 'o', type: 'string'}]);
	const clientOnly = flagBool(line, 'client');
	const output = flagValue(line, 'output');
	if (output !== undefined && output !== 'yaml' && output !== 'json') throw new KubectlError("error: --output must be 'yaml' or 'json'\n");
	const info = (gitVersion: string, commit: string, date: string, go: string): Record<string, string> => ({
		major: '1',
		minor: String(minor(gitVersion)),
		gitVersion,
		gitCommit: commit,
		gitTreeState: 'clean',
		buildDate: date,
		goVersion: go,
		compiler: 'gc',
		platform: 'linux/amd64',
	});
	const client = info(CLIENT.gitVersion, CLIENT.gitCommit, CLIENT.buildDate, CLIENT.goVersion);
	const build = SERVER_BUILDS[KUBERNETES_VERSION] ?? {commit: '', date: '', go: ''};
	const server = clientOnly ? undefined : info(KUBERNETES_VERSION, build.commit, build.date, build.go);
	if (output !== undefined) {
		if (server) ctx.cluster.api.checkReachable();
		const object: Record<string, unknown> = {clientVersion: client, kustomizeVersion: CLIENT.kustomize};
		if (server) object['serverVersion'] = server;
		return {stdout: output === 'json' ? `${goJson(object, true, false, '  ')}\n` : `${goYaml(object)}\n`, stderr: '', status: 0};
	}
	let stdout = `Client Version: ${CLIENT.gitVersion}\nKustomize Version: ${CLIENT.kustomize}\n`;
	let stderr = '';
	// The client's lines come first; then the server is asked, and may refuse.
	if (server && !ctx.cluster.api.reachable) {
		try {
			ctx.cluster.api.checkReachable();
		} catch (error) {
			return {stdout, stderr: `${error instanceof Error ? error.message : String(error)}\n`, status: 1};
		}
	}
	if (server) {
		stdout += `Server Version: ${KUBERNETES_VERSION}\n`;
		const skew = Math.abs(minor(CLIENT.gitVersion) - minor(KUBERNETES_VERSION));
		if (skew > 1) stderr += `Warning: version difference between client (1.${minor(CLIENT.gitVersion)}) and server (1.${minor(KUBERNETES_VERSION)}) exceeds the supported minor version skew of +/-1\n`;
	}
	return {stdout, stderr, status: 0};
}

export function clusterInfo(ctx: ShellContext, tokens: readonly string[]): VerbResult {
	const line = parseFlags(tokens, GLOBAL_FLAGS);
	if (line.args[0] === 'dump') throw new KubectlError('error: kubectl cluster-info dump is not available in this shell\n');
	ctx.cluster.api.checkReachable();
	const server = findKubeconfig(ctx)?.server || `https://${apiServerAddress(ctx)}:6443`;
	let stdout = `Kubernetes control plane is running at ${server}\n`;
	for (const service of listObjects(ctx.cluster, resolveType('services')!, 'kube-system')) {
		const labels = record(service, 'metadata', 'labels');
		if (labels['kubernetes.io/cluster-service'] !== 'true') continue;
		const name = labels['kubernetes.io/name'] ?? str(service, 'metadata', 'name');
		const port = str(service, 'spec', 'ports', 0, 'name');
		stdout += `${name} is running at ${server}/api/v1/namespaces/kube-system/services/${str(service, 'metadata', 'name')}${port ? `:${port}` : ''}/proxy\n`;
	}
	stdout += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
	return {stdout, stderr: '', status: 0};
}

function apiServerAddress(ctx: ShellContext): string {
	const node = ctx.cluster.nodes().find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined) ?? ctx.cluster.nodes()[0];
	return node?.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '127.0.0.1';
}

export function apiResources(ctx: ShellContext, tokens: readonly string[]): VerbResult {
	const line = parseFlags(tokens, [...GLOBAL_FLAGS, {name: 'namespaced', type: 'bool'}, {name: 'api-group', type: 'string'}, {name: 'output', short: 'o', type: 'string'}, {name: 'no-headers', type: 'bool'}, {name: 'sort-by', type: 'string'}, {name: 'verbs', type: 'strings'}, {name: 'cached', type: 'bool'}, {name: 'categories', type: 'strings'}]);
	ctx.cluster.api.checkReachable();
	const output = flagValue(line, 'output');
	let types = [...RESOURCE_TYPES];
	if (line.values.has('namespaced')) types = types.filter((t) => t.namespaced === flagBool(line, 'namespaced'));
	const group = flagValue(line, 'api-group');
	if (group !== undefined) types = types.filter((t) => t.group === group);
	if (output === 'name') return {stdout: types.map((t) => `${t.resource}${t.group ? `.${t.group}` : ''}\n`).join(''), stderr: '', status: 0};
	const wide = output === 'wide';
	const rows: string[][] = [];
	if (!flagBool(line, 'no-headers')) rows.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]);
	for (const t of types) {
		rows.push([t.resource, t.shortNames.join(','), apiVersionOf(t), String(t.namespaced), t.kind, ...(wide ? [`[${t.verbs.join(' ')}]`, t.inAll ? 'all' : ''] : [])]);
	}
	return {stdout: layoutTable(rows), stderr: '', status: 0};
}

export function apiVersions(ctx: ShellContext): VerbResult {
	ctx.cluster.api.checkReachable();
	const versions = [...new Set(RESOURCE_TYPES.map(apiVersionOf))].sort();
	return {stdout: versions.map((v) => `${v}\n`).join(''), stderr: '', status: 0};
}

/** kubectl config view (certificate data shown as DATA+OMITTED unless --raw), current-context, get-contexts. */
export function config(ctx: ShellContext, tokens: readonly string[]): VerbResult {
	const line = parseFlags(tokens, [...GLOBAL_FLAGS, {name: 'raw', type: 'bool'}, {name: 'minify', type: 'bool'}, {name: 'flatten', type: 'bool'}, {name: 'output', short: 'o', type: 'string'}, {name: 'current', type: 'bool'}]);
	const sub = line.args[0];
	const found = findKubeconfig(ctx);
	switch (sub) {
		case 'view': {
			if (!found) return {stdout: 'apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: ""\nkind: Config\nusers: null\n', stderr: '', status: 0};
			let text = found.text;
			if (!flagBool(line, 'raw')) text = text.replace(/^(\s*(?:certificate-authority-data|client-certificate-data|client-key-data|token):\s*).+$/gm, '$1DATA+OMITTED').replace(/^(\s*token:\s*).+$/gm, '$1REDACTED');
			return {stdout: text.replace(/^preferences: \{\}\n/m, ''), stderr: '', status: 0};
		}
		case 'current-context': {
			const current = /^current-context:\s*(.+)$/m.exec(found?.text ?? '')?.[1];
			if (!current) return {stdout: '', stderr: 'error: current-context is not set\n', status: 1};
			return {stdout: `${current}\n`, stderr: '', status: 0};
		}
		case 'get-contexts': {
			const current = found?.currentContext ?? '';
			const rows = [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
			if (current) rows.push(['*', current, 'kubernetes', current.split('@')[0] ?? '', found?.namespace ?? '']);
			return {stdout: layoutTable(rows), stderr: '', status: 0};
		}
		case 'set-context': {
			const namespace = flagValue(line, 'namespace');
			const target = flagBool(line, 'current') ? found?.currentContext : line.args[1];
			if (!target) throw new KubectlError('error: you must specify a non-empty context name or --current\n');
			if (!found) throw new KubectlError(`error: no context exists with the name: "${target}"\n`);
			if (namespace !== undefined) {
				const text = withContextNamespace(found.text, target, namespace);
				if (text === undefined) throw new KubectlError(`error: no context exists with the name: "${target}"\n`);
				ctx.fs.write(found.path, text);
			}
			return {stdout: `Context "${target}" modified.\n`, stderr: '', status: 0};
		}
		case 'use-context': {
			const target = line.args[1];
			if (!found || target !== found.currentContext) throw new KubectlError(`error: no context exists with the name: "${target ?? ''}"\n`);
			return {stdout: `Switched to context "${target}".\n`, stderr: '', status: 0};
		}
		default:
			throw new KubectlError(`error: kubectl config ${sub ?? ''} is not available in this shell (view, current-context, get-contexts, set-context and use-context are)\n`);
	}
}

