// Every parser in src/sim/net says why it refused an input, naming the input itself, so a learner
// (or a lesson author) sees what to fix instead of a bare "invalid".

export class NetParseError extends Error {
	override readonly name = 'NetParseError';

	constructor(
		/** The text exactly as it was given. */
		readonly input: string,
		/** What is wrong with it, without the input: `prefix length must be 0–32`. */
		readonly reason: string,
	) {
		super(`${JSON.stringify(input)}: ${reason}`);
	}
}

/**
 * A piece of the input named inside a reason (`"1x" is not a decimal number`): JSON-quoted so a
 * control character cannot break the line, and cut after 16 characters, since the whole input is
 * shown beside the reason anyway. `quoted: false` leaves plain digits bare (`256 is not in 0–255`).
 */
export function inputPiece(text: string, quoted = true): string {
	const cut = text.length > 16 ? `${text.slice(0, 16)}…` : text;
	return quoted ? JSON.stringify(cut) : cut;
}

/** The outcome of a `try…` parser: callers that handle bad input branch on `ok` instead of catching. */
export type Parsed<T> = {ok: true; value: T} | {ok: false; error: NetParseError};

export function parsed<T>(value: T): Parsed<T> {
	return {ok: true, value};
}

export function refused<T>(input: string, reason: string): Parsed<T> {
	return {ok: false, error: new NetParseError(input, reason)};
}

/** Unwraps a result for the throwing variants of the parsers. */
export function orThrow<T>(result: Parsed<T>): T {
	if (!result.ok) throw result.error;
	return result.value;
}
