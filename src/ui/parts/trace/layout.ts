// A packet trace stepped through rule by rule: the rules tested so far, the current one marked,
// and under them the current rule in full.
import {blank, fit, line, seg, window, wrap, type Line} from '../../layout/line.js';
import type {ClusterSnapshot, TraceData, TraceOutcomeData, TraceStepData} from '../../world-types.js';
import {textInputLine} from '../text-input/layout.js';
import {contentRows, rule, viewHeader} from '../view-header.js';
import {keyFor} from '../../keymap/keymap.js';
import {TRACE_KEYS} from './keys.js';
import {traceRequestFor, type TraceIntent, type TraceUi} from './state.js';

const key = (type: Parameters<typeof keyFor<TraceUi, TraceIntent>>[1]): string => keyFor(TRACE_KEYS, type);

// --- trace -------------------------------------------------------------------------------------

export function traceStatus(data: TraceData, ui: TraceUi, labels: {source?: string; dest?: string}, fixed: boolean): Line[] {
	// The view's header has HEADER_ROWS lines: while typing, the prompt takes the place of the details.
	if (ui.input !== undefined) {
		return [
			line('Trace: type the source and the destination', {bold: true}),
			[seg(': ', {bold: true}), ...textInputLine(ui.input)],
			ui.inputError ? line(ui.inputError, {colour: 'red'}) : line('a Pod (NAME or NAMESPACE/NAME) or an IP, then IP:PORT, /udp or /sctp if not TCP', {dim: true}),
			line(`e.g.  web-7d4b9c-x2x4k 10.96.0.10:53/udp     ${key('submit')} trace · ${key('cancelTyping')} cancel`, {dim: true}),
		];
	}
	if (!data.ok) return [line('Trace', {bold: true}), line(data.message, {colour: 'red'}), ...(fixed ? [] : [line(`${key('nextSource')} ${key('nextDest')}: pick another source or destination   ${key('startTyping')} type one`, {dim: true})])];
	const outcome = data.outcomes[clampOutcome(ui, data)];
	const fork = data.outcomes.length > 1 ? `   ${key('nextOutcome')}: next of ${data.outcomes.length}` : '';
	return [
		[seg('Trace on ', {bold: true}), seg(data.node, {bold: true, colour: 'blue'}), seg(` · ${data.entry}`), seg(fixed ? '' : `   ${key('nextNode')}: node`, {dim: true})],
		[seg('from '), seg(labels.source ?? data.source), seg(fixed ? '' : `   ${key('nextSource')}: source  ${key('startTyping')} type`, {dim: true})],
		[seg('to   '), seg(labels.dest ?? data.to), seg(fixed ? '' : `   ${key('nextDest')}: destination`, {dim: true})],
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
	else out.push(line(`${key('forward')} next rule  ${key('backward')} back  ${key('all')} all  ${key('nextOutcome')} other path`, {dim: true}));
	return out.map((l) => fit(l, width));
}

export function traceBody(snapshot: ClusterSnapshot, ui: TraceUi, watch: string | undefined, columns: number, rows: number): {lines: Line[]; max: number} {
	const {request, labels, error} = traceRequestFor(snapshot, ui);
	const data: TraceData = request ? snapshot.trace(request) : {ok: false, message: error ?? 'nothing to trace in this cluster'};
	const body = traceRows(data, ui, columns, contentRows(rows));
	return {lines: [...viewHeader(watch, traceStatus(data, ui, labels, ui.fixed !== undefined), columns), rule(columns), ...body.lines], max: Math.max(0, body.steps)};
}
