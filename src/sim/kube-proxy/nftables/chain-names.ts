// The nftables proxier's chain and set names (pkg/proxy/nftables/proxier.go, hashAndTruncate):
// `PREFIX-HASH-namespace/name/protocol/portName`, HASH being the first 8 characters of
// base32(sha256(the rest)). nftables allows `/` in names, so the name stays readable.
import {hash16} from '../iptables/chain-names.js';
import type {ServicePortInfo} from '../service-port.js';

/** knftables.NameLengthMax (256) less the longest prefix kube-proxy puts in front (16). */
const CHAIN_NAME_BASE_LENGTH_MAX = 256 - 16;

function hashAndTruncate(name: string): string {
	const hashed = hash16(name).slice(0, 8) + '-' + name;
	return hashed.length > CHAIN_NAME_BASE_LENGTH_MAX ? hashed.slice(0, CHAIN_NAME_BASE_LENGTH_MAX - 3) + '...' : hashed;
}

/** `HASH-ns/name/tcp/portName` (the port's name, empty for an unnamed port). */
export function servicePortChainNameBase(info: ServicePortInfo): string {
	return hashAndTruncate(`${info.namespace}/${info.name}/${info.protocol}/${info.portName}`);
}

/** `HASH-ns/name/tcp/portName__ip/port`; an IPv6 address has its colons turned into dots. */
export function endpointChainNameBase(info: ServicePortInfo, ip: string, port: number): string {
	return hashAndTruncate(`${info.namespace}/${info.name}/${info.protocol}/${info.portName}__${ip.replaceAll(':', '.')}/${port}`);
}

export interface ServicePortChainNames {
	clusterPolicy: string;
	localPolicy: string;
	external: string;
	firewall: string;
}

export function servicePortChainNames(info: ServicePortInfo): ServicePortChainNames {
	const base = servicePortChainNameBase(info);
	return {clusterPolicy: `service-${base}`, localPolicy: `local-${base}`, external: `external-${base}`, firewall: `firewall-${base}`};
}

export function endpointChainName(info: ServicePortInfo, ip: string, port: number): string {
	return `endpoint-${endpointChainNameBase(info, ip, port)}`;
}

export function affinitySetName(info: ServicePortInfo, ip: string, port: number): string {
	return `affinity-${endpointChainNameBase(info, ip, port)}`;
}
