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
