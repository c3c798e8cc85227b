// v1 Node: name, labels, Pod CIDRs and addresses — what kube-proxy and the packet path need to
// know about a machine. The API does not check status addresses, nor a pod CIDR's size; they are
// checked here because the simulator routes packets to them and gives Pods IPs from the CIDR.

import type {Node, NodeAddress} from '../sim/api/types.js';
import {defaultNodeCIDRMaskSize} from '../sim/allocation/node-ipam.js';
import {subnetTooSmall} from '../sim/cni/host-local-range.js';
import {parseCIDR} from '../sim/net/cidr.js';
import {readCIDR, readCIDRList, readIP} from './decode-common.js';
import type {DecodeContext, JsonMap} from './decode-context.js';
import {decodeMetadata} from './decode-meta.js';
import {invalid, required} from './field-errors.js';
import {OBJECT_FIELDS} from './known-fields.js';
import {isDNS1123Subdomain} from './name-syntax.js';

const ADDRESS_TYPES: readonly NodeAddress['type'][] = ['ExternalDNS', 'ExternalIP', 'Hostname', 'InternalDNS', 'InternalIP'];

function readAddresses(ctx: DecodeContext, status: JsonMap): NodeAddress[] {
	const path = ['status', 'addresses'];
	return ctx.list(status['addresses'], path).map((item, index) => {
		const at = [...path, index];
		const entry = ctx.map(item, at);
		if (!entry) ctx.fail(at, invalid(item, 'must be a map of fields'));
		const type = ctx.oneOf(entry['type'], [...at, 'type'], ADDRESS_TYPES) ?? ctx.fail([...at, 'type'], required());
		const isIP = type === 'InternalIP' || type === 'ExternalIP';
		const address = isIP ? readIP(ctx, entry['address'], [...at, 'address']) : ctx.string(entry['address'], [...at, 'address']);
		return {type, address: address ?? ctx.fail([...at, 'address'], required())};
	});
}

/**
 * A pod CIDR the API accepts but the node's CNI cannot use: flannel hands it to host-local IPAM,
 * which refuses a /31 or /32 outright, so no Pod on the node could ever get an IP.
 */
function checkPodCIDRSize(ctx: DecodeContext, cidr: string, path: (string | number)[]): void {
	const subnet = parseCIDR(cidr);
	const tooSmall = subnetTooSmall(subnet);
	if (tooSmall === undefined) return;
	ctx.fail(
		path,
		`${cidr} leaves no address for Pods: flannel's host-local IPAM refuses it ("${tooSmall}"); a node's pod CIDR needs at least a /${subnet.bits - 2}, kubeadm gives each node a /${defaultNodeCIDRMaskSize(subnet.family)}`,
	);
}

export function decodeNode(ctx: DecodeContext, object: JsonMap): Node {
	ctx.checkKnownFields(object, [], OBJECT_FIELDS);
	const metadata = decodeMetadata(ctx, object['metadata'], {namespaced: false, nameSyntax: isDNS1123Subdomain});
	const spec = ctx.map(object['spec'], ['spec']) ?? {};
	const nodeSpec: Node['spec'] = {};
	const podCIDR = readCIDR(ctx, spec['podCIDR'], ['spec', 'podCIDR']);
	if (podCIDR) {
		checkPodCIDRSize(ctx, podCIDR, ['spec', 'podCIDR']);
		nodeSpec.podCIDR = podCIDR;
	}
	const podCIDRs = readCIDRList(ctx, spec['podCIDRs'], ['spec', 'podCIDRs']);
	podCIDRs.forEach((cidr, index) => checkPodCIDRSize(ctx, cidr, ['spec', 'podCIDRs', index]));
	if (podCIDRs.length > 0) nodeSpec.podCIDRs = podCIDRs;
	const status = ctx.map(object['status'], ['status']) ?? {};
	return {apiVersion: 'v1', kind: 'Node', metadata, spec: nodeSpec, status: {addresses: readAddresses(ctx, status)}};
}
