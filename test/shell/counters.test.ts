// Connections made in the node shell (curl, wget, nc -zv, and a Pod's through the engine, as
// kubectl exec makes them) count on the rules their packets match and leave conntrack entries:
// exact output on the seed-1 shell cluster (db-service 10.96.46.66:3306 has one endpoint,
// 10.244.1.2 on node01). test/kernel/shell-counters.test.ts holds the same numbers to the kernel's.
import test from 'ava';
import {newShellSession} from '../../src/shell/start.js';
import {connect} from '../../src/sim/conntrack/connect.js';

const DB = '10.96.46.66';

test('a fresh node counts nothing and tracks nothing', (t) => {
	const s = newShellSession({seed: 1});
	t.false(/^ +[1-9]/m.test(s.run('iptables -t nat -L -n -v').stdout));
	const ct = s.run('conntrack -L');
	t.deepEqual([ct.stdout, ct.stderr, ct.status], ['', 'conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.\n', 0]);
});

test('nc -zv to a ClusterIP from node01: 1 packet on the Service rule, the DNAT in conntrack -L', (t) => {
	const s = newShellSession({seed: 1});
	s.run('ssh node01');
	const nc = s.run(`nc -zv ${DB} 3306`);
	t.is(nc.stderr, `Connection to ${DB} 3306 port [tcp/mysql] succeeded!\n# svc-tutor: connected to 10.244.1.2:3306 (Pod default/db-557cc8bf44-fx8qr), DNAT by KUBE-SEP-HR6IMOEJVBB6KJXA on node01\n`);
	t.is(nc.status, 0);
	const services = s.run('iptables -t nat -L KUBE-SERVICES -n -v').stdout.split('\n');
	t.is(services[3], `    1    60 KUBE-SVC-PKJNZ2BPYAP7WCVG  6    --  *      *       0.0.0.0/0            ${DB}          /* default/db-service cluster IP */ tcp dpt:3306`);
	t.is(services.filter((l) => /^ +1 /.test(l)).length, 1);
	// nat sees the first packet only; filter sees all: 4 out (SYN, ACK, FIN, ACK), 2 in (SYN-ACK, FIN).
	t.is(s.run('iptables -S OUTPUT -v').stdout.split('\n').find((l) => l.includes('KUBE-FIREWALL')), '-A OUTPUT -c 4 216 -j KUBE-FIREWALL');
	t.is(s.run('iptables -S INPUT -v').stdout.split('\n').find((l) => l.includes('KUBE-FIREWALL')), '-A INPUT -c 2 112 -j KUBE-FIREWALL');
	t.regex(s.run('iptables-save -c -t nat').stdout, /\n\[1:60\] -A KUBE-SEP-HR6IMOEJVBB6KJXA -p tcp -m comment --comment "default\/db-service" -m tcp -j DNAT --to-destination 10\.244\.1\.2:3306\n/);
	const ct = s.run('conntrack -L');
	// The node's address is outside the cluster CIDR: masqueraded to cni0's address on the way to the Pod.
	t.is(ct.stdout, `tcp      6 119 TIME_WAIT src=10.0.2.34 dst=${DB} sport=45226 dport=3306 src=10.244.1.2 dst=10.244.1.1 sport=3306 dport=45226 [ASSURED] mark=0 use=1\n`);
	t.is(ct.stderr, 'conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n');
	t.is(s.run(`conntrack -L -d ${DB} -p tcp`).stdout, ct.stdout);
	t.is(s.run('conntrack -L -d 10.96.0.1').stdout, '');
	t.is(s.run('conntrack -L -p tcp --dport 3306').stdout, ct.stdout);
	t.is(s.run('conntrack -C').stdout, '1\n');
	// TIME_WAIT lasts 120 s.
	s.cluster.clock.advance(119_000);
	t.regex(s.run('conntrack -L').stdout, /^tcp {6}6 0 TIME_WAIT /);
	s.cluster.clock.advance(1_000);
	t.is(s.run('conntrack -L').stdout, '');
	// The counters stay.
	t.regex(s.run('iptables -t nat -nvL KUBE-SERVICES').stdout, /\n {4}1 {4}60 KUBE-SVC-PKJNZ2BPYAP7WCVG /);
});

test('curl counts the whole GET: 10 packets through filter, 1 on nat; -x prints them exactly', (t) => {
	// Out: SYN 60, ACK 52, the 80-byte request in 132, ACK, FIN, ACK: 400 bytes.
	const s = newShellSession({seed: 1});
	s.run('ssh node01');
	t.is(s.run(`curl -s http://${DB}:3306/`).status, 0);
	t.is(s.run('iptables -L OUTPUT -nvx').stdout.split('\n').find((l) => l.includes('KUBE-FIREWALL')), '       6      400 KUBE-FIREWALL  0    --  *      *       0.0.0.0/0            0.0.0.0/0           ');
	t.regex(s.run('iptables -t nat -L OUTPUT -n -v').stdout, /\n {4}1 {4}60 KUBE-SERVICES /);
});

test('from a Pod on node02 to db-service on node01: both nodes count and track, only node02 DNATs', (t) => {
	const s = newShellSession({seed: 1});
	const result = connect(s.cluster, {pod: 'default/web-568b9b658c-662hp', to: {ip: DB, port: 3306}, exchange: {kind: 'probe'}});
	t.deepEqual(result, {kind: 'open', endpoint: '10.244.1.2:3306', owner: 'Pod default/db-557cc8bf44-fx8qr', via: 'DNAT by KUBE-SEP-HR6IMOEJVBB6KJXA on node02', source: '10.244.2.2'});
	s.run('ssh node02');
	t.regex(s.run('conntrack -L').stdout, /^tcp {6}6 119 TIME_WAIT src=10\.244\.2\.2 dst=10\.96\.46\.66 sport=(\d+) dport=3306 src=10\.244\.1\.2 dst=10\.244\.2\.2 sport=3306 dport=\1 \[ASSURED\] mark=0 use=1\n$/);
	t.regex(s.run('iptables -t nat -L PREROUTING -n -v').stdout, /\n {4}1 {4}60 KUBE-SERVICES /);
	s.run('exit');
	s.run('ssh node01');
	t.regex(s.run('conntrack -L').stdout, /^tcp {6}6 119 TIME_WAIT src=10\.244\.2\.2 dst=10\.244\.1\.2 sport=(\d+) dport=3306 src=10\.244\.1\.2 dst=10\.244\.2\.2 sport=3306 dport=\1 \[ASSURED\] mark=0 use=1\n$/);
	// node01 forwards all 6 packets; the 5 after the SYN are accepted by the conntrack rule.
	const forward = s.run('iptables -L KUBE-FORWARD -n -v -x').stdout;
	t.regex(forward, /\n {7}5 {6}268 ACCEPT .*kubernetes forwarding conntrack rule/);
	t.regex(s.run('iptables -L FORWARD -n -v').stdout, /\n {4}6 {3}328 KUBE-FORWARD /);
	t.regex(s.run('iptables -t nat -L KUBE-SERVICES -n -v').stdout, /^(?!.* 1 +60 KUBE-SVC)[\s\S]*$/);
});

test('refused and unanswered connections: REJECT counts the SYN, a reset host leaves CLOSE, silence SYN_SENT', (t) => {
	const s = newShellSession({seed: 1});
	s.run('kubectl create service clusterip nothing --tcp=80:80');
	const ip = s.run("kubectl get svc nothing -o jsonpath='{.spec.clusterIP}'").stdout;
	t.is(s.run(`nc -zv ${ip} 80`).stderr, `nc: connect to ${ip} port 80 (tcp) failed: Connection refused\n`);
	t.regex(s.run('iptables -L KUBE-SERVICES -n -v').stdout, new RegExp(`\\n {4}1 {4}60 REJECT .*${ip.replace(/\./g, '\\.')} .*has no endpoints`));
	t.is(s.run('conntrack -C').stdout, '0\n');
	t.is(s.run('nc -zv 10.244.1.2 9999').status, 1);
	t.is(s.run(`curl 10.0.2.200`).stderr, 'curl: (28) Failed to connect to 10.0.2.200 port 80 after 130 s: Connection timed out\n');
	t.is(
		s.run('conntrack -L').stdout,
		'tcp      6 9 CLOSE src=10.244.0.0 dst=10.244.1.2 sport=45598 dport=9999 src=10.244.1.2 dst=10.244.0.0 sport=9999 dport=45598 mark=0 use=1\n' +
			'tcp      6 119 SYN_SENT src=10.0.2.33 dst=10.0.2.200 sport=59344 dport=80 [UNREPLIED] src=10.0.2.200 dst=10.0.2.33 sport=80 dport=59344 mark=0 use=1\n',
	);
	t.is(s.run('conntrack -F').stderr, 'conntrack v1.4.7 (conntrack-tools): connection tracking table has been emptied.\n');
	t.is(s.run('conntrack -C').stdout, '0\n');
});

test('names resolve as on a node: not Service names, unless resolv.conf points at kube-dns', (t) => {
	const s = newShellSession({seed: 1});
	t.is(s.run('curl db-service:3306').stderr, 'curl: (6) Could not resolve host: db-service\n');
	t.is(s.run('nc -zv db-service 3306').stderr, 'nc: getaddrinfo for host "db-service" port 3306: Temporary failure in name resolution\n');
	t.is(s.run('nc -zv node01 22').stderr, 'nc: connect to node01 port 22 (tcp) failed: Connection refused\n');
	s.run("printf 'nameserver 10.96.0.10\\nsearch default.svc.cluster.local svc.cluster.local cluster.local\\noptions ndots:5\\n' > /etc/resolv.conf");
	t.regex(s.run('curl db-service:3306').stderr, /^# svc-tutor: connected to 10\.244\.1\.2:3306 /);
});

test('curl -s hides its error line, -sS shows it; options with values are not taken for the URL', (t) => {
	const s = newShellSession({seed: 1});
	t.deepEqual([s.run('curl -s http://nope/').stderr, s.run('curl -s http://nope/').status], ['', 6]);
	t.is(s.run('curl -sS http://nope/').stderr, 'curl: (6) Could not resolve host: nope\n');
	t.regex(s.run(`curl -o /dev/null -m 2 http://${DB}:3306/`).stderr, /^# svc-tutor: connected to 10\.244\.1\.2:3306 /);
	t.is(s.run(`wget -q -O /tmp/x http://${DB}:3306/`).stderr.split('\n')[0], '# svc-tutor: connected to 10.244.1.2:3306 (Pod default/db-557cc8bf44-fx8qr), DNAT by KUBE-SEP-HR6IMOEJVBB6KJXA on controlplane');
	t.is(s.run('wget -q http://nope/').stderr, '');
});

test('conntrack errors and usage as conntrack-tools 1.4.7 prints them', (t) => {
	const s = newShellSession({seed: 1});
	t.deepEqual(s.run('conntrack -L -x'), {...s.run('conntrack -L -x'), stdout: '', status: 2, stderr: "conntrack v1.4.7 (conntrack-tools): unknown option `-x'\nTry `conntrack -h' or 'conntrack --help' for more information.\n"});
	t.is(s.run('conntrack -L -d foo').stderr, "conntrack v1.4.7 (conntrack-tools): Invalid IP address `foo'\nTry `conntrack -h' or 'conntrack --help' for more information.\n");
	t.is(s.run('conntrack -L --dport 80').stderr, "conntrack v1.4.7 (conntrack-tools): unknown option `--dport'\nTry `conntrack -h' or 'conntrack --help' for more information.\n");
	t.is(s.run('conntrack -L nope').stderr, "conntrack v1.4.7 (conntrack-tools): unknown type `nope'\nTry `conntrack -h' or 'conntrack --help' for more information.\n");
	t.is(s.run('conntrack -L -p').stderr, "conntrack v1.4.7 (conntrack-tools): option `-p' requires an argument\nTry `conntrack -h' or 'conntrack --help' for more information.\n");
	t.is(s.run('conntrack -V').stdout, 'conntrack v1.4.7 (conntrack-tools)\n');
	t.regex(s.run('conntrack').stdout, /^Command line interface for the connection tracking system\. Version 1\.4\.7\n/);
});

test('kubectl exec … -- wget from a busybox Pod counts on its node and leaves the DNAT in conntrack', (t) => {
	const s = newShellSession({seed: 1});
	t.is(s.run('kubectl run bb --image=busybox:1.28 --restart=Never -- sleep 3600').status, 0);
	const wget = s.run('kubectl exec bb -- wget -qO- db-service:3306');
	t.is(wget.status, 0);
	t.is(wget.stderr, '# svc-tutor: connected to 10.244.1.2:3306 (Pod default/db-557cc8bf44-fx8qr), DNAT by KUBE-SEP-HR6IMOEJVBB6KJXA on node02\n');
	s.run('ssh node02');
	t.regex(s.run('iptables -t nat -nvL KUBE-SERVICES').stdout, /\n {4}1 {4}60 KUBE-SVC-PKJNZ2BPYAP7WCVG .*default\/db-service cluster IP/);
	t.regex(s.run('conntrack -L').stdout, /^tcp {6}6 119 TIME_WAIT src=10\.244\.2\.6 dst=10\.96\.46\.66 sport=\d+ dport=3306 src=10\.244\.1\.2 dst=10\.244\.2\.6 sport=3306 dport=\d+ \[ASSURED\] mark=0 use=1\n$/);
});
