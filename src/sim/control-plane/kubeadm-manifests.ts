// The static Pod manifests `kubeadm init` (v1.32) writes to /etc/kubernetes/manifests on the
// control-plane node, text for text: the Pod is marshalled by sigs.k8s.io/yaml, so keys are in
// alphabetical order, lists of strings unquoted, and `creationTimestamp: null` / `status: {}` are
// there. The flags are those of kubeadm's getAPIServerCommand, getControllerManagerCommand,
// getSchedulerCommand and etcd's GetEtcdPodSpec, sorted as kubeadm sorts them. kubeadm writes no
// --node-cidr-mask-size for a single-stack IPv4 pod subnet: kube-controller-manager's default, 24,
// applies.
import {controlPlaneImage, ETCD_IMAGE} from './versions.js';

export interface ControlPlaneSettings {
	nodeName: string;
	advertiseAddress: string;
	serviceSubnet: string;
	podSubnet: string;
	dnsDomain: string;
}

export const STATIC_POD_DIR = '/etc/kubernetes/manifests';
export const CONTROL_PLANE_COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;
export type ControlPlaneComponent = (typeof CONTROL_PLANE_COMPONENTS)[number];

export function manifestPath(component: ControlPlaneComponent): string {
	return `${STATIC_POD_DIR}/${component}.yaml`;
}

const CA_VOLUMES = {
	mounts: `    - mountPath: /etc/ssl/certs
      name: ca-certs
      readOnly: true
    - mountPath: /etc/ca-certificates
      name: etc-ca-certificates
      readOnly: true
`,
	shareMounts: `    - mountPath: /usr/local/share/ca-certificates
      name: usr-local-share-ca-certificates
      readOnly: true
    - mountPath: /usr/share/ca-certificates
      name: usr-share-ca-certificates
      readOnly: true
`,
	volumes: `  - hostPath:
      path: /etc/ssl/certs
      type: DirectoryOrCreate
    name: ca-certs
  - hostPath:
      path: /etc/ca-certificates
      type: DirectoryOrCreate
    name: etc-ca-certificates
`,
	shareVolumes: `  - hostPath:
      path: /usr/local/share/ca-certificates
      type: DirectoryOrCreate
    name: usr-local-share-ca-certificates
  - hostPath:
      path: /usr/share/ca-certificates
      type: DirectoryOrCreate
    name: usr-share-ca-certificates
`,
};

function probe(kind: 'livenessProbe' | 'readinessProbe' | 'startupProbe', host: string, path: string, port: number, scheme: string, failureThreshold: number, periodSeconds = 10, initialDelay = true): string {
	return `    ${kind}:
      failureThreshold: ${failureThreshold}
      httpGet:
        host: ${host}
        path: ${path}
        port: ${port}
        scheme: ${scheme}
${initialDelay ? '      initialDelaySeconds: 10\n' : ''}      periodSeconds: ${periodSeconds}
      timeoutSeconds: 15
`;
}

const POD_TAIL = `  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
`;

function command(lines: readonly string[]): string {
	return `  - command:\n${lines.map((l) => `    - ${l}\n`).join('')}`;
}

export function apiServerFlags(s: ControlPlaneSettings): string[] {
	return [
		`--advertise-address=${s.advertiseAddress}`,
		'--allow-privileged=true',
		'--authorization-mode=Node,RBAC',
		'--client-ca-file=/etc/kubernetes/pki/ca.crt',
		'--enable-admission-plugins=NodeRestriction',
		'--enable-bootstrap-token-auth=true',
		'--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
		'--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
		'--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
		'--etcd-servers=https://127.0.0.1:2379',
		'--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
		'--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
		'--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
		'--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
		'--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
		'--requestheader-allowed-names=front-proxy-client',
		'--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
		'--requestheader-extra-headers-prefix=X-Remote-Extra-',
		'--requestheader-group-headers=X-Remote-Group',
		'--requestheader-username-headers=X-Remote-User',
		'--secure-port=6443',
		`--service-account-issuer=https://kubernetes.default.svc.${s.dnsDomain}`,
		'--service-account-key-file=/etc/kubernetes/pki/sa.pub',
		'--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
		`--service-cluster-ip-range=${s.serviceSubnet}`,
		'--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
		'--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
	];
}

export function kubeAPIServerManifest(s: ControlPlaneSettings): string {
	return `apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: ${s.advertiseAddress}:6443
  creationTimestamp: null
  labels:
    component: kube-apiserver
    tier: control-plane
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
${command(['kube-apiserver', ...apiServerFlags(s)])}    image: ${controlPlaneImage('kube-apiserver')}
    imagePullPolicy: IfNotPresent
${probe('livenessProbe', s.advertiseAddress, '/livez', 6443, 'HTTPS', 8)}    name: kube-apiserver
${probe('readinessProbe', s.advertiseAddress, '/readyz', 6443, 'HTTPS', 3, 1, false)}    resources:
      requests:
        cpu: 250m
${probe('startupProbe', s.advertiseAddress, '/livez', 6443, 'HTTPS', 24)}    volumeMounts:
${CA_VOLUMES.mounts}    - mountPath: /etc/kubernetes/pki
      name: k8s-certs
      readOnly: true
${CA_VOLUMES.shareMounts}${POD_TAIL}${CA_VOLUMES.volumes}  - hostPath:
      path: /etc/kubernetes/pki
      type: DirectoryOrCreate
    name: k8s-certs
${CA_VOLUMES.shareVolumes}status: {}
`;
}

export function controllerManagerFlags(s: ControlPlaneSettings): string[] {
	return [
		'--allocate-node-cidrs=true',
		'--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
		'--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
		'--bind-address=127.0.0.1',
		'--client-ca-file=/etc/kubernetes/pki/ca.crt',
		`--cluster-cidr=${s.podSubnet}`,
		'--cluster-name=kubernetes',
		'--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt',
		'--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
		'--controllers=*,bootstrapsigner,tokencleaner',
		'--kubeconfig=/etc/kubernetes/controller-manager.conf',
		'--leader-elect=true',
		'--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
		'--root-ca-file=/etc/kubernetes/pki/ca.crt',
		'--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
		`--service-cluster-ip-range=${s.serviceSubnet}`,
		'--use-service-account-credentials=true',
	];
}

export function kubeControllerManagerManifest(s: ControlPlaneSettings): string {
	return `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    component: kube-controller-manager
    tier: control-plane
  name: kube-controller-manager
  namespace: kube-system
spec:
  containers:
${command(['kube-controller-manager', ...controllerManagerFlags(s)])}    image: ${controlPlaneImage('kube-controller-manager')}
    imagePullPolicy: IfNotPresent
${probe('livenessProbe', '127.0.0.1', '/healthz', 10257, 'HTTPS', 8)}    name: kube-controller-manager
    resources:
      requests:
        cpu: 200m
${probe('startupProbe', '127.0.0.1', '/healthz', 10257, 'HTTPS', 24)}    volumeMounts:
${CA_VOLUMES.mounts}    - mountPath: /usr/libexec/kubernetes/kubelet-plugins/volume/exec
      name: flexvolume-dir
    - mountPath: /etc/kubernetes/pki
      name: k8s-certs
      readOnly: true
    - mountPath: /etc/kubernetes/controller-manager.conf
      name: kubeconfig
      readOnly: true
${CA_VOLUMES.shareMounts}${POD_TAIL}${CA_VOLUMES.volumes}  - hostPath:
      path: /usr/libexec/kubernetes/kubelet-plugins/volume/exec
      type: DirectoryOrCreate
    name: flexvolume-dir
  - hostPath:
      path: /etc/kubernetes/pki
      type: DirectoryOrCreate
    name: k8s-certs
  - hostPath:
      path: /etc/kubernetes/controller-manager.conf
      type: FileOrCreate
    name: kubeconfig
${CA_VOLUMES.shareVolumes}status: {}
`;
}

export function schedulerFlags(): string[] {
	return [
		'--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
		'--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
		'--bind-address=127.0.0.1',
		'--kubeconfig=/etc/kubernetes/scheduler.conf',
		'--leader-elect=true',
	];
}

export function kubeSchedulerManifest(): string {
	return `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    component: kube-scheduler
    tier: control-plane
  name: kube-scheduler
  namespace: kube-system
spec:
  containers:
${command(['kube-scheduler', ...schedulerFlags()])}    image: ${controlPlaneImage('kube-scheduler')}
    imagePullPolicy: IfNotPresent
${probe('livenessProbe', '127.0.0.1', '/healthz', 10259, 'HTTPS', 8)}    name: kube-scheduler
    resources:
      requests:
        cpu: 100m
${probe('startupProbe', '127.0.0.1', '/healthz', 10259, 'HTTPS', 24)}    volumeMounts:
    - mountPath: /etc/kubernetes/scheduler.conf
      name: kubeconfig
      readOnly: true
${POD_TAIL}  - hostPath:
      path: /etc/kubernetes/scheduler.conf
      type: FileOrCreate
    name: kubeconfig
status: {}
`;
}

export function etcdFlags(s: ControlPlaneSettings): string[] {
	const ip = s.advertiseAddress;
	return [
		`--advertise-client-urls=https://${ip}:2379`,
		'--cert-file=/etc/kubernetes/pki/etcd/server.crt',
		'--client-cert-auth=true',
		'--data-dir=/var/lib/etcd',
		'--experimental-initial-corrupt-check=true',
		'--experimental-watch-progress-notify-interval=5s',
		`--initial-advertise-peer-urls=https://${ip}:2380`,
		`--initial-cluster=${s.nodeName}=https://${ip}:2380`,
		'--key-file=/etc/kubernetes/pki/etcd/server.key',
		`--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
		'--listen-metrics-urls=http://127.0.0.1:2381',
		`--listen-peer-urls=https://${ip}:2380`,
		`--name=${s.nodeName}`,
		'--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
		'--peer-client-cert-auth=true',
		'--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
		'--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
		'--snapshot-count=10000',
		'--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
	];
}

export function etcdManifest(s: ControlPlaneSettings): string {
	return `apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubeadm.kubernetes.io/etcd.advertise-client-urls: https://${s.advertiseAddress}:2379
  creationTimestamp: null
  labels:
    component: etcd
    tier: control-plane
  name: etcd
  namespace: kube-system
spec:
  containers:
${command(['etcd', ...etcdFlags(s)])}    image: ${ETCD_IMAGE}
    imagePullPolicy: IfNotPresent
${probe('livenessProbe', '127.0.0.1', '/health?exclude=NOSPACE&serializable=true', 2381, 'HTTP', 8)}    name: etcd
    resources:
      requests:
        cpu: 100m
        memory: 100Mi
${probe('startupProbe', '127.0.0.1', '/health?serializable=false', 2381, 'HTTP', 24)}    volumeMounts:
    - mountPath: /var/lib/etcd
      name: etcd-data
    - mountPath: /etc/kubernetes/pki/etcd
      name: etcd-certs
${POD_TAIL}  - hostPath:
      path: /etc/kubernetes/pki/etcd
      type: DirectoryOrCreate
    name: etcd-certs
  - hostPath:
      path: /var/lib/etcd
      type: DirectoryOrCreate
    name: etcd-data
status: {}
`;
}

/** Every manifest kubeadm writes, by path. */
export function controlPlaneManifests(s: ControlPlaneSettings): Map<string, string> {
	return new Map([
		[manifestPath('etcd'), etcdManifest(s)],
		[manifestPath('kube-apiserver'), kubeAPIServerManifest(s)],
		[manifestPath('kube-controller-manager'), kubeControllerManagerManifest(s)],
		[manifestPath('kube-scheduler'), kubeSchedulerManifest()],
	]);
}
