// networking.k8s.io/v1 ServiceCIDR (Kubernetes 1.33+): where a current cluster keeps its service
// range. The `kubernetes` one is made by kube-apiserver from --service-cluster-ip-range, so a dump
// that holds it says the range outright.

import type {ServiceCIDR} from '../sim/api/types.js';
import {readCIDRList} from './decode-common.js';
import type {DecodeContext, JsonMap} from './decode-context.js';
import {decodeMetadata} from './decode-meta.js';
import {isDNS1123Subdomain} from './name-syntax.js';

export function decodeServiceCIDR(ctx: DecodeContext, object: JsonMap): ServiceCIDR {
	const meta = decodeMetadata(ctx, object['metadata'], {namespaced: false, nameSyntax: isDNS1123Subdomain});
	const spec = ctx.map(object['spec'], ['spec']) ?? {};
	return {apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: {name: meta.name}, spec: {cidrs: readCIDRList(ctx, spec['cidrs'], ['spec', 'cidrs'])}};
}
