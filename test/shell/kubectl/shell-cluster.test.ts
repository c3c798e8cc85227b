// kubectl in the node shell's kubeadm cluster: logs from the engine, version, cluster-info,
// config view, a worker without a kubeconfig, and a broken kube-apiserver manifest.
import test from 'ava';
import {newShellSession} from '../../../src/shell/start.js';

test('kubectl logs of a kube-proxy Pod through its DaemonSet says which Pod it read', (t) => {
	const shell = newShellSession({seed: 1});
	const r = shell.run('kubectl logs -n kube-system ds/kube-proxy');
	t.is(r.status, 0);
	t.regex(r.stderr, /^Found 3 pods, using pod\/kube-proxy-[a-z0-9]{5}\n$/);
	t.regex(r.stdout, /^I\d{4} [\d:.]+ +1 server_linux\.go:169\] "Using iptables Proxier"\n/);
	t.is(shell.run('kubectl logs -n kube-system nope').stderr, 'Error from server (NotFound): pods "nope" not found\n');
});

test('version: the emulated client against the cluster\'s v1.32 server, with kubectl\'s skew warning', (t) => {
	const r = newShellSession({seed: 1}).run('kubectl version');
	t.is(r.stdout, 'Client Version: v1.34.5\nKustomize Version: v5.7.1\nServer Version: v1.32.3\n');
	t.is(r.stderr, 'Warning: version difference between client (1.34) and server (1.32) exceeds the supported minor version skew of +/-1\n');
});

test('cluster-info and config view read the kubeconfig kubeadm wrote', (t) => {
	const shell = newShellSession({seed: 1});
	const server = /server: (https:\/\/[\d.]+:6443)/.exec(shell.run('cat /root/.kube/config').stdout)?.[1];
	t.truthy(server);
	t.is(
		shell.run('kubectl cluster-info').stdout,
		`Kubernetes control plane is running at ${server}\nCoreDNS is running at ${server}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
	);
	const view = shell.run('kubectl config view').stdout;
	t.regex(view, /certificate-authority-data: DATA\+OMITTED\n/);
	t.regex(view, /client-key-data: DATA\+OMITTED\n$/);
});

test('on a worker there is no kubeconfig: kubectl asks localhost:8080', (t) => {
	const r = newShellSession({seed: 1}).run('ssh node01 kubectl get pods');
	t.is(r.stderr, 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');
	t.is(r.status, 1);
});

test('a broken kube-apiserver manifest: every server call is refused at the advertised address', (t) => {
	const shell = newShellSession({seed: 1});
	const address = /server: https:\/\/([\d.]+:6443)/.exec(shell.run('cat /root/.kube/config').stdout)?.[1];
	shell.run("sed -i 's/--service-cluster-ip-range/--service-cluster-ip-rang/' /etc/kubernetes/manifests/kube-apiserver.yaml");
	const refused = `The connection to the server ${address} was refused - did you specify the right host or port?\n`;
	const get = shell.run('kubectl get pods');
	t.is(get.stdout, '');
	t.is(get.stderr, refused);
	t.is(get.status, 1);
	const version = shell.run('kubectl version');
	t.is(version.stdout, 'Client Version: v1.34.5\nKustomize Version: v5.7.1\n');
	t.is(version.stderr, refused);
});

test('a CKA task end to end: apply a Deployment, expose it by its named port, replace a deleted kube-proxy Pod', (t) => {
	const shell = newShellSession({seed: 1});
	shell.run(`cat > /root/dep.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: front-end
spec:
  replicas: 2
  selector:
    matchLabels:
      app: front-end
  template:
    metadata:
      labels:
        app: front-end
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - name: http
          containerPort: 80
EOF`);
	t.is(shell.run('kubectl apply -f dep.yaml').stdout, 'deployment.apps/front-end created\n');
	t.is(shell.run('kubectl apply -f dep.yaml').stdout, 'deployment.apps/front-end unchanged\n');
	t.is(shell.run('kubectl expose deploy front-end --type NodePort --port 80 --target-port http').stdout, 'service/front-end exposed\n');
	t.regex(shell.run('kubectl get svc front-end').stdout, /front-end {3}NodePort {3}10\.\d+\.\d+\.\d+ +<none> {8}80:3\d{4}\/TCP/);
	t.regex(shell.run('kubectl get ep front-end').stdout, /front-end {3}10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80 /);
	const deleted = shell.run('kubectl delete pod -n kube-system -l k8s-app=kube-proxy --field-selector spec.nodeName=node01');
	t.regex(deleted.stdout, /^pod "kube-proxy-[a-z0-9]{5}" deleted from kube-system namespace\n$/);
	t.regex(shell.run('kubectl get pods -n kube-system -l k8s-app=kube-proxy -o wide').stdout, /kube-proxy-[a-z0-9]{5} {3}1\/1 {5}Running {3}0 {10}0s {4}[\d.]+ +node01 /);
});

test('config set-context --current --namespace changes where kubectl looks', (t) => {
	const shell = newShellSession({seed: 1});
	t.is(shell.run('kubectl config set-context --current --namespace=kube-system').stdout, 'Context "kubernetes-admin@kubernetes" modified.\n');
	t.regex(shell.run('kubectl get ds').stdout, /\nkube-proxy {3}3 {9}3 /);
	t.regex(shell.run('kubectl config get-contexts').stdout, /\* {9}kubernetes-admin@kubernetes {3}kubernetes {3}kubernetes-admin {3}kube-system\n$/);
	t.regex(shell.run('kubectl get svc -n default').stdout, /\nkubernetes /);
});

test('rollout status, restart and history; top without metrics-server', (t) => {
	const shell = newShellSession({seed: 1});
	t.is(shell.run('kubectl rollout status deploy/db').stdout, 'deployment "db" successfully rolled out\n');
	t.is(shell.run('kubectl rollout status ds/kube-proxy -n kube-system').stdout, 'daemon set "kube-proxy" successfully rolled out\n');
	t.is(shell.run('kubectl rollout restart deploy/db').stdout, 'deployment.apps/db restarted\n');
	t.is(shell.run('kubectl rollout history deploy/db').stdout, 'deployment.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
	const top = shell.run('kubectl top nodes');
	t.is(top.stderr, 'error: Metrics API not available\n');
	t.is(top.status, 1);
});

test('--sort-by leaves equal keys where Go\'s sort.Sort leaves them (checked against the real kubectl on this cluster\'s Events)', (t) => {
	const shell = newShellSession({seed: 1});
	const names = shell.run('kubectl get events -n kube-system --sort-by=.metadata.creationTimestamp -o name').stdout.trim().split('\n');
	// The order the real kubectl printed for these Events (name suffixes aside): ties are not in list order.
	t.is(names.map((n) => n.replace(/\.[0-9a-f]+$/, '')).join(' '), 'event/etcd-controlplane event/kube-apiserver-controlplane event/kube-apiserver-controlplane event/kube-apiserver-controlplane event/etcd-controlplane event/etcd-controlplane event/kube-controller-manager-controlplane event/kube-controller-manager-controlplane event/kube-controller-manager-controlplane event/coredns-6b96cc786b event/kube-proxy-kx9xz event/coredns-6b96cc786b-5j28n event/coredns-6b96cc786b event/coredns-6b96cc786b-lnm8g event/coredns-6b96cc786b-lnm8g event/coredns-6b96cc786b-lnm8g event/coredns-6b96cc786b-lnm8g event/coredns-6b96cc786b-5j28n event/coredns-6b96cc786b-5j28n event/coredns-6b96cc786b-5j28n event/kube-scheduler-controlplane event/kube-scheduler-controlplane event/kube-scheduler-controlplane event/kube-proxy event/coredns event/kube-proxy-kx9xz event/kube-proxy-kx9xz event/kube-proxy-kx9xz event/kube-proxy-hhqgv event/kube-proxy event/kube-proxy-hhqgv event/kube-proxy-hhqgv event/kube-proxy-hhqgv event/kube-proxy-nppg7 event/kube-proxy-nppg7 event/kube-proxy-nppg7 event/kube-proxy-nppg7 event/kube-proxy');
});
