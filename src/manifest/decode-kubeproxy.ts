// kubeproxy.config.k8s.io/v1alpha1 KubeProxyConfiguration: the iptables proxier's settings, with
// the defaults kube-proxy's config loader applies (masqueradeBit 14, localhostNodePorts true) and
// the checks of kube-proxy's own config validation.

import {defaultNodeCIDRMaskSize} from '../sim/allocation/node-ipam.js';
import type {KubeProxyConfiguration} from '../sim/api/types.js';
import {parseCIDR} from '../sim/net/cidr.js';
import {readCIDR} from './decode-common.js';
import type {DecodeContext, JsonMap} from './decode-context.js';
import {invalid, notSupported} from './field-errors.js';
import {CIDR_MESSAGE, isValidCIDR} from './ip-syntax.js';
import {KUBE_PROXY_DETECT_LOCAL_FIELDS, KUBE_PROXY_FIELDS, KUBE_PROXY_IPTABLES_FIELDS} from './known-fields.js';

type DetectLocalMode = NonNullable<KubeProxyConfiguration['detectLocalMode']>;
const DETECT_LOCAL_MODES: readonly DetectLocalMode[] = ['ClusterCIDR', 'NodeCIDR', 'BridgeInterface', 'InterfaceNamePrefix', ''];
const MODES = ['iptables', 'ipvs', 'nftables'];

function readClusterCIDR(ctx: DecodeContext, value: unknown): string | undefined {
	const path = ['clusterCIDR'];
	const text = ctx.string(value, path);
	if (text === undefined || text === '') return undefined;
	// A dual-stack cluster lists one CIDR per family, comma-separated.
	const parts = text.split(',');
	for (const part of parts) if (!isValidCIDR(part)) ctx.fail(path, invalid(part, CIDR_MESSAGE));
	if (parts.length > 2) ctx.fail(path, invalid(text, 'only one CIDR allowed or a valid DualStack CIDR (e.g. 10.100.0.0/16,fde4:8dba:82e1::/48)'));
	for (const part of parts) {
		// kube-proxy itself takes any CIDR, but kubeadm writes its podSubnet here, and svc-tutor's
		// kube-controller-manager cuts node pod CIDRs from it: kubeadm's own check, in its words.
		const {family, prefix} = parseCIDR(part.trim());
		const nodeMask = defaultNodeCIDRMaskSize(family);
		if (prefix > nodeMask)
			ctx.fail(
				path,
				invalid(
					part.trim(),
					`the size of pod subnet with mask ${prefix} is smaller than the size of node subnet with mask ${nodeMask} (kubeadm's check of the podSubnet it writes here; kube-controller-manager refuses it as --cluster-cidr)`,
				),
			);
	}
	return text;
}

function readNodePortAddresses(ctx: DecodeContext, value: unknown): string[] {
	const path = ['nodePortAddresses'];
	const items = ctx.list(value, path);
	return items.map((item, index) => {
		if (item === 'primary') {
			if (items.length > 1) ctx.fail([...path, index], invalid(item, "can't use both 'primary' and CIDRs"));
			return item;
		}
		return readCIDR(ctx, item, [...path, index]) ?? ctx.fail([...path, index], invalid(item, CIDR_MESSAGE));
	});
}

export function decodeKubeProxyConfiguration(ctx: DecodeContext, object: JsonMap): KubeProxyConfiguration {
	ctx.checkKnownFields(object, [], KUBE_PROXY_FIELDS);
	const config: KubeProxyConfiguration = {apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration'};
	const clusterCIDR = readClusterCIDR(ctx, object['clusterCIDR']);
	if (clusterCIDR) config.clusterCIDR = clusterCIDR;
	const detectLocalMode = ctx.string(object['detectLocalMode'], ['detectLocalMode']);
	if (detectLocalMode !== undefined) {
		const known = DETECT_LOCAL_MODES.find((mode) => mode === detectLocalMode);
		if (known === undefined) ctx.fail(['detectLocalMode'], notSupported(detectLocalMode, DETECT_LOCAL_MODES));
		config.detectLocalMode = known;
	}
	const detectLocal = ctx.map(object['detectLocal'], ['detectLocal']) ?? {};
	ctx.checkKnownFields(detectLocal, ['detectLocal'], KUBE_PROXY_DETECT_LOCAL_FIELDS);
	const bridgeInterface = ctx.string(detectLocal['bridgeInterface'], ['detectLocal', 'bridgeInterface']);
	const interfaceNamePrefix = ctx.string(detectLocal['interfaceNamePrefix'], ['detectLocal', 'interfaceNamePrefix']);
	// validateKubeProxyConfiguration: the interface a mode names must be given (validateInterface).
	if (config.detectLocalMode === 'BridgeInterface' && !bridgeInterface) ctx.fail(['detectLocal', 'bridgeInterface'], invalid(bridgeInterface ?? '', 'must not be empty'));
	if (config.detectLocalMode === 'InterfaceNamePrefix' && !interfaceNamePrefix)
		ctx.fail(['detectLocal', 'interfaceNamePrefix'], invalid(interfaceNamePrefix ?? '', 'must not be empty'));
	if (bridgeInterface || interfaceNamePrefix) {
		config.detectLocal = {};
		if (bridgeInterface) config.detectLocal.bridgeInterface = bridgeInterface;
		if (interfaceNamePrefix) config.detectLocal.interfaceNamePrefix = interfaceNamePrefix;
	}
	const nodePortAddresses = readNodePortAddresses(ctx, object['nodePortAddresses']);
	if (nodePortAddresses.length > 0) config.nodePortAddresses = nodePortAddresses;
	const mode = ctx.string(object['mode'], ['mode']);
	if (mode) {
		if (!MODES.includes(mode))
			ctx.fail(['mode'], invalid(mode, `must be ${MODES.join(',')} or blank (blank means the best-available proxy [currently iptables])`));
		config.mode = mode;
	}
	const conntrack = ctx.map(object['conntrack'], ['conntrack']) ?? {};
	if (ctx.boolean(conntrack['tcpBeLiberal'], ['conntrack', 'tcpBeLiberal']) === true) config.conntrack = {tcpBeLiberal: true};
	const iptables: JsonMap = ctx.map(object['iptables'], ['iptables']) ?? {};
	ctx.checkKnownFields(iptables, ['iptables'], KUBE_PROXY_IPTABLES_FIELDS);
	const masqueradeBitValue = iptables['masqueradeBit'];
	const bitPath = ['iptables', 'masqueradeBit'];
	if (masqueradeBitValue !== undefined && masqueradeBitValue !== null) {
		if (typeof masqueradeBitValue !== 'number' || !Number.isInteger(masqueradeBitValue) || masqueradeBitValue < 0 || masqueradeBitValue > 31)
			ctx.fail(bitPath, invalid(masqueradeBitValue, 'must be within the range [0, 31]'));
	}
	config.iptables = {
		masqueradeBit: typeof masqueradeBitValue === 'number' ? masqueradeBitValue : 14,
		masqueradeAll: ctx.boolean(iptables['masqueradeAll'], ['iptables', 'masqueradeAll']) ?? false,
		localhostNodePorts: ctx.boolean(iptables['localhostNodePorts'], ['iptables', 'localhostNodePorts']) ?? true,
	};
	return config;
}
