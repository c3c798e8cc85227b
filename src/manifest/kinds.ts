// The kinds svc-tutor reads: their apiVersion, whether they live in a namespace, the resource name
// the API uses in `<resource> "<name>" already exists`, and how each is decoded.

import type {Kind, KubeObject} from '../sim/api/types.js';
import type {DecodeContext, JsonMap} from './decode-context.js';
import {decodeEndpointSlice} from './decode-endpointslice.js';
import {decodeNode} from './decode-node.js';
import {decodePod} from './decode-pod.js';
import {decodeService} from './decode-service.js';

export interface KindSpec {
	apiVersion: string;
	namespaced: boolean;
	/** qualifiedResource.String(): the group is shown for non-core resources. */
	resource: string;
	decode: (ctx: DecodeContext, object: JsonMap) => KubeObject;
}

// The kinds a manifest file may hold today; the engine has more (Deployment, ConfigMap…), refused here
// as unsupported until the loader reads them.
export const KINDS: Readonly<Partial<Record<Kind, KindSpec>>> = {
	Node: {apiVersion: 'v1', namespaced: false, resource: 'nodes', decode: decodeNode},
	Pod: {apiVersion: 'v1', namespaced: true, resource: 'pods', decode: decodePod},
	Service: {apiVersion: 'v1', namespaced: true, resource: 'services', decode: decodeService},
	EndpointSlice: {apiVersion: 'discovery.k8s.io/v1', namespaced: true, resource: 'endpointslices.discovery.k8s.io', decode: decodeEndpointSlice},
};

export const KUBE_PROXY_KIND = 'KubeProxyConfiguration';
export const KUBE_PROXY_API_VERSION = 'kubeproxy.config.k8s.io/v1alpha1';

export function kindSpec(kind: string): KindSpec | undefined {
	return Object.hasOwn(KINDS, kind) ? KINDS[kind as Kind] : undefined;
}

/** What an apiVersion/kind pair should be, for the "wrong apiVersion" message. */
export function expectedApiVersion(kind: string): string | undefined {
	return kind === KUBE_PROXY_KIND ? KUBE_PROXY_API_VERSION : kindSpec(kind)?.apiVersion;
}

export const SUPPORTED_KINDS_TEXT = 'svc-tutor reads Node, Pod, Service, EndpointSlice and KubeProxyConfiguration';
