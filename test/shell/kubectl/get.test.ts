// kubectl get against a small cluster: tables as kube-apiserver's printers and kubectl's
// tabwriter lay them out, the other -o formats (checked against the real kubectl v1.34.5 reading
// the same objects from a stand-in API server), and kubectl's errors.
import test from 'ava';
import {run, testCluster} from './helpers.js';

test('get pods -o wide: printPod columns, AGE from the simulated clock', (t) => {
	const r = run(testCluster(), 'kubectl get pods -o wide');
	t.is(r.status, 0);
	t.is(
		r.stdout,
		[
			'NAME    READY   STATUS    RESTARTS   AGE   IP           NODE           NOMINATED NODE   READINESS GATES',
			'db      1/1     Running   0          60m   10.244.1.3   node01         <none>           <none>',
			'web-1   1/1     Running   0          60m   10.244.1.2   node01         <none>           <none>',
			'web-2   1/1     Running   0          60m   10.244.0.2   controlplane   <none>           <none>',
			'',
		].join('\n'),
	);
});

test('get svc -o wide: PORT(S) with the NodePort, SELECTOR', (t) => {
	t.is(
		run(testCluster(), 'kubectl get svc -o wide').stdout,
		[
			'NAME   TYPE        CLUSTER-IP       EXTERNAL-IP   PORT(S)        AGE   SELECTOR',
			'db     ClusterIP   10.103.132.104   <none>        3306/TCP       60m   app=db',
			'web    NodePort    10.96.100.10     <none>        80:30080/TCP   60m   app=web',
			'',
		].join('\n'),
	);
});

test('flags anywhere, -nNS, --namespace=NS, -A adds NAMESPACE', (t) => {
	const cluster = testCluster();
	const a = run(cluster, 'kubectl get -ndefault svc db');
	const b = run(cluster, 'kubectl --namespace=default get svc/db');
	t.is(a.stdout, b.stdout);
	t.is(a.stdout, 'NAME   TYPE        CLUSTER-IP       EXTERNAL-IP   PORT(S)    AGE\ndb     ClusterIP   10.103.132.104   <none>        3306/TCP   60m\n');
	t.regex(run(cluster, 'kubectl get svc -A').stdout, /^NAMESPACE   NAME   TYPE/);
});

test('several types: kind/name prefixes and a blank line between tables; --show-labels', (t) => {
	t.is(
		run(testCluster(), 'kubectl get po,svc -l app=web --show-labels').stdout,
		[
			'NAME        READY   STATUS    RESTARTS   AGE   LABELS',
			'pod/web-1   1/1     Running   0          60m   app=web',
			'pod/web-2   1/1     Running   0          60m   app=web',
			'',
			'NAME          TYPE       CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE   LABELS',
			'service/web   NodePort   10.96.100.10   <none>        80:30080/TCP   60m   app=web',
			'',
		].join('\n'),
	);
});

test('--no-headers keeps tabwriter\'s minimum cell width of 6', (t) => {
	t.is(run(testCluster(), 'kubectl get po -l app!=db --no-headers').stdout, 'web-1   1/1   Running   0     60m\nweb-2   1/1   Running   0     60m\n');
});

test('endpoints: ip:port (the cluster is v1.32: no v1.33 deprecation warning)', (t) => {
	const r = run(testCluster(), 'kubectl get ep');
	t.is(r.stderr, '');
	t.is(r.stdout, 'NAME   ENDPOINTS                     AGE\ndb     10.244.1.3:3306               60m\nweb    10.244.0.2:80,10.244.1.2:80   60m\n');
});

test('-o yaml of one object, as real kubectl prints it', (t) => {
	t.is(
		run(testCluster(), 'kubectl get svc web -o yaml').stdout,
		`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: "2026-01-12T09:30:00Z"
  labels:
    app: web
  name: web
  namespace: default
  resourceVersion: "11"
  uid: fa32d637-16a2-49f5-8c04-0006ad1e19be
spec:
  clusterIP: 10.96.100.10
  clusterIPs:
  - 10.96.100.10
  externalTrafficPolicy: Cluster
  internalTrafficPolicy: Cluster
  ipFamilies:
  - IPv4
  ports:
  - nodePort: 30080
    port: 80
    protocol: TCP
    targetPort: 80
  selector:
    app: web
  sessionAffinity: None
  type: NodePort
`,
	);
});

test('a list prints as kind: List; nothing found prints an empty List and no message', (t) => {
	const cluster = testCluster();
	t.regex(run(cluster, 'kubectl get pods -o json').stdout, /^\{\n {4}"apiVersion": "v1",\n {4}"items": \[/);
	const empty = run(cluster, 'kubectl get pods -n nowhere -o yaml');
	t.is(empty.stdout, 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
	t.is(empty.stderr, '');
});

test('-o name, jsonpath with filters and range, custom-columns', (t) => {
	const cluster = testCluster();
	t.is(run(cluster, 'kubectl get svc -o name').stdout, 'service/db\nservice/web\n');
	t.is(run(cluster, `kubectl get nodes -o jsonpath='{.items[*].status.addresses[?(@.type=="InternalIP")].address}'`).stdout, '192.168.56.10 192.168.56.11');
	t.is(run(cluster, `kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.metadata.labels}{"\\n"}{end}'`).stdout, 'db\t{"app":"db"}\nweb-1\t{"app":"web"}\nweb-2\t{"app":"web"}\n');
	t.is(run(cluster, 'kubectl get nodes -o jsonpath={.items[0].metadata.labels.kubernetes\\.io/hostname}').stdout, 'controlplane');
	t.is(
		run(cluster, 'kubectl get svc -o custom-columns=NAME:.metadata.name,PORTS:.spec.ports[*].port,S:.spec.selector,X:.nope').stdout,
		'NAME   PORTS   S              X\ndb     3306    map[app:db]    <none>\nweb    80      map[app:web]   <none>\n',
	);
});

test('--sort-by orders by the field\'s value', (t) => {
	t.is(run(testCluster(), 'kubectl get pods --sort-by=.status.podIP -o name').stdout, 'pod/web-2\npod/web-1\npod/db\n');
});

test('errors in kubectl\'s words and exit statuses', (t) => {
	const cluster = testCluster();
	t.deepEqual(run(cluster, 'kubectl get pods --foo'), {stdout: '', stderr: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n", status: 1});
	t.deepEqual(run(cluster, 'kubectl get pods -x'), {stdout: '', stderr: "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n", status: 1});
	t.deepEqual(run(cluster, 'kubectl get pods -n'), {stdout: '', stderr: "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n", status: 1});
	t.deepEqual(run(cluster, 'kubectl get svcs'), {stdout: '', stderr: 'error: the server doesn\'t have a resource type "svcs"\n', status: 1});
	t.deepEqual(run(cluster, 'kubectl get svc x'), {stdout: '', stderr: 'Error from server (NotFound): services "x" not found\n', status: 1});
	t.deepEqual(run(cluster, 'kubectl get deploy'), {stdout: '', stderr: 'No resources found in default namespace.\n', status: 0});
	t.deepEqual(run(cluster, 'kubectl get ns -l a=b'), {stdout: '', stderr: 'No resources found\n', status: 0});
	t.is(run(cluster, 'kubectl get pods -o foo').stderr, 'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n');
	t.is(run(cluster, 'kubectl get pods -o jsonpath={.x').stderr, 'error: error parsing jsonpath {.x, unclosed action\n');
	t.is(run(cluster, 'kubectl foo').stderr, 'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n');
});

test('--help prints kubectl\'s description and usage instead of running the verb; kubectl alone its command list', (t) => {
	const cluster = testCluster();
	const help = run(cluster, 'kubectl delete svc db --help');
	t.is(help.status, 0);
	t.true(help.stdout.startsWith('Delete resources by file names, stdin, resources and names, or by resources and label selector.'));
	t.regex(help.stdout, /\nUsage:\n {2}kubectl delete /);
	t.is(run(cluster, 'kubectl get svc db').status, 0);
	t.regex(run(cluster, 'kubectl').stdout, /^kubectl controls the Kubernetes cluster manager\.\n/);
});

test('--field-selector on the fields the API server lets clients select on', (t) => {
	const cluster = testCluster();
	t.is(run(cluster, 'kubectl get pods --field-selector spec.nodeName=node01 -o name').stdout, 'pod/db\npod/web-1\n');
	t.is(run(cluster, 'kubectl get pods --field-selector=status.phase!=Running').stderr, 'No resources found in default namespace.\n');
	t.deepEqual(run(cluster, 'kubectl get pods --field-selector foo=bar'), {
		stdout: '',
		stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n',
		status: 1,
	});
});
