// kubectl exec inside a Pod of the node shell's cluster: CoreDNS's answers from the Pod's search
// path in busybox 1.28's nslookup format, resolv.conf, and connections that go where the node's
// rules send them (an endpoint, a REJECT for a Service without endpoints, a timeout elsewhere).
import test from 'ava';
import {newShellSession} from '../../../src/shell/start.js';

function shellWithBusybox(): ReturnType<typeof newShellSession> {
	const shell = newShellSession({seed: 1});
	shell.run('kubectl run bb --image=busybox:1.28 --restart=Never -- sleep 3600');
	return shell;
}

test('nslookup a Service by its short name, and a name that does not exist', (t) => {
	const shell = shellWithBusybox();
	const ip = /db-service +ClusterIP +([\d.]+)/.exec(shell.run('kubectl get svc db-service').stdout)?.[1];
	const dns = /kube-dns +ClusterIP +([\d.]+)/.exec(shell.run('kubectl get svc -n kube-system kube-dns').stdout)?.[1];
	t.is(
		shell.run('kubectl exec bb -- nslookup db-service').stdout,
		`Server:    ${dns}\nAddress 1: ${dns} kube-dns.kube-system.svc.cluster.local\n\nName:      db-service\nAddress 1: ${ip} db-service.default.svc.cluster.local\n`,
	);
	const missing = shell.run('kubectl exec bb -- nslookup nope');
	t.is(missing.stderr, "nslookup: can't resolve 'nope'\n");
	t.is(missing.status, 1);
	t.is(shell.run('kubectl exec bb -- cat /etc/resolv.conf').stdout, `search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${dns}\noptions ndots:5\n`);
});

test('connections follow the rules: an endpoint answers; no endpoints is a refusal; an unserved port times out', (t) => {
	const shell = shellWithBusybox();
	const open = shell.run('kubectl exec bb -- nc -zv db-service 3306');
	t.is(open.status, 0);
	t.regex(open.stderr, /^db-service \([\d.]+:3306\) open\n# svc-tutor: connected to 10\.244\.\d+\.\d+:3306 \(Pod default\/db-[a-z0-9]+-[a-z0-9]{5}\), DNAT by KUBE-SEP-[A-Z0-9]{16} on node\d\d\n$/);
	t.regex(shell.run('kubectl exec bb -- nc -zv db-service 3307').stderr, /^nc: db-service \([\d.]+:3307\): Connection timed out\n$/);
	shell.run('kubectl scale deploy db --replicas=0');
	const refused = shell.run('kubectl exec bb -- wget db-service:3306');
	t.regex(refused.stderr, /^Connecting to db-service:3306 \(([\d.]+):3306\)\nwget: can't connect to remote host \(\1\): Connection refused\n$/);
	t.is(refused.status, 1);
});

test('exec\'s own errors, and a tool the image does not have', (t) => {
	const shell = shellWithBusybox();
	t.is(shell.run('kubectl exec bb ls').stderr, "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
	t.is(shell.run('kubectl exec bb').stderr, 'error: you must specify at least one command for the container\n');
	t.is(shell.run('kubectl exec nope -- ls').stderr, 'Error from server (NotFound): pods "nope" not found\n');
	t.regex(shell.run('kubectl exec bb -- curl db-service').stderr, /exec: "curl": executable file not found in \$PATH/);
});

test('ip addr and ip route inside the Pod: its eth0 on the node\'s pod CIDR, flannel\'s routes', (t) => {
	const shell = shellWithBusybox();
	const ip = /bb +1\/1 +Running +0 +\S+ +([\d.]+) /.exec(shell.run('kubectl get pod bb -o wide').stdout)?.[1];
	t.truthy(ip);
	const gateway = ip!.replace(/\.\d+$/, '.1');
	const subnet = ip!.replace(/\.\d+$/, '.0/24');
	t.is(shell.run('kubectl exec bb -- ip route').stdout, `default via ${gateway} dev eth0 \n10.244.0.0/16 via ${gateway} dev eth0 \n${subnet} dev eth0 proto kernel scope link src ${ip} \n`);
	t.regex(shell.run('kubectl exec bb -- ip addr').stdout, new RegExp(`\\n2: eth0@if\\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 [^\\n]+\\n[^\\n]+\\n    inet ${ip!.replace(/\./g, '\\.')}/24 brd `));
});

test('creating in a namespace that does not exist is refused, as NamespaceLifecycle refuses it', (t) => {
	const shell = newShellSession({seed: 1});
	t.is(shell.run('kubectl run x --image=nginx -n other').stderr, 'Error from server (NotFound): namespaces "other" not found\n');
	t.is(shell.run('kubectl create ns other').stdout, 'namespace/other created\n');
	t.is(shell.run('kubectl run x --image=nginx -n other').stdout, 'pod/x created\n');
});

test('run --rm -it -- COMMAND: the command runs in the new Pod, which is deleted after', (t) => {
	const shell = newShellSession({seed: 1});
	const r = shell.run('kubectl run tmp --image=busybox:1.28 --rm -it --restart=Never -- nslookup kubernetes.default');
	t.is(r.status, 0);
	t.regex(r.stdout, /\nName: {6}kubernetes\.default\nAddress 1: [\d.]+ kubernetes\.default\.svc\.cluster\.local\npod "tmp" deleted from default namespace\n$/);
	t.is(shell.run('kubectl get pod tmp').status, 1);
	const failed = shell.run('kubectl run tmp --image=busybox:1.28 --rm -it --restart=Never -- nslookup nope');
	t.is(failed.stderr, "nslookup: can't resolve 'nope'\npod default/tmp terminated (Error)\n");
	t.is(failed.status, 1);
	t.regex(shell.run('kubectl run t2 --image=busybox:1.28 -it -- sh').stderr, /^error: an interactive shell inside a Pod is not available here/);
	t.is(shell.run('kubectl get pod t2').status, 1);
});
