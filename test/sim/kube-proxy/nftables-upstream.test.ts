// kube-proxy's own nftables unit tests (kubernetes/kubernetes pkg/proxy/nftables/proxier_test.go at
// 81810de635aa13aa0a32992f6def3aa9d6025ebc, the v1.34 layout) replayed against svc-tutor's
// nftables proxier: the inputs re-expressed as svc-tutor objects, the expected dumps transcribed
// into test/fixtures/kube-proxy-nftables/, compared after upstream's sortNFTablesTransaction.
import {readFileSync} from 'node:fs';
import test from 'ava';
import {renderNftDump} from '../../../src/sim/kube-proxy/nftables/dump.js';
import {syncNftablesRules, type NftablesProxierConfig} from '../../../src/sim/kube-proxy/nftables/proxier.js';
import {sortNFTablesTransaction} from '../../support/nft-sort.js';
import {fakeProxierConfig, overallCluster, port, service, slice} from './upstream-fake.js';

/** The nftables NewFakeProxier: nodePortAddresses 192.168.0.2/32 and 2001:db8::1/128, ServiceCIDR 172.30.0.0/16. */
function nftFakeConfig(overrides: Partial<NftablesProxierConfig> = {}): NftablesProxierConfig {
	return {...fakeProxierConfig('IPv4'), nodePortAddresses: ['192.168.0.2/32', '2001:db8::1/128'], serviceCIDRs: ['172.30.0.0/16'], ...overrides};
}

function fixture(name: string): string {
	return readFileSync(new URL(`../../fixtures/kube-proxy-nftables/${name}`, import.meta.url), 'utf8');
}

/** The fake's mark is the literal "0x4000"; a real kube-proxy writes %#08x, "0x00004000". */
function upstreamMark(text: string): string {
	return text.replaceAll('0x00004000', '0x4000');
}

test('TestOverallNFTablesRules: the dump equals upstream expected transaction after sortNFTablesTransaction', (t) => {
	const {services, slices} = overallCluster();
	const {table} = syncNftablesRules(nftFakeConfig(), services, slices);
	const ours = sortNFTablesTransaction(upstreamMark(renderNftDump(table)));
	t.is(ours, sortNFTablesTransaction(fixture('overall-nftables-rules.dump.txt')));
});

/** baseRules + the step's text, as upstream's `expected := baseRules + dedent.Dedent(…)`. */
function withBase(name: string): string {
	return fixture('base-rules.dump.txt') + '\n' + fixture(name);
}

function syncedDump(services: ReturnType<typeof service>[], slices: ReturnType<typeof slice>[]): string {
	return sortNFTablesTransaction(upstreamMark(renderNftDump(syncNftablesRules(nftFakeConfig(), services, slices).table)));
}

const svc = (ns: string, name: string, ip: string, p: number, portName: string) => service(ns, name, {type: 'ClusterIP', clusterIP: ip, ports: [port(portName, p)]});
const eps = (ns: string, name: string, ips: string[], p: number, portName: string) => slice(ns, name, ips.map((ip) => ({ip})), [{name: portName, port: p}]);

// TestSyncProxyRulesRepeated's steps as full syncs of each step's state (the steps whose expected
// dump holds no flushed stale chains, which are history a full sync has none of).
test('TestSyncProxyRulesRepeated step 1: two Services, one endpoint each', (t) => {
	const dump = syncedDump([svc('ns1', 'svc1', '172.30.0.41', 80, 'p80'), svc('ns2', 'svc2', '172.30.0.42', 8080, 'p8080')], [eps('ns1', 'svc1', ['10.0.1.1'], 80, 'p80'), eps('ns2', 'svc2', ['10.0.2.1'], 8080, 'p8080')]);
	t.is(dump, sortNFTablesTransaction(withBase('sync-proxy-rules-repeated.1.dump.txt')));
});

test('TestSyncProxyRulesRepeated step 4: svc2 deleted, svc3 added', (t) => {
	const dump = syncedDump([svc('ns1', 'svc1', '172.30.0.41', 80, 'p80'), svc('ns3', 'svc3', '172.30.0.43', 80, 'p80')], [eps('ns1', 'svc1', ['10.0.1.1'], 80, 'p80'), eps('ns3', 'svc3', ['10.0.3.1'], 80, 'p80')]);
	t.is(dump, sortNFTablesTransaction(withBase('sync-proxy-rules-repeated.4.dump.txt')));
});

test('TestSyncProxyRulesRepeated step 5: a Service without endpoints is rejected through no-endpoint-services', (t) => {
	const services = [svc('ns1', 'svc1', '172.30.0.41', 80, 'p80'), svc('ns3', 'svc3', '172.30.0.43', 80, 'p80'), svc('ns4', 'svc4', '172.30.0.44', 80, 'p80')];
	const dump = syncedDump(services, [eps('ns1', 'svc1', ['10.0.1.1'], 80, 'p80'), eps('ns3', 'svc3', ['10.0.3.1'], 80, 'p80')]);
	t.is(dump, sortNFTablesTransaction(withBase('sync-proxy-rules-repeated.5.dump.txt')));
});

test('TestSyncProxyRulesRepeated step 8: two endpoints, numgen random mod 2', (t) => {
	const services = [svc('ns1', 'svc1', '172.30.0.41', 80, 'p80'), svc('ns3', 'svc3', '172.30.0.43', 80, 'p80'), svc('ns4', 'svc4', '172.30.0.44', 80, 'p80')];
	const slices = [eps('ns1', 'svc1', ['10.0.1.1'], 80, 'p80'), eps('ns3', 'svc3', ['10.0.3.2', '10.0.3.3'], 80, 'p80'), eps('ns4', 'svc4', ['10.0.4.1'], 80, 'p80')];
	t.is(syncedDump(services, slices), sortNFTablesTransaction(withBase('sync-proxy-rules-repeated.8.dump.txt')));
});

test('TestSyncProxyRulesStartup: the first sync over a table left from before equals a fresh full sync', (t) => {
	const services = [svc('ns1', 'svc1', '172.30.0.41', 80, 'p80'), svc('ns2', 'svc2', '172.30.0.42', 8080, 'p8080'), svc('ns3', 'svc3', '172.30.0.43', 80, 'p80')];
	const slices = [eps('ns1', 'svc1', ['10.0.1.1', '10.0.1.2'], 80, 'p80'), eps('ns2', 'svc2', ['10.0.2.1'], 8080, 'p8080')];
	t.is(syncedDump(services, slices), sortNFTablesTransaction(withBase('sync-proxy-rules-startup.dump.txt')));
});
