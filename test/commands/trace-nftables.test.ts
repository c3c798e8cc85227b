// `svc-tutor trace --proxy-mode nftables`: the same question walked through the `ip kube-proxy`
// table; the JSON has the iptables trace's shape, the text names each map element that matched.
import test from 'ava';
import {runTrace, type TraceArgs} from '../../src/commands/trace.js';
import {fakeIO} from '../support/fake-io.js';

const cluster = 'test/fixtures/golden/seed-notes.yaml';
const args: TraceArgs = {files: [cluster], node: 'node02', from: '10.244.2.250', to: '10.103.132.104:3306', proto: 'tcp', json: true};

test('trace --proxy-mode nftables --json: db from a Pod address on node02, through service-ips to its endpoint chain', async (t) => {
	const io = fakeIO();
	t.is(await runTrace({...args, proxyMode: 'nftables'}, io), 0);
	t.deepEqual(JSON.parse(io.out), {
		node: 'node02',
		entry: 'PREROUTING',
		outcomes: [{
			verdict: 'DNAT', to: '10.244.1.2:3306', probability: 1, masquerade: false,
			path: ['filter-prerouting-pre-dnat', 'firewall-check', 'nat-prerouting', 'services', 'service-MDRHYNDA-default/db-service/tcp/', 'endpoint-YNIYZM6U-default/db-service/tcp/__10.244.1.2/3306', 'filter-forward', 'service-endpoints-check', 'cluster-ips-check', 'nat-postrouting', 'masquerading'],
		}],
	});
	t.is(io.err, '');
	// Without --proxy-mode the notes' cluster runs iptables: the same endpoint by KUBE- chains.
	const iptables = fakeIO();
	t.is(await runTrace(args, iptables), 0);
	const parsed = JSON.parse(iptables.out) as {outcomes: {to: string; path: string[]}[]};
	t.deepEqual(parsed.outcomes.map((o) => [o.to, o.path[1]]), [['10.244.1.2:3306', 'KUBE-SERVICES']]);
});

test('trace --proxy-mode nftables: the text form', async (t) => {
	const io = fakeIO();
	t.is(await runTrace({...args, json: false, proxyMode: 'nftables'}, io), 0);
	t.true(io.out.startsWith('node node02, from 10.244.2.250\ntcp 10.244.2.250 → 10.103.132.104:3306, arriving (prerouting): 1 outcome\n\nOutcome 1/1: DNAT to 10.244.1.2:3306, probability 1 (100.00%), masquerade: no\n'));
	t.true(io.out.includes(`
  ip kube-proxy nat-prerouting
    ✔ 1 jump services
      ✔ 1 ip daddr . meta l4proto . th dport vmap @service-ips   [element @service-ips: 10.103.132.104 . tcp . 3306 : goto service-MDRHYNDA-default/db-service/tcp/]
        ✖ 1 ip daddr 10.103.132.104 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
        ✔ 2 numgen random mod 1 vmap { 0 : goto endpoint-YNIYZM6U-default/db-service/tcp/__10.244.1.2/3306 }   [element numgen 0 : goto endpoint-YNIYZM6U-default/db-service/tcp/__10.244.1.2/3306; numgen drew 0 of 0–0: probability 1/1]
          ✖ 1 ip saddr 10.244.1.2 jump mark-for-masquerade
          ✔ 2 meta l4proto tcp dnat to 10.244.1.2:3306   [destination → 10.244.1.2:3306]
`));
});
