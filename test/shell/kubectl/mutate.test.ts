// The changing verbs: the objects kubectl's generators write (compared with the real kubectl
// v1.34.5's --dry-run=client output), and what the engine does with them.
import test from 'ava';
import {MemoryFs, run, testCluster} from './helpers.js';

test('run --dry-run=client -o yaml prints the run generator\'s Pod', (t) => {
	t.is(
		run(testCluster(), 'kubectl run x --image=nginx --port=80 --labels=a=b --restart=Never --env=A=1 --dry-run=client -o yaml').stdout,
		`apiVersion: v1
kind: Pod
metadata:
  labels:
    a: b
  name: x
spec:
  containers:
  - env:
    - name: A
      value: "1"
    image: nginx
    name: x
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Never
status: {}
`,
	);
});

test('run creates a Pod the kubelet starts; a second run is AlreadyExists', (t) => {
	const cluster = testCluster();
	t.deepEqual(run(cluster, 'kubectl run nginx --image=nginx --port=80'), {stdout: 'pod/nginx created\n', stderr: '', status: 0});
	t.regex(run(cluster, 'kubectl get pod nginx -o wide').stdout, /nginx {3}1\/1 {5}Running {3}0 {10}0s {4}10\.244\.\d+\.\d+ /);
	t.deepEqual(run(cluster, 'kubectl run nginx --image=nginx'), {stdout: '', stderr: 'Error from server (AlreadyExists): pods "nginx" already exists\n', status: 1});
	t.is(run(cluster, 'kubectl run --image=x').stderr, "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
	t.is(run(cluster, 'kubectl run x').stderr, 'error: required flag(s) "image" not set\n');
});

test('create deployment and service nodeport (json keeps the struct order)', (t) => {
	const cluster = testCluster();
	t.is(
		run(cluster, 'kubectl create service clusterip my-svc --tcp=80:8080 --dry-run=client -o json').stdout,
		`{
    "kind": "Service",
    "apiVersion": "v1",
    "metadata": {
        "name": "my-svc",
        "labels": {
            "app": "my-svc"
        }
    },
    "spec": {
        "ports": [
            {
                "name": "80-8080",
                "protocol": "TCP",
                "port": 80,
                "targetPort": 8080
            }
        ],
        "selector": {
            "app": "my-svc"
        },
        "type": "ClusterIP"
    },
    "status": {
        "loadBalancer": {}
    }
}
`,
	);
	t.is(run(cluster, 'kubectl create deployment front --image=nginx:1.27 --replicas=2').stdout, 'deployment.apps/front created\n');
	t.regex(run(cluster, 'kubectl get deploy front').stdout, /front {3}2\/2 {5}2 {12}2 {11}0s/);
	t.is(run(cluster, 'kubectl scale deploy/front --replicas=3').stdout, 'deployment.apps/front scaled\n');
	t.regex(run(cluster, 'kubectl get deploy front').stdout, /3\/3/);
	t.is(run(cluster, 'kubectl set image deploy/front nginx=nginx:1.28').stdout, 'deployment.apps/front image updated\n');
	t.is(run(cluster, 'kubectl create service nodeport x --tcp=80:8080 --node-port=40000').stderr, 'The Service "x" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767\n');
});

test('expose pod: selector and ports from the Pod, the Service gets endpoints', (t) => {
	const cluster = testCluster();
	t.is(
		run(cluster, 'kubectl expose pod db --name=db2 --port=80 --target-port=3306 --type=NodePort --dry-run=client -o yaml').stdout,
		'apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: db\n  name: db2\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 3306\n  selector:\n    app: db\n  type: NodePort\nstatus:\n  loadBalancer: {}\n',
	);
	t.is(run(cluster, 'kubectl expose pod db --name=db2 --port=80 --target-port=3306').stdout, 'service/db2 exposed\n');
	t.is(run(cluster, 'kubectl get ep db2').stdout, 'NAME   ENDPOINTS         AGE\ndb2    10.244.1.3:3306   0s\n');
	t.is(run(cluster, 'kubectl expose pod nope --port=80').stderr, 'Error from server (NotFound): pods "nope" not found\n');
});

test('label, annotate, delete in kubectl v1.34\'s words', (t) => {
	const cluster = testCluster();
	t.is(run(cluster, 'kubectl label pod db tier=backend').stdout, 'pod/db labeled\n');
	t.is(run(cluster, 'kubectl label pod db tier=x').stderr, "error: 'tier' already has a value (backend), and --overwrite is false\n");
	t.is(run(cluster, 'kubectl label pod db tier-').stdout, 'pod/db unlabeled\n');
	t.is(run(cluster, 'kubectl label pod db nope-').stdout, 'label "nope" not found.\npod/db not labeled\n');
	t.is(run(cluster, 'kubectl annotate pod db note=hi').stdout, 'pod/db annotated\n');
	t.is(run(cluster, 'kubectl delete svc db web').stdout, 'service "db" deleted from default namespace\nservice "web" deleted from default namespace\n');
	t.is(run(cluster, 'kubectl delete node node01').stdout, 'node "node01" deleted\n');
	t.deepEqual(run(cluster, 'kubectl delete pod nope'), {stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', status: 1});
});

test('patch: strategic merge, merge and json', (t) => {
	const cluster = testCluster();
	t.is(run(cluster, `kubectl patch svc db -p '{"spec":{"type":"NodePort"}}'`).stdout, 'service/db patched\n');
	t.is(run(cluster, `kubectl patch svc db --type=json -p '[{"op":"replace","path":"/spec/ports/0/nodePort","value":30306}]'`).stdout, 'service/db patched\n');
	t.regex(run(cluster, 'kubectl get svc db').stdout, /3306:30306\/TCP/);
	t.is(run(cluster, `kubectl patch svc db --type merge -p '{"spec":{"type":"NodePort"}}'`).stdout, 'service/db patched (no change)\n');
	t.is(run(cluster, 'kubectl patch svc db').stderr, 'error: must specify --patch or --patch-file containing the contents of the patch\n');
});

test('apply -f: created, unchanged, configured with the missing-annotation warning; create/replace/delete -f', (t) => {
	const cluster = testCluster();
	const fs = new MemoryFs();
	fs.write('/root/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 8080\n    targetPort: 80\n');
	t.is(run(cluster, 'kubectl apply -f svc.yaml', {fs}).stdout, 'service/api created\n');
	t.is(run(cluster, 'kubectl apply -f svc.yaml', {fs}).stdout, 'service/api unchanged\n');
	t.is(run(cluster, 'kubectl get ep api', {fs}).stdout, 'NAME   ENDPOINTS                     AGE\napi    10.244.0.2:80,10.244.1.2:80   0s\n');
	t.is(run(cluster, 'kubectl create -f svc.yaml', {fs}).stderr, 'Error from server (AlreadyExists): error when creating "svc.yaml": services "api" already exists\n');
	t.is(run(cluster, 'kubectl replace -f svc.yaml', {fs}).stdout, 'service/api replaced\n');
	t.is(run(cluster, 'kubectl delete -f -', {fs, stdin: fs.read('/root/svc.yaml')!}).stdout, 'service "api" deleted from default namespace\n');
	fs.write('/root/db.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  type: NodePort\n  selector:\n    app: db\n  ports:\n  - port: 3306\n');
	const configured = run(cluster, 'kubectl apply -f db.yaml', {fs});
	t.is(configured.stdout, 'service/db configured\n');
	t.true(configured.stderr.startsWith('Warning: resource services/db is missing the kubectl.kubernetes.io/last-applied-configuration annotation'));
	t.regex(run(cluster, 'kubectl get svc db').stdout, /NodePort {3}10\.103\.132\.104 {3}<none> {8}3306:3\d{4}\/TCP/);
	// A second port without a name: the merged object is refused by the API server, as a real one refuses it.
	fs.write('/root/web.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  selector:\n    app: web\n  ports:\n  - port: 8080\n    targetPort: 80\n');
	t.regex(run(cluster, 'kubectl apply -f web.yaml', {fs}).stderr, /The Service "web" is invalid: \[spec\.ports\[0\]\.name: Required value, spec\.ports\[1\]\.name: Required value\]\n$/);
	t.is(run(cluster, 'kubectl apply -f nope.yaml', {fs}).stderr, 'error: the path "nope.yaml" does not exist\n');
	fs.write('/root/bad.yaml', 'apiVersion: v1\nkind: Gadget\nmetadata:\n  name: g\n');
	t.is(run(cluster, 'kubectl apply -f bad.yaml', {fs}).stderr, 'error: resource mapping not found for name: "g" namespace: "" from "bad.yaml": no matches for kind "Gadget" in version "v1"\nensure CRDs are installed first\n');
});

test('edit names patch and apply as the way here', (t) => {
	const r = run(testCluster(), 'kubectl edit svc db');
	t.is(r.status, 1);
	t.regex(r.stderr, /kubectl patch svc db/);
	t.regex(r.stderr, /kubectl apply -f/);
});
