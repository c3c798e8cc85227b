// A node's NAT rules (iptables -t nat -L -n or iptables-save), the marked Service's lines with ❯.
import {fit, seg, window, wrap, type Line} from '../../layout/line.js';
import type {ClusterSnapshot, RuleLine} from '../../world-types.js';
import {keyFor} from '../../keymap/keymap.js';
import {contentRows, rule, viewHeader} from '../view-header.js';
import {RULES_KEYS} from './keys.js';
import type {RulesUi} from './state.js';

export function rulesStatus(ui: RulesUi): Line[] {
	const command = ui.format === 'list' ? 'iptables -t nat -L -n' : ui.format === 'list-names' ? 'iptables -t nat -L' : 'iptables-save -t nat';
	return [
		[seg('Rules on ', {bold: true}), seg(ui.node, {bold: true, colour: 'blue'}), seg(`   ${keyFor(RULES_KEYS, 'nextNode')}: next node`, {dim: true})],
		[seg(`$ ${command}`), seg(`   ${keyFor(RULES_KEYS, 'toggleFormat')}: ${ui.format === 'save' ? 'list form' : 'save form'}`, {dim: true})],
		[seg('❯ marks '), seg(ui.service ?? 'no Service', {bold: true}), seg(`   ${keyFor(RULES_KEYS, 'nextService')}: next Service`, {dim: true})],
		[seg(ui.only ? 'only its lines' : 'every line'), seg(`   ${keyFor(RULES_KEYS, 'toggleOnly')}: ${ui.only ? 'every line' : 'only its lines'}`, {dim: true})],
	];
}

const rowsCache = new WeakMap<readonly RuleLine[], Map<number, Line[]>>();

/** Each rule line wrapped to the width, marked lines with ❯ in the gutter (kept per rule list and width). */
export function rulesRows(lines: readonly RuleLine[], width: number): Line[] {
	let byWidth = rowsCache.get(lines);
	if (!byWidth) rowsCache.set(lines, (byWidth = new Map()));
	const cached = byWidth.get(width);
	if (cached) return cached;
	const out: Line[] = [];
	for (const l of lines) {
		const pieces = wrap(l.text, width - 2, '    ');
		pieces.forEach((text, i) => {
			const gutter = l.highlight && i === 0 ? seg('❯ ', {colour: 'blue', bold: true}) : seg('  ');
			out.push(fit([gutter, seg(text, l.highlight ? {bold: true, colour: 'blue'} : {})], width));
		});
	}
	byWidth.set(width, out);
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

export function rulesBody(snapshot: ClusterSnapshot, ui: RulesUi, watch: string | undefined, columns: number, rows: number): {lines: Line[]; max: number} {
	const lines = snapshot.rules({node: ui.node, format: ui.format, ...(ui.service ? {service: ui.service} : {}), only: ui.only});
	const all = rulesRows(lines, columns);
	const room = contentRows(rows);
	const {shown} = window(all, room, ui.scroll);
	return {lines: [...viewHeader(watch, rulesStatus(ui), columns), rule(columns), ...shown], max: Math.max(0, all.length - room)};
}
