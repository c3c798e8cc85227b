// v1 Service: read, defaulted as SetDefaults_Service does, then checked with the per-object rules of
// ValidateService. Nothing here needs the cluster: IP and node-port allocation, and whether an IP
// is inside the Service CIDR, are the simulated API server's checks.

import type {Service, ServiceType, TrafficPolicy} from '../sim/api/types.js';
import {readCIDR, readIP, readIPList} from './decode-common.js';
import {type DecodeContext, type JsonMap} from './decode-context.js';
import {decodeLabels, decodeMetadata} from './decode-meta.js';
import {readServicePorts} from './decode-service-ports.js';
import {forbidden, invalid, required} from './field-errors.js';
import {IP_MESSAGE} from './ip-syntax.js';
import {OBJECT_FIELDS, SERVICE_SPEC_FIELDS} from './known-fields.js';
import {isDNS1035Label, isDNS1123Subdomain} from './name-syntax.js';

const SERVICE_TYPES: readonly ServiceType[] = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const TRAFFIC_POLICIES: readonly TrafficPolicy[] = ['Cluster', 'Local'];
const DEFAULT_AFFINITY_SECONDS = 10800;
const MAX_AFFINITY_SECONDS = 86400;

function readClusterIP(ctx: DecodeContext, value: unknown, path: (string | number)[]): string | undefined {
	const text = ctx.string(value, path);
	// "" asks the API server to allocate one, exactly like leaving the field out.
	if (text === undefined || text === '') return undefined;
	if (text === 'None') return text;
	return readIP(ctx, text, path);
}

function readAffinityTimeout(ctx: DecodeContext, spec: JsonMap): number {
	const configPath = ['spec', 'sessionAffinityConfig'];
	const clientIP = ctx.map(ctx.map(spec['sessionAffinityConfig'], configPath)?.['clientIP'], [...configPath, 'clientIP']);
	const path = [...configPath, 'clientIP', 'timeoutSeconds'];
	const value = clientIP?.['timeoutSeconds'];
	if (value === undefined || value === null) return DEFAULT_AFFINITY_SECONDS;
	const detail = `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`;
	if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > MAX_AFFINITY_SECONDS) ctx.fail(path, invalid(value, detail));
	return value;
}

/** The CNAME target, kept for kubectl (kube-proxy ignores these Services). */
function readExternalName(ctx: DecodeContext, spec: JsonMap): string | undefined {
	const path = ['spec', 'externalName'];
	const cname = (ctx.string(spec['externalName'], path) ?? '').replace(/\.$/, '');
	if (cname === '') ctx.fail(path, required());
	const [problem] = isDNS1123Subdomain(cname);
	if (problem) ctx.fail(path, invalid(cname, problem));
	return cname === '' ? undefined : (ctx.string(spec['externalName'], path) ?? undefined);
}

export function decodeService(ctx: DecodeContext, object: JsonMap): Service {
	ctx.checkKnownFields(object, [], OBJECT_FIELDS);
	const metadata = decodeMetadata(ctx, object['metadata'], {namespaced: true, nameSyntax: isDNS1035Label});
	const spec = ctx.map(object['spec'], ['spec']) ?? {};
	ctx.checkKnownFields(spec, ['spec'], SERVICE_SPEC_FIELDS);

	const type = ctx.oneOf(spec['type'], ['spec', 'type'], SERVICE_TYPES) ?? 'ClusterIP';
	const ports = readServicePorts(ctx, spec['ports']);
	const selector = decodeLabels(ctx, spec['selector'], ['spec', 'selector']);
	const clusterIP = readClusterIP(ctx, spec['clusterIP'], ['spec', 'clusterIP']);
	const clusterIPs = ctx.list(spec['clusterIPs'], ['spec', 'clusterIPs']).map((item, index) => {
		const ip = readClusterIP(ctx, item, ['spec', 'clusterIPs', index]);
		if (ip === undefined) ctx.fail(['spec', 'clusterIPs', index], invalid(item, IP_MESSAGE));
		return ip;
	});
	const externalIPs = readIPList(ctx, spec['externalIPs'], ['spec', 'externalIPs'], {nonSpecial: true});
	const sessionAffinity = ctx.oneOf(spec['sessionAffinity'], ['spec', 'sessionAffinity'], ['ClientIP', 'None'] as const) ?? 'None';
	const timeoutSeconds = sessionAffinity === 'ClientIP' ? readAffinityTimeout(ctx, spec) : undefined;
	const externalTrafficPolicy = ctx.oneOf(spec['externalTrafficPolicy'], ['spec', 'externalTrafficPolicy'], TRAFFIC_POLICIES);
	const internalTrafficPolicy = ctx.oneOf(spec['internalTrafficPolicy'], ['spec', 'internalTrafficPolicy'], TRAFFIC_POLICIES);
	const sourceRangesPath = ['spec', 'loadBalancerSourceRanges'];
	// The API trims these: they used to come from a comma-separated annotation.
	const loadBalancerSourceRanges = ctx
		.list(spec['loadBalancerSourceRanges'], sourceRangesPath)
		.map((item, index) => readCIDR(ctx, typeof item === 'string' ? item.trim() : item, [...sourceRangesPath, index]) ?? '');
	const healthCheckNodePort = ctx.integer(spec['healthCheckNodePort'], ['spec', 'healthCheckNodePort'], 0, 65535);
	const ipFamilies = ctx
		.list(spec['ipFamilies'], ['spec', 'ipFamilies'])
		.map((item, index) => ctx.oneOf(item, ['spec', 'ipFamilies', index], ['IPv4', 'IPv6'] as const) ?? 'IPv4');
	const externalName = type === 'ExternalName' ? readExternalName(ctx, spec) : undefined;

	const headless = clusterIP === 'None' || clusterIPs[0] === 'None';
	if (ports.length === 0 && !headless && type !== 'ExternalName') ctx.fail(['spec', 'ports'], required());
	if (headless && (type === 'NodePort' || type === 'LoadBalancer')) {
		const at = clusterIPs[0] === 'None' ? ['spec', 'clusterIPs', 0] : ['spec', 'clusterIP'];
		ctx.fail(at, invalid('None', `may not be set to 'None' for ${type} services`), ['spec', 'clusterIPs', 0]);
	}
	ports.forEach((port, index) => {
		if (type === 'ClusterIP' && port.nodePort) ctx.fail(['spec', 'ports', index, 'nodePort'], forbidden("may not be used when `type` is 'ClusterIP'"));
	});
	if (loadBalancerSourceRanges.length > 0 && type !== 'LoadBalancer')
		ctx.fail(sourceRangesPath, forbidden("may only be used when `type` is 'LoadBalancer'"));

	// service.ExternallyAccessible: only these Services have an external traffic policy at all.
	const externallyAccessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && externalIPs.length > 0);
	if (externalTrafficPolicy && !externallyAccessible)
		ctx.fail(['spec', 'externalTrafficPolicy'], invalid(externalTrafficPolicy, 'may only be set for externally-accessible services'));
	const effectiveExternalPolicy = externallyAccessible ? (externalTrafficPolicy ?? 'Cluster') : undefined;
	if (healthCheckNodePort && !(type === 'LoadBalancer' && effectiveExternalPolicy === 'Local'))
		ctx.fail(
			['spec', 'healthCheckNodePort'],
			invalid(healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"),
		);

	const serviceSpec: Service['spec'] = {type, ports, sessionAffinity};
	if (externalName !== undefined) serviceSpec.externalName = externalName;
	if (selector) serviceSpec.selector = selector;
	if (clusterIP !== undefined) serviceSpec.clusterIP = clusterIP;
	if (clusterIPs.length > 0) serviceSpec.clusterIPs = clusterIPs;
	if (externalIPs.length > 0) serviceSpec.externalIPs = externalIPs;
	if (timeoutSeconds !== undefined) serviceSpec.sessionAffinityConfig = {clientIP: {timeoutSeconds}};
	if (effectiveExternalPolicy) serviceSpec.externalTrafficPolicy = effectiveExternalPolicy;
	// SetDefaults_Service leaves ExternalName Services without an internal traffic policy.
	if (type !== 'ExternalName') serviceSpec.internalTrafficPolicy = internalTrafficPolicy ?? 'Cluster';
	else if (internalTrafficPolicy) serviceSpec.internalTrafficPolicy = internalTrafficPolicy;
	if (loadBalancerSourceRanges.length > 0) serviceSpec.loadBalancerSourceRanges = loadBalancerSourceRanges;
	if (healthCheckNodePort) serviceSpec.healthCheckNodePort = healthCheckNodePort;
	if (ipFamilies.length > 0) serviceSpec.ipFamilies = ipFamilies;
	const allocatePath = ['spec', 'allocateLoadBalancerNodePorts'];
	const allocateLoadBalancerNodePorts = ctx.boolean(spec['allocateLoadBalancerNodePorts'], allocatePath);
	if (allocateLoadBalancerNodePorts !== undefined && type !== 'LoadBalancer')
		ctx.fail(allocatePath, forbidden("may only be used when `type` is 'LoadBalancer'"));
	// SetDefaults_Service: true for a LoadBalancer that does not say.
	if (type === 'LoadBalancer') serviceSpec.allocateLoadBalancerNodePorts = allocateLoadBalancerNodePorts ?? true;

	const service: Service = {apiVersion: 'v1', kind: 'Service', metadata, spec: serviceSpec};
	const ingress = readIngress(ctx, object['status']);
	if (ingress.length > 0) service.status = {loadBalancer: {ingress}};
	return service;
}

type Ingress = NonNullable<NonNullable<NonNullable<Service['status']>['loadBalancer']>['ingress']>[number];

function readIngress(ctx: DecodeContext, value: unknown): Ingress[] {
	const status = ctx.map(value, ['status']);
	const loadBalancer = ctx.map(status?.['loadBalancer'], ['status', 'loadBalancer']);
	const path = ['status', 'loadBalancer', 'ingress'];
	return ctx.list(loadBalancer?.['ingress'], path).map((item, index) => {
		const entry = ctx.map(item, [...path, index]) ?? {};
		const out: Ingress = {};
		const ip = readIP(ctx, entry['ip'], [...path, index, 'ip']);
		if (ip) out.ip = ip;
		const hostname = ctx.string(entry['hostname'], [...path, index, 'hostname']);
		if (hostname) out.hostname = hostname;
		// ValidateLoadBalancerStatus: VIP or Proxy, and only beside an ip.
		const ipMode = ctx.oneOf(entry['ipMode'], [...path, index, 'ipMode'], ['VIP', 'Proxy'] as const);
		if (ipMode !== undefined) {
			if (!ip) ctx.fail([...path, index, 'ipMode'], forbidden('may not be specified when `ip` is not set'));
			out.ipMode = ipMode;
		}
		return out;
	});
}
