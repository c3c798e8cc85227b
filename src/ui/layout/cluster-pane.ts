// The live cluster beside the lesson text: nodes (name, InternalIP, pod CIDR) with their Pods,
// Services (type, clusterIP:port, nodePort, endpoints), and kube-proxy's latest log lines.
// What the last step created is marked with + (and green), so a cluster step visibly changes it.
import type {PaneData} from '../world-types.js';
import {cellWidth, fit, seg, wrap, type Line, type Segment} from './line.js';

const NEW: Segment = {text: '+', colour: 'green', bold: true};
const OLD: Segment = {text: ' '};

/** klog's header (`I0112 09:30:00.037792       1 proxier.go:255] `) says nothing the pane needs. */
export function stripKlogHeader(text: string): string {
	return text.replace(/^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [\w.-]+:\d+\] /, '');
}

const drawn = new WeakMap<PaneData, {width: number; rows: number; minLogRows: number; lines: Line[]}[]>();

/** The pane's lines, drawn once per pane data and size (the same lines, the same objects). */
export function clusterPaneLines(data: PaneData, width: number, rows: number, minLogRows = 4): Line[] {
	let sizes = drawn.get(data);
	if (!sizes) drawn.set(data, (sizes = []));
	const found = sizes.find((d) => d.width === width && d.rows === rows && d.minLogRows === minLogRows);
	if (found) return found.lines;
	const lines = drawPane(data, width, rows, minLogRows);
	sizes.push({width, rows, minLogRows, lines});
	return lines;
}

function drawPane(data: PaneData, width: number, rows: number, minLogRows: number): Line[] {
	const {view, fresh} = data;
	const out: Line[] = [];
	// Column 1 is the gutter: + for what is new, a space otherwise (it also keeps text off the │).
	const mark = (isNew: boolean, rest: Line): Line => fit([isNew ? NEW : OLD, ...rest.map((s) => (isNew ? {...s, colour: s.colour ?? 'green'} : s))], width);
	const head = (text: string, more: Line = []): Line => fit([OLD, seg(text, {bold: true}), ...more], width);

	out.push(head('Nodes'));
	// Pods as `🟠 IP name`: the IP in a column, so a long generated name is what gets cut, not it.
	const ipWidth = Math.max(0, ...view.nodes.flatMap((n) => n.pods.map((p) => cellWidth(p.ip || 'Pending'))));
	for (const node of view.nodes) {
		const one = `${node.name} ${node.internalIP} ${node.podCIDR}`;
		if (cellWidth(one) + 1 <= width) {
			out.push(fit([OLD, seg(node.name, {bold: true}), seg(` ${node.internalIP} `), seg(node.podCIDR, {dim: true})], width));
		} else {
			out.push(fit([OLD, seg(node.name, {bold: true}), seg(` ${node.internalIP}`)], width));
			out.push(fit([OLD, seg(` pods ${node.podCIDR}`, {dim: true})], width));
		}
		for (const pod of node.pods) {
			const isNew = fresh.has(`pod:${pod.namespace}/${pod.name}@${pod.ip}`);
			const ns = pod.namespace === 'default' ? '' : `${pod.namespace}/`;
			out.push(mark(isNew, [seg(` ${pod.colour} `), seg((pod.ip || 'Pending').padEnd(ipWidth), {dim: !pod.ip}), seg(` ${ns}${pod.name}`)]));
		}
	}
	out.push(head('Services'));
	if (view.services.length === 0) out.push(fit([OLD, seg(' (none)', {dim: true})], width));
	for (const svc of view.services) {
		const key = `${svc.namespace}/${svc.name}`;
		const isNew = fresh.has(`svc:${key}@${svc.clusterIP}`);
		const ns = svc.namespace === 'default' ? '' : `${svc.namespace}/`;
		out.push(mark(isNew, [seg(`${ns}${svc.name}`, {bold: true}), seg(` ${svc.type}`, {dim: true})]));
		// The address, then the endpoints after it while they fit, then on lines of their own.
		const ports = svc.ports.map((port) => `${svc.clusterIP}:${port.port}${port.protocol === 'TCP' ? '' : `/${port.protocol}`}${port.nodePort ? ` node:${port.nodePort}` : ''}`);
		let current: Line = [seg(` ${ports.join(' ')}`)];
		let used = 1 + cellWidth(ports.join(' '));
		let anyNew = isNew;
		const flush = (): void => {
			out.push(mark(anyNew, current));
			current = [seg('   ')];
			used = 3;
			anyNew = false;
		};
		if (svc.endpoints.length === 0) {
			current.push(seg(' → no endpoints', {colour: 'red'}));
			flush();
			continue;
		}
		current.push(seg(' →'));
		used += 2;
		for (const ep of svc.endpoints) {
			const epNew = fresh.has(`ep:${key}>${ep}`);
			if (used + 1 + cellWidth(ep) > width - 1) flush();
			current.push(seg(' '), seg(ep, epNew ? {colour: 'green', bold: true} : {}));
			used += 1 + cellWidth(ep);
			anyNew ||= epNew;
		}
		flush();
	}
	const delta = data.natRulesDelta === 0 ? '' : ` (${data.natRulesDelta > 0 ? '+' : ''}${data.natRulesDelta})`;
	out.push(head(`kube-proxy ${view.logNode}`, [seg(` · nat rules ${data.natRules}${delta}`, data.natRulesDelta !== 0 ? {colour: 'green', bold: true} : {dim: true})]));
	// The newest lines, as many as the rows left allow (at least a few: the pane scrolls).
	const room = Math.max(minLogRows, rows - out.length);
	const tail: Line[] = [];
	for (let i = view.log.length - 1; i >= 0 && tail.length < room; i--) {
		const isNew = i >= data.freshLogFrom;
		const texts = wrap(stripKlogHeader(view.log[i]!), width - 2, '  ').slice(0, 3);
		if (tail.length + texts.length > room && tail.length > 0) break;
		tail.unshift(...texts.map((text) => mark(isNew, [seg(text, isNew ? {} : {dim: true})])));
	}
	out.push(...tail);
	return out;
}
