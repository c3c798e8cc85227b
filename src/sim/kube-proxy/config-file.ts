// kube-proxy's --config file (the kube-proxy ConfigMap's config.conf, mounted at
// /var/lib/kube-proxy): the KubeProxyConfiguration fields the iptables proxier reads. A
// kube-proxy reads it when it starts, so a ConfigMap edit applies once its Pods are recreated
// (`kubectl -n kube-system delete pod -l k8s-app=kube-proxy`), as on a real cluster.
import YAML from 'yaml';
import type {KubeProxyConfiguration} from '../api/types.js';

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};

function isMap(value: Json | undefined): value is {[key: string]: Json} {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The configuration in the file, or undefined when it does not read as one (the caller keeps what it had). */
export function readKubeProxyConfigFile(text: string): KubeProxyConfiguration | undefined {
	let root: Json;
	try {
		root = YAML.parse(text) as Json;
	} catch {
		return undefined;
	}
	if (!isMap(root) || root['kind'] !== 'KubeProxyConfiguration') return undefined;
	const config: KubeProxyConfiguration = {apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration'};
	if (typeof root['clusterCIDR'] === 'string') config.clusterCIDR = root['clusterCIDR'];
	if (typeof root['mode'] === 'string') config.mode = root['mode'];
	const detect = root['detectLocalMode'];
	if (detect === 'ClusterCIDR' || detect === 'NodeCIDR' || detect === 'BridgeInterface' || detect === 'InterfaceNamePrefix' || detect === '') config.detectLocalMode = detect;
	const addresses = root['nodePortAddresses'];
	if (Array.isArray(addresses)) config.nodePortAddresses = addresses.filter((a): a is string => typeof a === 'string');
	const iptables = root['iptables'];
	if (isMap(iptables)) {
		const out: NonNullable<KubeProxyConfiguration['iptables']> = {};
		if (typeof iptables['masqueradeAll'] === 'boolean') out.masqueradeAll = iptables['masqueradeAll'];
		if (typeof iptables['masqueradeBit'] === 'number') out.masqueradeBit = iptables['masqueradeBit'];
		if (typeof iptables['localhostNodePorts'] === 'boolean') out.localhostNodePorts = iptables['localhostNodePorts'];
		config.iptables = out;
	}
	return config;
}
