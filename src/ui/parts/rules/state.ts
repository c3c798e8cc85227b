// A node's NAT table on screen: list or save form, one Service's lines marked (or only those).
import type {RuleFormat} from '../../../lessons/vocabulary.js';
import type {ClusterSnapshot} from '../../world-types.js';
import {firstMarkedRow} from './layout.js';
import {nextOf, scrolled, type ScrollIntent} from '../view-header.js';

export interface RulesUi {
	kind: 'rules';
	node: string;
	format: RuleFormat;
	/** `namespace/name` of the Service whose rules are marked. */
	service?: string;
	only: boolean;
	scroll: number;
}

export type RulesIntent = ScrollIntent | {type: 'nextNode'} | {type: 'toggleFormat'} | {type: 'toggleOnly'} | {type: 'nextService'};

export interface ViewContext {
	snapshot: ClusterSnapshot;
	columns: number;
	page: number;
}

export function qualified(service: string): string {
	return service.includes('/') ? service : `default/${service}`;
}

/** Opens on a node, scrolled to the marked Service's first line. */
export function openRules(ctx: ViewContext, node: string, format: RuleFormat, service: string | undefined): RulesUi {
	return remark({kind: 'rules', node, format, ...(service ? {service: qualified(service)} : {}), only: false, scroll: 0}, ctx);
}

export function updateRules(ui: RulesUi, intent: RulesIntent, ctx: ViewContext): RulesUi {
	switch (intent.type) {
		case 'scroll':
		case 'scrollTo':
			return {...ui, scroll: scrolled(ui.scroll, intent, ctx.page)};
		case 'nextNode':
			return {...ui, node: nextOf(ctx.snapshot.nodes, ui.node) ?? ui.node, scroll: 0};
		case 'toggleFormat':
			return remark({...ui, format: ui.format === 'save' ? 'list' : 'save'}, ctx);
		case 'toggleOnly':
			return remark({...ui, only: !ui.only}, ctx);
		case 'nextService': {
			// After the last Service: none marked.
			const services = ctx.snapshot.services;
			const at = ui.service === undefined ? -1 : services.indexOf(ui.service);
			const next = services[at + 1];
			const {service: _old, ...rest} = ui;
			return remark(next === undefined ? {...rest, only: false} : {...rest, service: next}, ctx);
		}
	}
}

/** After the marked Service or the format changes, scroll to its first line. */
function remark(ui: RulesUi, ctx: ViewContext): RulesUi {
	const lines = ctx.snapshot.rules({node: ui.node, format: ui.format, ...(ui.service ? {service: ui.service} : {}), only: ui.only});
	return {...ui, scroll: Math.max(0, firstMarkedRow(lines, ctx.columns) - 2)};
}
