// The full-width views: a node's NAT rules (iptables -t nat -L -n or iptables-save), kube-proxy's
// log, and a packet trace stepped through rule by rule. Each is a header block (the lesson's
// "watch" text, or what is shown and the keys that change it) over the scrollable content.
import type {LogUi, RulesUi, TraceUi} from '../state/state.js';
import type {RuleLine, TraceData, TraceOutcomeData, TraceStepData} from '../world-types.js';
import {TEXT_WIDTH} from './frame.js';
import {blank, columns as sideBySide, fit, line, seg, window, wrap, type Line} from './line.js';

export const HEADER_ROWS = 4;

/** The header block: watch text on the left (when a lesson gives one), status on the right. */
export function viewHeader(watch: string | undefined, status: Line[], width: number): Line[] {
	if (watch === undefined) return [...status.slice(0, HEADER_ROWS).map((l) => fit(l, width)), ...Array.from({length: Math.max(0, HEADER_ROWS - status.length)}, blank)];
	const left = watch.replace(/\n$/, '').split('\n').map((t) => line(t, {colour: 'magenta'}));
	return sideBySide(left, TEXT_WIDTH, status.map((l) => [seg(' '), ...l]), width - TEXT_WIDTH - 1, HEADER_ROWS);
}

export function rule(width: number): Line {
	return line('─'.repeat(width), {dim: true});
}

// --- rules -------------------------------------------------------------------------------------

export function rulesStatus(ui: RulesUi): Line[] {
	const command = ui.format === 'list' ? 'iptables -t nat -L -n' : 'iptables-save -t nat';
	return [
		[seg('Rules on ', {bold: true}), seg(ui.node, {bold: true, colour: 'blue'}), seg('   n: next node', {dim: true})],
		[seg(`$ ${command}`), seg('   f: ' + (ui.format === 'list' ? 'save form' : 'list form'), {dim: true})],
		[seg('❯ marks '), seg(ui.service ?? 'no Service', {bold: true}), seg('   s: next Service', {dim: true})],
		[seg(ui.only ? 'only its lines' : 'every line'), seg(`   a: ${ui.only ? 'every line' : 'only its lines'}`, {dim: true})],
	];
}

/** Each rule line wrapped to the width, marked lines with ❯ in the gutter. */
export function rulesRows(lines: readonly RuleLine[], width: number): Line[] {
	const out: Line[] = [];
	for (const l of lines) {
		const pieces = wrap(l.text, width - 2, '    ');
		pieces.forEach((text, i) => {
			const gutter = l.highlight && i === 0 ? seg('❯ ', {colour: 'blue', bold: true}) : seg('  ');
			out.push(fit([gutter, seg(text, l.highlight ? {bold: true, colour: 'blue'} : {})], width));
		});
	}
	return out;
}

export function firstMarkedRow(lines: readonly RuleLine[], width: number): number {
	let row = 0;
	for (const l of lines) {
		if (l.highlight) return row;
		row += wrap(l.text, width - 2, '    ').length;
	}
	return 0;
}

// --- log ---------------------------------------------------------------------------------------

export function logStatus(ui: LogUi): Line[] {
	return [
		[seg('kube-proxy log on ', {bold: true}), seg(ui.node, {bold: true, colour: 'blue'}), seg('   n: next node', {dim: true})],
		line('$ kubectl logs -n kube-system kube-proxy-…', {dim: true}),
		line('newest at the bottom', {dim: true}),
	];
}

export function logRows(lines: readonly string[], width: number): Line[] {
	return lines.flatMap((text) => wrap(text, width, '    ').map((t) => fit(line(t), width)));
}

// --- trace -------------------------------------------------------------------------------------

export function traceStatus(data: TraceData, ui: TraceUi, labels: {source?: string; dest?: string}, fixed: boolean): Line[] {
	// The view's header has HEADER_ROWS lines: while typing, the prompt takes the place of the details.
	if (ui.input !== undefined) {
		return [
			line('Trace: type the source and the destination', {bold: true}),
			[seg(': ', {bold: true}), seg(ui.input), seg('▏', {bold: true})],
			ui.inputError ? line(ui.inputError, {colour: 'red'}) : line('a Pod (NAME or NAMESPACE/NAME) or an IP, then IP:PORT, /udp or /sctp if not TCP', {dim: true}),
			line('e.g.  web-7d4b9c-x2x4k 10.96.0.10:53/udp     Enter trace · Esc cancel', {dim: true}),
		];
	}
	if (!data.ok) return [line('Trace', {bold: true}), line(data.message, {colour: 'red'}), ...(fixed ? [] : [line('s d: pick another source or destination   : type one', {dim: true})])];
	const outcome = data.outcomes[clampOutcome(ui, data)];
	const fork = data.outcomes.length > 1 ? `   o: next of ${data.outcomes.length}` : '';
	return [
		[seg('Trace on ', {bold: true}), seg(data.node, {bold: true, colour: 'blue'}), seg(` · ${data.entry}`), seg(fixed ? '' : '   n: node', {dim: true})],
		[seg('from '), seg(labels.source ?? data.source), seg(fixed ? '' : '   s: source  : type', {dim: true})],
		[seg('to   '), seg(labels.dest ?? data.to), seg(fixed ? '' : '   d: destination', {dim: true})],
		[seg(`path ${clampOutcome(ui, data) + 1}/${data.outcomes.length}: `), seg(outcome ? probabilityText(outcome.probability) : '-', {bold: true}), seg(fork, {dim: true})],
	];
}

export function clampOutcome(ui: TraceUi, data: TraceData): number {
	// `o` keeps counting up; the paths go round.
	return data.ok && data.outcomes.length > 0 ? ((ui.outcome % data.outcomes.length) + data.outcomes.length) % data.outcomes.length : 0;
}

/** As a fraction when it is a simple one (1/3), always with the percentage. */
export function probabilityText(p: number): string {
	const pct = `${(p * 100).toFixed(p === 1 || p === 0 ? 0 : 2)}%`;
	for (let d = 1; d <= 12; d++) {
		const n = Math.round(p * d);
		if (Math.abs(n / d - p) < 1e-6) return d === 1 ? `probability ${n} (${pct})` : `probability ${n}/${d} (${pct})`;
	}
	return `probability ${p.toFixed(4)} (${pct})`;
}

export interface TraceBody {
	lines: Line[];
	steps: number;
}

/** The rules tested so far, the current one marked, and under them the current rule in full. */
export function traceRows(data: TraceData, ui: TraceUi, width: number, rows: number): TraceBody {
	if (!data.ok) return {lines: [line(data.message, {colour: 'red'})], steps: 0};
	const outcome: TraceOutcomeData = data.outcomes[clampOutcome(ui, data)]!;
	const steps = outcome.steps;
	const revealed = Math.max(1, Math.min(ui.revealed, steps.length));
	const current = steps[revealed - 1];
	const detail = current ? detailLines(current, outcome, revealed, steps.length, width) : [];
	const listRows = Math.max(3, rows - detail.length - 1);
	const list: Line[] = [];
	let section = '';
	let currentRow = 0;
	let chain = '';
	steps.slice(0, revealed).forEach((step, i) => {
		// A heading wherever the walk enters a chain: PREROUTING → KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-….
		if (step.depth === 0 && `${step.table} ${step.chain}` !== section) {
			section = `${step.table} ${step.chain}`;
			list.push(line(`${step.table} ${step.chain}`, {bold: true}));
		} else if (step.chain !== chain) {
			list.push(fit([seg(' ' + '  '.repeat(step.depth)), seg(`→ ${step.chain}`, {bold: true})], width));
		}
		chain = step.chain;
		const isCurrent = i === revealed - 1;
		if (isCurrent) currentRow = list.length;
		const indent = '  '.repeat(step.depth + 1);
		list.push(
			fit(
				[
					seg(isCurrent ? '❯' : ' ', {bold: true, colour: 'blue'}),
					seg(indent),
					seg(step.matched ? '✔ ' : '✖ ', {colour: step.matched ? 'green' : 'red'}),
					seg(`${step.ruleIndex + 1} `, {dim: true}),
					// The heading names the chain: the rule without its `-A CHAIN`.
					seg(step.rule.replace(/^-A \S+ /, ''), isCurrent ? {bold: true} : step.matched ? {} : {dim: true}),
				],
				width,
			),
		);
	});
	const {shown} = window(list, listRows, currentRow - listRows + 2);
	while (shown.length < listRows) shown.push(blank());
	return {lines: [...shown, rule(width), ...detail], steps: steps.length};
}

function detailLines(step: TraceStepData, outcome: TraceOutcomeData, n: number, total: number, width: number): Line[] {
	const out: Line[] = [];
	out.push([
		seg(`rule ${n} of ${total}: `, {bold: true}),
		seg(`${step.table} ${step.chain} #${step.ruleIndex + 1} `),
		seg(step.matched ? '✔ matches' : '✖ does not match', {colour: step.matched ? 'green' : 'red', bold: true}),
		...(step.note ? [seg(` · ${step.note}`, {colour: 'magenta'})] : []),
	]);
	for (const text of wrap(step.rule, width - 2, '    ').slice(0, 3)) out.push(line(`  ${text}`));
	if (n === total) {
		out.push(fit([seg('path: ', {dim: true}), seg(outcome.path.join(' → '))], width));
		out.push(fit([seg('⇒ ', {bold: true}), seg(outcome.summary, {bold: true, colour: 'green'})], width));
	}
	else out.push(line('→ next rule  ← back  e all  o other path', {dim: true}));
	return out.map((l) => fit(l, width));
}
