// A quick, lenient look at progress.json for the very first frame, drawn before the validating
// loader and zod are loaded (see commands/tutor.ts). Only what the home screen shows is read;
// anything unexpected returns undefined and the first frame waits for the real loader, which
// then decides (and moves a corrupted file aside with a message). It never blocks: a FIFO or any
// other odd file in the place of progress.json is 'unsure' too (see read.ts).
import {readProgressText} from './read.js';
import {PROGRESS_VERSION, type Progress} from './types.js';

export type Peeked = {kind: 'none'} | {kind: 'found'; progress: Progress} | {kind: 'unsure'};

export function peekProgress(file: string): Peeked {
	const read = readProgressText(file);
	if (read.kind === 'missing') return {kind: 'none'};
	if (read.kind !== 'text') return {kind: 'unsure'};
	try {
		const data = JSON.parse(read.text) as unknown;
		return plausible(data) ? {kind: 'found', progress: data} : {kind: 'unsure'};
	} catch {
		return {kind: 'unsure'};
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const whole = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0;

function plausible(data: unknown): data is Progress {
	if (!isObject(data) || data.version !== PROGRESS_VERSION || !whole(data.seed) || !isObject(data.lessons) || !isObject(data.practice)) return false;
	if (!['auto', 'on', 'off'].includes(data.colour as string)) return false;
	if (data.last !== undefined && (!isObject(data.last) || typeof data.last.lesson !== 'string' || !whole(data.last.step))) return false;
	return Object.values(data.lessons).every((l) => isObject(l) && whole(l.step) && whole(l.furthest) && typeof l.done === 'boolean' && isObject(l.answers));
}
