// Every task template, in the order `svc-tutor task list` shows them (by group).
import type {TaskTemplate} from '../types.js';
import {deleteService} from './change/delete-service.js';
import {dnsLookup} from './change/dns-lookup.js';
import {etpLocal} from './change/etp-local.js';
import {exposeNodePort} from './change/expose-nodeport.js';
import {exposeUDP} from './change/expose-udp.js';
import {fixSelector} from './change/fix-selector.js';
import {fixTargetPort} from './change/fix-target-port.js';
import {kubeProxyConfigFlag} from './change/kube-proxy-config-flag.js';
import {kubeProxyCrashLoop} from './change/kube-proxy-crashloop.js';
import {podServiceRules} from './change/pod-service-rules.js';
import {scaleEndpoints} from './change/scale-endpoints.js';
import {serviceCIDR} from './change/service-cidr.js';
import {sessionAffinity} from './change/session-affinity.js';
import {cidrRange} from './compute/cidr-range.js';
import {connectionFate} from './compute/connection-fate.js';
import {dnatEndpoints} from './compute/dnat-endpoints.js';
import {endpointProbability} from './compute/endpoint-probability.js';
import {firstPodIP} from './compute/first-pod-ip.js';
import {ipInRange} from './compute/ip-in-range.js';
import {kubernetesServiceIP} from './compute/kubernetes-service-ip.js';
import {nodePortValid} from './compute/nodeport-valid.js';
import {nthPodCIDR} from './compute/nth-pod-cidr.js';
import {rangeOverlap} from './compute/range-overlap.js';
import {cniBridge} from './inspect/cni-bridge.js';
import {cniConfig} from './inspect/cni-config.js';
import {kubeDNS} from './inspect/kube-dns.js';
import {kubeProxyError} from './inspect/kube-proxy-error.js';
import {kubeProxyPods} from './inspect/kube-proxy-pods.js';
import {kubeletDNS} from './inspect/kubelet-dns.js';
import {nodeNetwork} from './inspect/node-network.js';
import {nodePodCIDR} from './inspect/node-pod-cidr.js';
import {nodePortNumber} from './inspect/nodeport-number.js';
import {nodePortOwner} from './inspect/nodeport-owner.js';
import {podRange} from './inspect/pod-range.js';
import {podsOnPodNetwork} from './inspect/pods-on-pod-network.js';
import {proxyDaemonSet} from './inspect/proxy-daemonset.js';
import {proxyMode} from './inspect/proxy-mode.js';
import {serviceEndpoints} from './inspect/service-endpoints.js';
import {serviceForIP} from './inspect/service-for-ip.js';
import {serviceRange} from './inspect/service-range.js';

export const TASK_TEMPLATES: readonly TaskTemplate[] = [
	serviceRange,
	nodePodCIDR,
	kubeProxyPods,
	proxyMode,
	cniConfig,
	serviceEndpoints,
	kubeDNS,
	nodeNetwork,
	nodePortOwner,
	podRange,
	proxyDaemonSet,
	serviceForIP,
	cniBridge,
	kubeProxyError,
	nodePortNumber,
	kubeletDNS,
	podsOnPodNetwork,
	exposeNodePort,
	fixSelector,
	fixTargetPort,
	podServiceRules,
	serviceCIDR,
	kubeProxyCrashLoop,
	etpLocal,
	dnsLookup,
	sessionAffinity,
	kubeProxyConfigFlag,
	deleteService,
	exposeUDP,
	scaleEndpoints,
	cidrRange,
	nthPodCIDR,
	dnatEndpoints,
	kubernetesServiceIP,
	endpointProbability,
	ipInRange,
	nodePortValid,
	rangeOverlap,
	connectionFate,
	firstPodIP,
];

export function findTemplate(id: string): TaskTemplate | undefined {
	return TASK_TEMPLATES.find((t) => t.id === id);
}
