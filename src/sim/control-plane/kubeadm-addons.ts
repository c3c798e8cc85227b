// The add-ons `kubeadm init` installs and the CNI a cluster admin applies next, as API objects:
// kube-proxy (DaemonSet and its ConfigMap, config.conf being the KubeProxyConfiguration kubeadm
// marshals with every field, kubeconfig.conf kubeadm's template), CoreDNS (Deployment, ConfigMap
// with kubeadm's Corefile, the kube-dns Service) and flannel (namespace kube-flannel, its
// ConfigMap and DaemonSet from Documentation/kube-flannel.yml of v0.26.4). Texts from kubeadm's
// cmd/kubeadm/app/phases/addons/{proxy,dns}/manifests.go.
import type {ConfigMap, DaemonSet, Deployment, Namespace, Service} from '../api/types.js';
import {COREDNS_IMAGE, FLANNEL_CNI_PLUGIN_IMAGE, FLANNEL_IMAGE, KUBE_PROXY_IMAGE} from './versions.js';

export function kubeProxyConfigText(clusterCIDR: string, mode = ''): string {
	return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: ${clusterCIDR}
configSyncPeriod: 0s
conntrack:
  maxPerCore: null
  min: null
  tcpBeLiberal: false
  tcpCloseWaitTimeout: null
  tcpEstablishedTimeout: null
  udpStreamTimeout: 0s
  udpTimeout: 0s
detectLocal:
  bridgeInterface: ""
  interfaceNamePrefix: ""
detectLocalMode: ""
enableProfiling: false
healthzBindAddress: ""
hostnameOverride: ""
iptables:
  localhostNodePorts: null
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  strictARP: false
  syncPeriod: 0s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
kind: KubeProxyConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
metricsBindAddress: ""
mode: "${mode}"
nftables:
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
nodePortAddresses: null
oomScoreAdj: null
portRange: ""
showHiddenMetricsForVersion: ""
winkernel:
  enableDSR: false
  forwardHealthCheckVip: false
  networkName: ""
  rootHnsEndpointName: ""
  sourceVip: ""`;
}

export function kubeProxyKubeconfigText(server: string): string {
	return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: ${server}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token`;
}

export function kubeProxyConfigMap(clusterCIDR: string, server: string): ConfigMap {
	return {
		apiVersion: 'v1',
		kind: 'ConfigMap',
		metadata: {name: 'kube-proxy', namespace: 'kube-system', labels: {app: 'kube-proxy'}},
		data: {'config.conf': kubeProxyConfigText(clusterCIDR), 'kubeconfig.conf': kubeProxyKubeconfigText(server)},
	};
}

export function kubeProxyDaemonSet(): DaemonSet {
	return {
		apiVersion: 'apps/v1',
		kind: 'DaemonSet',
		metadata: {name: 'kube-proxy', namespace: 'kube-system', labels: {'k8s-app': 'kube-proxy'}},
		spec: {
			selector: {matchLabels: {'k8s-app': 'kube-proxy'}},
			updateStrategy: {type: 'RollingUpdate'},
			template: {
				metadata: {labels: {'k8s-app': 'kube-proxy'}},
				spec: {
					priorityClassName: 'system-node-critical',
					containers: [
						{
							name: 'kube-proxy',
							image: KUBE_PROXY_IMAGE,
							imagePullPolicy: 'IfNotPresent',
							command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
							volumeMounts: [
								{mountPath: '/var/lib/kube-proxy', name: 'kube-proxy'},
								{mountPath: '/run/xtables.lock', name: 'xtables-lock', readOnly: false},
								{mountPath: '/lib/modules', name: 'lib-modules', readOnly: true},
							],
							env: [{name: 'NODE_NAME', valueFrom: {fieldRef: {fieldPath: 'spec.nodeName'}}}],
						},
					],
					hostNetwork: true,
					serviceAccountName: 'kube-proxy',
					volumes: [
						{name: 'kube-proxy', configMap: {name: 'kube-proxy'}},
						{name: 'xtables-lock', hostPath: {path: '/run/xtables.lock', type: 'FileOrCreate'}},
						{name: 'lib-modules', hostPath: {path: '/lib/modules'}},
					],
					tolerations: [{key: 'CriticalAddonsOnly', operator: 'Exists'}, {operator: 'Exists'}],
					nodeSelector: {'kubernetes.io/os': 'linux'},
				},
			},
		},
	};
}

export function corefile(dnsDomain: string): string {
	return `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${dnsDomain} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success ${dnsDomain}
       disable denial ${dnsDomain}
    }
    loop
    reload
    loadbalance
}
`;
}

export function coreDNSConfigMap(dnsDomain: string): ConfigMap {
	return {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'coredns', namespace: 'kube-system'}, data: {Corefile: corefile(dnsDomain)}};
}

export function coreDNSDeployment(): Deployment {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: 'coredns', namespace: 'kube-system', labels: {'k8s-app': 'kube-dns'}},
		spec: {
			replicas: 2,
			strategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: 1}},
			selector: {matchLabels: {'k8s-app': 'kube-dns'}},
			template: {
				metadata: {labels: {'k8s-app': 'kube-dns'}},
				spec: {
					priorityClassName: 'system-cluster-critical',
					serviceAccountName: 'coredns',
					tolerations: [{key: 'CriticalAddonsOnly', operator: 'Exists'}, {key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule'}],
					nodeSelector: {'kubernetes.io/os': 'linux'},
					containers: [
						{
							name: 'coredns',
							image: COREDNS_IMAGE,
							imagePullPolicy: 'IfNotPresent',
							args: ['-conf', '/etc/coredns/Corefile'],
							volumeMounts: [{name: 'config-volume', mountPath: '/etc/coredns', readOnly: true}],
							ports: [
								{containerPort: 53, name: 'dns', protocol: 'UDP'},
								{containerPort: 53, name: 'dns-tcp', protocol: 'TCP'},
								{containerPort: 9153, name: 'metrics', protocol: 'TCP'},
								{containerPort: 8080, name: 'liveness-probe', protocol: 'TCP'},
								{containerPort: 8181, name: 'readiness-probe', protocol: 'TCP'},
							],
						},
					],
					dnsPolicy: 'Default',
					volumes: [{name: 'config-volume', configMap: {name: 'coredns', items: [{key: 'Corefile', path: 'Corefile'}]}}],
				},
			},
		},
	};
}

export function kubeDNSService(clusterIP: string): Service {
	return {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {
			name: 'kube-dns',
			namespace: 'kube-system',
			labels: {'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS'},
			annotations: {'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true'},
		},
		spec: {
			clusterIP,
			selector: {'k8s-app': 'kube-dns'},
			ports: [
				{name: 'dns', port: 53, protocol: 'UDP', targetPort: 53},
				{name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53},
				{name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153},
			],
		},
	};
}

export const FLANNEL_CNI_CONF = `{
  "name": "cbr0",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "flannel",
      "delegate": {
        "hairpinMode": true,
        "isDefaultGateway": true
      }
    },
    {
      "type": "portmap",
      "capabilities": {
        "portMappings": true
      }
    }
  ]
}
`;

export function flannelNetConf(network: string): string {
	return `{
  "Network": "${network}",
  "EnableNFTables": false,
  "Backend": {
    "Type": "vxlan"
  }
}
`;
}

export function flannelNamespace(): Namespace {
	return {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'kube-flannel', labels: {'k8s-app': 'flannel', 'pod-security.kubernetes.io/enforce': 'privileged'}}};
}

export function flannelConfigMap(network: string): ConfigMap {
	return {
		apiVersion: 'v1',
		kind: 'ConfigMap',
		metadata: {name: 'kube-flannel-cfg', namespace: 'kube-flannel', labels: {tier: 'node', 'k8s-app': 'flannel', app: 'flannel'}},
		data: {'cni-conf.json': FLANNEL_CNI_CONF, 'net-conf.json': flannelNetConf(network)},
	};
}

export function flannelDaemonSet(): DaemonSet {
	return {
		apiVersion: 'apps/v1',
		kind: 'DaemonSet',
		metadata: {name: 'kube-flannel-ds', namespace: 'kube-flannel', labels: {tier: 'node', app: 'flannel', 'k8s-app': 'flannel'}},
		spec: {
			selector: {matchLabels: {app: 'flannel'}},
			template: {
				metadata: {labels: {tier: 'node', app: 'flannel'}},
				spec: {
					hostNetwork: true,
					priorityClassName: 'system-node-critical',
					tolerations: [{operator: 'Exists', effect: 'NoSchedule'}],
					serviceAccountName: 'flannel',
					affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: 'kubernetes.io/os', operator: 'In', values: ['linux']}]}]}}},
					containers: [
						{
							name: 'kube-flannel',
							image: FLANNEL_IMAGE,
							command: ['/opt/bin/flanneld'],
							args: ['--ip-masq', '--kube-subnet-mgr'],
							env: [
								{name: 'POD_NAME', valueFrom: {fieldRef: {fieldPath: 'metadata.name'}}},
								{name: 'POD_NAMESPACE', valueFrom: {fieldRef: {fieldPath: 'metadata.namespace'}}},
								{name: 'EVENT_QUEUE_DEPTH', value: '5000'},
							],
							volumeMounts: [
								{name: 'run', mountPath: '/run/flannel'},
								{name: 'flannel-cfg', mountPath: '/etc/kube-flannel/'},
								{name: 'xtables-lock', mountPath: '/run/xtables.lock'},
							],
						},
					],
					volumes: [
						{name: 'run', hostPath: {path: '/run/flannel'}},
						{name: 'cni-plugin', hostPath: {path: '/opt/cni/bin'}},
						{name: 'cni', hostPath: {path: '/etc/cni/net.d'}},
						{name: 'flannel-cfg', configMap: {name: 'kube-flannel-cfg'}},
						{name: 'xtables-lock', hostPath: {path: '/run/xtables.lock', type: 'FileOrCreate'}},
					],
				},
			},
		},
	};
}

/** The flannel CNI plugin image, installed by the DaemonSet's init container (not modelled as a container here). */
export {FLANNEL_CNI_PLUGIN_IMAGE};
