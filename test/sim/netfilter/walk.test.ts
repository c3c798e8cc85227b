// The walker's netfilter semantics on small hand-built tables: descent and return, MARK
// arithmetic, policies, conntrack's DNAT state, xt_recent, statistic edges, and the errors.

import test from 'ava';
import type {Ruleset} from '../../../src/sim/iptables/rule.js';
import {tracePacket} from '../../../src/sim/netfilter/traverse.js';
import {TraceError, type TraceInput} from '../../../src/sim/netfilter/types.js';
import {
	ACCEPT, DNAT, DROP, MARK, REJECT, RETURN, comment, ctstate, dport, dstLocal, mark, proto, recent, rule, ruleset, srcLocal, statistic, stored,
} from './build.js';

const NODE = '192.168.56.11';

function trace(rs: Ruleset, over: Partial<TraceInput['packet']> = {}, entry: TraceInput['entry'] = 'PREROUTING') {
	return tracePacket({
		ruleset: rs,
		entry,
		packet: {src: '10.244.1.3', dst: '10.96.0.5', dport: 80, proto: 'tcp', ...over},
		localAddresses: [NODE],
	});
}

const stepsOf = (rs: Ruleset, over: Partial<TraceInput['packet']> = {}) =>
	trace(rs, over).outcomes.map((o) => o.steps.map((s) => `${s.table} ${s.chain} d${s.depth} #${s.ruleIndex} ${s.matched ? '+' : '-'}${s.note === undefined ? '' : ' ' + s.note}`));

test('jumps descend, RETURN comes back to the rule after the jump, DNAT ends the nat walk', (t) => {
	const rs = ruleset({
		nat: [
			rule('PREROUTING', {j: 'CHAIN-A'}),
			rule('PREROUTING', {j: ACCEPT}),
			rule('CHAIN-A', {p: 'udp', j: ACCEPT}),
			rule('CHAIN-A', {j: 'CHAIN-B'}),
			rule('CHAIN-B', {j: RETURN}),
			rule('CHAIN-B', {j: ACCEPT}),
			rule('CHAIN-A', {d: '10.96.0.5', p: 'tcp', m: [dport('tcp', 80)], j: DNAT('10.244.1.5:8080')}),
		],
	});
	const result = trace(rs);
	t.is(result.outcomes.length, 1);
	const [o] = result.outcomes;
	t.like(o, {verdict: 'DNAT', to: '10.244.1.5:8080', probability: 1, masquerade: false});
	t.deepEqual(o?.path, ['PREROUTING', 'CHAIN-A', 'CHAIN-B']);
	t.deepEqual(stepsOf(rs), [[
		'nat PREROUTING d0 #0 +',
		'nat CHAIN-A d1 #0 -',
		'nat CHAIN-A d1 #1 +',
		'nat CHAIN-B d2 #0 +',
		'nat CHAIN-A d1 #2 + destination → 10.244.1.5:8080',
	]]);
});

test('MARK applies value/mask as set-xmark and -m mark tests (mark & mask) == value', (t) => {
	const rs = ruleset({
		filter: [
			rule('FORWARD', {j: MARK(0x4000, 0x4000)}), // --or-mark 0x4000
			rule('FORWARD', {j: MARK(0x1, 0xff)}), // --set-xmark 0x1/0xff
			rule('FORWARD', {m: [mark(0x4001, 0xffff)], j: MARK(0x4000, 0)}), // --xor-mark 0x4000
			rule('FORWARD', {m: [mark(0x1, 0xffffffff, true)], j: DROP}),
			rule('FORWARD', {m: [mark(0x1, 0x1)], j: REJECT}),
		],
	});
	t.deepEqual(stepsOf(rs), [[
		'filter FORWARD d0 #0 + mark 0x0 → 0x4000',
		'filter FORWARD d0 #1 + mark 0x4000 → 0x4001',
		'filter FORWARD d0 #2 + mark 0x4001 → 0x1',
		'filter FORWARD d0 #3 -',
		'filter FORWARD d0 #4 +',
	]]);
	const [o] = trace(rs).outcomes;
	t.like(o, {verdict: 'REJECT', decidedBy: {table: 'filter', chain: 'FORWARD', ruleIndex: 4}});
});

test('the end of a built-in chain applies its policy; RETURN in a built-in chain too', (t) => {
	const rs = ruleset({filter: [rule('FORWARD', {p: 'udp', j: ACCEPT}), rule('FORWARD', {j: RETURN}), rule('FORWARD', {j: ACCEPT})]}, {'filter FORWARD': 'DROP'});
	const [o] = trace(rs).outcomes;
	t.like(o, {verdict: 'DROP', probability: 1, path: ['FORWARD']});
	t.deepEqual(o?.decidedBy, {table: 'filter', chain: 'FORWARD'});
	t.is(o?.steps.length, 2);
	// An empty chain with a DROP policy still decides, so it is in the path.
	const empty = ruleset({filter: []}, {'filter FORWARD': 'DROP'});
	t.like(trace(empty).outcomes[0], {verdict: 'DROP', path: ['FORWARD'], steps: []});
});

test('ACCEPT ends only its own table: the next hook still runs', (t) => {
	const rs = ruleset({
		nat: [rule('PREROUTING', {j: ACCEPT}), rule('PREROUTING', {j: DNAT('10.244.1.5:8080')})],
		filter: [rule('FORWARD', {j: REJECT})],
	});
	const [o] = trace(rs).outcomes;
	t.like(o, {verdict: 'REJECT', path: ['PREROUTING', 'FORWARD']});
	t.is(o?.to, undefined);
});

test('after a DNAT, filter sees conntrack state DNAT; a DNAT to the same address does not set it', (t) => {
	// kubelet's KUBE-FIREWALL rule, in filter INPUT.
	const firewall = rule('INPUT', {s: '!127.0.0.0/8', d: '127.0.0.0/8', m: [comment('block incoming localnet connections'), ctstate(['RELATED', 'ESTABLISHED', 'DNAT'], true)], j: DROP});
	const rs = ruleset({
		nat: [rule('PREROUTING', {d: NODE, p: 'tcp', m: [dport('tcp', 8080)], j: DNAT('127.0.0.1:8080')}), rule('PREROUTING', {d: '127.0.0.1', j: DNAT('127.0.0.1')})],
		filter: [firewall],
	});
	const viaDnat = trace(rs, {src: '192.168.56.1', dst: NODE, dport: 8080}).outcomes;
	t.like(viaDnat, [{verdict: 'DNAT', to: '127.0.0.1:8080', path: ['PREROUTING', 'INPUT']}]);
	t.false(viaDnat[0]?.steps.at(-1)?.matched);
	const direct = trace(rs, {src: '192.168.56.1', dst: '127.0.0.1', dport: 8080}).outcomes;
	t.like(direct, [{verdict: 'DROP', to: '127.0.0.1:8080', decidedBy: {table: 'filter', chain: 'INPUT', ruleIndex: 0}}]);
});

test('xt_recent: --set always matches and a later --rcheck in the same walk sees it, as in the kernel', (t) => {
	const rs = ruleset({
		nat: [
			rule('PREROUTING', {m: [recent('rcheck', 'L')], j: DNAT('10.244.9.9:1')}),
			rule('PREROUTING', {m: [recent('set', 'L')]}),
			rule('PREROUTING', {m: [recent('rcheck', 'L')], j: DNAT('10.244.1.5:8080')}),
		],
	});
	const [o] = trace(rs).outcomes;
	t.like(o, {verdict: 'DNAT', to: '10.244.1.5:8080'});
	t.deepEqual(o?.recorded, [{name: 'L', address: '10.244.1.3'}]);
	t.deepEqual(o?.steps.map((s) => [s.matched, s.note]), [
		[false, '10.244.1.3 in L: no'],
		[true, 'records 10.244.1.3 in L'],
		[true, '10.244.1.3 in L: yes; destination → 10.244.1.5:8080'],
	]);
});

test('statistic: the walk forks with the stored probability; 1 never forks, 0 never matches', (t) => {
	const rs = ruleset({
		nat: [
			rule('PREROUTING', {m: [statistic(0)], j: DNAT('10.0.0.0:1')}),
			rule('PREROUTING', {m: [statistic(0.2)], j: DNAT('10.0.0.1:1')}),
			rule('PREROUTING', {m: [statistic(1)], j: DNAT('10.0.0.2:1')}),
		],
	});
	const outcomes = trace(rs).outcomes;
	t.deepEqual(outcomes.map((o) => [o.to, o.probability]), [
		['10.0.0.1:1', stored(0.2)],
		['10.0.0.2:1', 1 - stored(0.2)],
	]);
	// 0.2 is stored as 429496730 / 2^31, printed back by iptables as 0.20000000019.
	t.is(outcomes[0]?.steps[1]?.note, 'probability 0.20000000019: taken; destination → 10.0.0.1:1');
	t.is(outcomes[1]?.steps[1]?.note, 'probability 0.20000000019: not taken (0.79999999981)');
});

test('a rule with no target only counts; nfacct and comment always match', (t) => {
	const rs = ruleset({nat: [rule('PREROUTING', {m: [comment('x'), {module: 'nfacct', name: 'n'}]}), rule('PREROUTING', {m: [proto('tcp')], j: DNAT('10.244.1.5')})]});
	const [o] = trace(rs).outcomes;
	t.like(o, {verdict: 'DNAT', to: '10.244.1.5:80'});
	t.deepEqual(o?.steps.map((s) => s.matched), [true, true]);
});

test('a jump loop is an error naming the loop', (t) => {
	const rs = ruleset({nat: [rule('PREROUTING', {j: 'A'}), rule('A', {j: 'B'}), rule('B', {j: 'A'})]});
	const error = t.throws(() => trace(rs), {instanceOf: TraceError});
	t.is(error?.message, 'jump loop in nat: PREROUTING → A → B → A');
});

test('nesting deeper than the limit is an error', (t) => {
	const rules = [rule('PREROUTING', {j: 'C0'})];
	for (let i = 0; i < 70; i++) rules.push(rule(`C${i}`, {j: `C${i + 1}`}));
	t.throws(() => trace(ruleset({nat: rules})), {instanceOf: TraceError, message: /nested deeper than 64/});
});

test('a jump to a chain the table does not have is an error', (t) => {
	const rs: Ruleset = {tables: [{name: 'nat', chains: [{name: 'PREROUTING', policy: 'ACCEPT'}], rules: [rule('PREROUTING', {j: 'KUBE-NOPE'})]}]};
	t.throws(() => trace(rs), {instanceOf: TraceError, message: 'jump to KUBE-NOPE, which the nat table does not have'});
});

test('what the tracer cannot answer is an error, not a guess', (t) => {
	const iface = ruleset({nat: [{...rule('PREROUTING', {j: ACCEPT}), inInterface: {value: 'cni0', negated: false}}]});
	t.throws(() => trace(iface), {instanceOf: TraceError, message: /interface/});
	t.throws(() => trace(ruleset({nat: []}), {dst: 'fd00::1'}), {instanceOf: TraceError, message: /IPv6/});
	t.throws(() => trace(ruleset({filter: [rule('FORWARD', {j: DNAT('10.0.0.1:1')})]})), {instanceOf: TraceError, message: /DNAT reached from filter FORWARD/});
	const unicast = ruleset({nat: [rule('PREROUTING', {m: [{module: 'addrtype', dstType: {value: 'UNICAST', negated: false}}], j: ACCEPT})]});
	t.throws(() => trace(unicast), {instanceOf: TraceError, message: /UNICAST/});
});

test('branches that end the same way by the same chains merge into one outcome', (t) => {
	const rs = ruleset({nat: [rule('PREROUTING', {m: [statistic(0.5)], j: MARK(0x1, 0x1)}), rule('PREROUTING', {j: DNAT('10.244.1.5:8080')})]});
	const {outcomes} = trace(rs);
	t.is(outcomes.length, 1);
	t.like(outcomes[0], {verdict: 'DNAT', to: '10.244.1.5:8080', probability: 1, path: ['PREROUTING']});
	// The steps shown are the first branch's (the statistic taken).
	t.is(outcomes[0]?.steps[0]?.note, 'probability 0.50000000000: taken; mark 0x0 → 0x1');
});

test('outcomes are listed in rule order even when routing sends them different ways', (t) => {
	// The first endpoint is remote (FORWARD), the second is the node itself (INPUT).
	const rs = ruleset({
		nat: [rule('PREROUTING', {m: [statistic(0.25)], j: DNAT('10.244.2.3:80')}), rule('PREROUTING', {j: DNAT(`${NODE}:6443`)})],
		filter: [rule('INPUT', {j: ACCEPT}), rule('FORWARD', {j: ACCEPT})],
	});
	t.deepEqual(trace(rs).outcomes.map((o) => [o.to, o.probability, o.path]), [
		['10.244.2.3:80', 0.25, ['PREROUTING', 'FORWARD']],
		[`${NODE}:6443`, 0.75, ['PREROUTING', 'INPUT']],
	]);
});

test('addrtype tests the node addresses and all of 127.0.0.0/8, with negation', (t) => {
	const rs = ruleset({
		nat: [
			rule('PREROUTING', {m: [dstLocal(true)], j: DNAT('10.0.0.1:1')}),
			rule('PREROUTING', {m: [srcLocal()], j: DNAT('10.0.0.2:1')}),
			rule('PREROUTING', {j: DNAT('10.0.0.3:1')}),
		],
	});
	t.is(trace(rs, {dst: '10.96.0.5'}).outcomes[0]?.to, '10.0.0.1:1');
	t.is(trace(rs, {dst: NODE}).outcomes[0]?.to, '10.0.0.3:1');
	t.is(trace(rs, {dst: '127.45.6.7', src: NODE}).outcomes[0]?.to, '10.0.0.2:1');
	t.is(trace(rs, {dst: NODE, src: '127.0.0.1'}).outcomes[0]?.to, '10.0.0.2:1');
	// A dual-stack node's IPv6 address is no IPv4 address's type, and no error.
	const dual = tracePacket({ruleset: rs, entry: 'PREROUTING', packet: {src: '10.244.1.3', dst: '192.168.56.12', dport: 80, proto: 'tcp'}, localAddresses: ['fd00::11', '192.168.56.12']});
	t.is(dual.outcomes[0]?.to, '10.0.0.3:1');
});
