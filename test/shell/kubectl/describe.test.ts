// kubectl describe for Services, Endpoints and EndpointSlices, as the real kubectl v1.34.5 prints
// the same objects (read from a stand-in API server).
import test from 'ava';
import {run, testCluster} from './helpers.js';

test('describe svc: describe.go\'s lines through a tabwriter, endpoints from the slices', (t) => {
	const r = run(testCluster(), 'kubectl describe svc web');
	t.is(r.status, 0);
	t.is(
		r.stdout,
		`Name:                     web
Namespace:                default
Labels:                   app=web
Annotations:              <none>
Selector:                 app=web
Type:                     NodePort
IP Families:              IPv4
IP:                       10.96.100.10
IPs:                      10.96.100.10
Port:                     <unset>  80/TCP
TargetPort:               80/TCP
NodePort:                 <unset>  30080/TCP
Endpoints:                10.244.1.2:80,10.244.0.2:80
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:                   <none>
`,
	);
});

test('describe ep and endpointslice', (t) => {
	const cluster = testCluster();
	t.is(
		run(cluster, 'kubectl describe ep db').stdout,
		`Name:         db
Namespace:    default
Labels:       <none>
Annotations:  <none>
Subsets:
  Addresses:          10.244.1.3
  NotReadyAddresses:  <none>
  Ports:
    Name     Port  Protocol
    ----     ----  --------
    <unset>  3306  TCP

Events:  <none>
`,
	);
	const slices = run(cluster, 'kubectl describe endpointslices -l kubernetes.io/service-name=db').stdout;
	t.true(slices.startsWith('Name:         db-'));
	t.true(
		slices.endsWith(`AddressType:  IPv4
Ports:
  Name     Port  Protocol
  ----     ----  --------
  <unset>  3306  TCP
Endpoints:
  - Addresses:  10.244.1.3
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/db
    NodeName:   node01
    Zone:       <unset>
Events:         <none>
`),
	);
});

test('several objects are separated by two blank lines; a name prefix describes the matching ones', (t) => {
	const cluster = testCluster();
	const all = run(cluster, 'kubectl describe svc').stdout;
	t.regex(all, /Events: {19}<none>\n\n\nName: {21}web\n/);
	t.true(run(cluster, 'kubectl describe svc w').stdout.endsWith('Events:                   <none>\n\n'));
	t.deepEqual(run(cluster, 'kubectl describe svc zzz'), {stdout: '', stderr: 'Error from server (NotFound): services "zzz" not found\n', status: 1});
});

test('describe deployment: describe.go\'s layout with the Pod template and the ReplicaSets', (t) => {
	const cluster = testCluster();
	run(cluster, 'kubectl create deployment front --image=nginx:1.27 --replicas=2');
	const text = run(cluster, 'kubectl describe deploy front').stdout;
	t.true(
		text.startsWith(`Name:                   front
Namespace:              default
CreationTimestamp:      Mon, 12 Jan 2026 10:30:00 +0000
Labels:                 app=front
Annotations:            <none>
Selector:               app=front
Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=front
  Containers:
   nginx:
    Image:         nginx:1.27
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
`),
	);
	t.regex(text, /NewReplicaSet: {3}front-[a-z0-9]+ \(2\/2 replicas created\)\nEvents: {10}<none>\n$/);
});

test('describe configmap: Data and BinaryData sections', (t) => {
	const cluster = testCluster();
	run(cluster, 'kubectl create cm x --from-literal=b=2 --from-literal=a=1');
	t.is(run(cluster, 'kubectl describe cm x').stdout, 'Name:         x\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\na:\n----\n1\n\nb:\n----\n2\n\n\nBinaryData\n====\n\nEvents:  <none>\n');
});

test('describe pod: containers, conditions, QoS, events (the same bytes as the real kubectl prints for this Pod)', (t) => {
	t.is(
		run(testCluster(), 'kubectl describe pod db').stdout,
		`Name:         db
Namespace:    default
Node:         node01/192.168.56.11
Labels:       app=db
Annotations:  <none>
Status:       Running
IP:           10.244.1.3
IPs:
  IP:  10.244.1.3
Containers:
  db:
    Image:        mysql:8.4
    Port:         3306/TCP
    Host Port:    0/TCP
    Environment:  <none>
    Mounts:       <none>
Conditions:
  Type              Status
  Initialized       True 
  Ready             True 
  ContainersReady   True 
  PodScheduled      True 
Volumes:            <none>
QoS Class:          BestEffort
Node-Selectors:     <none>
Tolerations:        <none>
Events:             <none>
`,
	);
});
