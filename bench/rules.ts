// npm run bench: kube-proxy's rules and a packet trace for clusters of 100, 1,000 and 10,000
// Services with 5 endpoints each. Each size runs in its own process (clean peak memory); times are
// medians of several runs, and each size is also given as a ratio to the smallest, in this one
// run, because this machine is shared and absolute times drift.
import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import type {EndpointSlice, Service} from '../src/sim/api/types.js';
import {syncProxyRules} from '../src/sim/kube-proxy/iptables/proxier.js';
import {proxierConfigFor} from '../src/sim/kube-proxy/kube-proxy.js';
import {nodeRuleset} from '../src/sim/iptables/node-baseline.js';
import {renderList} from '../src/sim/iptables/list.js';
import {renderSave} from '../src/sim/iptables/save.js';
import {tracePacket} from '../src/sim/netfilter/index.js';

const SIZES = [100, 1000, 10000];
const ENDPOINTS = 5;

interface Measure {
	services: number;
	rules: number;
	restoreMs: number;
	saveMs: number;
	listMs: number;
	traceMs: number;
	totalMs: number;
	peakRssMB: number;
}

/** Services 10.96.x.y:80 → 5 Pods each on 10.244.0.0/16, as API objects. */
function cluster(n: number): {services: Service[]; slices: EndpointSlice[]} {
	const services: Service[] = [];
	const slices: EndpointSlice[] = [];
	for (let i = 0; i < n; i++) {
		const ip = `10.96.${Math.floor((i + 16) / 256)}.${(i + 16) % 256}`;
		const name = `svc-${i}`;
		services.push({apiVersion: 'v1', kind: 'Service', metadata: {namespace: 'default', name}, spec: {type: i % 10 === 0 ? 'NodePort' : 'ClusterIP', clusterIP: ip, clusterIPs: [ip], selector: {app: name}, ports: [{name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, ...(i % 10 === 0 ? {nodePort: 30000 + (i / 10) % 2768} : {})}]}});
		slices.push({
			apiVersion: 'discovery.k8s.io/v1',
			kind: 'EndpointSlice',
			metadata: {namespace: 'default', name: `${name}-abcde`, labels: {'kubernetes.io/service-name': name}},
			addressType: 'IPv4',
			endpoints: Array.from({length: ENDPOINTS}, (_, e) => {
				const k = i * ENDPOINTS + e;
				return {addresses: [`10.244.${Math.floor(k / 250) % 256}.${(k % 250) + 2}`], conditions: {ready: true}, nodeName: `node${String((k % 3) + 1).padStart(2, '0')}`};
			}),
			ports: [{name: 'http', port: 8080, protocol: 'TCP'}],
		});
	}
	return {services, slices};
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

function time<T>(fn: () => T): [T, number] {
	const start = performance.now();
	const value = fn();
	return [value, performance.now() - start];
}

function measure(n: number): Measure {
	const {services, slices} = cluster(n);
	const config = proxierConfigFor(
		{apiVersion: 'v1', kind: 'Node', metadata: {name: 'node01'}, spec: {podCIDR: '10.244.1.0/24'}, status: {addresses: [{type: 'InternalIP', address: '192.168.56.11'}]}},
		{apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', clusterCIDR: '10.244.0.0/16'},
		'IPv4',
	);
	const runs = n >= 10000 ? 3 : 5;
	const restoreMs: number[] = [];
	const saveMs: number[] = [];
	const listMs: number[] = [];
	const traceMs: number[] = [];
	let rules = 0;
	for (let r = 0; r < runs; r++) {
		const [result, tRestore] = time(() => syncProxyRules(config, services, slices));
		const [ruleset, tParse] = time(() => nodeRuleset(result.restore));
		const [, tSave] = time(() => renderSave(ruleset));
		const [, tList] = time(() => renderList(ruleset, {table: 'nat', numeric: true}));
		// A Service near the end of KUBE-SERVICES: the walk tests every rule before it.
		const last = services[services.length - 1]!;
		const [, tTrace] = time(() => tracePacket({ruleset, entry: 'PREROUTING', packet: {src: '10.244.1.250', dst: last.spec.clusterIP!, dport: 80, proto: 'tcp'}, localAddresses: config.nodeInterfaceIPs}));
		rules = ruleset.tables.reduce((sum, t) => sum + t.rules.length, 0);
		restoreMs.push(tRestore);
		saveMs.push(tParse + tSave);
		listMs.push(tList);
		traceMs.push(tTrace);
	}
	const m = {restoreMs: median(restoreMs), saveMs: median(saveMs), listMs: median(listMs), traceMs: median(traceMs)};
	return {services: n, rules, ...m, totalMs: m.restoreMs + m.saveMs + m.traceMs, peakRssMB: process.resourceUsage().maxRSS / 1024};
}

const child = process.argv.indexOf('--size');
if (child >= 0) {
	process.stdout.write(JSON.stringify(measure(Number(process.argv[child + 1]))));
} else {
	const self = fileURLToPath(import.meta.url);
	const results: Measure[] = SIZES.map((n) => JSON.parse(execFileSync(process.execPath, [self, '--size', String(n)], {encoding: 'utf8'})) as Measure);
	const base = results[0]!;
	const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;
	console.log('services  rules     restore     save (parse+print)  list        trace       restore+save+trace  ×smallest  ×per-service  peak RSS');
	for (const r of results) {
		const ratio = r.totalMs / base.totalMs;
		const perService = ratio / (r.services / base.services);
		console.log(
			`${String(r.services).padEnd(9)} ${String(r.rules).padEnd(9)} ${fmt(r.restoreMs).padEnd(11)} ${fmt(r.saveMs).padEnd(19)} ${fmt(r.listMs).padEnd(11)} ${fmt(r.traceMs).padEnd(11)} ${fmt(r.totalMs).padEnd(19)} ${ratio.toFixed(1).padEnd(10)} ${perService.toFixed(2).padEnd(13)} ${r.peakRssMB.toFixed(0)} MB`,
		);
	}
	const largest = results[results.length - 1]!;
	console.log(
		`\n10,000 Services (goal < 1000 ms): kube-proxy's rules + a trace ${fmt(largest.restoreMs + largest.traceMs)}; ` +
			`printed as iptables-save too ${fmt(largest.totalMs)}. ×per-service at or below 1 means growth no worse than linear.`,
	);
}
