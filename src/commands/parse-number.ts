import {UsageError} from './io.js';
import {quote} from './quote.js';

/** A whole number from a flag, or a UsageError naming the flag. */
export function wholeNumber(flag: string, text: string | undefined, min = 0): number | undefined {
	if (text === undefined) return undefined;
	if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
		throw new UsageError(`${flag} takes a whole number${min > 0 ? ` of at least ${min}` : ''}, not ${quote(text)}`);
	}
	return Number(text);
}
