// npm run bench: kube-proxy's rules and a packet trace for clusters of 100, 1,000 and 10,000
// Services with 5 endpoints each. Each size runs in its own process (clean peak memory); times are
// medians of several runs, plus the first run (a one-shot CLI's cold start), and each size is also
// given as a ratio to the smallest, in this one run, because this machine is shared and absolute
// times drift.
import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import type {EndpointSlice, Service} from '../src/sim/api/types.js';
import {syncKernelRules, syncProxyRules} from '../src/sim/kube-proxy/iptables/proxier.js';
import {proxierConfigFor} from '../src/sim/kube-proxy/kube-proxy.js';
import {nodeRulesetOf} from '../src/sim/iptables/node-baseline.js';
import {renderList} from '../src/sim/iptables/list.js';
import {renderSave} from '../src/sim/iptables/save.js';
import {tracePacket} from '../src/sim/netfilter/index.js';

const SIZES = [100, 1000, 10000];
const ENDPOINTS = 5;

interface Timings {
	/** kube-proxy's sync as iptables-restore text (`rules --format restore`). */
	restoreMs: number;
	/** kube-proxy's sync as the kernel holds it, on the node's baseline (what save, list and trace read). */
	rulesMs: number;
	/** That rule set printed as iptables-save (`rules`, the default form). */
	saveMs: number;
	/** And as `iptables -t nat -L -n`. */
	listMs: number;
	/** A packet to the last Service's cluster IP: the walk tests every KUBE-SERVICES rule before it. */
	traceMs: number;
}

interface Measure {
	services: number;
	rules: number;
	/** The first run in a fresh process, as a one-shot `svc-tutor rules` meets it. */
	first: Timings;
	/** Medians over the runs. */
	median: Timings;
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

function middle(values: number[]): number {
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
	const last = services[services.length - 1]!;
	const runs = n >= 10000 ? 3 : 5;
	const all: Timings[] = [];
	let rules = 0;
	for (let r = 0; r < runs; r++) {
		const [ruleset, rulesMs] = time(() => nodeRulesetOf(syncKernelRules(config, services, slices).tables));
		const [, traceMs] = time(() => tracePacket({ruleset, entry: 'PREROUTING', packet: {src: '10.244.1.250', dst: last.spec.clusterIP!, dport: 80, proto: 'tcp'}, localAddresses: config.nodeInterfaceIPs}));
		const [, saveMs] = time(() => renderSave(ruleset));
		const [, listMs] = time(() => renderList(ruleset, {table: 'nat', numeric: true}));
		const [, restoreMs] = time(() => syncProxyRules(config, services, slices));
		rules = ruleset.tables.reduce((sum, t) => sum + t.rules.length, 0);
		all.push({restoreMs, rulesMs, saveMs, listMs, traceMs});
	}
	const median = (key: keyof Timings): number => middle(all.map((t) => t[key]));
	return {
		services: n,
		rules,
		first: all[0]!,
		median: {restoreMs: median('restoreMs'), rulesMs: median('rulesMs'), saveMs: median('saveMs'), listMs: median('listMs'), traceMs: median('traceMs')},
		peakRssMB: process.resourceUsage().maxRSS / 1024,
	};
}

/** kube-proxy's rules as the node holds them, a trace, and the iptables-save text: `svc-tutor rules` and `trace`. */
const goal = (t: Timings): number => t.rulesMs + t.traceMs + t.saveMs;

const child = process.argv.indexOf('--size');
if (child >= 0) {
	process.stdout.write(JSON.stringify(measure(Number(process.argv[child + 1]))));
} else {
	const self = fileURLToPath(import.meta.url);
	const results: Measure[] = SIZES.map((n) => JSON.parse(execFileSync(process.execPath, [self, '--size', String(n)], {encoding: 'utf8'})) as Measure);
	const base = results[0]!;
	const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;
	const cell = (text: string, width: number): string => text.padEnd(width);
	console.log('Medians per size (each size in its own process):');
	console.log(`${cell('services', 9)} ${cell('rules', 8)} ${cell('restore text', 13)} ${cell('kernel rules', 13)} ${cell('trace', 9)} ${cell('save text', 10)} ${cell('list text', 10)} ${cell('rules+trace+save', 17)} ${cell('×smallest', 10)} ${cell('×per-service', 13)} peak RSS`);
	for (const r of results) {
		const m = r.median;
		const ratio = goal(m) / goal(base.median);
		console.log(
			`${cell(String(r.services), 9)} ${cell(String(r.rules), 8)} ${cell(fmt(m.restoreMs), 13)} ${cell(fmt(m.rulesMs), 13)} ${cell(fmt(m.traceMs), 9)} ${cell(fmt(m.saveMs), 10)} ${cell(fmt(m.listMs), 10)} ${cell(fmt(goal(m)), 17)} ${cell(ratio.toFixed(1), 10)} ${cell((ratio / (r.services / base.services)).toFixed(2), 13)} ${r.peakRssMB.toFixed(0)} MB`,
		);
	}
	const largest = results[results.length - 1]!;
	const f = largest.first;
	console.log(
		`\nFirst run at 10,000 Services (a fresh process, as one CLI call meets it): restore text ${fmt(f.restoreMs)}, ` +
			`kernel rules ${fmt(f.rulesMs)}, trace ${fmt(f.traceMs)}, save text ${fmt(f.saveMs)}, list text ${fmt(f.listMs)}.`,
	);
	console.log(
		`\n10,000 Services (goal < 1000 ms): kube-proxy's rules as the node holds them + a trace + the iptables-save text: ` +
			`median ${fmt(goal(largest.median))}, first run in a fresh process ${fmt(goal(largest.first))}. ` +
			`Restore text alone: ${fmt(largest.median.restoreMs)}. ×per-service at or below 1 means growth no worse than linear.`,
	);
}
