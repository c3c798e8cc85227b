// Which endpoints each traffic policy may use (pkg/proxy/topology.go, CategorizeEndpoints).
import type {EndpointInfo} from './endpoints.js';
import {usesClusterEndpoints, usesLocalEndpoints, type ServicePortInfo} from './service-port.js';

export interface CategorizedEndpoints {
	clusterEndpoints: EndpointInfo[];
	localEndpoints: EndpointInfo[];
	/** Every endpoint some chain of this node jumps to: each gets a KUBE-SEP chain. */
	allLocallyReachable: EndpointInfo[];
	hasAnyEndpoints: boolean;
}

export function categorizeEndpoints(endpoints: readonly EndpointInfo[], info: ServicePortInfo): CategorizedEndpoints {
	let clusterEndpoints: EndpointInfo[] = [];
	let localEndpoints: EndpointInfo[] = [];
	let hasAnyEndpoints = false;
	const servingTerminating = (ep: EndpointInfo): boolean => ep.serving && ep.terminating;

	if (usesClusterEndpoints(info)) {
		clusterEndpoints = endpoints.filter((ep) => ep.ready);
		// With no ready endpoint anywhere, fall back to terminating ones that still serve.
		if (clusterEndpoints.length === 0) clusterEndpoints = endpoints.filter(servingTerminating);
		if (clusterEndpoints.length > 0) hasAnyEndpoints = true;
	}
	if (!usesLocalEndpoints(info)) {
		return {clusterEndpoints, localEndpoints, allLocallyReachable: clusterEndpoints, hasAnyEndpoints};
	}

	let hasLocalReady = false;
	let hasLocalServingTerminating = false;
	for (const ep of endpoints) {
		if (ep.ready) {
			hasAnyEndpoints = true;
			if (ep.isLocal) hasLocalReady = true;
		} else if (servingTerminating(ep)) {
			hasAnyEndpoints = true;
			if (ep.isLocal) hasLocalServingTerminating = true;
		}
	}
	if (hasLocalReady) localEndpoints = endpoints.filter((ep) => ep.isLocal && ep.ready);
	else if (hasLocalServingTerminating) localEndpoints = endpoints.filter((ep) => ep.isLocal && servingTerminating(ep));

	if (!usesClusterEndpoints(info)) {
		return {clusterEndpoints, localEndpoints, allLocallyReachable: localEndpoints, hasAnyEndpoints};
	}
	// Both policies in use: the union, in the sorted endpoint order.
	const reachable = new Set([...clusterEndpoints, ...localEndpoints]);
	const allLocallyReachable = endpoints.filter((ep) => reachable.has(ep));
	return {clusterEndpoints, localEndpoints, allLocallyReachable, hasAnyEndpoints};
}
