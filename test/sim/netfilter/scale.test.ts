// A node with 10,000 Services: KUBE-SERVICES is a linear scan, so the last Service's packet meets
// every rule before its own. How long that takes is npm run bench's job, not a test's.

import test from 'ava';
import type {Rule} from '../../../src/sim/iptables/rule.js';
import {tracePacket} from '../../../src/sim/netfilter/traverse.js';
import {DNAT, MARK, MASQUERADE, RETURN, comment, dport, dstLocal, mark, proto, rule, ruleset, statistic} from './build.js';

const SERVICES = 10_000;

function bigNode() {
	const nat: Rule[] = [
		rule('PREROUTING', {j: 'KUBE-SERVICES'}),
		rule('POSTROUTING', {j: 'KUBE-POSTROUTING'}),
		rule('KUBE-MARK-MASQ', {j: MARK(0x4000, 0x4000)}),
		rule('KUBE-POSTROUTING', {m: [mark(0x4000, 0x4000, true)], j: RETURN}),
		rule('KUBE-POSTROUTING', {j: MARK(0x4000, 0)}),
		rule('KUBE-POSTROUTING', {j: MASQUERADE}),
	];
	for (let i = 0; i < SERVICES; i++) {
		const ip = `10.96.${i >> 8}.${i & 255}`;
		const spn = `ns/svc-${i}:http`;
		const [svc, a, b] = [`KUBE-SVC-${i}`, `KUBE-SEP-${i}-A`, `KUBE-SEP-${i}-B`];
		const endpoints = [`10.244.${i >> 8}.${i & 255}:8080`, `10.245.${i >> 8}.${i & 255}:8080`];
		nat.push(
			rule('KUBE-SERVICES', {d: ip, p: 'tcp', m: [comment(`${spn} cluster IP`), dport('tcp', 80)], j: svc}),
			rule(svc, {s: '!10.244.0.0/15', d: ip, p: 'tcp', m: [comment(`${spn} cluster IP`), dport('tcp', 80)], j: 'KUBE-MARK-MASQ'}),
			rule(svc, {m: [comment(`${spn} -> ${endpoints[0]}`), statistic(0.5)], j: a}),
			rule(svc, {m: [comment(`${spn} -> ${endpoints[1]}`)], j: b}),
			rule(a, {s: (endpoints[0] as string).split(':')[0], j: 'KUBE-MARK-MASQ'}),
			rule(a, {p: 'tcp', m: [proto('tcp')], j: DNAT(endpoints[0] as string)}),
			rule(b, {s: (endpoints[1] as string).split(':')[0], j: 'KUBE-MARK-MASQ'}),
			rule(b, {p: 'tcp', m: [proto('tcp')], j: DNAT(endpoints[1] as string)}),
		);
	}
	nat.push(rule('KUBE-SERVICES', {m: [dstLocal()], j: 'KUBE-NODEPORTS'}));
	return ruleset({nat, filter: []});
}

test(`a packet to the last of ${SERVICES} Services is tested against every KUBE-SERVICES rule and DNATed`, (t) => {
	const rs = bigNode();
	const last = SERVICES - 1;
	const input = {
		ruleset: rs,
		entry: 'PREROUTING' as const,
		packet: {src: '10.244.0.7', dst: `10.96.${last >> 8}.${last & 255}`, dport: 80, proto: 'tcp' as const},
		localAddresses: ['192.168.56.11'],
	};
	// Twice: the second trace uses the chain index the first one built.
	t.deepEqual(tracePacket(input).outcomes.map((o) => o.to), tracePacket(input).outcomes.map((o) => o.to));
	const result = tracePacket(input);
	t.deepEqual(result.outcomes.map((o) => o.to), [`10.244.39.15:8080`, `10.245.39.15:8080`]);
	// Every KUBE-SERVICES rule up to the matching one was tested once per branch.
	t.is(result.outcomes[0]?.steps.filter((s) => s.chain === 'KUBE-SERVICES').length, SERVICES);
});
