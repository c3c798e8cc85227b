// Label selectors as `-l` takes them (k8s.io/apimachinery labels.Parse): `k=v`, `k==v`, `k!=v`,
// `k`, `!k`, `k in (a,b)`, `k notin (a,b)`, joined by commas.
import {KubectlError} from './errors.js';

type Requirement = {key: string; op: 'in' | 'notin' | 'exists' | '!exists'; values: string[]};

export type LabelSelector = (labels: Record<string, string> | undefined) => boolean;

export function parseLabelSelector(text: string): LabelSelector {
	const requirements: Requirement[] = [];
	for (const part of splitRequirements(text)) {
		const p = part.trim();
		if (p === '') continue;
		let m: RegExpExecArray | null;
		if ((m = /^([^\s!=(),]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) {
			requirements.push({key: m[1]!, op: m[2] as 'in' | 'notin', values: m[3]!.split(',').map((v) => v.trim())});
		} else if ((m = /^([^\s!=(),]+)\s*!=\s*([^\s!=(),]*)$/.exec(p))) {
			requirements.push({key: m[1]!, op: 'notin', values: [m[2]!]});
		} else if ((m = /^([^\s!=(),]+)\s*==?\s*([^\s!=(),]*)$/.exec(p))) {
			requirements.push({key: m[1]!, op: 'in', values: [m[2]!]});
		} else if ((m = /^!\s*([^\s!=(),]+)$/.exec(p))) {
			requirements.push({key: m[1]!, op: '!exists', values: []});
		} else if ((m = /^([^\s!=(),]+)$/.exec(p))) {
			requirements.push({key: m[1]!, op: 'exists', values: []});
		} else {
			throw new KubectlError(`error: unable to parse requirement: found '${p}', expected: ',' or 'end of string'\n`);
		}
	}
	return (labels) =>
		requirements.every((r) => {
			const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
			switch (r.op) {
				case 'exists':
					return has;
				case '!exists':
					return !has;
				case 'in':
					return has && r.values.includes(labels[r.key]!);
				case 'notin':
					return !has || !r.values.includes(labels[r.key]!);
			}
		});
}

function splitRequirements(text: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '(') depth++;
		else if (text[i] === ')') depth--;
		else if (text[i] === ',' && depth === 0) {
			parts.push(text.slice(start, i));
			start = i + 1;
		}
	}
	parts.push(text.slice(start));
	return parts;
}
