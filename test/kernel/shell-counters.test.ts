/**
 * The node shell's packet counters and conntrack table against the real kernel. A seeded shell
 * cluster's node is rebuilt in network namespaces (the node with its InternalIP, a Pod client and
 * the endpoint Pod behind veths with the pod CIDR's first address as gateway, like cni0) holding
 * the node's baseline and kube-proxy's rules; then the same connections are made for real and
 * through the engine (sim/conntrack connect, what the shell's nc and curl and kubectl exec call):
 * two from the node itself and one from a Pod to a Service's ClusterIP. Each connects and aborts
 * (SO_LINGER 0: SYN, SYN-ACK, ACK, RST), the one exchange whose packets do not depend on timers
 * (a FIN close races the delayed-ACK timer: one ACK more or less on a busy machine). Every rule's
 * counters (`iptables-save -c`, whole output; `-L -v -x`, `-S -v`) must be equal, and `conntrack
 * -L` must show the same entries (source ports masked: each side draws its own). Listings use -n:
 * without it iptables resolves names, and its own DNS packets would be counted too.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {NODE_BASELINE_RESTORE} from '../../src/sim/iptables/node-baseline.js';
import {newShellCluster} from '../../src/sim/scenarios/shell-cluster.js';
import {connect} from '../../src/sim/conntrack/connect.js';
import {indexedIP} from '../../src/sim/net/cidr.js';
import {Session} from '../../src/shell/session.js';
import {maskSaveDates} from '../support/kernel-node.js';
import {kernelTest} from '../support/kernel-test.js';

/** Connect, then abort: RST instead of FIN. */
const ABORT_CLIENT = String.raw`const net=require('net');const [ip,port]=process.argv.slice(2);const s=net.connect(Number(port),ip,()=>s.resetAndDestroy());s.on('close',()=>process.exit(0));s.on('error',(e)=>{console.error(e.code);process.exit(1)});setTimeout(()=>process.exit(2),5000);`;
const SERVER = String.raw`const net=require('net');const [ip,port]=process.argv.slice(2);const s=net.createServer((k)=>k.on('error',()=>{}));s.listen(Number(port),ip,()=>console.log('ready'));setTimeout(()=>process.exit(0),15000);`;

function mask(text: string): string {
	return maskSaveDates(text).replace(/sport=\d+/g, 'sport=*').replace(/dport=(?!(\d+) src)\d+ (\[|mark)/g, 'dport=* $2');
}

for (const seed of [1, 6]) {
	kernelTest(`shell counters after real connections, shell cluster seed ${seed}: iptables-save -c and conntrack -L equal the kernel's`, async (t) => {
		const cluster = newShellCluster({seed});
		// A Service with one endpoint (so both sides DNAT to it) on a worker, and a client Pod there.
		const slices = cluster.api.peek('EndpointSlice');
		const service = cluster.api.peek('Service').find((s) => {
			const eps = slices.filter((sl) => sl.metadata.namespace === s.metadata.namespace && sl.metadata.labels?.['kubernetes.io/service-name'] === s.metadata.name).flatMap((sl) => sl.endpoints);
			return s.metadata.namespace === 'default' && s.spec.ports?.[0]?.protocol !== 'UDP' && eps.length === 1 && eps[0]!.nodeName !== undefined && eps[0]!.nodeName !== 'controlplane';
		});
		if (service === undefined) return t.fail('no single-endpoint Service on a worker in this cluster');
		const slice = slices.find((sl) => sl.metadata.labels?.['kubernetes.io/service-name'] === service.metadata.name)!;
		const endpoint = slice.endpoints[0]!;
		const node = endpoint.nodeName!;
		const endpointIP = endpoint.addresses[0]!;
		const endpointPort = slice.ports![0]!.port!;
		const client = cluster.pods().find((p) => p.spec.nodeName === node && !p.spec.hostNetwork && p.status.podIP !== endpointIP && p.status.podIP !== undefined)!;
		const clusterIP = service.spec.clusterIP!;
		const port = service.spec.ports![0]!.port;
		const nodeObject = cluster.nodes().find((n) => n.metadata.name === node)!;
		const nodeIP = nodeObject.status.addresses.find((a) => a.type === 'InternalIP')!.address;
		const gateway = indexedIP(nodeObject.spec.podCIDR!, 1);

		// The engine: the node's own connections and the Pod's; the shell prints what they counted.
		const session = new Session({cluster, node});
		for (const from of [{node}, {node}, {pod: `${client.metadata.namespace}/${client.metadata.name}`}]) {
			t.is(connect(cluster, {...from, to: {ip: clusterIP, port}, exchange: {kind: 'abort'}}).kind, 'open');
		}
		const ours = session.run('iptables-save -c');
		const ourConntrack = session.run('conntrack -L');
		const ourLists = ['iptables -t nat -L -n -v -x --line-numbers', 'iptables -L -v -n', 'iptables -t nat -S -v'].map((line) => session.run(line).stdout).join('');

		const dir = mkdtempSync(join(tmpdir(), 'svct-counters-'));
		const ns = `svct-${process.pid}-ctr${seed}`;
		try {
			writeFileSync(join(dir, 'baseline.txt'), NODE_BASELINE_RESTORE);
			writeFileSync(join(dir, 'proxy.txt'), cluster.kubeProxy(node)!.sync().restore);
			writeFileSync(join(dir, 'client.js'), ABORT_CLIENT);
			writeFileSync(join(dir, 'server.js'), SERVER);
			const n = `${ns}-node`;
			const script = `
set -e
SERVER=
trap 'set +e; [ -n "$SERVER" ] && kill $SERVER 2>/dev/null; for x in node pods cli net; do ip netns del ${ns}-$x 2>/dev/null; done' EXIT
for x in node pods cli net; do ip netns add ${ns}-$x; done
ip -n ${n} link set lo up
ip -n ${n} addr add ${nodeIP}/32 dev lo
link() { # $1 node-side name, $2 namespace, $3 its address
  ip -n ${n} link add $1 type veth peer name eth0 netns $2
  ip -n ${n} link set $1 up
  ip -n $2 link set lo up; ip -n $2 link set eth0 up
  if [ -n "$3" ]; then
    ip -n ${n} addr add ${gateway}/32 dev $1
    ip -n ${n} route add $3/32 dev $1
    ip -n $2 addr add $3/32 dev eth0
    ip -n $2 route add ${gateway} dev eth0
    ip -n $2 route add default via ${gateway}
  fi
}
link vpods ${ns}-pods ${endpointIP}
link vcli ${ns}-cli ${client.status.podIP}
link vnet ${ns}-net ''
ip -n ${n} route add default dev vnet src ${nodeIP}
ip netns exec ${n} sysctl -qw net.ipv4.ip_forward=1
ip netns exec ${n} sh -c 'nfacct add ct_state_invalid_dropped_pkts >/dev/null; nfacct add localhost_nps_accepted_pkts >/dev/null; iptables-restore < ${dir}/baseline.txt; iptables-restore --noflush < ${dir}/proxy.txt'
ip netns exec ${ns}-pods node ${dir}/server.js ${endpointIP} ${endpointPort} > ${dir}/ready & SERVER=$!
for i in $(seq 50); do grep -q ready ${dir}/ready 2>/dev/null && break; sleep 0.1; done
ip netns exec ${n} node ${dir}/client.js ${clusterIP} ${port}
ip netns exec ${n} node ${dir}/client.js ${clusterIP} ${port}
ip netns exec ${ns}-cli node ${dir}/client.js ${clusterIP} ${port}
sleep 0.2
ip netns exec ${n} iptables-save -c
echo '--- conntrack'
if command -v conntrack >/dev/null; then ip netns exec ${n} conntrack -L 2>&1; else echo 'no conntrack'; fi
echo '--- list'
ip netns exec ${n} iptables -t nat -L -n -v -x --line-numbers
ip netns exec ${n} iptables -L -v -n
ip netns exec ${n} iptables -t nat -S -v
`;
			const real = spawnSync('bash', ['-c', script], {encoding: 'utf8', env: {PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C'}});
			t.is(real.status, 0, real.stderr);
			const [realSave = '', rest = ''] = real.stdout.split('--- conntrack\n');
			const [realConntrack = '', realLists = ''] = rest.split('--- list\n');
			// The real side really counted (not an empty namespace that prints nothing).
			t.regex(realSave, /\[3:180\] -A KUBE-SERVICES -d /);
			t.is(maskSaveDates(ours.stdout), maskSaveDates(realSave));
			const sortLines = (text: string): string => mask(text).split('\n').sort().join('\n');
			if (realConntrack === 'no conntrack\n' && process.env['CI'] === undefined) {
				t.log('conntrack (Debian package conntrack) is not installed: conntrack -L not compared');
			} else {
				t.regex(realConntrack, /: 3 flow entries have been shown/);
				t.is(sortLines(ourConntrack.stdout + ourConntrack.stderr), sortLines(realConntrack));
			}
			t.is(ourLists, realLists);
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
}
