// describe's output machinery (pkg/describe/describe.go): a PrefixWriter's two-space levels,
// tabbedString's tabwriter (padding 2), labels and annotations over several lines, and Events.
import type {ApiObject} from './api.js';
import {ageSince} from './duration.js';
import {num, record, str} from './json.js';
import {DESCRIBE_OPTIONS, tabwrite} from './tabwriter.js';

/** Lines at describe's indentation levels (two spaces each); `flush()` starts a new tabwriter run. */
export class DescribeWriter {
	private segments: string[] = [];
	private current = '';
	write(level: number, text: string): void {
		this.current += '  '.repeat(level) + text;
	}
	flush(): void {
		this.segments.push(this.current);
		this.current = '';
	}
	toString(): string {
		this.flush();
		return this.segments.map((s) => tabwrite(s, DESCRIBE_OPTIONS)).join('');
	}
}

export function writeLabels(w: DescribeWriter, title: string, labels: Record<string, string>): void {
	w.write(0, `${title}:\t`);
	const keys = Object.keys(labels).sort();
	if (keys.length === 0) {
		w.write(0, '<none>\n');
		return;
	}
	keys.forEach((key, i) => {
		if (i !== 0) w.write(0, '\t');
		w.write(0, `${key}=${labels[key]}\n`);
	});
}

const MAX_ANNOTATION_LEN = 140;

export function writeAnnotations(w: DescribeWriter, annotations: Record<string, string>, title = 'Annotations'): void {
	w.write(0, `${title}:\t`);
	const keys = Object.keys(annotations)
		.filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
		.sort();
	if (keys.length === 0) {
		w.write(0, '<none>\n');
		return;
	}
	keys.forEach((key, i) => {
		if (i !== 0) w.write(0, '\t');
		const value = annotations[key]!.replace(/\n$/, '');
		if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
			w.write(0, `${key}:\n`);
			for (const s of value.split('\n')) w.write(0, `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s}\n`);
		} else w.write(0, `${key}: ${value}\n`);
	});
}

export function writeHeader(w: DescribeWriter, o: ApiObject): void {
	w.write(0, `Name:\t${str(o, 'metadata', 'name')}\n`);
	w.write(0, `Namespace:\t${str(o, 'metadata', 'namespace') ?? ''}\n`);
	writeLabels(w, 'Labels', record(o, 'metadata', 'labels'));
	writeAnnotations(w, record(o, 'metadata', 'annotations'));
}

/** DescribeEvents, after a flush so the event table is aligned on its own. */
export function writeEvents(w: DescribeWriter, events: ApiObject[] | undefined, now: Date): void {
	if (events === undefined) return;
	if (events.length === 0) {
		w.write(0, 'Events:\t<none>\n');
		return;
	}
	w.flush();
	const time = (e: ApiObject): number => Date.parse(str(e, 'lastTimestamp') ?? str(e, 'firstTimestamp') ?? '') || 0;
	const sorted = [...events].sort((a, b) => time(a) - time(b));
	w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
	w.write(1, '----\t------\t----\t----\t-------\n');
	for (const e of sorted) {
		const first = ageSince(str(e, 'eventTime') ?? str(e, 'firstTimestamp'), now);
		const count = num(e, 'count') ?? 0;
		const interval = count > 1 ? `${ageSince(str(e, 'lastTimestamp'), now)} (x${count} over ${first})` : first;
		const source = str(e, 'source', 'component') || str(e, 'reportingComponent') || '';
		// kubectl v1.34 prints the message alone (later versions prefix involvedObject.fieldPath).
		const message = (str(e, 'message') ?? '').trim();
		w.write(1, `${str(e, 'type') ?? ''}\t${str(e, 'reason') ?? ''}\t${interval}\t${source}\t${message}\n`);
	}
}

