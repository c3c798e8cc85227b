// What kube-apiserver does to a Service before it stores it: the API defaults, the checks that
// need more than the object itself (type and nodePort combinations, port names), and nothing the
// manifest loader already checks field by field.
import type {Service, ServicePort} from '../api/types.js';
import type {FieldCause} from './errors.js';

export function applyServiceDefaults(service: Service): void {
	const spec = service.spec;
	// The API allows no ports (ExternalName, headless); objects built by kubectl's generators arrive without the field.
	spec.ports ??= [];
	spec.type ??= 'ClusterIP';
	spec.sessionAffinity ??= 'None';
	if (spec.sessionAffinity === 'ClientIP') {
		spec.sessionAffinityConfig ??= {};
		spec.sessionAffinityConfig.clientIP ??= {};
		spec.sessionAffinityConfig.clientIP.timeoutSeconds ??= 10800;
	}
	if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster';
	if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || (spec.externalIPs ?? []).length > 0) {
		spec.externalTrafficPolicy ??= 'Cluster';
	}
	for (const port of spec.ports) {
		port.protocol ??= 'TCP';
		port.targetPort ??= port.port;
	}
	service.metadata.namespace ??= 'default';
}

export function validateService(service: Service): FieldCause[] {
	const causes: FieldCause[] = [];
	const spec = service.spec;
	const type = spec.type ?? 'ClusterIP';
	const headless = spec.clusterIP === 'None';
	if (spec.ports.length === 0 && type !== 'ExternalName' && !headless) {
		causes.push({field: 'spec.ports', message: 'Required value'});
	}
	const names = new Set<string>();
	const portProtocols = new Set<string>();
	spec.ports.forEach((port: ServicePort, i) => {
		const path = `spec.ports[${i}]`;
		if (spec.ports.length > 1 && !port.name) causes.push({field: `${path}.name`, message: 'Required value'});
		if (port.name) {
			if (names.has(port.name)) causes.push({field: `${path}.name`, message: `Duplicate value: "${port.name}"`});
			names.add(port.name);
		}
		const key = `${port.port}/${port.protocol ?? 'TCP'}`;
		if (portProtocols.has(key)) {
			causes.push({field: path, message: `Duplicate value: {"port":${port.port},"protocol":"${port.protocol ?? 'TCP'}"}`});
		}
		portProtocols.add(key);
		if (port.nodePort !== undefined && port.nodePort !== 0 && type === 'ClusterIP') {
			causes.push({field: `${path}.nodePort`, message: "Forbidden: may not be used when `type` is 'ClusterIP'"});
		}
	});
	const externallyAccessible = type === 'NodePort' || type === 'LoadBalancer' || (spec.externalIPs ?? []).length > 0;
	if (spec.externalTrafficPolicy !== undefined && !externallyAccessible) {
		causes.push({
			field: 'spec.externalTrafficPolicy',
			message: `Invalid value: "${spec.externalTrafficPolicy}": may only be set for externally-accessible services`,
		});
	}
	if (headless && (type === 'NodePort' || type === 'LoadBalancer')) {
		causes.push({field: 'spec.clusterIPs[0]', message: `Invalid value: "None": may not be set to 'None' for ${type} services`});
	}
	const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
	if (timeout !== undefined && (timeout < 1 || timeout > 86400)) {
		causes.push({
			field: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
			message: `Invalid value: ${timeout}: must be greater than 0 and less than 86400`,
		});
	}
	return causes;
}
