// A generator's params, as a lesson gives them (`quiz: {generate: KIND, params: {…}}`). Each kind
// names the params it reads; anything else is refused so a typo in a lesson fails loudly in the
// lesson tests instead of silently asking a different question.
import {seededRandom, type Random} from '../sim/random.js';
import {QuizError, type ParamValue, type QuizContext, type QuizKind, type QuizMode} from './types.js';

export class Params {
	private readonly values: Record<string, ParamValue>;

	constructor(
		private readonly kind: QuizKind,
		values: Record<string, ParamValue> | undefined,
		allowed: readonly string[],
	) {
		this.values = values ?? {};
		const known = new Set([...allowed, 'mode']);
		const unknown = Object.keys(this.values).filter((k) => !known.has(k));
		if (unknown.length > 0) {
			throw new QuizError(`${kind}: unknown param ${unknown.map((u) => JSON.stringify(u)).join(', ')} (known: ${[...known].join(', ')})`);
		}
	}

	has(name: string): boolean {
		return this.values[name] !== undefined;
	}

	string(name: string): string | undefined {
		const value = this.values[name];
		if (value === undefined) return undefined;
		if (typeof value === 'boolean') throw new QuizError(`${this.kind}: param ${name} must be text, not ${value}`);
		return String(value);
	}

	/** A whole number within [min, max]; numeric text is accepted, as YAML may quote it. */
	int(name: string, min: number, max: number): number | undefined {
		const value = this.values[name];
		if (value === undefined) return undefined;
		const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?[0-9]+$/.test(value.trim()) ? Number(value) : NaN;
		if (!Number.isInteger(n) || n < min || n > max) throw new QuizError(`${this.kind}: param ${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`);
		return n;
	}

	oneOf<T extends string>(name: string, options: readonly T[]): T | undefined {
		const value = this.string(name);
		if (value === undefined) return undefined;
		if (!(options as readonly string[]).includes(value)) throw new QuizError(`${this.kind}: param ${name} must be one of ${options.join(', ')}, not ${JSON.stringify(value)}`);
		return value as T;
	}
}

/** The mode asked for (context first, then a `mode` param), else the kind's own default. */
export function modeFor(ctx: QuizContext, params: Params, fallback: QuizMode): QuizMode {
	return ctx.mode ?? params.oneOf('mode', ['typed', 'choice'] as const) ?? fallback;
}

export interface Start {
	params: Params;
	random: Random;
	mode: QuizMode;
}

/** What every generator begins with: its checked params, its own seeded stream, its mode. */
export function begin(kind: QuizKind, ctx: QuizContext, allowed: readonly string[], defaultMode: QuizMode): Start {
	const params = new Params(kind, ctx.params, allowed);
	// A stream per kind: the same seed asks different kinds about different things.
	const random = seededRandom(ctx.seed).fork(kind);
	return {params, random, mode: modeFor(ctx, params, defaultMode)};
}
