// The proxier's kernel form (syncKernelRules → nodeRulesetOf) must be exactly the rule set that
// iptables-restore reads from its text form (nodeRuleset(syncProxyRules().restore)): same chains,
// same rules, same keys in the same order. Checked over random clusters that use every feature the
// proxier writes, every proxier setting, both sides of large-cluster mode, and the seeded scenarios.
import test from 'ava';
import fc from 'fast-check';
import type {EndpointSlice, Protocol, Service} from '../../../src/sim/api/types.js';
import type {Ruleset} from '../../../src/sim/iptables/rule.js';
import {IptablesParseError} from '../../../src/sim/iptables/parse.js';
import {SERVICE_NAME_LABEL} from '../../../src/sim/api/types.js';
import {nodeRuleset, nodeRulesetOf} from '../../../src/sim/iptables/node-baseline.js';
import {syncKernelRules, syncProxyRules, type ProxierConfig} from '../../../src/sim/kube-proxy/iptables/proxier.js';
import {localDetector} from '../../../src/sim/kube-proxy/local-detector.js';
import {RuleWriter, TableOutput} from '../../../src/sim/kube-proxy/iptables/rule-writer.js';
import {generateScenario} from '../../../src/sim/scenarios/generate.js';
import {fakeProxierConfig} from './upstream-fake.js';

/** Where two rule sets differ, in a few lines ('' when they are the same, keys and order included). */
function difference(direct: Ruleset, parsed: Ruleset): string {
	if (JSON.stringify(direct) === JSON.stringify(parsed)) return '';
	for (const [i, table] of parsed.tables.entries()) {
		const other = direct.tables[i];
		if (other === undefined) return `table ${table.name} missing`;
		if (JSON.stringify(other.chains) !== JSON.stringify(table.chains)) return `${table.name} chains differ`;
		for (const [k, rule] of table.rules.entries()) {
			const a = JSON.stringify(other.rules[k]);
			const b = JSON.stringify(rule);
			if (a !== b) return `${table.name} rule ${k}:\n  direct ${a}\n  parsed ${b}`;
		}
		if (other.rules.length !== table.rules.length) return `${table.name}: ${other.rules.length} rules, not ${table.rules.length}`;
	}
	return 'tables differ';
}

function sameRuleset(config: ProxierConfig, services: Service[], slices: EndpointSlice[]): string {
	return difference(nodeRulesetOf(syncKernelRules(config, services, slices).tables), nodeRuleset(syncProxyRules(config, services, slices).restore));
}

const protocol = fc.constantFrom<Protocol>('TCP', 'UDP', 'SCTP');
const octet = fc.integer({min: 0, max: 255});
const ipIn = (prefix: string) => fc.tuple(octet, fc.integer({min: 1, max: 254})).map(([a, b]) => `${prefix}.${a}.${b}`);

interface World {
	config: ProxierConfig;
	services: Service[];
	slices: EndpointSlice[];
}

const serviceArb = (index: number) =>
	fc
		.record({
			type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer') as fc.Arbitrary<'ClusterIP' | 'NodePort' | 'LoadBalancer'>,
			ports: fc.array(fc.record({named: fc.boolean(), port: fc.integer({min: 1, max: 65000}), protocol, targetPort: fc.integer({min: 1, max: 65535})}), {minLength: 1, maxLength: 3}),
			externalIPs: fc.array(ipIn('192.168'), {maxLength: 2}),
			ingress: fc.array(ipIn('203.0'), {maxLength: 2}),
			sourceRanges: fc.array(fc.constantFrom('0.0.0.0/0', '203.0.113.0/25', '192.168.0.0/16', '10.1.2.3/8', '198.51.100.7/32'), {maxLength: 3}),
			affinity: fc.boolean(),
			timeout: fc.integer({min: 1, max: 86400}),
			etpLocal: fc.boolean(),
			itpLocal: fc.boolean(),
			endpoints: fc.array(
				fc.record({
					ip: ipIn('10.244'),
					local: fc.boolean(),
					ready: fc.option(fc.boolean(), {nil: undefined}),
					serving: fc.option(fc.boolean(), {nil: undefined}),
					terminating: fc.option(fc.boolean(), {nil: undefined}),
				}),
				{maxLength: 6},
			),
		})
		.map((s): [Service, EndpointSlice] => {
			const name = `svc-${index}`;
			const ports = s.ports.map((p, i) => ({
				...(p.named ? {name: `p${i}`} : {}),
				port: p.port + i,
				protocol: p.protocol,
				targetPort: p.targetPort,
				...(s.type !== 'ClusterIP' ? {nodePort: 30000 + ((index * 7 + i) % 2768)} : {}),
			}));
			const clusterIP = `10.96.${Math.floor(index / 200)}.${(index % 200) + 10}`;
			const service: Service = {
				apiVersion: 'v1',
				kind: 'Service',
				metadata: {namespace: index % 3 === 0 ? 'kube-system' : 'default', name},
				spec: {
					type: s.type,
					clusterIP,
					clusterIPs: [clusterIP],
					selector: {app: name},
					ports,
					externalIPs: s.externalIPs,
					...(s.affinity ? {sessionAffinity: 'ClientIP', sessionAffinityConfig: {clientIP: {timeoutSeconds: s.timeout}}} : {}),
					...(s.type !== 'ClusterIP' ? {externalTrafficPolicy: s.etpLocal ? 'Local' : 'Cluster'} : {}),
					internalTrafficPolicy: s.itpLocal ? 'Local' : 'Cluster',
					...(s.type === 'LoadBalancer' ? {loadBalancerSourceRanges: s.sourceRanges} : {}),
					...(s.type === 'LoadBalancer' && s.etpLocal ? {healthCheckNodePort: 32000 + index} : {}),
				},
				...(s.type === 'LoadBalancer' ? {status: {loadBalancer: {ingress: s.ingress.map((ip) => ({ip}))}}} : {}),
			};
			const slice: EndpointSlice = {
				apiVersion: 'discovery.k8s.io/v1',
				kind: 'EndpointSlice',
				metadata: {namespace: service.metadata.namespace!, name: `${name}-x`, labels: {[SERVICE_NAME_LABEL]: name}},
				addressType: 'IPv4',
				endpoints: s.endpoints.map((e) => ({
					addresses: [e.ip],
					conditions: {
						...(e.ready !== undefined ? {ready: e.ready} : {}),
						...(e.serving !== undefined ? {serving: e.serving} : {}),
						...(e.terminating !== undefined ? {terminating: e.terminating} : {}),
					},
					nodeName: e.local ? 'test-node' : 'other-node',
				})),
				ports: ports.map((p) => ({...(p.name ? {name: p.name} : {}), port: p.targetPort, protocol: p.protocol})),
			};
			return [service, slice];
		});

const configArb = fc
	.record({
		masqueradeAll: fc.boolean(),
		localhostNodePorts: fc.boolean(),
		nodePortAddresses: fc.constantFrom<string[]>([], ['192.168.0.0/24'], ['127.0.0.0/8', '192.168.1.0/24'], ['primary']),
		detector: fc.constantFrom('none', 'cluster', 'node'),
		nfacct: fc.boolean(),
		randomFully: fc.boolean(),
		conntrackTCPLiberal: fc.boolean(),
		masqueradeBit: fc.integer({min: 0, max: 31}),
	})
	.map(({detector, ...c}) =>
		fakeProxierConfig('IPv4', {
			...c,
			localDetector: localDetector(detector === 'node' ? 'NodeCIDR' : 'ClusterCIDR', detector === 'none' ? undefined : '10.244.0.0/16', '10.244.1.0/24'),
		}),
	);

const worldArb: fc.Arbitrary<World> = fc.integer({min: 0, max: 12}).chain((count) =>
	fc.tuple(configArb, ...Array.from({length: count}, (_, i) => serviceArb(i))).map(([config, ...pairs]) => ({
		config,
		services: pairs.map((p) => p[0]),
		slices: pairs.map((p) => p[1]),
	})),
);

test('the kernel form equals iptables-restore reading the text form, for random clusters and settings (property)', (t) => {
	fc.assert(
		fc.property(worldArb, ({config, services, slices}) => {
			const diff = sameRuleset(config, services, slices);
			if (diff !== '') throw new Error(diff);
		}),
		{numRuns: 300, seed: 20261126},
	);
	t.pass();
});

test('the kernel form equals the text form in large-cluster mode (no comments on endpoint rules)', (t) => {
	const services: Service[] = [];
	const slices: EndpointSlice[] = [];
	for (let i = 0; i < 220; i++) {
		const name = `svc-${i}`;
		const ip = `10.96.${Math.floor(i / 200)}.${(i % 200) + 10}`;
		services.push({apiVersion: 'v1', kind: 'Service', metadata: {namespace: 'default', name}, spec: {type: i % 4 === 0 ? 'NodePort' : 'ClusterIP', clusterIP: ip, clusterIPs: [ip], ports: [{port: 80, protocol: 'TCP', ...(i % 4 === 0 ? {nodePort: 30000 + i} : {})}], ...(i % 5 === 0 ? {sessionAffinity: 'ClientIP'} : {})}});
		slices.push({
			apiVersion: 'discovery.k8s.io/v1',
			kind: 'EndpointSlice',
			metadata: {namespace: 'default', name: `${name}-x`, labels: {[SERVICE_NAME_LABEL]: name}},
			addressType: 'IPv4',
			endpoints: Array.from({length: 5}, (_, e) => ({addresses: [`10.244.${i % 250}.${e + 2}`], conditions: {ready: true}, nodeName: e === 0 ? 'test-node' : 'node02'})),
			ports: [{port: 8080, protocol: 'TCP'}],
		});
	}
	const sync = syncKernelRules(fakeProxierConfig(), services, slices);
	t.true(sync.largeClusterMode);
	t.is(sameRuleset(fakeProxierConfig(), services, slices), '');
});

test('the kernel form equals the text form for the seeded scenarios on every node', (t) => {
	for (const seed of [1, 7, 23, 99]) {
		const cluster = generateScenario({seed});
		for (const node of cluster.nodes()) {
			const proxy = cluster.kubeProxy(node.metadata.name)!;
			t.is(difference(proxy.ruleset(), nodeRuleset(proxy.sync().restore)), '', `seed ${seed}, ${node.metadata.name}`);
		}
	}
});

test('a rule the writer does not read itself goes to the general reader: REJECT, MARK, conntrack, addrtype', (t) => {
	const filter = new TableOutput('filter', {text: true, kernel: true});
	const w = new RuleWriter();
	w.start(filter, 'KUBE-SERVICES').comment('default/x has no endpoints').protocolMatch('tcp').destination('10.96.0.10').dport(53).jump('REJECT');
	w.start(filter, 'KUBE-EXTERNAL-SERVICES').comment('x').other(['-m', 'addrtype', '--dst-type', 'LOCAL']).protocolMatch('udp').dport(30001).jump('DROP');
	t.deepEqual(filter.ruleLines, [
		'-A KUBE-SERVICES -m comment --comment "default/x has no endpoints" -m tcp -p tcp -d 10.96.0.10 --dport 53 -j REJECT',
		'-A KUBE-EXTERNAL-SERVICES -m comment --comment "x" -m addrtype --dst-type LOCAL -m udp -p udp --dport 30001 -j DROP',
	]);
	t.deepEqual(filter.rules[0]!.target, {kind: 'REJECT', rejectWith: 'icmp-port-unreachable'});
	t.deepEqual(filter.rules[1]!.matches.map((m) => m.module), ['comment', 'addrtype', 'udp']);
});

test('DROP in the nat table is refused as iptables refuses it, not built', (t) => {
	const nat = new TableOutput('nat', {text: false, kernel: true});
	const w = new RuleWriter();
	t.throws(() => w.start(nat, 'KUBE-SERVICES').jump('DROP'), {message: /not intended for filtering/});
});

test('a port iptables refuses is refused by the kernel form too, as an IptablesParseError (KubeProxy.ruleset then reads the text for the line)', (t) => {
	const config = fakeProxierConfig();
	const services: Service[] = [{apiVersion: 'v1', kind: 'Service', metadata: {namespace: 'default', name: 'big'}, spec: {clusterIP: '10.96.0.20', ports: [{port: 70000, protocol: 'TCP'}]}}];
	const text = t.throws(() => nodeRuleset(syncProxyRules(config, services, []).restore));
	const direct = t.throws(() => nodeRulesetOf(syncKernelRules(config, services, []).tables), {instanceOf: IptablesParseError});
	t.regex(text!.message, /70000/);
	t.regex(direct!.message, /70000/);
});
